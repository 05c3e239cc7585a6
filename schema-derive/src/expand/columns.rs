//! The column-handle struct of a model, emitted both for valid models and by the fallback, so
//! that other models can still reference this one's columns while it has errors.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn columns_struct(
    model: &syn::DeriveInput,
    fields: &[(&syn::Field, String)],
) -> (syn::Ident, TokenStream) {
    let ident = &model.ident;
    let vis = &model.vis;
    let columns_ident = format_ident!("{}Columns", ident);
    let doc =
        format!("Column handles of [`{ident}`], one per field; reach them as `{ident}::COLUMNS`.");
    let defs = fields.iter().map(|(f, sql)| {
        let (fvis, fident, fty) = (&f.vis, &f.ident, &f.ty);
        let doc = format!("The `{sql}` column.");
        quote!(#[doc = #doc] #fvis #fident: ::schema_core::Column<#ident, #fty>)
    });
    let values = fields.iter().map(|(f, sql)| {
        let fident = &f.ident;
        quote!(#fident: ::schema_core::Column::new(#sql))
    });
    let tokens = quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        #[allow(dead_code)]
        #vis struct #columns_ident {
            #(#defs,)*
        }

        impl #columns_ident {
            #[doc(hidden)]
            pub const fn __new() -> Self {
                #columns_ident { #(#values,)* }
            }
        }
    };
    (columns_ident, tokens)
}

/// The fields of a struct with named fields, each with its column name as far as it can be
/// read without the rest of the model being valid.
pub fn named_fields(input: &syn::DeriveInput) -> Vec<&syn::Field> {
    match &input.data {
        syn::Data::Struct(syn::DataStruct {
            fields: syn::Fields::Named(named),
            ..
        }) => named.named.iter().collect(),
        _ => Vec::new(),
    }
}
