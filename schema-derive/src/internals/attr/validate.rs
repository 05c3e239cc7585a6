//! `#[validate(..)]` on a field: Zod's rules, read into typed form. Each rule keeps its span, so
//! a rule that does not fit the field's type is reported on the rule.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Lit, UnOp};

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

/// How a rule's value is written.
#[derive(Clone, Copy)]
enum Written {
    /// `= 3`
    Count,
    /// `= -1.5`
    Amount,
    /// `= 3`, above zero.
    Divisor,
    /// `= "..."`
    Str,
    /// `= "..."`, a pattern that compiles.
    Pattern,
    /// Alone: the check takes no value.
    Flag,
    /// Alone: a number check against zero (`positive` is `Gt(0)`).
    Zero,
}

/// A rule key and the `Check` it becomes.
struct RuleKey {
    key: Symbol,
    variant: &'static str,
    kind: RuleKind,
    written: Written,
}

const fn rule(key: Symbol, variant: &'static str, kind: RuleKind, written: Written) -> RuleKey {
    RuleKey {
        key,
        variant,
        kind,
        written,
    }
}

/// Every rule, text rules first, then number rules, then list rules: the order the keys are
/// listed in an "unknown key" error.
const RULES: &[RuleKey] = {
    use RuleKind::*;
    use Written::*;
    &[
        rule(MIN_LEN, "MinLen", Text, Count),
        rule(MAX_LEN, "MaxLen", Text, Count),
        rule(LEN, "Len", Text, Count),
        rule(NON_EMPTY, "NonEmpty", Text, Flag),
        rule(EMAIL, "Email", Text, Flag),
        rule(URL, "Url", Text, Flag),
        rule(UUID, "Uuid", Text, Flag),
        rule(GUID, "Guid", Text, Flag),
        rule(REGEX, "Regex", Text, Pattern),
        rule(STARTS_WITH, "StartsWith", Text, Str),
        rule(ENDS_WITH, "EndsWith", Text, Str),
        rule(INCLUDES, "Includes", Text, Str),
        rule(LOWERCASE, "Lowercase", Text, Flag),
        rule(UPPERCASE, "Uppercase", Text, Flag),
        rule(MIN, "Min", Number, Amount),
        rule(MAX, "Max", Number, Amount),
        rule(GT, "Gt", Number, Amount),
        rule(LT, "Lt", Number, Amount),
        rule(POSITIVE, "Gt", Number, Zero),
        rule(NON_NEGATIVE, "Min", Number, Zero),
        rule(NEGATIVE, "Lt", Number, Zero),
        rule(MULTIPLE_OF, "MultipleOf", Number, Divisor),
        rule(INT, "Int", Number, Flag),
        rule(INT32, "Int32", Number, Flag),
        rule(MIN_ITEMS, "MinItems", List, Count),
        rule(MAX_ITEMS, "MaxItems", List, Count),
    ]
};

/// The keys of `#[validate(..)]`, for the "did you mean" hint.
fn top_keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = RULES.iter().map(|r| r.key.0).collect();
    keys.extend(["each(..)", NESTED.0, CUSTOM.0]);
    keys
}

/// The keys of `each(..)`: rules for one item.
fn item_keys() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| r.kind != RuleKind::List)
        .map(|r| r.key.0)
        .collect()
}

impl ValidateAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut rules = Vec::new();
        let mut once = Once::new(cx);
        let mut nested = Attr::none(cx, NESTED);
        let mut custom = Attr::none(cx, CUSTOM);
        for attr in attrs.iter().filter(|a| a.path() == VALIDATE) {
            let result = attr.parse_nested_meta(|meta| {
                let key = &meta.path;
                if key == NESTED {
                    nested.set_flag(&meta)?;
                } else if key == CUSTOM {
                    let expr: Expr = meta.value()?.parse()?;
                    match expr {
                        Expr::Path(p) => custom.set(key.span(), p.path),
                        other => cx.error_spanned_by(
                            other,
                            "expected a function path: `custom = path::to::check`, with `fn(&FieldType) -> Result<(), String>`",
                        ),
                    }
                } else if key == EACH {
                    let each = each(cx, &meta)?;
                    if once.first(EACH, key.span()) {
                        rules.extend(each);
                    }
                } else if let Some(found) = RULES.iter().find(|r| key == r.key) {
                    let rule = found.read(cx, &meta)?;
                    if once.first(found.key, key.span()) {
                        rules.extend(rule);
                    }
                } else {
                    unknown_key(cx, "validate", &top_keys(), &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        ValidateAttrs {
            rules,
            nested: nested.get(),
            custom: custom.get(),
        }
    }
}

/// `each(email, max_len = 50)`: rules for every item of a list, each key once.
fn each(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Rule>> {
    let span = meta.path.span();
    if !meta.input.peek(syn::token::Paren) {
        cx.error_at(
            span,
            "expected rules for the items: `each(email, max_len = 50)`",
        );
        skip_value(meta)?;
        return Ok(None);
    }
    let mut inner = Vec::new();
    let mut once = Once::new(cx);
    meta.parse_nested_meta(|item| {
        let Some(found) = RULES.iter().find(|r| item.path == r.key) else {
            return unknown_key(cx, "`each(..)`", &item_keys(), &item);
        };
        let Some(rule) = found.read(cx, &item)? else {
            return Ok(());
        };
        if rule.kind == RuleKind::List {
            cx.error_at(
                rule.span,
                "`each(..)` holds rules for one item: text or number rules",
            );
        } else if once.first(found.key, rule.span) {
            inner.push(rule);
        }
        Ok(())
    })?;
    Ok(Some(Rule {
        span,
        variant: "Each",
        kind: RuleKind::List,
        value: RuleValue::Each(inner),
    }))
}

impl RuleKey {
    /// The rule `meta` writes, or `None` when its value was wrong (and reported).
    fn read(&self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Rule>> {
        let span = meta.path.span();
        let key = self.key;
        let value =
            match self.written {
                Written::Count => count(cx, key, meta)?.map(RuleValue::Count),
                Written::Amount => number(cx, key, meta)?.map(RuleValue::Number),
                Written::Divisor => match number(cx, key, meta)? {
                    Some(v) if v <= 0.0 => {
                        cx.error_at(span, format!("`{key}` needs a positive divisor"));
                        None
                    }
                    v => v.map(RuleValue::Number),
                },
                Written::Str => lit_str(cx, key, meta)?.map(|s| RuleValue::Text(s.value())),
                Written::Pattern => lit_str(cx, key, meta)?.and_then(|pattern| {
                    match regex::Regex::new(&pattern.value()) {
                        Ok(_) => Some(RuleValue::Text(pattern.value())),
                        Err(error) => {
                            let first = error.to_string();
                            let first = first.lines().last().unwrap_or("invalid pattern").trim();
                            cx.error_spanned_by(
                                &pattern,
                                format!("invalid regular expression: {first}"),
                            );
                            None
                        }
                    }
                }),
                Written::Flag => {
                    flag(cx, key, meta)?;
                    Some(RuleValue::Flag)
                }
                Written::Zero => {
                    flag(cx, key, meta)?;
                    Some(RuleValue::Number(0.0))
                }
            };
        Ok(value.map(|value| Rule {
            span,
            variant: self.variant,
            kind: self.kind,
            value,
        }))
    }
}

fn count(cx: &Ctxt, key: Symbol, meta: &ParseNestedMeta) -> syn::Result<Option<usize>> {
    match number_expr(cx, key, meta)? {
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
                format!("`{key}` takes a whole number, e.g. `{key} = 3`"),
            );
            Ok(None)
        }
        None => Ok(None),
    }
}

fn number(cx: &Ctxt, key: Symbol, meta: &ParseNestedMeta) -> syn::Result<Option<f64>> {
    let Some((lit, negative)) = number_expr(cx, key, meta)? else {
        return Ok(None);
    };
    let value = match &lit {
        Lit::Int(i) => i.base10_parse::<f64>(),
        Lit::Float(f) => f.base10_parse::<f64>(),
        _ => return Ok(None),
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
fn number_expr(cx: &Ctxt, key: Symbol, meta: &ParseNestedMeta) -> syn::Result<Option<(Lit, bool)>> {
    if !meta.input.peek(syn::Token![=]) {
        cx.error_at(meta.path.span(), format!("expected a number: `{key} = 3`"));
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
            cx.error_spanned_by(&expr, format!("expected a number literal: `{key} = 3`"));
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};
    use syn::parse_quote;

    fn read(attrs: Vec<syn::Attribute>) -> (ValidateAttrs, Vec<String>) {
        read_reporting(|cx| ValidateAttrs::from_ast(cx, &attrs))
    }

    #[test]
    fn every_rule_key_is_read_into_its_check() {
        for rule in RULES {
            let key = format_ident!("{}", rule.key.0);
            let value = match rule.written {
                Written::Count | Written::Divisor => quote!(= 3),
                Written::Amount => quote!(= -1.5),
                Written::Str => quote!(= "a"),
                Written::Pattern => quote!(= "^[a-z]+$"),
                Written::Flag | Written::Zero => quote!(),
            };
            let (attrs, errors) = read(parse_quote!(#[validate(#key #value)]));
            assert_eq!(errors, Vec::<String>::new(), "{key}");
            assert_eq!(attrs.rules.len(), 1, "{key}");
            assert_eq!(attrs.rules[0].variant, rule.variant, "{key}");
            assert_eq!(attrs.rules[0].kind, rule.kind, "{key}");
        }
    }

    #[test]
    fn the_keys_that_are_not_rules_are_read() {
        let (attrs, errors) = read(parse_quote!(
            #[validate(nested, custom = checks::slug, each(email, max_len = 50))]
        ));
        assert_eq!(errors, Vec::<String>::new());
        assert!(attrs.nested.is_some());
        let custom = attrs.custom.expect("custom");
        assert_eq!(quote!(#custom).to_string(), "checks :: slug");
        match &attrs.rules[..] {
            [Rule {
                variant: "Each",
                value: RuleValue::Each(items),
                ..
            }] => assert_eq!(items.len(), 2),
            other => panic!("expected one `each`, got {other:?}"),
        }
    }

    #[test]
    fn a_second_key_is_a_duplicate_even_in_another_attribute() {
        let (attrs, errors) = read(parse_quote!(
            #[validate(min_len = 1, nested, custom = a, each(email))]
            #[validate(min_len = 2, nested, custom = b, each(url))]
        ));
        assert_eq!(
            errors,
            [
                "duplicate attribute `min_len`; remove one of them",
                "duplicate attribute `nested`; remove one of them",
                "duplicate attribute `custom`; remove one of them",
                "duplicate attribute `each`; remove one of them",
            ]
        );
        assert_eq!(attrs.rules.len(), 2, "the first of each is kept");
    }

    #[test]
    fn a_rule_twice_inside_each_is_a_duplicate() {
        let (_, errors) = read(parse_quote!(#[validate(each(email, email))]));
        assert_eq!(errors, ["duplicate attribute `email`; remove one of them"]);
    }

    #[test]
    fn an_unknown_key_suggests_the_closest() {
        let (_, errors) = read(parse_quote!(#[validate(emial, nestd, each(max_ln = 3))]));
        assert_eq!(
            errors,
            [
                "unknown validate attribute `emial`; did you mean `email`?",
                "unknown validate attribute `nestd`; did you mean `nested`?",
                "unknown `each(..)` attribute `max_ln`; did you mean `max_len`?",
            ]
        );
    }

    #[test]
    fn each_lists_the_item_rules_for_a_key_it_cannot_hold() {
        let (_, errors) = read(parse_quote!(#[validate(each(nested))]));
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .starts_with("unknown `each(..)` attribute `nested`; expected one of `min_len`"),
            "{}",
            errors[0]
        );
        assert!(!errors[0].contains("`min_items`"), "{}", errors[0]);
    }

    #[test]
    fn wrong_values_are_each_reported_and_parsing_goes_on() {
        let (attrs, errors) = read(parse_quote!(
            #[validate(min_len = "3", max_len = -1, int = 1, multiple_of = 0, regex = "[", email)]
        ));
        assert_eq!(
            errors,
            [
                "expected a number literal: `min_len = 3`",
                "`max_len` takes a whole number, e.g. `max_len = 3`",
                "`int` takes no value: write `int` alone",
                "`multiple_of` needs a positive divisor",
                "invalid regular expression: error: unclosed character class",
            ]
        );
        let variants: Vec<&str> = attrs.rules.iter().map(|r| r.variant).collect();
        assert_eq!(variants, ["Int", "Email"]);
    }
}
