//! The `View` impl of a view's row struct: its query and kind; the rest is its `Table` impl.

use crate::internals::ast::ViewContainer;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(view: &ViewContainer) -> TokenStream {
    let ident = view.container.ident;
    let materialized = view.view.materialized.is_some();
    let with_no_data = view.view.with_no_data.is_some();
    let security_invoker = view.view.security_invoker.is_some().then(|| {
        quote!(
            const SECURITY_INVOKER: ::core::primitive::bool = true;
        )
    });
    let query = match &view.view.query {
        // Spanned at the expression: one that is not a `&'static str` is reported there.
        Some(query) => quote_spanned!(query.span()=> #query),
        None => quote!(""),
    };
    quote! {
        #[automatically_derived]
        impl ::schema_core::View for #ident {
            const MATERIALIZED: ::core::primitive::bool = #materialized;
            const QUERY: &'static ::core::primitive::str = #query;
            const WITH_NO_DATA: ::core::primitive::bool = #with_no_data;
            #security_invoker

            fn view_def() -> &'static ::schema_core::ViewDef {
                static DEF: ::schema_core::__private::OnceLock<::schema_core::ViewDef> =
                    ::schema_core::__private::OnceLock::new();
                DEF.get_or_init(::schema_core::__private::build_view_def::<Self>)
            }
        }
    }
}
