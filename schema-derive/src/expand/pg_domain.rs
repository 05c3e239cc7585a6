//! `#[derive(PgDomain)]`: the domain's definition, and the newtype as a column type, a
//! validated value, a parameter and a result column, each the inner value's with the domain's
//! rules.

use super::pg_enum::to_sql_checked;
use super::validate::{check_tokens, kind_assertion};
use crate::internals::ast::DomainContainer;
use crate::internals::resolve::DomainModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(container: &DomainContainer, inner: &syn::Type, model: &DomainModel) -> TokenStream {
    let ident = container.ident;
    let (schema, name) = (&model.schema, &model.name);
    let p = quote!(::schema_core::__private);
    let v = quote!(::schema_core::validate);
    let mut statics = Vec::new();
    let rules: Vec<TokenStream> = container
        .validate
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| check_tokens(rule, &format!("DOMAIN_{i}"), &mut statics))
        .collect();
    let assertions = container
        .validate
        .rules
        .iter()
        .map(|rule| kind_assertion(rule, inner));
    let count = rules.len();
    let not_null = container.attrs.not_null.is_some();
    let sql_checks = container.attrs.checks.iter().map(|check| {
        let (check_name, sql) = (&check.name, &check.sql);
        quote!((#check_name, #sql))
    });
    let checked = to_sql_checked();
    quote! {
        const _: () = {
            #(#statics)*
            #(#assertions)*
            static __SCHEMA_DOMAIN_RULES: [#v::Check; #count] = [#(#rules),*];

            #[automatically_derived]
            impl ::schema_core::PgDomain for #ident {
                const SCHEMA: &'static ::core::primitive::str = #schema;
                const NAME: &'static ::core::primitive::str = #name;

                fn rules() -> &'static [#v::Check] {
                    &__SCHEMA_DOMAIN_RULES
                }

                fn domain_def() -> ::schema_core::DomainDef {
                    ::schema_core::pg_domain::domain_def(
                        #schema,
                        #name,
                        <#inner as ::schema_core::PgType>::sql_type(),
                        #not_null,
                        &__SCHEMA_DOMAIN_RULES,
                        &[#(#sql_checks),*],
                    )
                }
            }

            #[automatically_derived]
            impl ::schema_core::PgType for #ident {
                const DEFAULT_LITERAL: ::schema_core::DefaultLiteral =
                    <#inner as ::schema_core::PgType>::DEFAULT_LITERAL;

                fn sql_type() -> #p::SqlType {
                    #p::SqlType::Domain {
                        schema: ::std::string::String::from(#schema),
                        name: ::std::string::String::from(#name),
                    }
                }

                fn enum_def() -> ::core::option::Option<::schema_core::EnumDef> {
                    <#inner as ::schema_core::PgType>::enum_def()
                }

                fn extension() -> ::core::option::Option<::schema_core::Extension> {
                    <#inner as ::schema_core::PgType>::extension()
                }

                fn domain_def() -> ::core::option::Option<::schema_core::DomainDef> {
                    ::core::option::Option::Some(<Self as ::schema_core::PgDomain>::domain_def())
                }

                fn __validate_domain(
                    &self,
                    path: &#v::Path,
                    issues: &mut ::std::vec::Vec<#v::Issue>,
                ) {
                    #[allow(unused_imports)]
                    use #v::__probe::{Fallback as _, Specific as _};
                    (&&#v::__probe::Probe(&self.0)).check(&__SCHEMA_DOMAIN_RULES, path, issues);
                }
            }

            #[automatically_derived]
            impl #v::Validate for #ident {
                fn validate_at(&self, path: &#v::Path, issues: &mut ::std::vec::Vec<#v::Issue>) {
                    ::schema_core::PgType::__validate_domain(self, path, issues);
                }
            }

            #[automatically_derived]
            impl ::schema_core::query::ToValue for #ident {
                fn to_value(
                    &self,
                ) -> ::core::result::Result<
                    ::schema_core::query::__private::Value,
                    ::schema_core::query::ValueError,
                > {
                    ::schema_core::query::ToValue::to_value(&self.0)
                }

                fn null() -> ::schema_core::query::__private::Value {
                    <#inner as ::schema_core::query::ToValue>::null()
                }

                fn array_type() -> ::schema_core::query::__private::ArrayType {
                    <#inner as ::schema_core::query::ToValue>::array_type()
                }
            }

            #[automatically_derived]
            impl #p::serde::Serialize for #ident {
                fn serialize<S: #p::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    #p::serde::Serialize::serialize(&self.0, serializer)
                }
            }

            #[automatically_derived]
            impl<'de> #p::serde::Deserialize<'de> for #ident {
                fn deserialize<D: #p::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    <#inner as #p::serde::Deserialize<'de>>::deserialize(deserializer).map(#ident)
                }
            }

            #[automatically_derived]
            impl #p::postgres_types::ToSql for #ident {
                fn to_sql(
                    &self,
                    ty: &#p::postgres_types::Type,
                    out: &mut #p::BytesMut,
                ) -> ::core::result::Result<#p::postgres_types::IsNull, #p::BoxError> {
                    ::schema_core::pg_domain::to_sql(&self.0, ty, out)
                }

                fn accepts(ty: &#p::postgres_types::Type) -> ::core::primitive::bool {
                    ::schema_core::pg_domain::accepts_to::<#inner>(ty)
                }

                #checked
            }

            #[automatically_derived]
            impl<'a> #p::postgres_types::FromSql<'a> for #ident {
                fn from_sql(
                    ty: &#p::postgres_types::Type,
                    raw: &'a [::core::primitive::u8],
                ) -> ::core::result::Result<Self, #p::BoxError> {
                    ::schema_core::pg_domain::from_sql::<#inner>(ty, raw).map(#ident)
                }

                fn accepts(ty: &#p::postgres_types::Type) -> ::core::primitive::bool {
                    ::schema_core::pg_domain::accepts_from::<#inner>(ty)
                }
            }
        };
    }
}
