use crate::internals::ast::EnumContainer;
use crate::internals::resolve::EnumModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(container: &EnumContainer, model: &EnumModel) -> TokenStream {
    let ident = container.ident;
    let (schema, name) = (&model.schema, &model.name);
    let variants: Vec<_> = container.variants.iter().map(|v| v.ident).collect();
    let labels = &model.labels;
    let comment = match &container.doc {
        Some(doc) => quote!(::core::option::Option::Some(::std::string::String::from(#doc))),
        None => quote!(::core::option::Option::None),
    };
    let p = quote!(::schema_core::__private);
    let checked = to_sql_checked();
    let renamed = container
        .variants
        .iter()
        .zip(&model.labels)
        .filter_map(|(variant, label)| {
            let old = variant.renamed_from.as_ref()?;
            Some(quote!((
                ::std::string::String::from(#label),
                ::std::string::String::from(#old),
            )))
        });
    // `PgEnum` needs `Copy`. Without it the `PgEnum` impl fails, once, at the enum's name; the
    // other impls call into `PgEnum` and would each repeat that error, so they assume `Copy`
    // through a bound that is not checked at the impl (the code cannot compile without it).
    let copy = quote!(where for<'__schema> #ident: ::core::marker::Copy);
    quote! {
        #[automatically_derived]
        impl ::schema_core::PgEnum for #ident {
            const SCHEMA: &'static ::core::primitive::str = #schema;
            const NAME: &'static ::core::primitive::str = #name;
            const VARIANTS: &'static [Self] = &[#(#ident::#variants),*];
            const LABELS: &'static [&'static ::core::primitive::str] = &[#(#labels),*];

            fn label(&self) -> &'static ::core::primitive::str {
                match self {
                    #(#ident::#variants => #labels,)*
                }
            }

            fn from_label(label: &::core::primitive::str) -> ::core::option::Option<Self> {
                match label {
                    #(#labels => ::core::option::Option::Some(#ident::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }

            fn enum_def() -> ::schema_core::EnumDef {
                ::schema_core::EnumDef {
                    schema: ::std::string::String::from(#schema),
                    name: ::std::string::String::from(#name),
                    values: ::std::vec![#(::std::string::String::from(#labels)),*],
                    comment: #comment,
                    renamed_values: ::std::vec![#(#renamed),*],
                }
            }
        }

        #[automatically_derived]
        impl ::schema_core::PgType for #ident #copy {
            const DEFAULT_LITERAL: ::schema_core::DefaultLiteral =
                ::schema_core::DefaultLiteral::Label(<Self as ::schema_core::PgEnum>::LABELS);

            fn sql_type() -> #p::SqlType {
                #p::SqlType::enum_type(#schema, #name)
            }

            fn enum_def() -> ::core::option::Option<::schema_core::EnumDef> {
                ::core::option::Option::Some(<Self as ::schema_core::PgEnum>::enum_def())
            }
        }

        #[automatically_derived]
        impl #p::serde::Serialize for #ident #copy {
            fn serialize<S: #p::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(::schema_core::PgEnum::label(self))
            }
        }

        #[automatically_derived]
        impl<'de> #p::serde::Deserialize<'de> for #ident #copy {
            fn deserialize<D: #p::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                ::schema_core::pg_enum::deserialize(deserializer)
            }
        }

        #[automatically_derived]
        impl #p::postgres_types::ToSql for #ident #copy {
            fn to_sql(
                &self,
                _ty: &#p::postgres_types::Type,
                out: &mut #p::BytesMut,
            ) -> ::core::result::Result<#p::postgres_types::IsNull, #p::BoxError> {
                ::schema_core::pg_enum::to_sql(self, out)
            }

            fn accepts(ty: &#p::postgres_types::Type) -> ::core::primitive::bool {
                ::schema_core::pg_enum::accepts::<Self>(ty)
            }

            #checked
        }

        #[automatically_derived]
        impl<'a> #p::postgres_types::FromSql<'a> for #ident #copy {
            fn from_sql(
                _ty: &#p::postgres_types::Type,
                raw: &'a [::core::primitive::u8],
            ) -> ::core::result::Result<Self, #p::BoxError> {
                ::schema_core::pg_enum::from_sql(raw)
            }

            fn accepts(ty: &#p::postgres_types::Type) -> ::core::primitive::bool {
                ::schema_core::pg_enum::accepts::<Self>(ty)
            }
        }
    }
}

/// `ToSql::to_sql_checked`, spelled out: postgres-types' `to_sql_checked!` names `Box` unqualified,
/// which a user's scope may shadow.
pub fn to_sql_checked() -> TokenStream {
    let p = quote!(::schema_core::__private);
    quote! {
        fn to_sql_checked(
            &self,
            ty: &#p::postgres_types::Type,
            out: &mut #p::BytesMut,
        ) -> ::core::result::Result<#p::postgres_types::IsNull, #p::BoxError> {
            #p::postgres_types::__to_sql_checked(self, ty, out)
        }
    }
}
