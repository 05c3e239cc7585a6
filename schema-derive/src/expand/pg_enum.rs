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
    quote! {
        impl ::schema_core::PgEnum for #ident {
            const SCHEMA: &'static str = #schema;
            const NAME: &'static str = #name;
            const VARIANTS: &'static [Self] = &[#(#ident::#variants),*];

            fn label(&self) -> &'static str {
                match self {
                    #(#ident::#variants => #labels,)*
                }
            }

            fn from_label(label: &str) -> ::core::option::Option<Self> {
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
                }
            }
        }

        impl ::schema_core::PgType for #ident {
            fn sql_type() -> #p::SqlType {
                #p::SqlType::enum_type(#schema, #name)
            }

            fn enum_def() -> ::core::option::Option<::schema_core::EnumDef> {
                ::core::option::Option::Some(<Self as ::schema_core::PgEnum>::enum_def())
            }
        }

        impl #p::postgres_types::ToSql for #ident {
            fn to_sql(
                &self,
                _ty: &#p::postgres_types::Type,
                out: &mut #p::BytesMut,
            ) -> ::core::result::Result<#p::postgres_types::IsNull, #p::BoxError> {
                ::schema_core::pg_enum::to_sql(self, out)
            }

            fn accepts(ty: &#p::postgres_types::Type) -> bool {
                ::schema_core::pg_enum::accepts::<Self>(ty)
            }

            #p::postgres_types::to_sql_checked!();
        }

        impl<'a> #p::postgres_types::FromSql<'a> for #ident {
            fn from_sql(
                _ty: &#p::postgres_types::Type,
                raw: &'a [u8],
            ) -> ::core::result::Result<Self, #p::BoxError> {
                ::schema_core::pg_enum::from_sql(raw)
            }

            fn accepts(ty: &#p::postgres_types::Type) -> bool {
                ::schema_core::pg_enum::accepts::<Self>(ty)
            }
        }
    }
}
