//! `#[derive(Validate)]` on a plain struct: a value nested in a model (a `Json<T>` column, or a
//! field marked `#[validate(nested)]`) with rules of its own. Same rules and checks as a model's,
//! without the column-implied ones.

use super::validate::{check_tokens, checked_call, kind_assertion};
use crate::internals::ast::ValidateContainer;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn expand(container: &ValidateContainer) -> TokenStream {
    let ident = container.ident;
    let v = quote!(::schema_core::validate);
    let mut statics = Vec::new();
    let mut assertions = Vec::new();
    let mut statements = Vec::new();
    for field in &container.fields {
        let name = field.ident;
        let key = name.to_string().trim_start_matches("r#").to_owned();
        let ty = field.ty;
        let attrs = &field.validate;
        for rule in &attrs.rules {
            assertions.push(kind_assertion(rule, ty));
        }
        if !attrs.rules.is_empty() {
            let checks_ident = format_ident!("__SCHEMA_CHECKS_{}", key.to_uppercase());
            let checks: Vec<TokenStream> = attrs
                .rules
                .iter()
                .enumerate()
                .map(|(i, rule)| {
                    check_tokens(rule, &format!("{}_{i}", key.to_uppercase()), &mut statics)
                })
                .collect();
            let count = checks.len();
            statics.push(quote!(static #checks_ident: [#v::Check; #count] = [#(#checks),*];));
            statements.push(checked_call(name, &quote!(&#checks_ident), &key));
        }
        if attrs.nested.is_some() {
            statements
                .push(quote!(#v::Validate::validate_at(&self.#name, &path.key(#key), issues);));
        }
        if let Some(function) = &attrs.custom {
            statements.push(quote!(#v::custom(#function(&self.#name), &path.key(#key), issues);));
        }
    }
    let (impl_generics, ty_generics, where_clause) = container.original.generics.split_for_impl();
    quote! {
        const _: () = {
            #(#statics)*
            #(#assertions)*

            #[automatically_derived]
            impl #impl_generics #v::Validate for #ident #ty_generics #where_clause {
                fn validate_at(&self, path: &#v::Path, issues: &mut ::std::vec::Vec<#v::Issue>) {
                    #(#statements)*
                }
            }
        };
    }
}
