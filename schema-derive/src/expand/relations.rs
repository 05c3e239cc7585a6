//! The `RELATIONS` constant of a model: one typed relation per `references(..)` column and per
//! `#[has_many(..)]` / `#[has_one(..)]`.
//!
//! The relations are built by `const fn`s whose bounds compare the column types, so a field
//! the other model lacks, or columns of different types, fail at the token the user wrote.

use super::respan;
use crate::internals::relations::{relation_ident, Relation, RelationKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

/// `checked`: build with the type-comparing constructors. The fallback passes `false`: the
/// model already has errors, and the relations only need to exist.
pub fn expand(input: &syn::DeriveInput, relations: &[Relation], checked: bool) -> TokenStream {
    let ident = &input.ident;
    let vis = &input.vis;
    let q = quote!(::schema_core::query);
    let relations_ident = format_ident!("{}Relations", ident);
    let columns_ident = format_ident!("{}Columns", ident);
    let doc = format!("The relations of [`{ident}`]; reach them as `{ident}::RELATIONS`.");
    let table = |path: &syn::Path| quote!(<#path as ::schema_core::Table>);
    let own = quote!(<#ident as ::schema_core::Table>);
    let mut fields = Vec::new();
    let mut values = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for relation in relations {
        // The fallback may see duplicate or invalid names (already reported): skip them, so
        // the struct still compiles.
        let Some(mut name) = relation_ident(&relation.name) else {
            continue;
        };
        if seen.contains(&relation.name.as_str()) {
            continue;
        }
        seen.push(&relation.name);
        name.set_span(relation.span);
        let sql_name = &relation.name;
        let target = &relation.target;
        let t = table(target);
        let (ty, value, doc) = match &relation.kind {
            RelationKind::BelongsTo {
                foreign_key,
                target_field,
            } => {
                // The column types were compared by the foreign key itself; compare them
                // again and a mismatch would be reported twice.
                let value = quote_spanned!(foreign_key.span()=>
                    #q::BelongsTo::__unchecked(
                        #sql_name,
                        #own::COLUMNS.#foreign_key.name(),
                        #t::COLUMNS.#target_field.name(),
                    )
                );
                (
                    quote!(#q::BelongsTo<#ident, #target>),
                    value,
                    format!("The `{}` row `{foreign_key}` references.", quote!(#target)),
                )
            }
            RelationKind::HasMany { key, foreign_key }
            | RelationKind::HasOne { key, foreign_key } => {
                let one = matches!(relation.kind, RelationKind::HasOne { .. });
                let kind = if one { quote!(HasOne) } else { quote!(HasMany) };
                let value = if checked {
                    // The whole call at the foreign key, so an unmet type bound is shown there.
                    let call = quote!(#q::#kind::new(#sql_name, #own::COLUMNS.#key, #t::COLUMNS.#foreign_key));
                    respan(call, foreign_key.span())
                } else {
                    quote!(#q::#kind::__unchecked(#sql_name, "", ""))
                };
                let doc = format!(
                    "The `{}` row{} whose `{foreign_key}` references this row's `{key}`.",
                    quote!(#target),
                    if one { "" } else { "s" }
                );
                (quote!(#q::#kind<#ident, #target>), value, doc)
            }
            RelationKind::ManyToMany {
                key,
                junction,
                from,
                to,
                target_key,
            } => {
                let j = table(junction);
                let value = if checked {
                    // One check per junction column, each shown at that column: the
                    // referenced column comes first, so its type is fixed before the
                    // junction column's type is compared with it.
                    let from_check = respan(
                        quote!(#q::ManyToMany::<#ident, #target, #junction>::__link(#own::COLUMNS.#key, #j::COLUMNS.#from)),
                        from.span(),
                    );
                    let to_check = respan(
                        quote!(#q::ManyToMany::<#ident, #target, #junction>::__link(#t::COLUMNS.#target_key, #j::COLUMNS.#to)),
                        to.span(),
                    );
                    quote!(#q::ManyToMany::__new(#sql_name, #from_check, #to_check))
                } else {
                    quote!(#q::ManyToMany::__unchecked(#sql_name))
                };
                let doc = format!(
                    "The `{}` rows linked to this row through `{}`.",
                    quote!(#target),
                    quote!(#junction)
                );
                (
                    quote!(#q::ManyToMany<#ident, #target, #junction>),
                    value,
                    doc,
                )
            }
        };
        fields.push(quote!(#[doc = #doc] pub #name: #ty));
        values.push(quote!(#name: #value));
    }
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        #[allow(dead_code)]
        #vis struct #relations_ident {
            #(#fields,)*
        }

        #[allow(dead_code)]
        impl #ident {
            /// The model's column handles (also `<Self as Table>::COLUMNS`), reachable without
            /// importing the `Table` trait.
            pub const COLUMNS: #columns_ident = #columns_ident::__new();

            /// The model's relations: belongs-to per `references(..)` column, then its
            /// `#[has_many(..)]` / `#[has_one(..)]`.
            pub const RELATIONS: #relations_ident = #relations_ident { #(#values,)* };
        }
    }
}
