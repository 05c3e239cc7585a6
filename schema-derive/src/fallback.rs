//! What is emitted beside compile errors: enough of the impls that code using the model (other
//! models' `references(..)`, `Schema::table::<T>()`) type-checks, so one mistake is reported
//! once instead of cascading into "trait `Table` is not implemented" at every use.

use crate::expand::columns::{columns_struct, named_fields};
use proc_macro2::TokenStream;
use quote::quote;

pub fn table(input: &syn::DeriveInput, error: syn::Error) -> TokenStream {
    let error = error.into_compile_error();
    if !input.generics.params.is_empty() {
        return error;
    }
    let ident = &input.ident;
    let fields: Vec<(&syn::Field, String)> = named_fields(input)
        .into_iter()
        .map(|f| {
            let name = f
                .ident
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            (f, name)
        })
        .collect();
    let (columns_ident, columns_tokens) = columns_struct(input, &fields);
    quote! {
        #error
        #columns_tokens

        impl ::schema_core::Table for #ident {
            const SCHEMA: &'static str = "";
            const NAME: &'static str = "";
            type Columns = #columns_ident;
            const COLUMNS: #columns_ident = #columns_ident::__new();

            fn table_def() -> &'static ::schema_core::TableDef {
                ::core::unreachable!("the model failed to compile")
            }

            fn enums() -> ::std::vec::Vec<::schema_core::EnumDef> {
                ::core::unreachable!("the model failed to compile")
            }
        }
    }
}

pub fn pg_enum(input: &syn::DeriveInput, error: syn::Error) -> TokenStream {
    let error = error.into_compile_error();
    if !input.generics.params.is_empty() || !matches!(input.data, syn::Data::Enum(_)) {
        return error;
    }
    let ident = &input.ident;
    quote! {
        #error

        impl ::schema_core::PgType for #ident {
            fn sql_type() -> ::schema_core::__private::SqlType {
                ::core::unreachable!("the enum failed to compile")
            }
        }
    }
}
