//! What is emitted beside compile errors: enough of the impls that code using the model (other
//! models' `references(..)`, `Schema::table::<T>()`, an enum's columns, defaults and query
//! parameters) type-checks, so one mistake is reported once instead of cascading into "trait
//! `Table` is not implemented" at every use.

use crate::expand::columns::{columns_struct, named_fields};
use crate::internals::relations::Relation;
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

        #[automatically_derived]
        impl ::schema_core::Table for #ident {
            const SCHEMA: &'static ::core::primitive::str = "";
            const NAME: &'static ::core::primitive::str = "";
            type Columns = #columns_ident;
            const COLUMNS: #columns_ident = #columns_ident::__new();

            const SPEC: &'static ::schema_core::__private::ModelSpec =
                &::schema_core::__private::ModelSpec::UNBUILT;

            fn table_def() -> &'static ::schema_core::TableDef {
                ::core::unreachable!("the model failed to compile")
            }
        }

        #[automatically_derived]
        impl ::schema_core::validate::Rules for #ident {
            fn rules() -> &'static ::schema_core::validate::ModelRules {
                ::core::unreachable!("the model failed to compile")
            }
        }
    }
}

/// The query helpers' impls and the `RELATIONS` constant, for a model with errors: code that
/// loads its relations or reads its rows still type-checks.
pub fn query(input: &syn::DeriveInput, relations: &[Relation]) -> TokenStream {
    if !input.generics.params.is_empty() || !matches!(input.data, syn::Data::Struct(_)) {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let q = quote!(::schema_core::query);
    let p = quote!(::schema_core::query::__private);
    let relations = crate::expand::relations::expand(input, relations, false);
    quote! {
        #relations

        #[automatically_derived]
        impl #q::FromRow for #ident {
            const WIDTH: ::core::primitive::usize = 0;

            fn from_row(_row: &#p::Row) -> ::core::result::Result<Self, #q::RowError> {
                ::core::unreachable!("the model failed to compile")
            }

            fn from_row_at(
                _row: &#p::Row,
                _start: ::core::primitive::usize,
            ) -> ::core::result::Result<Self, #q::RowError> {
                ::core::unreachable!("the model failed to compile")
            }
        }

        #[automatically_derived]
        impl #q::Model for #ident {
            type Key = ();
            const SPECIAL: #q::Special = #q::Special {
                updated_at: ::core::option::Option::None,
                version: ::core::option::Option::None,
                deleted_at: ::core::option::Option::None,
                is_deleted: ::core::option::Option::None,
            };

            fn key(&self) -> Self::Key {}

            fn key_values(
                _key: &Self::Key,
            ) -> ::core::result::Result<::std::vec::Vec<#p::Value>, #q::ValueError> {
                ::core::unreachable!("the model failed to compile")
            }

            fn value_of(
                &self,
                _column: &::core::primitive::str,
            ) -> ::core::option::Option<::core::result::Result<#p::Value, #q::ValueError>> {
                ::core::unreachable!("the model failed to compile")
            }
        }
    }
}

/// The `View` stub of a row struct with errors, beside its table stubs.
pub fn view(input: &syn::DeriveInput) -> TokenStream {
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    quote! {
        #[automatically_derived]
        impl ::schema_core::View for #ident {
            const MATERIALIZED: ::core::primitive::bool = false;
            const QUERY: &'static ::core::primitive::str = "";
            const WITH_NO_DATA: ::core::primitive::bool = false;

            fn view_def() -> &'static ::schema_core::ViewDef {
                ::core::unreachable!("the view failed to compile")
            }
        }
    }
}

/// The errors, and a `PgType` stub so that a table using the domain reports nothing more.
pub fn pg_domain(input: &syn::DeriveInput, error: syn::Error) -> TokenStream {
    let error = error.into_compile_error();
    if !input.generics.params.is_empty() {
        return error;
    }
    let ident = &input.ident;
    let p = quote!(::schema_core::__private);
    quote! {
        #error

        #[automatically_derived]
        impl ::schema_core::PgType for #ident {
            fn sql_type() -> #p::SqlType {
                ::core::unreachable!("the domain failed to compile")
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
    let p = quote!(::schema_core::__private);
    let checked = crate::expand::pg_enum::to_sql_checked();
    quote! {
        #error

        // `PgEnum` needs `Copy` and `ToSql` needs `Debug`; an enum lacking them (one with a
        // data-carrying variant cannot be `Copy`) must not get a second error from a stub. The
        // higher-ranked bounds are not checked here: the stub simply does not apply then.
        #[automatically_derived]
        impl ::schema_core::PgEnum for #ident
        where
            for<'__schema> #ident: ::core::marker::Copy,
        {
            const SCHEMA: &'static ::core::primitive::str = "";
            const NAME: &'static ::core::primitive::str = "";
            const VARIANTS: &'static [Self] = &[];
            const LABELS: &'static [&'static ::core::primitive::str] = &[];

            fn label(&self) -> &'static ::core::primitive::str {
                ::core::unreachable!("the enum failed to compile")
            }
        }

        #[automatically_derived]
        impl #p::serde::Serialize for #ident {
            fn serialize<S: #p::serde::Serializer>(
                &self,
                _serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::core::unreachable!("the enum failed to compile")
            }
        }

        #[automatically_derived]
        impl<'de> #p::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #p::serde::Deserializer<'de>>(
                _deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                ::core::unreachable!("the enum failed to compile")
            }
        }

        #[automatically_derived]
        impl ::schema_core::PgType for #ident {
            fn sql_type() -> #p::SqlType {
                ::core::unreachable!("the enum failed to compile")
            }
        }

        #[automatically_derived]
        impl #p::postgres_types::ToSql for #ident
        where
            for<'__schema> #ident: ::core::fmt::Debug,
        {
            fn to_sql(
                &self,
                _ty: &#p::postgres_types::Type,
                _out: &mut #p::BytesMut,
            ) -> ::core::result::Result<#p::postgres_types::IsNull, #p::BoxError> {
                ::core::unreachable!("the enum failed to compile")
            }

            fn accepts(_ty: &#p::postgres_types::Type) -> ::core::primitive::bool {
                ::core::unreachable!("the enum failed to compile")
            }

            #checked
        }

        #[automatically_derived]
        impl<'a> #p::postgres_types::FromSql<'a> for #ident {
            fn from_sql(
                _ty: &#p::postgres_types::Type,
                _raw: &'a [::core::primitive::u8],
            ) -> ::core::result::Result<Self, #p::BoxError> {
                ::core::unreachable!("the enum failed to compile")
            }

            fn accepts(_ty: &#p::postgres_types::Type) -> ::core::primitive::bool {
                ::core::unreachable!("the enum failed to compile")
            }
        }
    }
}

/// A `Validate` that finds nothing, beside the errors, so models nesting this one still build.
pub fn validate(input: &syn::DeriveInput, error: syn::Error) -> TokenStream {
    let error = error.into_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #error

        #[automatically_derived]
        impl #impl_generics ::schema_core::validate::Validate for #ident #ty_generics #where_clause {
            fn validate_at(
                &self,
                _path: &::schema_core::validate::Path,
                _issues: &mut ::std::vec::Vec<::schema_core::validate::Issue>,
            ) {
            }
        }
    }
}
