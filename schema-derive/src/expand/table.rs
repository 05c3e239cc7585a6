use super::columns::{columns_struct, named_fields};
use super::respan;
use crate::internals::attr::{literal, DefaultAttr, LiteralKind, TypeOverride};
use crate::internals::resolve::{ColumnModel, TableModel};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

pub fn expand(model: &TableModel) -> TokenStream {
    let container = model.container;
    let ident = container.ident;
    let fields: Vec<(&syn::Field, String)> = named_fields(container.original)
        .into_iter()
        .zip(model.columns.iter().map(|c| c.sql_name.clone()))
        .collect();
    let (columns_ident, columns_tokens) = columns_struct(container.original, &fields);
    let schema = &model.schema;
    let name = &model.name;
    let comment = option_string(container.doc.as_deref());
    let renamed_from = option_string(
        container
            .attrs
            .renamed_from
            .as_ref()
            .map(syn::LitStr::value)
            .as_deref(),
    );
    let columns = model.columns.iter().map(column_def);
    let primary_key = match &model.primary_key {
        Some(pk) => {
            let (pk_name, cols) = (&pk.name, &pk.columns);
            quote!(::core::option::Option::Some(::schema_core::__private::PrimaryKey {
                name: ::std::string::String::from(#pk_name),
                columns: ::std::vec![#(::std::string::String::from(#cols)),*],
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let uniques = model.uniques.iter().map(|u| {
        let (u_name, cols) = (&u.name, &u.columns);
        quote!(::schema_core::__private::UniqueConstraint {
            name: ::std::string::String::from(#u_name),
            columns: ::std::vec![#(::std::string::String::from(#cols)),*],
        })
    });
    let foreign_keys = model.columns.iter().filter_map(foreign_key);
    let indexes = model.indexes.iter().map(|index| {
        let (i_name, cols, unique) = (&index.name, &index.columns, index.unique);
        let method = match index.method.as_deref() {
            Some("hash") => quote!(Hash),
            Some("gin") => quote!(Gin),
            Some("gist") => quote!(Gist),
            Some("brin") => quote!(Brin),
            Some("spgist") => quote!(Spgist),
            _ => quote!(Btree),
        };
        let predicate = option_string(index.predicate.as_deref());
        quote!(::schema_core::__private::Index {
            name: ::std::string::String::from(#i_name),
            columns: ::std::vec![#(::std::string::String::from(#cols)),*],
            unique: #unique,
            method: ::schema_core::__private::IndexMethod::#method,
            predicate: #predicate,
        })
    });
    let checks = model.checks.iter().map(|check| {
        let (c_name, sql) = (&check.name, &check.sql);
        quote!(::schema_core::__private::CheckConstraint {
            name: ::std::string::String::from(#c_name),
            expression: ::std::string::String::from(#sql),
        })
    });
    let enum_sources = model
        .columns
        .iter()
        .filter(|c| !matches!(c.field.attrs.type_override, Some((_, TypeOverride::Raw(_)))))
        .map(|c| {
            let ty = c.field.ty;
            quote!(<#ty as ::schema_core::PgType>::enum_def())
        });

    let default_checks = model.columns.iter().filter_map(default_check);

    quote! {
        #columns_tokens
        #(#default_checks)*

        impl ::schema_core::Table for #ident {
            const SCHEMA: &'static ::core::primitive::str = #schema;
            const NAME: &'static ::core::primitive::str = #name;
            type Columns = #columns_ident;
            const COLUMNS: #columns_ident = #columns_ident::__new();

            fn table_def() -> &'static ::schema_core::TableDef {
                static DEF: ::schema_core::__private::OnceLock<::schema_core::TableDef> =
                    ::schema_core::__private::OnceLock::new();
                DEF.get_or_init(|| {
                    let mut table = ::schema_core::TableDef::new(#schema, #name);
                    table.comment = #comment;
                    table.columns = ::std::vec![#(#columns),*];
                    table.primary_key = #primary_key;
                    table.uniques = ::std::vec![#(#uniques),*];
                    table.foreign_keys = ::std::vec![#(#foreign_keys),*];
                    table.indexes = ::std::vec![#(#indexes),*];
                    table.checks = ::std::vec![#(#checks),*];
                    table.renamed_from = #renamed_from;
                    table.normalize();
                    table
                })
            }

            fn enums() -> ::std::vec::Vec<::schema_core::EnumDef> {
                ::schema_core::__private::enum_defs([#(#enum_sources),*])
            }
        }
    }
}

fn option_string(value: Option<&str>) -> TokenStream {
    match value {
        Some(s) => quote!(::core::option::Option::Some(::std::string::String::from(#s))),
        None => quote!(::core::option::Option::None),
    }
}

fn column_def(column: &ColumnModel) -> TokenStream {
    let field = column.field;
    let ty = field.ty;
    let sql_name = &column.sql_name;
    let p = quote!(::schema_core::__private);
    let trait_type = quote_spanned!(ty.span()=> <#ty as ::schema_core::PgType>::sql_type());
    let trait_nullable = quote_spanned!(ty.span()=> <#ty as ::schema_core::PgType>::NULLABLE);
    let (sql_type, nullable) = match &field.attrs.type_override {
        None => (trait_type, trait_nullable),
        Some((span, TypeOverride::Varchar(length))) => {
            let length = match length {
                Some(n) => quote!(::core::option::Option::Some(#n)),
                None => quote!(::core::option::Option::None),
            };
            let assert = quote_spanned!(*span=> #p::assert_text_column::<#ty>());
            (
                quote!({ #assert; #p::SqlType::Varchar { length: #length } }),
                trait_nullable,
            )
        }
        Some((span, TypeOverride::Numeric(precision, scale))) => {
            let assert = quote_spanned!(*span=> #p::assert_decimal_column::<#ty>());
            (
                quote!({ #assert; #p::SqlType::Numeric {
                    precision: ::core::option::Option::Some(#precision),
                    scale: ::core::option::Option::Some(#scale),
                } }),
                trait_nullable,
            )
        }
        Some((span, TypeOverride::Timestamp)) => {
            let assert = quote_spanned!(*span=> #p::assert_timestamp_column::<#ty>());
            (quote!({ #assert; #p::SqlType::Timestamp }), trait_nullable)
        }
        Some((_, TypeOverride::Raw(sql))) => {
            let nullable = field.is_option();
            (quote!(#p::SqlType::parse(#sql)), quote!(#nullable))
        }
    };
    let default = field.attrs.default.as_ref().map(|(_, d)| {
        let value = default_value(d, ty);
        quote!(column.default = ::core::option::Option::Some(#value);)
    });
    let comment = field.doc.as_ref().map(|doc| {
        quote!(column.comment = ::core::option::Option::Some(::std::string::String::from(#doc));)
    });
    let renamed_from = field.attrs.renamed_from.as_ref().map(|old| {
        quote!(column.renamed_from = ::core::option::Option::Some(::std::string::String::from(#old));)
    });
    let using = field.attrs.using.as_ref().map(|expression| {
        quote!(column.using = ::core::option::Option::Some(::std::string::String::from(#expression));)
    });
    quote!({
        #[allow(unused_mut)]
        let mut column = ::schema_core::ColumnDef::new(#sql_name, #sql_type, #nullable);
        #default
        #comment
        #renamed_from
        #using
        column
    })
}

fn default_value(default: &DefaultAttr, ty: &syn::Type) -> TokenStream {
    let p = quote!(::schema_core::__private);
    match default {
        DefaultAttr::Literal(expr) => match literal(expr) {
            LiteralKind::Bool(b) => quote!(#p::ColumnDefault::Bool(#b)),
            LiteralKind::Number { digits: n, .. } => {
                quote!(#p::ColumnDefault::Number(::std::string::String::from(#n)))
            }
            LiteralKind::Str(s) => {
                quote!(#p::ColumnDefault::String(::std::string::String::from(#s)))
            }
        },
        // `variant_label` also checks the variant is of the column's own enum type.
        DefaultAttr::Variant(path) => quote_spanned!(path.span()=>
            #p::ColumnDefault::String(::std::string::String::from(
                #p::variant_label::<#ty, _>(&#path)
            ))
        ),
        DefaultAttr::Now => quote!(#p::ColumnDefault::Now),
        DefaultAttr::Random => quote!(#p::ColumnDefault::RandomUuid),
        DefaultAttr::Sql(sql) => quote!(#p::ColumnDefault::Sql(::std::string::String::from(#sql))),
    }
}

/// The compile-time check of a literal default against the field's type: one `const` item,
/// spanned on the literal, that fails to evaluate when `PgType::DEFAULT_LITERAL` refuses the
/// literal. A raw `type = ".."` override has no Rust type to ask, so its default is unchecked.
fn default_check(column: &ColumnModel) -> Option<TokenStream> {
    let field = column.field;
    let Some((_, DefaultAttr::Literal(expr))) = &field.attrs.default else {
        return None;
    };
    if matches!(field.attrs.type_override, Some((_, TypeOverride::Raw(_)))) {
        return None;
    }
    let value = match literal(expr) {
        LiteralKind::Bool(b) => quote!(Bool(#b)),
        LiteralKind::Number { float: true, .. } => quote!(Float),
        LiteralKind::Number { digits, .. } => {
            // Beyond `i128` fits no integer column; saturating keeps the verdict right (short
            // of `i128::MIN`, whose negated digits would not parse back as an `i128`).
            let n = digits
                .parse::<i128>()
                .unwrap_or(if digits.starts_with('-') {
                    i128::MIN
                } else {
                    i128::MAX
                })
                .max(i128::MIN + 1);
            let n = proc_macro2::Literal::i128_unsuffixed(n);
            quote!(Int(#n))
        }
        LiteralKind::Str(s) => quote!(Str(#s)),
    };
    // Spanned like the column type's own `PgType` lookup: a type without `PgType` is then
    // one error (the compiler drops the identical second one), not one more per default.
    let ty = field.ty;
    let accepts = quote_spanned!(ty.span()=> <#ty as ::schema_core::PgType>::DEFAULT_LITERAL);
    // Every token of the call at the literal (its digits when negated: a span is one token
    // here), so the failed evaluation is reported there.
    let at = match expr {
        syn::Expr::Unary(unary) => unary.expr.span(),
        _ => expr.span(),
    };
    Some(quote_spanned!(at=>
        const _: () = ::schema_core::__private::check_default(
            #accepts,
            ::schema_core::__private::Literal::#value,
        );
    ))
}

fn foreign_key(column: &ColumnModel) -> Option<TokenStream> {
    let references = column.field.attrs.references.as_ref()?;
    let fk_name = column.foreign_key_name.as_ref()?;
    let p = quote!(::schema_core::__private);
    let ty = column.field.ty;
    let model = &references.model;
    let field = &references.field;
    let sql_name = &column.sql_name;
    let target_model = quote_spanned!(model.span()=> <#model as ::schema_core::Table>);
    // The type check is reported at the referenced field (`id` in `Folder::id`): the field's
    // own type is moved there, keeping its name resolution, so the error and its label
    // ("this column is `String`") sit on the column whose type disagrees.
    let at_field = respan(ty.to_token_stream(), field.span());
    let target_column = quote_spanned!(field.span()=>
        #target_model::COLUMNS.#field.__referenced_by::<#at_field>()
    );
    let action = |a: Option<&(syn::LitStr, &'static str)>| {
        let variant = match a.map(|(_, a)| *a) {
            Some("cascade") => quote!(Cascade),
            Some("set null") => quote!(SetNull),
            Some("set default") => quote!(SetDefault),
            Some("restrict") => quote!(Restrict),
            _ => quote!(NoAction),
        };
        quote!(#p::ReferentialAction::#variant)
    };
    let on_delete = action(column.field.attrs.on_delete.as_ref());
    let on_update = action(column.field.attrs.on_update.as_ref());
    Some(quote!(#p::ForeignKey {
        name: ::std::string::String::from(#fk_name),
        columns: ::std::vec![::std::string::String::from(#sql_name)],
        target: #p::QualifiedName::new(#target_model::SCHEMA, #target_model::NAME),
        target_columns: ::std::vec![::std::string::String::from(#target_column)],
        on_delete: #on_delete,
        on_update: #on_update,
    }))
}
