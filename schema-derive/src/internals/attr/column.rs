//! `#[column(...)]` on a field.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Ident, Lit, LitInt, LitStr, Path, Token};

pub struct ColumnAttrs {
    pub name: Option<LitStr>,
    pub primary_key: Option<Span>,
    pub unique: Option<Span>,
    pub index: Option<Span>,
    pub default: Option<(Span, DefaultAttr)>,
    pub references: Option<References>,
    pub on_delete: Option<(LitStr, &'static str)>,
    pub on_update: Option<(LitStr, &'static str)>,
    pub type_override: Option<(Span, TypeOverride)>,
    /// Rules switched off, and on, for this column.
    pub rules: RuleLevels,
    /// The column's previous name: a migration hint.
    pub renamed_from: Option<LitStr>,
    /// The `USING` expression of the next type change of this column: a migration hint.
    pub using: Option<LitStr>,
}

pub enum DefaultAttr {
    /// A literal, possibly negated: `false`, `0`, `-1`, `1.5`, `"text"`.
    Literal(Expr),
    /// An enum variant: `TransactionType::Purchase`.
    Variant(Path),
    Now,
    Random,
    Sql(LitStr),
}

pub enum LiteralKind {
    Bool(bool),
    /// A number in base 10 with its sign; `float` when written with a fraction or exponent.
    Number {
        digits: String,
        float: bool,
    },
    Str(String),
}

/// What a `DefaultAttr::Literal` holds; the attribute parser admits only these shapes.
pub fn literal(expr: &Expr) -> LiteralKind {
    match expr {
        Expr::Lit(ExprLit { lit, .. }) => match lit {
            Lit::Bool(b) => LiteralKind::Bool(b.value),
            Lit::Int(i) => LiteralKind::Number {
                digits: i.base10_digits().to_owned(),
                float: false,
            },
            Lit::Float(f) => LiteralKind::Number {
                digits: f.base10_digits().to_owned(),
                float: true,
            },
            Lit::Str(s) => LiteralKind::Str(s.value()),
            _ => unreachable!("rejected while parsing"),
        },
        Expr::Unary(unary) => match literal(&unary.expr) {
            LiteralKind::Number { digits, float } => LiteralKind::Number {
                digits: format!("-{digits}"),
                float,
            },
            _ => unreachable!("rejected while parsing"),
        },
        _ => unreachable!("rejected while parsing"),
    }
}

pub struct References {
    /// `Folder` in `Folder::id`.
    pub model: Path,
    /// `id` in `Folder::id`.
    pub field: Ident,
    /// `name = "..."`: the constraint's name instead of the generated `{table}_{column}_fkey`,
    /// e.g. to adopt a database another tool created under its own names.
    pub name: Option<LitStr>,
}

pub enum TypeOverride {
    Varchar(Option<LitInt>),
    Numeric(LitInt, LitInt),
    Timestamp,
    Raw(LitStr),
}

impl ColumnAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut name = Attr::none(cx, NAME);
        let mut primary_key = Attr::none(cx, PRIMARY_KEY);
        let mut unique = Attr::none(cx, UNIQUE);
        let mut index = Attr::none(cx, INDEX);
        let mut default = Attr::none(cx, DEFAULT);
        let mut references = Attr::none(cx, REFERENCES);
        let mut on_delete = Attr::none(cx, ON_DELETE);
        let mut on_update = Attr::none(cx, ON_UPDATE);
        let mut type_override = Attr::none(cx, TYPE);
        let mut rules = RuleLevels::default();
        let mut renamed_from = Attr::none(cx, RENAMED_FROM);
        let mut using = Attr::none(cx, USING_CAST);
        for attr in attrs.iter().filter(|a| a.path() == COLUMN) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.clone();
                let span = key.span();
                if key == NAME {
                    if let Some(s) = lit_str(cx, NAME, &meta)? {
                        name.set(span, s);
                    }
                } else if key == PRIMARY_KEY {
                    flag(cx, PRIMARY_KEY, &meta)?;
                    primary_key.set(span, span);
                } else if key == UNIQUE {
                    flag(cx, UNIQUE, &meta)?;
                    unique.set(span, span);
                } else if key == INDEX {
                    flag(cx, INDEX, &meta)?;
                    index.set(span, span);
                } else if key == DEFAULT_NOW {
                    flag(cx, DEFAULT_NOW, &meta)?;
                    default.set_by(DEFAULT_NOW, span, (span, DefaultAttr::Now));
                } else if key == DEFAULT_RANDOM {
                    flag(cx, DEFAULT_RANDOM, &meta)?;
                    default.set_by(DEFAULT_RANDOM, span, (span, DefaultAttr::Random));
                } else if key == DEFAULT_SQL {
                    if let Some(s) = lit_str(cx, DEFAULT_SQL, &meta)? {
                        default.set_by(DEFAULT_SQL, span, (span, DefaultAttr::Sql(s)));
                    }
                } else if key == DEFAULT {
                    if let Some(value) = default_value(cx, &meta)? {
                        default.set(span, (span, value));
                    }
                } else if key == REFERENCES {
                    if let Some(r) = references_path(cx, &meta)? {
                        references.set(span, r);
                    }
                } else if key == ON_DELETE {
                    if let Some(a) = action(cx, ON_DELETE, &meta)? {
                        on_delete.set(span, a);
                    }
                } else if key == ON_UPDATE {
                    if let Some(a) = action(cx, ON_UPDATE, &meta)? {
                        on_update.set(span, a);
                    }
                } else if key == VARCHAR {
                    let length = if meta.input.peek(syn::token::Paren) {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        // Peeked, not parsed: a failed `LitInt` parse would consume the token
                        // and leave nothing to point the error at.
                        let length = if content.peek(LitInt) {
                            Some(content.parse::<LitInt>()?)
                        } else {
                            None
                        };
                        if length.is_none() || !content.is_empty() {
                            let rest: proc_macro2::TokenStream = content.parse()?;
                            let message =
                                "expected the maximum length as an integer, e.g. `varchar(255)`";
                            if rest.is_empty() {
                                cx.error_at(span, message);
                            } else {
                                cx.error_spanned_by(rest, message);
                            }
                            return Ok(());
                        }
                        length
                    } else {
                        None
                    };
                    type_override.set_by(VARCHAR, span, (span, TypeOverride::Varchar(length)));
                } else if key == NUMERIC {
                    let message = "expected precision and scale as integers, e.g. `numeric(12, 2)`";
                    if !meta.input.peek(syn::token::Paren) {
                        cx.error_at(span, message);
                        skip_value(&meta)?;
                        return Ok(());
                    }
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let args = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?;
                    let ints: Vec<LitInt> = args
                        .iter()
                        .filter_map(|a| match a {
                            Expr::Lit(ExprLit {
                                lit: Lit::Int(i), ..
                            }) => Some(i.clone()),
                            _ => None,
                        })
                        .collect();
                    if ints.len() == 2 && args.len() == 2 {
                        type_override.set_by(
                            NUMERIC,
                            span,
                            (
                                span,
                                TypeOverride::Numeric(ints[0].clone(), ints[1].clone()),
                            ),
                        );
                    } else if args.is_empty() {
                        cx.error_at(span, message);
                    } else {
                        cx.error_spanned_by(args, message);
                    }
                } else if key == TIMESTAMP {
                    flag(cx, TIMESTAMP, &meta)?;
                    type_override.set_by(TIMESTAMP, span, (span, TypeOverride::Timestamp));
                } else if key == TYPE {
                    if let Some(s) = lit_str(cx, TYPE, &meta)? {
                        type_override.set(span, (span, TypeOverride::Raw(s)));
                    }
                } else if key == ALLOW {
                    rules.add(rule_list(cx, ALLOW, &meta)?, false);
                } else if key == DENY {
                    rules.add(rule_list(cx, DENY, &meta)?, true);
                } else if key == RENAMED_FROM {
                    if let Some(s) = lit_str(cx, RENAMED_FROM, &meta)? {
                        renamed_from.set(span, s);
                    }
                } else if key == USING_CAST {
                    if let Some(s) = lit_str(cx, USING_CAST, &meta)? {
                        using.set(span, s);
                    }
                } else {
                    unknown_key(cx, "column", COLUMN_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        ColumnAttrs {
            name: name.get(),
            primary_key: primary_key.get(),
            unique: unique.get(),
            index: index.get(),
            default: default.get(),
            references: references.get(),
            on_delete: on_delete.get(),
            on_update: on_update.get(),
            type_override: type_override.get(),
            rules: rules.checked(cx),
            renamed_from: renamed_from.get(),
            using: using.get(),
        }
    }
}

pub(crate) fn default_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<DefaultAttr>> {
    let expr: Expr = meta.value()?.parse()?;
    let literal = |e: &Expr| {
        matches!(
            e,
            Expr::Lit(ExprLit {
                lit: Lit::Bool(_) | Lit::Int(_) | Lit::Float(_) | Lit::Str(_),
                ..
            })
        )
    };
    match &expr {
        e if literal(e) => Ok(Some(DefaultAttr::Literal(expr))),
        Expr::Unary(u)
            if matches!(u.op, syn::UnOp::Neg(_))
                && matches!(
                    &*u.expr,
                    Expr::Lit(ExprLit {
                        lit: Lit::Int(_) | Lit::Float(_),
                        ..
                    })
                ) =>
        {
            Ok(Some(DefaultAttr::Literal(expr)))
        }
        Expr::Path(p) if p.path.segments.len() >= 2 => {
            Ok(Some(DefaultAttr::Variant(p.path.clone())))
        }
        _ => {
            cx.error_spanned_by(
                &expr,
                "expected a literal (`false`, `0`, `\"text\"`) or an enum variant (`Status::Active`); for an SQL expression use `default_sql = \"...\"`",
            );
            Ok(None)
        }
    }
}

pub(crate) fn references_path(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<References>> {
    if !meta.input.peek(syn::token::Paren) {
        cx.error_at(
            meta.path.span(),
            "expected the referenced field: `references(Folder::id)`",
        );
        skip_value(meta)?;
        return Ok(None);
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let path: Path = content.parse()?;
    if path.segments.len() < 2 {
        cx.error_spanned_by(
            &path,
            "expected `Model::field`, e.g. `references(Folder::id)` (use `Self::id` for a self-reference)",
        );
        return Ok(None);
    }
    let mut model = path.clone();
    let last = model.segments.pop().expect("two segments").into_value();
    if let Some(pair) = model.segments.pop() {
        model.segments.push_value(pair.into_value());
    }
    let mut name = Attr::none(cx, NAME);
    if !content.is_empty() {
        content.parse::<Token![,]>()?;
        let options: proc_macro2::TokenStream = content.parse()?;
        let parse_option = syn::meta::parser(|meta| {
            let key = meta.path.clone();
            if key == NAME {
                if let Some(s) = lit_str(cx, NAME, &meta)? {
                    name.set(key.span(), s);
                }
            } else if key == ON_DELETE || key == ON_UPDATE {
                // Written inside as drizzle-kit's `references(() => .., { onDelete })` is.
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "`{}` is a column attribute: write it after `references(..)`, e.g. `#[column(references(Folder::id), on_delete = \"cascade\")]`",
                        meta.path.get_ident().map(ToString::to_string).unwrap_or_default()
                    ),
                );
                skip_value(&meta)?;
            } else {
                unknown_key(cx, "`references(..)`", REFERENCES_KEYS, &meta)?;
            }
            Ok(())
        });
        // A malformed option is reported, and the reference itself is kept, so that the
        // model's other errors still show.
        if let Err(err) = syn::parse::Parser::parse2(parse_option, options) {
            cx.syn_error(err);
        }
    }
    Ok(Some(References {
        model,
        field: last.ident,
        name: name.get(),
    }))
}

pub(crate) fn action(
    cx: &Ctxt,
    key: Symbol,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<(LitStr, &'static str)>> {
    let Some(s) = lit_str(cx, key, meta)? else {
        return Ok(None);
    };
    let normalized = s.value().to_ascii_lowercase().replace(['_', '-'], " ");
    let known = match normalized
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .as_str()
    {
        "no action" => "no action",
        "restrict" => "restrict",
        "cascade" => "cascade",
        "set null" => "set null",
        "set default" => "set default",
        _ => {
            cx.error_spanned_by(
                &s,
                format!(
                    "unknown `{key}` action `{}`; expected \"cascade\", \"set null\", \"set default\", \"restrict\" or \"no action\"",
                    s.value()
                ),
            );
            return Ok(None);
        }
    };
    Ok(Some((s, known)))
}
