//! What the query helpers need of a model: `FromRow` (rows → model), `Model` (key, column
//! values, the columns the helpers maintain), `Insertable` / `Changes` for its shapes, and the
//! `SoftDelete` / `Versioned` markers when it has those columns.

use super::shapes::{self, Wrap};
use crate::internals::resolve::{ColumnModel, TableModel};
use proc_macro2::TokenStream;
use quote::quote;

/// The written type's last path segment, when it has no generic arguments (`i32`, `bool`).
fn plain_type(column: &ColumnModel) -> Option<String> {
    match column.field.ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            last.arguments.is_none().then(|| last.ident.to_string())
        }
        _ => None,
    }
}

fn column_named<'m, 'c, 'a>(
    model: &'m TableModel<'c, 'a>,
    name: &str,
) -> Option<&'m ColumnModel<'c, 'a>> {
    model.columns.iter().find(|c| c.sql_name == name)
}

/// The `version` column: an integer, not nullable.
fn version_column<'m, 'c, 'a>(model: &'m TableModel<'c, 'a>) -> Option<&'m ColumnModel<'c, 'a>> {
    column_named(model, "version")
        .filter(|c| matches!(plain_type(c).as_deref(), Some("i16" | "i32" | "i64")))
}

/// The column's value as a parameter, from `value` (a reference to the field's value).
///
/// Through the probe: a raw `type = "..."` column's Rust type need not convert at all (an
/// error naming the column at run time), and a type without `PgType` is already an error on
/// the field, which a second error here would only repeat. The probe's traits are imported
/// once per function, by [`probe_traits`].
fn to_value(column: &ColumnModel, value: TokenStream) -> TokenStream {
    let sql = &column.sql_name;
    quote!((&&__q::Probe::value(#value)).to_value(#sql))
}

/// What a function calling [`to_value`] or the row probe starts with.
fn probe_traits() -> TokenStream {
    quote!(
        #[allow(unused_imports)]
        use ::schema_core::query::__private::{self as __q, Fallback as _, Specific as _};
    )
}

pub fn expand(model: &TableModel) -> TokenStream {
    let ident = model.container.ident;
    let q = quote!(::schema_core::query);
    let p = quote!(::schema_core::query::__private);
    let table = format!("{}.{}", model.schema, model.name);
    let width = model.columns.len();
    let uses = probe_traits();

    let reads = model.columns.iter().enumerate().map(|(i, c)| {
        let (field, ty, sql) = (c.field.ident, c.field.ty, &c.sql_name);
        quote!(#field: (&&__q::Probe::<#ty>::of()).read(&cursor, #i, #sql)?)
    });

    let key_columns: Vec<&ColumnModel> = model
        .primary_key
        .iter()
        .flat_map(|pk| pk.columns.iter())
        .filter_map(|name| column_named(model, name))
        .collect();
    let key_types: Vec<&syn::Type> = key_columns.iter().map(|c| c.field.ty).collect();
    let key_fields: Vec<&syn::Ident> = key_columns.iter().map(|c| c.field.ident).collect();
    let (key_type, key_value, key_values) = match key_columns.as_slice() {
        [] => (quote!(()), quote!(), quote!(::std::vec::Vec::new())),
        [only] => {
            let (ty, field) = (only.field.ty, only.field.ident);
            (
                quote!(#ty),
                quote!(::core::clone::Clone::clone(&self.#field)),
                quote!(::std::vec![#q::ToValue::to_value(key)?]),
            )
        }
        _ => {
            let index = (0..key_columns.len()).map(syn::Index::from);
            (
                quote!((#(#key_types,)*)),
                quote!((#(::core::clone::Clone::clone(&self.#key_fields),)*)),
                quote!(::std::vec![#(#q::ToValue::to_value(&key.#index)?),*]),
            )
        }
    };

    let value_arms = model.columns.iter().map(|c| {
        let (field, sql) = (c.field.ident, &c.sql_name);
        let value = to_value(c, quote!(&self.#field));
        quote!(#sql => #value)
    });

    let updated_at = column_named(model, "updated_at").map(|_| "updated_at");
    let version = version_column(model);
    let deleted_at = column_named(model, "deleted_at")
        .filter(|c| c.field.is_option())
        .map(|_| "deleted_at");
    let is_deleted = column_named(model, "is_deleted")
        .filter(|c| plain_type(c).as_deref() == Some("bool"))
        .map(|_| "is_deleted");
    let special = {
        let present = [
            ("updated_at", updated_at),
            ("version", version.map(|_| "version")),
            ("deleted_at", deleted_at),
            ("is_deleted", is_deleted),
        ];
        let fields = present.iter().filter_map(|(key, name)| {
            let key = quote::format_ident!("{}", key);
            name.map(|n| quote!(#key: ::core::option::Option::Some(#n),))
        });
        quote!(#q::Special { #(#fields)* ..#q::Special::__NONE })
    };
    let soft_delete = (deleted_at.is_some() || is_deleted.is_some())
        .then(|| quote!(#[automatically_derived] impl #q::SoftDelete for #ident {}));
    let versioned = version.map(|c| {
        let field = c.field.ident;
        quote! {
            #[automatically_derived]
            impl #q::Versioned for #ident {
                fn version(&self) -> ::core::primitive::i64 {
                    ::core::convert::From::from(self.#field)
                }
            }
        }
    });

    quote! {
        const _: () = {
            // Inline, as every method here: generated for a crate that calls it, not for
            // every model of the model crate.
            #[inline]
            fn read(cursor: #p::Cursor) -> ::core::result::Result<#ident, #q::RowError> {
                #uses
                ::core::result::Result::Ok(#ident { #(#reads,)* })
            }

            #[automatically_derived]
            impl #q::FromRow for #ident {
                const WIDTH: ::core::primitive::usize = #width;

                #[inline]
                fn from_row(row: &#p::Row) -> ::core::result::Result<Self, #q::RowError> {
                    read(#p::Cursor { row, start: ::core::option::Option::None, table: #table })
                }

                #[inline]
                fn from_row_at(
                    row: &#p::Row,
                    start: ::core::primitive::usize,
                ) -> ::core::result::Result<Self, #q::RowError> {
                    read(#p::Cursor { row, start: ::core::option::Option::Some(start), table: #table })
                }
            }
        };

        #[automatically_derived]
        impl #q::Model for #ident {
            type Key = #key_type;
            const SPECIAL: #q::Special = #special;

            #[inline]
            fn key(&self) -> Self::Key {
                #key_value
            }

            #[inline]
            fn key_values(
                key: &Self::Key,
            ) -> ::core::result::Result<::std::vec::Vec<#p::Value>, #q::ValueError> {
                #[allow(unused_variables)]
                let key = key;
                ::core::result::Result::Ok(#key_values)
            }

            #[inline]
            fn value_of(
                &self,
                column: &::core::primitive::str,
            ) -> ::core::option::Option<::core::result::Result<#p::Value, #q::ValueError>> {
                #uses
                ::core::option::Option::Some(match column {
                    #(#value_arms,)*
                    _ => return ::core::option::Option::None,
                })
            }
        }

        #soft_delete
        #versioned
    }
}

/// `Insertable` and `Changes` for the model's shapes, for a model that has them.
pub fn expand_shapes(model: &TableModel) -> TokenStream {
    let ident = model.container.ident;
    let q = quote!(::schema_core::query);
    let p = quote!(::schema_core::query::__private);
    let uses = probe_traits();
    let insert = shapes::insert_ident(model);
    let insert_pushes = shapes::insert_fields(model).into_iter().map(|f| {
        let (field, sql) = (f.column.field.ident, &f.column.sql_name);
        match f.wrap {
            Wrap::Same => {
                let value = to_value(f.column, quote!(&self.#field));
                quote!(values.push((#sql, #value?));)
            }
            Wrap::Optional => {
                let value = to_value(f.column, quote!(value));
                quote!(if let ::core::option::Option::Some(value) = &self.#field { values.push((#sql, #value?)); })
            }
        }
    });
    let patch = shapes::patch_ident(model);
    let patch_pushes = shapes::patch_fields(model).into_iter().map(|f| {
        let (field, sql) = (f.column.field.ident, &f.column.sql_name);
        let value = to_value(f.column, quote!(value));
        quote!(if let ::core::option::Option::Some(value) = &self.#field { values.push((#sql, #value?)); })
    });
    let values = quote!(::core::result::Result<
        ::std::vec::Vec<(&'static ::core::primitive::str, #p::Value)>,
        #q::ValueError,
    >);

    quote! {
        #[automatically_derived]
        impl #q::Insertable for #insert {
            type Model = #ident;

            #[inline]
            fn insert_values(&self) -> #values {
                #uses
                #[allow(unused_mut)]
                let mut values = ::std::vec::Vec::new();
                #(#insert_pushes)*
                ::core::result::Result::Ok(values)
            }
        }

        #[automatically_derived]
        impl #q::Changes for #patch {
            type Model = #ident;

            #[inline]
            fn changed_values(&self) -> #values {
                #uses
                #[allow(unused_mut)]
                let mut values = ::std::vec::Vec::new();
                #(#patch_pushes)*
                ::core::result::Result::Ok(values)
            }
        }

    }
}
