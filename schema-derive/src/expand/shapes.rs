//! The insert and update shapes of a model, like drizzle's `$inferInsert` and drizzle-zod's
//! update schema: `New<Model>` makes a column optional when it is nullable or has a default;
//! `<Model>Patch` makes every non-key column optional, a nullable one as `Option<Option<T>>`
//! so "leave as is" (absent) and "set NULL" (`null`) stay apart.

use crate::internals::resolve::{ColumnModel, TableModel};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// How a field's type is wrapped in a shape.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// The model's type as is.
    Same,
    /// `Option<T>` around the model's type.
    Optional,
}

/// A field of a shape: the model's column and how its type is wrapped.
pub struct ShapeField<'m, 'c, 'a> {
    pub column: &'m ColumnModel<'c, 'a>,
    pub wrap: Wrap,
}

pub fn insert_fields<'m, 'c, 'a>(model: &'m TableModel<'c, 'a>) -> Vec<ShapeField<'m, 'c, 'a>> {
    model
        .columns
        .iter()
        .map(|column| {
            let optional = column.field.attrs.default.is_some() && !column.field.is_option();
            ShapeField {
                column,
                wrap: if optional { Wrap::Optional } else { Wrap::Same },
            }
        })
        .collect()
}

pub fn patch_fields<'m, 'c, 'a>(model: &'m TableModel<'c, 'a>) -> Vec<ShapeField<'m, 'c, 'a>> {
    let key = model.primary_key.as_ref().map(|pk| &pk.columns);
    model
        .columns
        .iter()
        .filter(|c| !key.is_some_and(|k| k.contains(&c.sql_name)))
        .map(|column| ShapeField {
            column,
            wrap: Wrap::Optional,
        })
        .collect()
}

pub fn insert_ident(model: &TableModel) -> syn::Ident {
    format_ident!("New{}", model.container.ident)
}

pub fn patch_ident(model: &TableModel) -> syn::Ident {
    format_ident!("{}Patch", model.container.ident)
}

pub fn expand(model: &TableModel) -> TokenStream {
    let ident = model.container.ident;
    let vis = &model.container.original.vis;
    let serde = quote!(::schema_core::__private::serde);
    let insert = insert_ident(model);
    let patch = patch_ident(model);
    let insert_doc = format!(
        "A new row of [`{ident}`] (its insert shape): a column with a default is optional (`None` takes the default), a nullable one takes `None` for NULL."
    );
    let patch_doc = format!(
        "A change to a row of [`{ident}`] (its update shape): every column but the primary key, each optional; `None` leaves it as is, and a nullable column's `Some(None)` sets NULL."
    );
    let insert_defs = insert_fields(model).into_iter().map(|f| {
        let field = f.column.field;
        let (name, ty) = (field.ident, field.ty);
        let doc = field.doc.iter();
        let optional = f.wrap == Wrap::Optional || field.is_option();
        let ty = if f.wrap == Wrap::Optional {
            quote!(::core::option::Option<#ty>)
        } else {
            quote!(#ty)
        };
        // A defaulted NOT NULL column may be absent, but `null` is refused (not read as
        // "take the default"), as the generated Zod schema and `validate_json` refuse it.
        let present = (f.wrap == Wrap::Optional)
            .then(|| quote!(deserialize_with = "::schema_core::__private::present",));
        let attrs = optional.then(|| {
            quote!(#[serde(default, #present skip_serializing_if = "::core::option::Option::is_none")])
        });
        quote!(#(#[doc = #doc])* #attrs pub #name: #ty)
    });
    let patch_defs = patch_fields(model).into_iter().map(|f| {
        let field = f.column.field;
        let (name, ty) = (field.ident, field.ty);
        let doc = field.doc.iter();
        // Nullable: `null` is `Some(None)`, set NULL. NOT NULL: `null` is refused rather than
        // read as "leave as is", as the generated Zod schema and `validate_json` refuse it.
        let nested_null = if field.is_option() {
            quote!(deserialize_with = "::schema_core::__private::double_option",)
        } else {
            quote!(deserialize_with = "::schema_core::__private::present",)
        };
        quote! {
            #(#[doc = #doc])*
            #[serde(default, #nested_null skip_serializing_if = "::core::option::Option::is_none")]
            pub #name: ::core::option::Option<#ty>
        }
    });
    let insert_names: Vec<&syn::Ident> = insert_fields(model)
        .iter()
        .map(|f| f.column.field.ident)
        .collect();
    let patch_names: Vec<&syn::Ident> = patch_fields(model)
        .iter()
        .map(|f| f.column.field.ident)
        .collect();
    let types: Vec<&syn::Type> = model.columns.iter().map(|c| c.field.ty).collect();
    let bound = |traits: &str| -> String {
        types
            .iter()
            .map(|ty| format!("for<'__schema> {}: {traits}", quote!(#ty)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let serialize_bound = bound("::schema_core::__private::serde::Serialize");
    let deserialize_bound = bound("::schema_core::__private::serde::Deserialize<'de>");
    let insert_debug = debug_impl(&insert, &insert_names, &types);
    let patch_debug = debug_impl(&patch, &patch_names, &types);
    let insert_clone = clone_impl(&insert, &insert_names, &types);
    let patch_clone = clone_impl(&patch, &patch_names, &types);
    // Every impl is bounded by the field types' traits through higher-ranked bounds, which
    // the compiler does not check at the impl: a field type the model cannot map is reported
    // once (by `PgType`), and a type without `Debug`, `Clone` or serde only loses the shape's
    // impl of that trait instead of failing the model.
    quote! {
        #[doc = #insert_doc]
        #[derive(#serde::Serialize, #serde::Deserialize)]
        #[serde(
            crate = "::schema_core::__private::serde",
            bound(serialize = #serialize_bound, deserialize = #deserialize_bound)
        )]
        #vis struct #insert {
            #(#insert_defs,)*
        }

        #[doc = #patch_doc]
        #[derive(::core::default::Default, #serde::Serialize, #serde::Deserialize)]
        #[serde(
            crate = "::schema_core::__private::serde",
            bound(serialize = #serialize_bound, deserialize = #deserialize_bound)
        )]
        #vis struct #patch {
            #(#patch_defs,)*
        }

        #insert_debug
        #patch_debug
        #insert_clone
        #patch_clone
    }
}

fn debug_impl(ident: &syn::Ident, fields: &[&syn::Ident], types: &[&syn::Type]) -> TokenStream {
    let name = ident.to_string();
    let keys = fields
        .iter()
        .map(|f| f.to_string().trim_start_matches("r#").to_owned());
    quote! {
        impl ::core::fmt::Debug for #ident
        where
            #(for<'__schema> #types: ::core::fmt::Debug,)*
        {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name)
                    #(.field(#keys, &self.#fields))*
                    .finish()
            }
        }
    }
}

fn clone_impl(ident: &syn::Ident, fields: &[&syn::Ident], types: &[&syn::Type]) -> TokenStream {
    quote! {
        impl ::core::clone::Clone for #ident
        where
            #(for<'__schema> #types: ::core::clone::Clone,)*
        {
            fn clone(&self) -> Self {
                #ident {
                    #(#fields: ::core::clone::Clone::clone(&self.#fields),)*
                }
            }
        }
    }
}
