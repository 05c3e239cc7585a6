//! The insert and update shapes of a model, like drizzle's `$inferInsert` and drizzle-zod's
//! update schema: `New<Model>` makes a column optional when it is nullable, has a default or
//! is a `BY DEFAULT` identity; `<Model>Patch` makes every non-key column optional, a nullable
//! one as `Option<Option<T>>` so "leave as is" (absent) and "set NULL" (`null`) stay apart.
//! Neither has the columns PostgreSQL computes (`generated`) or numbers and refuses values
//! for (`identity(always)`), as drizzle-zod leaves them out; `<Model>Patch` neither has a
//! column a trigger sets on every update (`on_update_now`), which would overwrite its value.

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
    /// The column's position among the model's columns (and its rules).
    pub index: usize,
    pub wrap: Wrap,
}

/// Whether a query may give the column a value.
fn writable(column: &ColumnModel) -> bool {
    let attrs = &column.field.attrs;
    attrs.generated.is_none() && !attrs.identity.as_ref().is_some_and(|(_, i)| i.always)
}

pub fn insert_fields<'m, 'c, 'a>(model: &'m TableModel<'c, 'a>) -> Vec<ShapeField<'m, 'c, 'a>> {
    model
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| writable(c))
        .map(|(index, column)| {
            let attrs = &column.field.attrs;
            let optional =
                (attrs.default.is_some() || attrs.identity.is_some()) && !column.field.is_option();
            ShapeField {
                column,
                index,
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
        .enumerate()
        .filter(|(_, c)| {
            !key.is_some_and(|k| k.contains(&c.sql_name))
                && writable(c)
                && c.field.attrs.on_update_now.is_none()
        })
        .map(|(index, column)| ShapeField {
            column,
            index,
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

/// How a shape's field is read from JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Must be present (a NOT NULL column without a default, in the insert shape).
    Required,
    /// May be absent; `null` is the field type's own `None` (a nullable column, insert shape).
    Optional,
    /// May be absent; when present it is the inner type, so `null` is the inner type's:
    /// refused for a NOT NULL column, "set NULL" for a nullable one in the update shape.
    Present,
}

struct Field<'f> {
    ident: &'f syn::Ident,
    key: String,
    ty: TokenStream,
    /// What is read from JSON: the model's type (`ty` without the shape's `Option`).
    read_ty: &'f syn::Type,
    doc: &'f Option<String>,
    read: Read,
}

/// The JSON name of a field: its Rust name without `r#`, as serde names it.
pub fn json_key(ident: &syn::Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_owned()
}

pub fn expand(model: &TableModel) -> TokenStream {
    let ident = model.container.ident;
    let vis = &model.container.original.vis;
    let insert = insert_ident(model);
    let patch = patch_ident(model);
    let insert_doc = format!(
        "A new row of [`{ident}`] (its insert shape): a column with a default is optional (`None` takes the default), a nullable one takes `None` for NULL."
    );
    let patch_doc = format!(
        "A change to a row of [`{ident}`] (its update shape): every column but the primary key, each optional; `None` leaves it as is, and a nullable column's `Some(None)` sets NULL."
    );
    let insert_fields: Vec<Field> = insert_fields(model)
        .into_iter()
        .map(|f| {
            let field = f.column.field;
            let ty = field.ty;
            let (ty, read) = match f.wrap {
                Wrap::Optional => (quote!(::core::option::Option<#ty>), Read::Present),
                Wrap::Same if field.is_option() => (quote!(#ty), Read::Optional),
                Wrap::Same => (quote!(#ty), Read::Required),
            };
            Field {
                ident: field.ident,
                key: json_key(field.ident),
                ty,
                read_ty: field.ty,
                doc: &field.doc,
                read,
            }
        })
        .collect();
    let patch_fields: Vec<Field> = patch_fields(model)
        .into_iter()
        .map(|f| {
            let field = f.column.field;
            let ty = field.ty;
            Field {
                ident: field.ident,
                key: json_key(field.ident),
                ty: quote!(::core::option::Option<#ty>),
                read_ty: ty,
                doc: &field.doc,
                read: Read::Present,
            }
        })
        .collect();
    // Each field type once in the bounds: models repeat `String` and `Option<..>` a lot.
    let mut types: Vec<&syn::Type> = Vec::new();
    for column in &model.columns {
        if !types.contains(&column.field.ty) {
            types.push(column.field.ty);
        }
    }
    let insert_struct = shape(vis, &insert, &insert_doc, &insert_fields, &types, false);
    let patch_struct = shape(vis, &patch, &patch_doc, &patch_fields, &types, true);
    quote!(#insert_struct #patch_struct)
}

/// A shape struct with its `Debug`, `Clone` and serde impls.
///
/// Every impl is bounded by the field types' traits through higher-ranked bounds, which the
/// compiler does not check at the impl: a field type the model cannot map is reported once (by
/// `PgType`), and a type without `Debug`, `Clone` or serde only loses the shape's impl of that
/// trait instead of failing the model.
fn shape(
    vis: &syn::Visibility,
    ident: &syn::Ident,
    doc: &str,
    fields: &[Field],
    types: &[&syn::Type],
    default: bool,
) -> TokenStream {
    // The impls sit in a `const _` block importing these, which keeps each path short.
    let (serde, shape) = (quote!(__s), quote!(__sh));
    let name = ident.to_string();
    let bounds = |tr: TokenStream| quote!(where #(for<'__schema> #types: #tr,)*);
    let defs = fields.iter().map(|f| {
        let (field, ty) = (f.ident, &f.ty);
        let doc = f.doc.iter();
        quote!(#(#[doc = #doc])* pub #field: #ty)
    });
    let idents: Vec<&syn::Ident> = fields.iter().map(|f| f.ident).collect();
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    let derive_default = default.then(|| quote!(#[derive(::core::default::Default)]));

    let writes = fields.iter().map(|f| {
        let (field, key) = (f.ident, &f.key);
        match f.read {
            Read::Required => quote!((#key, #shape::field(&self.#field))),
            _ => quote!((#key, #shape::optional(&self.#field))),
        }
    });
    let slots = fields.iter().enumerate().map(|(i, f)| {
        let (slot, ty, read_ty) = (quote::format_ident!("__{}", i), &f.ty, f.read_ty);
        match f.read {
            Read::Present => {
                quote!(let mut #slot: #shape::Present<#read_ty> = #shape::Present(__O::None);)
            }
            _ => quote!(let mut #slot: #shape::Value<#ty> = #shape::Value(__O::None);),
        }
    });
    let refs = (0..fields.len()).map(|i| {
        let slot = quote::format_ident!("__{}", i);
        quote!(&mut #slot as &mut dyn #shape::Slot<'de>)
    });
    let finish = fields.iter().enumerate().map(|(i, f)| {
        let (field, slot, key) = (f.ident, quote::format_ident!("__{}", i), &f.key);
        match f.read {
            Read::Required => quote!(#field: #shape::required(#slot, #key)?),
            Read::Optional | Read::Present => quote!(#field: #slot.0.flatten()),
        }
    });
    let debug_bounds = bounds(quote!(::core::fmt::Debug));
    let clone_bounds = bounds(quote!(::core::clone::Clone));
    let ser_bounds = bounds(quote!(#serde::Serialize));
    let de_bounds = bounds(quote!(#serde::Deserialize<'de>));
    quote! {
        #[doc = #doc]
        #derive_default
        #vis struct #ident {
            #(#defs,)*
        }

        const _: () = {
            use ::core::option::Option as __O;
            use ::schema_core::__private::{serde as __s, shape as __sh};

            #[automatically_derived]
            impl ::core::fmt::Debug for #ident #debug_bounds {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#name)
                        #(.field(#keys, &self.#idents))*
                        .finish()
                }
            }

            #[automatically_derived]
            impl ::core::clone::Clone for #ident #clone_bounds {
                #[inline]
                fn clone(&self) -> Self {
                    #ident { #(#idents: ::core::clone::Clone::clone(&self.#idents),)* }
                }
            }

            #[automatically_derived]
            impl #serde::Serialize for #ident #ser_bounds {
                fn serialize<S: #serde::Serializer>(&self, serializer: S) -> __sh::Result<S::Ok, S::Error> {
                    #shape::write_struct(serializer, #name, &[#(#writes),*])
                }
            }

            #[automatically_derived]
            impl<'de> #serde::Deserialize<'de> for #ident #de_bounds {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> __sh::Result<Self, D::Error> {
                    #(#slots)*
                    #shape::read_struct(deserializer, #name, &[#(#keys),*], &mut [#(#refs),*])?;
                    __sh::Result::Ok(#ident { #(#finish,)* })
                }
            }
        };
    }
}
