//! `#[validate(..)]` on a field: Zod's rules, read into typed form. Each rule keeps its span, so
//! a rule that does not fit the field's type is reported on the rule.

use super::attr::{flag, lit_str, skip_value, unknown_key};
use super::ctxt::Ctxt;
use super::symbol::Symbol;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Lit, LitStr, UnOp};

pub const VALIDATE: Symbol = Symbol("validate");

const KEYS: &[&str] = &[
    "min_len",
    "max_len",
    "len",
    "non_empty",
    "email",
    "url",
    "uuid",
    "guid",
    "regex",
    "starts_with",
    "ends_with",
    "includes",
    "lowercase",
    "uppercase",
    "min",
    "max",
    "gt",
    "lt",
    "positive",
    "non_negative",
    "negative",
    "multiple_of",
    "int",
    "int32",
    "min_items",
    "max_items",
    "each(..)",
    "nested",
    "custom",
];

/// What a rule applies to; mirrors `schema_core::validate::CheckKind`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RuleKind {
    Text,
    Number,
    List,
}

/// One rule as `schema_core::validate::Check` needs it.
#[derive(Clone, Debug)]
pub enum RuleValue {
    Count(usize),
    Number(f64),
    Text(String),
    Flag,
    Each(Vec<Rule>),
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub span: Span,
    /// The `Check` variant, e.g. `MinLen`.
    pub variant: &'static str,
    pub kind: RuleKind,
    pub value: RuleValue,
}

#[derive(Default)]
pub struct ValidateAttrs {
    pub rules: Vec<Rule>,
    /// `nested`: the field is a model (or a list or `Option` of models) validated in place.
    pub nested: Option<Span>,
    /// `custom = path::to::fn`: `fn(&FieldType) -> Result<(), String>`.
    pub custom: Option<syn::Path>,
}

impl ValidateAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut out = ValidateAttrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident(VALIDATE.0)) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.clone();
                let name = key
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if name == "nested" {
                    flag(cx, "nested", &meta)?;
                    out.nested = Some(key.span());
                } else if name == "custom" {
                    let expr: Expr = meta.value()?.parse()?;
                    match expr {
                        Expr::Path(p) => out.custom = Some(p.path),
                        other => cx.error_spanned_by(
                            other,
                            "expected a function path: `custom = path::to::check`, with `fn(&FieldType) -> Result<(), String>`",
                        ),
                    }
                } else if let Some(rule) = rule(cx, &name, &meta, true)? {
                    out.rules.push(rule);
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        out
    }
}

/// One rule key; `each(..)` only at the top level (`top`).
fn rule(cx: &Ctxt, name: &str, meta: &ParseNestedMeta, top: bool) -> syn::Result<Option<Rule>> {
    let span = meta.path.span();
    let make = |variant, kind, value| {
        Some(Rule {
            span,
            variant,
            kind,
            value,
        })
    };
    use RuleKind::*;
    Ok(match name {
        "min_len" => count(cx, name, meta)?.and_then(|n| make("MinLen", Text, RuleValue::Count(n))),
        "max_len" => count(cx, name, meta)?.and_then(|n| make("MaxLen", Text, RuleValue::Count(n))),
        "len" => count(cx, name, meta)?.and_then(|n| make("Len", Text, RuleValue::Count(n))),
        "min_items" => {
            count(cx, name, meta)?.and_then(|n| make("MinItems", List, RuleValue::Count(n)))
        }
        "max_items" => {
            count(cx, name, meta)?.and_then(|n| make("MaxItems", List, RuleValue::Count(n)))
        }
        "non_empty" | "email" | "url" | "uuid" | "guid" | "lowercase" | "uppercase" => {
            flag(cx, name, meta)?;
            let variant = match name {
                "non_empty" => "NonEmpty",
                "email" => "Email",
                "url" => "Url",
                "uuid" => "Uuid",
                "guid" => "Guid",
                "lowercase" => "Lowercase",
                _ => "Uppercase",
            };
            make(variant, Text, RuleValue::Flag)
        }
        "regex" => match lit_str(cx, "regex", meta)? {
            Some(pattern) => {
                if let Err(error) = regex::Regex::new(&pattern.value()) {
                    let first = error.to_string();
                    let first = first.lines().last().unwrap_or("invalid pattern").trim();
                    cx.error_spanned_by(&pattern, format!("invalid regular expression: {first}"));
                    None
                } else {
                    make("Regex", Text, RuleValue::Text(pattern.value()))
                }
            }
            None => None,
        },
        "starts_with" | "ends_with" | "includes" => {
            let variant = match name {
                "starts_with" => "StartsWith",
                "ends_with" => "EndsWith",
                _ => "Includes",
            };
            lit_str(cx, name, meta)?
                .and_then(|s: LitStr| make(variant, Text, RuleValue::Text(s.value())))
        }
        "min" | "max" | "gt" | "lt" | "multiple_of" => {
            let variant = match name {
                "min" => "Min",
                "max" => "Max",
                "gt" => "Gt",
                "lt" => "Lt",
                _ => "MultipleOf",
            };
            let value = number(cx, name, meta)?;
            if variant == "MultipleOf" && value.is_some_and(|v| v <= 0.0) {
                cx.error_at(span, "`multiple_of` needs a positive divisor");
                return Ok(None);
            }
            value.and_then(|v| make(variant, Number, RuleValue::Number(v)))
        }
        "int" | "int32" => {
            flag(cx, name, meta)?;
            let variant = if name == "int" { "Int" } else { "Int32" };
            make(variant, Number, RuleValue::Flag)
        }
        "positive" | "non_negative" | "negative" => {
            flag(cx, name, meta)?;
            let variant = match name {
                "positive" => "Gt",
                "non_negative" => "Min",
                _ => "Lt",
            };
            make(variant, Number, RuleValue::Number(0.0))
        }
        "each" if top => {
            if !meta.input.peek(syn::token::Paren) {
                cx.error_at(
                    span,
                    "expected rules for the items: `each(email, max_len = 50)`",
                );
                skip_value(meta)?;
                return Ok(None);
            }
            let mut inner = Vec::new();
            meta.parse_nested_meta(|item| {
                let name = item
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if let Some(rule) = rule(cx, &name, &item, false)? {
                    if rule.kind == List {
                        cx.error_at(
                            rule.span,
                            "`each(..)` holds rules for one item: text or number rules",
                        );
                    } else {
                        inner.push(rule);
                    }
                }
                Ok(())
            })?;
            make("Each", List, RuleValue::Each(inner))
        }
        _ => {
            unknown_key(cx, "validate", KEYS, meta)?;
            None
        }
    })
}

fn count(cx: &Ctxt, name: &str, meta: &ParseNestedMeta) -> syn::Result<Option<usize>> {
    match number_expr(cx, name, meta)? {
        Some((Lit::Int(i), false)) => match i.base10_parse::<usize>() {
            Ok(n) => Ok(Some(n)),
            Err(e) => {
                cx.error_spanned_by(&i, e);
                Ok(None)
            }
        },
        Some((lit, _)) => {
            cx.error_spanned_by(
                lit,
                format!("`{name}` takes a whole number, e.g. `{name} = 3`"),
            );
            Ok(None)
        }
        None => Ok(None),
    }
}

fn number(cx: &Ctxt, name: &str, meta: &ParseNestedMeta) -> syn::Result<Option<f64>> {
    let Some((lit, negative)) = number_expr(cx, name, meta)? else {
        return Ok(None);
    };
    let value = match &lit {
        Lit::Int(i) => i.base10_parse::<f64>(),
        Lit::Float(f) => f.base10_parse::<f64>(),
        _ => unreachable!("number_expr returns numbers"),
    };
    match value {
        Ok(v) => Ok(Some(if negative { -v } else { v })),
        Err(e) => {
            cx.error_spanned_by(lit, e);
            Ok(None)
        }
    }
}

/// `= 3`, `= -1.5`: the literal and whether it was negated.
fn number_expr(cx: &Ctxt, name: &str, meta: &ParseNestedMeta) -> syn::Result<Option<(Lit, bool)>> {
    if !meta.input.peek(syn::Token![=]) {
        cx.error_at(meta.path.span(), format!("expected a number: `{name} = 3`"));
        skip_value(meta)?;
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    let (inner, negative) = match &expr {
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr,
            ..
        }) => (&**expr, true),
        other => (other, false),
    };
    match inner {
        Expr::Lit(ExprLit {
            lit: lit @ (Lit::Int(_) | Lit::Float(_)),
            ..
        }) => Ok(Some((lit.clone(), negative))),
        _ => {
            cx.error_spanned_by(&expr, format!("expected a number literal: `{name} = 3`"));
            Ok(None)
        }
    }
}
