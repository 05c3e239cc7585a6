use super::columns::{columns_struct, named_fields};
use super::respan;
use crate::internals::attr::{DefaultAttr, Deferral, LiteralKind, TypeOverride};
use crate::internals::resolve::{ColumnModel, IndexKeyModel, TableModel};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

pub fn expand(model: &TableModel) -> TokenStream {
    expand_as(model, false)
}

/// The `Table` impl of a table model, or of a view's row struct (`view`), which says so.
pub fn expand_as(model: &TableModel, view: bool) -> TokenStream {
    let view_marker = view.then(|| {
        quote!(
            const __VIEW: ::core::primitive::bool = true;
        )
    });
    let container = model.container;
    let ident = container.ident;
    let fields: Vec<(&syn::Field, String)> = named_fields(container.original)
        .into_iter()
        .zip(model.columns.iter().map(|c| c.sql_name.clone()))
        .collect();
    let (columns_ident, columns_tokens) = columns_struct(container.original, &fields);
    let schema = &model.schema;
    let name = &model.name;
    let mut assertions = Vec::new();
    let columns: Vec<TokenStream> = model
        .columns
        .iter()
        .map(|c| column_spec(c, &mut assertions))
        .collect();
    let key =
        |name: &str, cols: &[String]| quote!(__p::KeySpec { name: #name, columns: &[#(#cols),*] });
    // Only what the model has; the rest comes from `ModelSpec::UNBUILT`, which has nothing.
    let mut parts = Vec::new();
    if let Some(doc) = &container.doc {
        parts.push(quote!(comment: ::core::option::Option::Some(#doc),));
    }
    if let Some(old) = &container.attrs.renamed_from {
        parts.push(quote!(renamed_from: ::core::option::Option::Some(#old),));
    }
    if let Some(pk) = &model.primary_key {
        let pk = key(&pk.name, &pk.columns);
        parts.push(quote!(primary_key: ::core::option::Option::Some(#pk),));
    }
    if !model.uniques.is_empty() {
        let uniques = model.uniques.iter().map(|u| key(&u.name, &u.columns));
        parts.push(quote!(uniques: &[#(#uniques),*],));
    }
    let foreign_keys: Vec<TokenStream> = model.columns.iter().filter_map(foreign_key).collect();
    if !foreign_keys.is_empty() {
        parts.push(quote!(foreign_keys: &[#(#foreign_keys),*],));
    }
    if !model.indexes.is_empty() {
        let indexes = model.indexes.iter().map(|index| {
            let (i_name, cols, unique) = (&index.name, &index.columns, index.unique);
            let method = method_variant(index.method.as_deref());
            let predicate = option_str(index.predicate.as_deref());
            let keys = index.keys.iter().map(index_key_spec);
            // A plain index lists its columns; one with richer keys lists them in `keys`.
            let cols: &[String] = if index.keys.is_empty() { cols } else { &[] };
            let include = &index.include;
            let nulls_not_distinct = index.nulls_not_distinct;
            let with = index
                .with
                .iter()
                .map(|(name, value)| quote!((#name, #value)));
            quote!(__p::IndexSpec {
                name: #i_name,
                columns: &[#(#cols),*],
                keys: &[#(#keys),*],
                include: &[#(#include),*],
                nulls_not_distinct: #nulls_not_distinct,
                with: &[#(#with),*],
                unique: #unique,
                method: __p::IndexMethod::#method,
                predicate: #predicate,
            })
        });
        parts.push(quote!(indexes: &[#(#indexes),*],));
    }
    if !model.checks.is_empty() {
        let checks = model.checks.iter().map(|check| {
            let (c_name, sql) = (&check.name, &check.sql);
            quote!(__p::CheckSpec { name: #c_name, expression: #sql })
        });
        parts.push(quote!(checks: &[#(#checks),*],));
    }
    // Written only for the keys that have one: most have none, and cost nothing for it.
    let deferrals: Vec<TokenStream> = model
        .primary_key
        .iter()
        .chain(&model.uniques)
        .filter_map(|k| {
            let name = &k.name;
            let variant = match k.deferral? {
                Deferral::InitiallyImmediate => quote!(InitiallyImmediate),
                Deferral::InitiallyDeferred => quote!(InitiallyDeferred),
            };
            Some(quote!((#name, __p::Deferrable::#variant)))
        })
        .collect();
    if !deferrals.is_empty() {
        parts.push(quote!(key_deferrals: &[#(#deferrals),*],));
    }
    if !model.exclusions.is_empty() {
        let exclusions = model.exclusions.iter().map(|x| {
            let (x_name, operators) = (&x.name, &x.operators);
            let method = method_variant(x.method.as_deref());
            let keys = x.keys.iter().map(index_key_spec);
            let predicate = option_str(x.predicate.as_deref());
            quote!(__p::ExclusionSpec {
                name: #x_name,
                method: __p::IndexMethod::#method,
                keys: &[#(#keys),*],
                operators: &[#(#operators),*],
                predicate: #predicate,
            })
        });
        parts.push(quote!(exclusions: &[#(#exclusions),*],));
    }
    if !container.attrs.triggers.is_empty() {
        let triggers = container.attrs.triggers.iter().map(|trigger| {
            let execute = trigger.execute.value();
            let (function_schema, function) = match execute.split_once('.') {
                Some((schema, name)) => (Some(schema.to_owned()), name.to_owned()),
                None => (None, execute.clone()),
            };
            let t_name = trigger
                .name
                .as_ref()
                .map_or_else(|| function.clone(), syn::LitStr::value);
            let function_schema = option_str(function_schema.as_deref());
            let timing = if trigger.before {
                quote!(Before)
            } else {
                quote!(After)
            };
            let events = trigger.events.iter().map(|event| {
                let variant = match event.to_string().as_str() {
                    "insert" => quote!(Insert),
                    "update" => quote!(Update),
                    "delete" => quote!(Delete),
                    _ => quote!(Truncate),
                };
                quote!(__p::TriggerEvent::#variant)
            });
            let per_row = !trigger.per_statement;
            let update_of = trigger.update_of.iter().filter_map(|field| {
                let column = model.columns.iter().find(|c| c.field.ident == field)?;
                Some(column.sql_name.as_str())
            });
            let when = option_str(trigger.when.as_ref().map(syn::LitStr::value).as_deref());
            quote!(__p::TriggerSpec {
                update_of: &[#(#update_of),*],
                when: #when,
                name: #t_name,
                timing: __p::TriggerTiming::#timing,
                events: &[#(#events),*],
                per_row: #per_row,
                function_schema: #function_schema,
                function: #function,
            })
        });
        parts.push(quote!(triggers: &[#(#triggers),*],));
    }
    if let Some((_, forced)) = container.attrs.row_security {
        let security = if forced { quote!(Forced) } else { quote!(On) };
        parts.push(quote!(row_security: __p::RowSecurity::#security,));
    }
    if !container.attrs.policies.is_empty() {
        let policies = container.attrs.policies.iter().map(|p| {
            let (p_name, restrictive) = (&p.name, p.restrictive);
            let command = quote::format_ident!("{}", p.command);
            let roles = &p.roles;
            let using = option_str(p.using.as_ref().map(syn::LitStr::value).as_deref());
            let with_check = option_str(p.with_check.as_ref().map(syn::LitStr::value).as_deref());
            quote!(__p::PolicySpec {
                name: #p_name,
                command: __p::PolicyCommand::#command,
                restrictive: #restrictive,
                roles: &[#(#roles),*],
                using: #using,
                with_check: #with_check,
            })
        });
        parts.push(quote!(policies: &[#(#policies),*],));
    }
    if let Some(key) = &container.attrs.partition_by {
        let method = quote::format_ident!("{}", key.method);
        let columns = crate::internals::check::partition_columns(model)
            .into_iter()
            .flatten();
        parts.push(
            quote!(partition_by: ::core::option::Option::Some(__p::PartitionBySpec {
            method: __p::PartitionMethod::#method,
            columns: &[#(#columns),*],
        }),),
        );
    }
    let default_checks = model.columns.iter().filter_map(default_check);

    quote! {
        #columns_tokens
        #(#default_checks)*

        const _: () = {
            use ::schema_core::__private as __p;
            #(#assertions)*

            #[automatically_derived]
            impl ::schema_core::Table for #ident {
                const SCHEMA: &'static ::core::primitive::str = #schema;
                const NAME: &'static ::core::primitive::str = #name;
                type Columns = #columns_ident;
                const COLUMNS: #columns_ident = #columns_ident::__new();
                #view_marker
                const SPEC: &'static __p::ModelSpec = &__p::ModelSpec {
                    schema: #schema,
                    name: #name,
                    columns: &[#(#columns),*],
                    #(#parts)*
                    ..__p::ModelSpec::UNBUILT
                };

                fn table_def() -> &'static ::schema_core::TableDef {
                    static DEF: __p::OnceLock<::schema_core::TableDef> = __p::OnceLock::new();
                    DEF.get_or_init(|| <Self as ::schema_core::Table>::SPEC.table_def())
                }
            }
        };
    }
}

/// The `IndexMethod` variant of a `using = ".."` the model resolved.
fn method_variant(method: Option<&str>) -> TokenStream {
    match method {
        Some("hash") => quote!(Hash),
        Some("gin") => quote!(Gin),
        Some("gist") => quote!(Gist),
        Some("brin") => quote!(Brin),
        Some("spgist") => quote!(Spgist),
        _ => quote!(Btree),
    }
}

/// An index key (of an index or an exclusion constraint) as data.
fn index_key_spec(key: &IndexKeyModel) -> TokenStream {
    let (part, expression, descending) = (&key.part, key.expression, key.descending);
    let nulls = match key.nulls_first {
        Some(true) => quote!(::core::option::Option::Some(__p::NullsOrder::First)),
        Some(false) => quote!(::core::option::Option::Some(__p::NullsOrder::Last)),
        None => quote!(::core::option::Option::None),
    };
    let opclass = option_str(key.opclass.as_deref());
    quote!(__p::IndexKeySpec {
        part: #part,
        expression: #expression,
        descending: #descending,
        nulls: #nulls,
        opclass: #opclass,
    })
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// A column as data. A type override's check that the field's Rust type fits it is a `const`
/// item of its own, spanned at the override, pushed to `assertions`.
fn column_spec(column: &ColumnModel, assertions: &mut Vec<TokenStream>) -> TokenStream {
    let field = column.field;
    let ty = field.ty;
    let sql_name = &column.sql_name;
    let p = quote!(__p);
    let nullable = quote_spanned!(ty.span()=> <#ty as ::schema_core::PgType>::NULLABLE);
    let mut assert = |span: proc_macro2::Span, check: TokenStream| {
        assertions
            .push(quote_spanned!(span=> const _: () = ::schema_core::__private::#check::<#ty>();));
    };
    let sql_type = match &field.attrs.type_override {
        None => {
            quote_spanned!(ty.span()=> #p::ColumnType::Mapped(<#ty as ::schema_core::PgType>::__TYPE))
        }
        Some((span, TypeOverride::Varchar(length))) => {
            let length = match length {
                Some(n) => quote!(::core::option::Option::Some(#n)),
                None => quote!(::core::option::Option::None),
            };
            assert(*span, quote!(assert_text_column));
            quote!(#p::ColumnType::Fixed(#p::SqlType::Varchar { length: #length }, #nullable))
        }
        Some((span, TypeOverride::Numeric(precision, scale))) => {
            assert(*span, quote!(assert_decimal_column));
            quote!(#p::ColumnType::Fixed(#p::SqlType::Numeric {
                precision: ::core::option::Option::Some(#precision),
                scale: ::core::option::Option::Some(#scale),
            }, #nullable))
        }
        Some((span, TypeOverride::Timestamp)) => {
            assert(*span, quote!(assert_timestamp_column));
            quote!(#p::ColumnType::Fixed(#p::SqlType::Timestamp, #nullable))
        }
        Some((_, TypeOverride::Raw(sql))) => {
            let nullable = field.is_option();
            quote!(#p::ColumnType::Raw(#sql, #nullable))
        }
    };
    let mut parts = Vec::new();
    if let Some((_, d)) = field.attrs.default.as_ref() {
        let value = default_value(d, ty);
        parts.push(quote!(.with_default(#value)));
    }
    if let Some((span, identity)) = &field.attrs.identity {
        // Checked on the field's type unless a raw `type = ".."` says otherwise; then
        // `Schema::validate` judges the SQL type.
        if !matches!(field.attrs.type_override, Some((_, TypeOverride::Raw(_)))) {
            assert(*span, quote!(assert_identity_column));
        }
        let always = identity.always;
        let option = |v: Option<i64>| match v {
            Some(n) => quote!(::core::option::Option::Some(#n)),
            None => quote!(::core::option::Option::None),
        };
        let (start, increment) = (option(identity.start), option(identity.increment));
        parts.push(quote!(.with_identity(::schema_core::model::Identity {
            always: #always, start: #start, increment: #increment,
        })));
    }
    if let Some(expression) = &field.attrs.generated {
        parts.push(quote!(.with_generated(#expression)));
    }
    if let Some(span) = field.attrs.on_update_now {
        if !matches!(field.attrs.type_override, Some((_, TypeOverride::Raw(_)))) {
            assert(span, quote!(assert_updated_at_column));
        }
        parts.push(quote!(.with_touch()));
    }
    if let Some(doc) = &field.doc {
        parts.push(quote!(.with_comment(#doc)));
    }
    if let Some(old) = &field.attrs.renamed_from {
        parts.push(quote!(.with_renamed_from(#old)));
    }
    if let Some(expression) = &field.attrs.using {
        parts.push(quote!(.with_using(#expression)));
    }
    quote!(#p::ColumnSpec::new(#sql_name, #sql_type) #(#parts)*)
}

fn default_value(default: &DefaultAttr, ty: &syn::Type) -> TokenStream {
    let p = quote!(__p);
    match default {
        DefaultAttr::Literal(_, literal) => match literal {
            LiteralKind::Bool(b) => quote!(#p::DefaultSpec::Bool(#b)),
            LiteralKind::Number { digits: n, .. } => quote!(#p::DefaultSpec::Number(#n)),
            LiteralKind::Str(s) => quote!(#p::DefaultSpec::String(#s)),
        },
        // `variant_label` also checks the variant is of the column's own enum type. The label
        // is read when the table is built: `PgEnum::label` is not a `const fn`.
        DefaultAttr::Variant(path) => quote_spanned!(path.span()=>
            #p::DefaultSpec::Label({
                fn label() -> &'static ::core::primitive::str {
                    #p::variant_label::<#ty, _>(&#path)
                }
                label
            })
        ),
        DefaultAttr::Now => quote!(#p::DefaultSpec::Now),
        DefaultAttr::Random => quote!(#p::DefaultSpec::RandomUuid),
        DefaultAttr::Sql(sql) => quote!(#p::DefaultSpec::Sql(#sql)),
    }
}

/// The compile-time check of a literal default against the field's type: one `const` item,
/// spanned on the literal, that fails to evaluate when `PgType::DEFAULT_LITERAL` refuses the
/// literal. A raw `type = ".."` override has no Rust type to ask, so its default is unchecked.
fn default_check(column: &ColumnModel) -> Option<TokenStream> {
    let field = column.field;
    let Some((_, DefaultAttr::Literal(expr, literal))) = &field.attrs.default else {
        return None;
    };
    if matches!(field.attrs.type_override, Some((_, TypeOverride::Raw(_)))) {
        return None;
    }
    let value = match literal {
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
    let (fk_name, _) = column.foreign_key_name.as_ref()?;
    let p = quote!(__p);
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
    let deferrable = match references.deferral {
        None => quote!(Not),
        Some(Deferral::InitiallyImmediate) => quote!(InitiallyImmediate),
        Some(Deferral::InitiallyDeferred) => quote!(InitiallyDeferred),
    };
    Some(quote!(#p::ForeignKeySpec {
        name: #fk_name,
        column: #sql_name,
        target_schema: #target_model::SCHEMA,
        target_table: #target_model::NAME,
        target_column: #target_column,
        on_delete: #on_delete,
        on_update: #on_update,
        deferrable: #p::Deferrable::#deferrable,
    }))
}
