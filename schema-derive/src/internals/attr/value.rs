//! Reading one key's value, and reporting a key that is not known, with the closest one.

use super::super::ctxt::Ctxt;
use super::super::rules::Rule;
use super::super::symbol::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Ident, Lit, LitStr, Token};

pub(crate) fn lit_str(
    cx: &Ctxt,
    key: impl std::fmt::Display,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(Token![=]) {
        cx.error_at(
            meta.path.span(),
            format!("expected a string value: `{key} = \"...\"`"),
        );
        skip_value(meta)?;
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Ok(Some(s)),
        other => {
            cx.error_spanned_by(
                &other,
                format!("expected a string literal: `{key} = \"...\"`"),
            );
            Ok(None)
        }
    }
}

pub(crate) fn flag(
    cx: &Ctxt,
    key: impl std::fmt::Display,
    meta: &ParseNestedMeta,
) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        cx.error_at(
            meta.path.span(),
            format!("`{key}` takes no value: write `{key}` alone"),
        );
        skip_value(meta)?;
    }
    Ok(())
}

pub(crate) fn ident_list(
    cx: &Ctxt,
    key: Symbol,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<Vec<Ident>>> {
    word_list(
        cx,
        meta,
        format!("expected a list of fields: `{key}(a, b)`"),
        format!("`{key}(..)` needs at least one field"),
    )
}

/// `key(a, b)`: the words in the parentheses; `missing` is said when there are no
/// parentheses, `empty` when they hold nothing.
pub(crate) fn word_list(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    missing: String,
    empty: String,
) -> syn::Result<Option<Vec<Ident>>> {
    if !meta.input.peek(syn::token::Paren) {
        cx.error_at(meta.path.span(), missing);
        skip_value(meta)?;
        return Ok(None);
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let idents = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
    if idents.is_empty() {
        cx.error_at(meta.path.span(), empty);
        return Ok(None);
    }
    Ok(Some(idents.into_iter().collect()))
}

/// `allow(..)` and `deny(..)` of one item: rules switched off and on there, like rustc's lint
/// levels.
#[derive(Default)]
pub struct RuleLevels {
    pub allow: Vec<Rule>,
    pub deny: Vec<Rule>,
    spans: Vec<(Rule, Span)>,
}

impl RuleLevels {
    /// `Some(false)` when the item allows `rule`, `Some(true)` when it denies it.
    pub fn level(&self, rule: Rule) -> Option<bool> {
        if self.allow.contains(&rule) {
            Some(false)
        } else if self.deny.contains(&rule) {
            Some(true)
        } else {
            None
        }
    }

    pub(crate) fn add(&mut self, rules: Vec<(Rule, Span)>, deny: bool) {
        for (rule, span) in rules {
            if deny {
                self.deny.push(rule);
            } else {
                self.allow.push(rule);
            }
            self.spans.push((rule, span));
        }
    }

    pub(crate) fn checked(self, cx: &Ctxt) -> Self {
        for (rule, span) in &self.spans {
            if self.allow.contains(rule) && self.deny.contains(rule) {
                cx.error_at(
                    *span,
                    format!(
                        "`{}` is both allowed and denied here; keep one",
                        rule.name()
                    ),
                );
            }
        }
        self
    }
}

/// `allow(rule, ...)` or `deny(rule, ...)`: each name must be a rule; an unknown one is
/// reported on its token.
pub(crate) fn rule_list(
    cx: &Ctxt,
    key: Symbol,
    meta: &ParseNestedMeta,
) -> syn::Result<Vec<(Rule, Span)>> {
    let Some(idents) = ident_list(cx, key, meta)? else {
        return Ok(Vec::new());
    };
    Ok(idents
        .iter()
        .filter_map(|ident| match Rule::parse(&ident.to_string()) {
            Ok(rule) => Some((rule, ident.span())),
            Err(message) => {
                cx.error_spanned_by(ident, message);
                None
            }
        })
        .collect())
}

pub(crate) fn unknown_key(
    cx: &Ctxt,
    what: &str,
    expected: &[&str],
    meta: &ParseNestedMeta,
) -> syn::Result<()> {
    let key = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_else(|| {
            quote::ToTokens::to_token_stream(&meta.path)
                .to_string()
                .replace(' ', "")
        });
    let message = match closest_key(&key, expected) {
        Some(close) => format!("unknown {what} attribute `{key}`; did you mean `{close}`?"),
        None => {
            let list: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
            format!(
                "unknown {what} attribute `{key}`; expected one of {}",
                list.join(", ")
            )
        }
    };
    cx.error_spanned_by(&meta.path, message);
    skip_value(meta)
}

/// The known key a typo most likely meant: the nearest by edit distance (a swap of two
/// neighbours counts as one edit), if it is near enough to be a typo.
pub(crate) fn closest_key<'k>(key: &str, expected: &[&'k str]) -> Option<&'k str> {
    let key = key.to_ascii_lowercase();
    expected
        .iter()
        // A listed key may show its value: `each(..)`, `foreign_key = field`.
        .map(|k| k.split(['(', ' ']).next().unwrap_or(k))
        .map(|k| (strsim::osa_distance(&key, k), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Consumes whatever value follows a key we reported, so the next key still parses.
pub(crate) fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        meta.input.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::internals::attr::{COLUMN_KEYS, TABLE_KEYS};

    #[test]
    fn typos_find_their_key() {
        assert_eq!(closest_key("primry_key", COLUMN_KEYS), Some("primary_key"));
        assert_eq!(closest_key("defualt_now", COLUMN_KEYS), Some("default_now"));
        assert_eq!(closest_key("refrences", COLUMN_KEYS), Some("references"));
        assert_eq!(closest_key("nmae", TABLE_KEYS), Some("name"));
        assert_eq!(closest_key("colour", COLUMN_KEYS), None);
        assert_eq!(strsim::osa_distance("", "abc"), 3);
    }
}
