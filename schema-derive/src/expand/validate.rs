//! `Validate` for a model and its shapes, and its rules as data (`validate::Rules`) for the Zod
//! writer. The checks live in `static`s, so validating a valid value allocates nothing.

use super::shapes::{self as shape, ShapeField, Wrap};
use crate::internals::attr::validate::{Rule, RuleKind, RuleValue};
use crate::internals::resolve::{ColumnModel, TableModel};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

/// `shapes`: also the impls for the model's insert and update shapes.
pub fn expand(model: &TableModel, shapes: bool) -> TokenStream {
    let ident = model.container.ident;
    let v = quote!(::schema_core::validate);
    let mut statics = Vec::new();
    let mut assertions = Vec::new();
    let mut field_rules = Vec::new();
    for column in &model.columns {
        let field = column.field;
        let checks = checks_of(column, &mut statics);
        let ty = field.ty;
        for rule in &field.validate.rules {
            assertions.push(kind_assertion(rule, ty));
        }
        if let Some(span) = field.validate.nested {
            assertions.push(quote_spanned!(span=> const _: () = #v::nested_rule::<#ty>();));
        }
        let key = json_key(column);
        let sql = &column.sql_name;
        let nested = field.validate.nested.is_some();
        let custom = match &field.validate.custom {
            Some(path) => {
                let text = quote!(#path).to_string().replace(' ', "");
                quote!(::core::option::Option::Some(#text))
            }
            None => quote!(::core::option::Option::None),
        };
        // Most fields have no rules: their entry is the short form.
        field_rules.push(
            if checks.is_empty() && !nested && field.validate.custom.is_none() {
                quote!(#v::FieldRules::__plain(#key, #sql))
            } else {
                quote!(#v::FieldRules {
                    field: #key,
                    column: #sql,
                    checks: &[#(#checks),*],
                    nested: #nested,
                    custom: #custom,
                })
            },
        );
    }
    let all: Vec<ShapeField> = model
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| ShapeField {
            column,
            index,
            wrap: Wrap::Same,
        })
        .collect();
    let model_body = body(&all);
    let model_name = ident.to_string();
    let (schema, table) = (&model.schema, &model.name);
    let validate = |ty: &syn::Ident, body: TokenStream| {
        // Only fields with rules have statements: a shape without any needs no `path`.
        let path = if body.is_empty() {
            quote!(_path)
        } else {
            quote!(path)
        };
        let issues = if body.is_empty() {
            quote!(_issues)
        } else {
            quote!(issues)
        };
        quote! {
            #[automatically_derived]
            impl #v::Validate for #ty {
                #[inline]
                fn validate_at(&self, #path: &#v::Path, #issues: &mut ::std::vec::Vec<#v::Issue>) {
                    #body
                }
            }
        }
    };
    let model_impl = validate(ident, model_body);
    let shape_impls = shapes.then(|| {
        let insert = validate(
            &shape::insert_ident(model),
            body(&shape::insert_fields(model)),
        );
        let patch = validate(
            &shape::patch_ident(model),
            body(&shape::patch_fields(model)),
        );
        quote!(#insert #patch)
    });
    quote! {
        const _: () = {
            #(#statics)*
            #(#assertions)*

            static RULES: #v::ModelRules = #v::ModelRules {
                model: #model_name,
                schema: #schema,
                table: #table,
                fields: &[#(#field_rules),*],
            };

            #model_impl
            #shape_impls

            #[automatically_derived]
            impl #v::Rules for #ident {
                #[inline]
                fn rules() -> &'static #v::ModelRules {
                    &RULES
                }
            }
        };
    }
}

fn json_key(column: &ColumnModel) -> String {
    shape::json_key(column.field.ident)
}

/// The statements that validate each field of a shape.
fn body(fields: &[ShapeField]) -> TokenStream {
    let v = quote!(::schema_core::validate);
    let statements = fields.iter().map(|f| {
        let field = f.column.field;
        let name = field.ident;
        let key = json_key(f.column);
        let nested = field
            .validate
            .nested
            .map(|_| quote!(#v::Validate::validate_at(&self.#name, &path.key(#key), issues);));
        let custom = field.validate.custom.as_ref().map(|function| match f.wrap {
            Wrap::Same => quote!(#v::custom(#function(&self.#name), &path.key(#key), issues);),
            Wrap::Optional => quote! {
                if let ::core::option::Option::Some(value) = &self.#name {
                    #v::custom(#function(value), &path.key(#key), issues);
                }
            },
        });
        // A field without rules needs no `Checked` impl: most column types have none.
        let checked =
            (!field.validate.rules.is_empty() || varchar_limit(f.column).is_some()).then(|| {
                let i = f.index;
                checked_call(name, &quote!(RULES.fields[#i].checks), &key)
            });
        let domain = may_be_a_domain(f.column).then(|| {
            let probe = quote!(::schema_core::types::__domain_probe);
            quote! {
                {
                    #[allow(unused_imports)]
                    use #probe::{Fallback as _, Specific as _};
                    (&&#probe::DomainProbe(&self.#name)).domain(&path.key(#key), issues);
                }
            }
        });
        quote! {
            #checked
            #nested
            #custom
            #domain
        }
    });
    quote!(#(#statements)*)
}

/// Whether the field's type may be a domain's newtype, whose rules its `PgType` checks: any
/// mapped type but those schema-core maps itself (the primitives, `String`, `Uuid`, the date
/// and time types, `Decimal`, `Json<T>`, `Value`, `Vec<u8>`, and their `Option`), so that the
/// fields of most models cost no statement. `#[derive(PgDomain)]` refuses those names
/// ([`NOT_A_DOMAIN`]).
fn may_be_a_domain(column: &ColumnModel) -> bool {
    fn mapped_here(ty: &syn::Type) -> bool {
        let syn::Type::Path(path) = ty else {
            return false;
        };
        let Some(last) = path.path.segments.last() else {
            return false;
        };
        let name = last.ident.to_string();
        let first_type = || match &last.arguments {
            syn::PathArguments::AngleBracketed(args) => match args.args.first() {
                Some(syn::GenericArgument::Type(inner)) => Some(inner),
                _ => None,
            },
            _ => None,
        };
        match name.as_str() {
            "Option" => first_type().is_some_and(mapped_here),
            "Vec" => first_type()
                .is_some_and(|inner| matches!(inner, syn::Type::Path(p) if p.path.is_ident("u8"))),
            _ => NOT_A_DOMAIN.contains(&name.as_str()),
        }
    }
    column.field.attrs.type_override.is_none() && !mapped_here(column.field.ty)
}

/// The names of the types schema-core maps, which a model does not validate as domains.
pub const NOT_A_DOMAIN: &[&str] = &[
    "bool",
    "i16",
    "i32",
    "i64",
    "f32",
    "f64",
    "String",
    "Uuid",
    "Decimal",
    "DateTime",
    "NaiveDate",
    "NaiveDateTime",
    "NaiveTime",
    "Json",
    "Value",
];

/// Runs the field's checks through a probe that falls back to doing nothing, so a field
/// whose type takes no rules reports only the rule's own error (from the kind assertions).
pub fn checked_call(name: &syn::Ident, checks: &TokenStream, key: &str) -> TokenStream {
    let v = quote!(::schema_core::validate);
    quote! {
        {
            #[allow(unused_imports)]
            use #v::__probe::{Fallback as _, Specific as _};
            (&&#v::__probe::Probe(&self.#name)).check(#checks, &path.key(#key), issues);
        }
    }
}

/// The `Check` values of a column: the written rules, then what the column type implies.
fn checks_of(column: &ColumnModel, statics: &mut Vec<TokenStream>) -> Vec<TokenStream> {
    let prefix = json_key(column).to_uppercase();
    let mut checks: Vec<TokenStream> = column
        .field
        .validate
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| check_tokens(rule, &format!("{prefix}_{i}"), statics))
        .collect();
    if let Some(limit) = varchar_limit(column) {
        checks.push(quote!(::schema_core::validate::Check::MaxLen(#limit)));
    }
    checks
}

fn varchar_limit(column: &ColumnModel) -> Option<usize> {
    let (_, type_override) = column.field.attrs.type_override.as_ref()?;
    type_override.varchar_limit()
}

pub fn check_tokens(rule: &Rule, unique: &str, statics: &mut Vec<TokenStream>) -> TokenStream {
    let v = quote!(::schema_core::validate);
    let variant = format_ident!("{}", rule.variant);
    match &rule.value {
        RuleValue::Count(n) => quote!(#v::Check::#variant(#n)),
        RuleValue::Number(x) => quote!(#v::Check::#variant(#x)),
        RuleValue::Flag => quote!(#v::Check::#variant),
        RuleValue::Text(text) if rule.variant == "Regex" => {
            let regex = format_ident!("__SCHEMA_REGEX_{}", unique);
            statics.push(quote!(static #regex: #v::LazyRegex = #v::LazyRegex::new(#text);));
            quote!(#v::Check::Regex(&#regex))
        }
        RuleValue::Text(text) => quote!(#v::Check::#variant(#text)),
        RuleValue::Each(inner) => {
            let items = inner
                .iter()
                .enumerate()
                .map(|(i, rule)| check_tokens(rule, &format!("{unique}_{i}"), statics));
            quote!(#v::Check::Each(&[#(#items),*]))
        }
    }
}

/// A rule on a field of the wrong kind fails here, once, at the rule's token: the field type is
/// named through an alias spanned at the rule, so the unmet bound is reported there.
pub fn kind_assertion(rule: &Rule, ty: &syn::Type) -> TokenStream {
    let v = quote!(::schema_core::validate);
    let span: Span = rule.span;
    let field = quote_spanned!(span=> __Field);
    if let RuleValue::Each(inner) = &rule.value {
        // One assertion for the list and all its item rules, so a field that is not a list
        // gets one error, not one per item rule.
        let bounds = inner.iter().map(|item| match item.kind {
            RuleKind::Number => quote!(<L as #v::ListValue>::Item: #v::NumberValue,),
            _ => quote!(<L as #v::ListValue>::Item: #v::TextValue,),
        });
        return quote_spanned! {span=>
            const _: () = {
                type __Field = #ty;
                const fn each<L: #v::ListValue + ?::core::marker::Sized>()
                where
                    #(#bounds)*
                {
                }
                each::<#field>()
            };
        };
    }
    let check = match rule.kind {
        RuleKind::Text => quote_spanned!(span=> #v::text_rule::<#field>()),
        RuleKind::Number => quote_spanned!(span=> #v::number_rule::<#field>()),
        RuleKind::List => quote_spanned!(span=> #v::list_rule::<#field>()),
    };
    quote_spanned! {span=>
        const _: () = {
            type __Field = #ty;
            #check
        };
    }
}
