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
    /// `identity` / `identity(always, start = 1, increment = 1)`, where it is written.
    pub identity: Option<(Span, IdentityAttr)>,
    /// `generated = "price * qty"`: a stored generated column's expression.
    pub generated: Option<LitStr>,
    /// `on_update_now`: set to `now()` by a trigger whenever its row is updated.
    pub on_update_now: Option<Span>,
}

/// `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY` with its sequence options.
#[derive(Default)]
pub struct IdentityAttr {
    pub always: bool,
    pub start: Option<i64>,
    pub increment: Option<i64>,
}

pub enum DefaultAttr {
    /// A literal, possibly negated: `false`, `0`, `-1`, `1.5`, `"text"`; as written, for its
    /// span, and read.
    Literal(Expr, LiteralKind),
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

/// What a literal default is, or `None` for anything else: a bool, a number (negated or
/// not) or a string.
fn literal_kind(expr: &Expr) -> Option<LiteralKind> {
    match expr {
        Expr::Lit(ExprLit { lit, .. }) => match lit {
            Lit::Bool(b) => Some(LiteralKind::Bool(b.value)),
            Lit::Int(i) => Some(LiteralKind::Number {
                digits: i.base10_digits().to_owned(),
                float: false,
            }),
            Lit::Float(f) => Some(LiteralKind::Number {
                digits: f.base10_digits().to_owned(),
                float: true,
            }),
            Lit::Str(s) => Some(LiteralKind::Str(s.value())),
            _ => None,
        },
        Expr::Unary(unary)
            if matches!(unary.op, syn::UnOp::Neg(_)) && matches!(&*unary.expr, Expr::Lit(_)) =>
        {
            match literal_kind(&unary.expr)? {
                LiteralKind::Number { digits, float } => Some(LiteralKind::Number {
                    digits: format!("-{digits}"),
                    float,
                }),
                _ => None,
            }
        }
        _ => None,
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
    /// `deferrable` (`DEFERRABLE INITIALLY IMMEDIATE`) or `initially_deferred`
    /// (`DEFERRABLE INITIALLY DEFERRED`): when the key is checked.
    pub deferral: Option<Deferral>,
}

/// When a foreign key is checked, if not at each statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deferral {
    InitiallyImmediate,
    InitiallyDeferred,
}

pub enum TypeOverride {
    Varchar(Option<LitInt>),
    Numeric(LitInt, LitInt),
    Timestamp,
    Raw(LitStr),
}

impl TypeOverride {
    /// The length of `varchar(n)`, written as the override or as a raw type: PostgreSQL rejects
    /// longer text.
    pub fn varchar_limit(&self) -> Option<usize> {
        match self {
            TypeOverride::Varchar(Some(n)) => n.base10_parse().ok(),
            TypeOverride::Raw(raw) => {
                let raw = raw.value().to_ascii_lowercase().replace(' ', "");
                let inner = raw
                    .strip_prefix("varchar(")
                    .or_else(|| raw.strip_prefix("charactervarying("))?;
                inner.strip_suffix(')')?.parse().ok()
            }
            _ => None,
        }
    }
}

impl ColumnAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut object = ObjectKeys::without_schema(cx);
        let mut primary_key = Attr::none(cx, PRIMARY_KEY);
        let mut unique = Attr::none(cx, UNIQUE);
        let mut index = Attr::none(cx, INDEX);
        let mut default = Attr::none(cx, DEFAULT);
        let mut references = Attr::none(cx, REFERENCES);
        let mut on_delete = Attr::none(cx, ON_DELETE);
        let mut on_update = Attr::none(cx, ON_UPDATE);
        let mut type_override = Attr::none(cx, TYPE);
        let mut renamed_from = Attr::none(cx, RENAMED_FROM);
        let mut using = Attr::none(cx, USING_CAST);
        let mut identity = Attr::none(cx, IDENTITY);
        let mut generated = Attr::none(cx, GENERATED);
        let mut on_update_now = Attr::none(cx, ON_UPDATE_NOW);
        for attr in attrs.iter().filter(|a| a.path() == COLUMN) {
            let result = attr.parse_nested_meta(|meta| {
                if object.read(&meta)? {
                    return Ok(());
                }
                let key = meta.path.clone();
                let span = key.span();
                if key == PRIMARY_KEY {
                    primary_key.set_flag(&meta)?;
                } else if key == UNIQUE {
                    unique.set_flag(&meta)?;
                } else if key == INDEX {
                    index.set_flag(&meta)?;
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
                } else if key == RENAMED_FROM {
                    renamed_from.set_str(&meta)?;
                } else if key == USING_CAST {
                    using.set_str(&meta)?;
                } else if key == IDENTITY {
                    let value = identity_options(cx, &meta)?;
                    identity.set(span, (span, value));
                } else if key == GENERATED {
                    generated.set_str(&meta)?;
                } else if key == ON_UPDATE_NOW {
                    on_update_now.set_flag(&meta)?;
                } else if key == DEFERRABLE || key == INITIALLY_DEFERRED {
                    // Said of the foreign key, so written with it.
                    let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
                    cx.error_spanned_by(
                        &meta.path,
                        format!(
                            "`{key}` qualifies the foreign key: write it inside `references(..)`, e.g. `#[column(references(Folder::id, {key}))]`"
                        ),
                    );
                    skip_value(&meta)?;
                } else {
                    unknown_key(cx, "column", COLUMN_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        let ObjectAttrs { name, rules, .. } = object.finish();
        ColumnAttrs {
            name,
            primary_key: primary_key.get(),
            unique: unique.get(),
            index: index.get(),
            default: default.get(),
            references: references.get(),
            on_delete: on_delete.get(),
            on_update: on_update.get(),
            type_override: type_override.get(),
            rules,
            renamed_from: renamed_from.get(),
            using: using.get(),
            identity: identity.get(),
            generated: generated.get(),
            on_update_now: on_update_now.get(),
        }
    }
}

/// `identity` alone (`BY DEFAULT`), or `identity(always | by_default, start = N, increment = N)`.
fn identity_options(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<IdentityAttr> {
    let mut out = IdentityAttr::default();
    if !meta.input.peek(syn::token::Paren) {
        flag(cx, IDENTITY, meta)?;
        return Ok(out);
    }
    let mut kind = Attr::none(cx, ALWAYS);
    let mut start = Attr::none(cx, START);
    let mut increment = Attr::none(cx, INCREMENT);
    meta.parse_nested_meta(|inner| {
        let key = inner.path.clone();
        let span = key.span();
        if key == ALWAYS {
            flag(cx, ALWAYS, &inner)?;
            kind.set_by(ALWAYS, span, true);
        } else if key == BY_DEFAULT {
            flag(cx, BY_DEFAULT, &inner)?;
            kind.set_by(BY_DEFAULT, span, false);
        } else if key == START || key == INCREMENT {
            let expr: Expr = inner.value()?.parse()?;
            let value = match literal_kind(&expr) {
                Some(LiteralKind::Number {
                    digits,
                    float: false,
                }) => digits.parse::<i64>().ok(),
                _ => None,
            };
            match value {
                Some(0) if key == INCREMENT => {
                    cx.error_spanned_by(&expr, "an identity's increment cannot be 0")
                }
                Some(n) if key == START => start.set(span, n),
                Some(n) => increment.set(span, n),
                None => cx.error_spanned_by(
                    &expr,
                    "expected an integer that fits in a bigint, e.g. `start = 1000`",
                ),
            }
        } else {
            unknown_key(cx, "identity", IDENTITY_KEYS, &inner)?;
        }
        Ok(())
    })?;
    out.always = kind.get().unwrap_or(false);
    out.start = start.get();
    out.increment = increment.get();
    Ok(out)
}

pub(crate) fn default_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<DefaultAttr>> {
    let expr: Expr = meta.value()?.parse()?;
    if let Some(kind) = literal_kind(&expr) {
        return Ok(Some(DefaultAttr::Literal(expr, kind)));
    }
    match &expr {
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
    let mut deferral = Attr::none(cx, DEFERRABLE);
    if !content.is_empty() {
        content.parse::<Token![,]>()?;
        let options: proc_macro2::TokenStream = content.parse()?;
        let parse_option = syn::meta::parser(|meta| {
            let key = meta.path.clone();
            if key == NAME {
                name.set_str(&meta)?;
            } else if key == DEFERRABLE {
                flag(cx, DEFERRABLE, &meta)?;
                deferral.set_by(DEFERRABLE, meta.path.span(), Deferral::InitiallyImmediate);
            } else if key == INITIALLY_DEFERRED {
                flag(cx, INITIALLY_DEFERRED, &meta)?;
                deferral.set_by(
                    INITIALLY_DEFERRED,
                    meta.path.span(),
                    Deferral::InitiallyDeferred,
                );
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
        deferral: deferral.get(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn read(attrs: Vec<syn::Attribute>) -> (ColumnAttrs, Vec<String>) {
        read_reporting(|cx| ColumnAttrs::from_ast(cx, &attrs))
    }

    #[test]
    fn every_key_is_read() {
        let (attrs, errors) = read(parse_quote!(
            #[column(name = "amount_cents", primary_key, unique, index, default = -1)]
            #[column(references(Account::id, name = "fk"), on_delete = "set_null")]
            #[column(on_update = "CASCADE", numeric(12, 2), allow(bool_prefix))]
            #[column(deny(timestamp_suffix), renamed_from = "amount", using = "amount::bigint")]
        ));
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(attrs.name.unwrap().value(), "amount_cents");
        assert!(attrs.primary_key.is_some() && attrs.unique.is_some() && attrs.index.is_some());
        match attrs.default {
            Some((_, DefaultAttr::Literal(_, LiteralKind::Number { digits, float }))) => {
                assert_eq!((digits.as_str(), float), ("-1", false));
            }
            _ => panic!("a literal default"),
        }
        let references = attrs.references.unwrap();
        assert!(references.model.is_ident("Account") && references.field == "id");
        assert_eq!(attrs.on_delete.unwrap().1, "set null");
        assert_eq!(attrs.on_update.unwrap().1, "cascade");
        assert!(matches!(
            attrs.type_override,
            Some((_, TypeOverride::Numeric(..)))
        ));
        assert_eq!((attrs.rules.allow.len(), attrs.rules.deny.len()), (1, 1));
        assert_eq!(attrs.renamed_from.unwrap().value(), "amount");
        assert_eq!(attrs.using.unwrap().value(), "amount::bigint");
    }

    #[test]
    fn each_default_and_type_key_is_read() {
        for (attr, default) in [
            (parse_quote!(#[column(default_now)]), "now"),
            (parse_quote!(#[column(default_random)]), "random"),
            (parse_quote!(#[column(default_sql = "1 + 1")]), "sql"),
            (parse_quote!(#[column(default = Status::Active)]), "variant"),
            (parse_quote!(#[column(default = "text")]), "literal"),
        ] {
            let (attrs, errors) = read(vec![attr]);
            assert_eq!(errors, Vec::<String>::new(), "{default}");
            let read = match attrs.default.map(|(_, d)| d) {
                Some(DefaultAttr::Now) => "now",
                Some(DefaultAttr::Random) => "random",
                Some(DefaultAttr::Sql(_)) => "sql",
                Some(DefaultAttr::Variant(_)) => "variant",
                Some(DefaultAttr::Literal(..)) => "literal",
                None => "none",
            };
            assert_eq!(read, default);
        }
        for (attr, limit) in [
            (parse_quote!(#[column(varchar)]), None),
            (parse_quote!(#[column(varchar(40))]), Some(40)),
            (
                parse_quote!(#[column(type = "character varying (20)")]),
                Some(20),
            ),
            (parse_quote!(#[column(timestamp)]), None),
        ] {
            let (attrs, errors) = read(vec![attr]);
            assert_eq!(errors, Vec::<String>::new());
            let (_, type_override) = attrs.type_override.expect("a type override");
            assert_eq!(type_override.varchar_limit(), limit);
        }
    }

    #[test]
    fn a_second_key_is_a_duplicate_or_a_conflict() {
        let (_, errors) = read(parse_quote!(
            #[column(name = "a", unique, allow(bool_prefix))]
            #[column(name = "b", unique, deny(bool_prefix), default_now, default = 1)]
            #[column(varchar, type = "text")]
        ));
        assert_eq!(
            errors,
            [
                "duplicate attribute `name`; remove one of them",
                "duplicate attribute `unique`; remove one of them",
                "`default` conflicts with `default_now`: a column has one default; keep one of them",
                "`type` conflicts with `varchar`: a column has one type; keep one of them",
                "`bool_prefix` is both allowed and denied here; keep one",
                "`bool_prefix` is both allowed and denied here; keep one",
            ]
        );
    }

    #[test]
    fn an_unknown_key_suggests_the_closest() {
        let (_, errors) = read(parse_quote!(
            #[column(primry_key, defualt_now, schema = "s")]
            #[column(references(Folder::id, nmae = "x"))]
        ));
        assert_eq!(errors.len(), 4);
        assert_eq!(
            errors[..2],
            [
                "unknown column attribute `primry_key`; did you mean `primary_key`?",
                "unknown column attribute `defualt_now`; did you mean `default_now`?",
            ]
        );
        assert!(
            errors[2].starts_with("unknown column attribute `schema`; expected one of"),
            "a column has no schema of its own: {}",
            errors[2]
        );
        assert_eq!(
            errors[3],
            "unknown `references(..)` attribute `nmae`; did you mean `name`?"
        );
    }
}
