//! Typed attribute model: `#[table(...)]`, `#[index(...)]`, `#[column(...)]`, `#[pg_enum(...)]`.
//!
//! Nothing here returns early on a mistake: every error goes to the [`Ctxt`] and parsing goes
//! on with the next key, so one compile shows all of them.

use super::ctxt::Ctxt;
use super::rules::Rule;
use super::symbol::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Ident, Lit, LitInt, LitStr, Path, Token};

/// A value set at most once; the second setting is reported at its own token.
///
/// One value may be settable by several keys (`default`, `default_now`, ... all set the
/// column's default): the report then names both keys.
pub struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    first: Option<Symbol>,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    pub fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Attr {
            cx,
            name,
            first: None,
            value: None,
        }
    }

    pub fn set(&mut self, span: Span, value: T) {
        self.set_by(self.name, span, value);
    }

    /// Sets the value through `key`, one of the keys that set it.
    pub fn set_by(&mut self, key: Symbol, span: Span, value: T) {
        match self.first {
            Some(first) if first == key => self.cx.error_at(
                span,
                format!("duplicate attribute `{key}`; remove one of them"),
            ),
            Some(first) => {
                let what = if self.name == DEFAULT {
                    "a column has one default"
                } else if self.name == TYPE {
                    "a column has one type"
                } else {
                    "both set the same thing"
                };
                self.cx.error_at(
                    span,
                    format!("`{key}` conflicts with `{first}`: {what}; keep one of them"),
                );
            }
            None => {
                self.first = Some(key);
                self.value = Some(value);
            }
        }
    }

    pub fn get(self) -> Option<T> {
        self.value
    }
}

const TABLE_KEYS: &[&str] = &[
    "name",
    "schema",
    "primary_key(..)",
    "unique(..)",
    "index(..)",
    "check(..)",
    "allow(..)",
    "deny(..)",
    "renamed_from",
    "shapes",
];
const INDEX_KEYS: &[&str] = &["columns(..)", "name", "unique", "where", "using"];
const COLUMN_KEYS: &[&str] = &[
    "name",
    "primary_key",
    "unique",
    "index",
    "default",
    "default_now",
    "default_random",
    "default_sql",
    "references(..)",
    "on_delete",
    "on_update",
    "varchar",
    "varchar(n)",
    "numeric(p, s)",
    "timestamp",
    "type",
    "allow(..)",
    "deny(..)",
    "renamed_from",
    "using",
];
const REFERENCES_KEYS: &[&str] = &["name"];
const ENUM_KEYS: &[&str] = &["name", "schema", "rename_all", "allow(..)", "deny(..)"];
const VARIANT_KEYS: &[&str] = &["rename", "renamed_from"];

// ---------------------------------------------------------------------------------------------
// Struct level

pub struct TableAttrs {
    pub name: Option<LitStr>,
    pub schema: Option<LitStr>,
    pub primary_key: Option<ColumnList>,
    pub uniques: Vec<ColumnList>,
    pub indexes: Vec<IndexAttr>,
    pub checks: Vec<CheckAttr>,
    /// Rules switched off, and on, for this table and its columns.
    pub rules: RuleLevels,
    /// The table's previous name: a hint for the next migration, which renames instead of
    /// dropping and creating.
    pub renamed_from: Option<LitStr>,
    /// `shapes`: the model gets its insert and update shapes even where the crate does not
    /// ask for them for every model (`shapes = true` in `[package.metadata.schema]`).
    pub shapes: bool,
}

/// `(a, b)` naming fields of the struct, with the span of the key that introduced it.
pub struct ColumnList {
    pub span: Span,
    pub columns: Vec<Ident>,
}

pub struct IndexAttr {
    pub span: Span,
    pub columns: Vec<Ident>,
    pub name: Option<LitStr>,
    pub unique: bool,
    pub predicate: Option<LitStr>,
    pub method: Option<LitStr>,
}

pub struct CheckAttr {
    pub name: LitStr,
    pub sql: LitStr,
}

impl TableAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut name = Attr::none(cx, NAME);
        let mut schema = Attr::none(cx, SCHEMA);
        let mut primary_key = Attr::none(cx, PRIMARY_KEY);
        let mut uniques = Vec::new();
        let mut indexes = Vec::new();
        let mut checks = Vec::new();
        let mut rules = RuleLevels::default();
        let mut renamed_from = Attr::none(cx, RENAMED_FROM);
        let mut shapes = false;
        for attr in attrs {
            if attr.path() == INDEX {
                if let Some(index) = IndexAttr::from_attr(cx, attr) {
                    indexes.push(index);
                }
                continue;
            }
            if attr.path() != TABLE {
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.clone();
                if key == NAME {
                    if let Some(s) = lit_str(cx, NAME, &meta)? {
                        name.set(key.span(), s);
                    }
                } else if key == SCHEMA {
                    if let Some(s) = lit_str(cx, SCHEMA, &meta)? {
                        schema.set(key.span(), s);
                    }
                } else if key == PRIMARY_KEY {
                    if let Some(columns) = ident_list(cx, PRIMARY_KEY, &meta)? {
                        primary_key.set(
                            key.span(),
                            ColumnList {
                                span: key.span(),
                                columns,
                            },
                        );
                    }
                } else if key == UNIQUE {
                    if let Some(columns) = ident_list(cx, UNIQUE, &meta)? {
                        uniques.push(ColumnList {
                            span: key.span(),
                            columns,
                        });
                    }
                } else if key == INDEX {
                    if let Some(index) = IndexAttr::from_nested(cx, &meta)? {
                        indexes.push(index);
                    }
                } else if key == CHECK {
                    if let Some(check) = CheckAttr::from_nested(cx, &meta)? {
                        checks.push(check);
                    }
                } else if key == ALLOW {
                    rules.add(rule_list(cx, ALLOW, &meta)?, false);
                } else if key == DENY {
                    rules.add(rule_list(cx, DENY, &meta)?, true);
                } else if key == RENAMED_FROM {
                    if let Some(s) = lit_str(cx, RENAMED_FROM, &meta)? {
                        renamed_from.set(key.span(), s);
                    }
                } else if key == SHAPES {
                    flag(cx, SHAPES, &meta)?;
                    shapes = true;
                } else {
                    unknown_key(cx, "table", TABLE_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        TableAttrs {
            name: name.get(),
            schema: schema.get(),
            primary_key: primary_key.get(),
            uniques,
            indexes,
            checks,
            rules: rules.checked(cx),
            renamed_from: renamed_from.get(),
            shapes,
        }
    }
}

impl IndexAttr {
    fn from_attr(cx: &Ctxt, attr: &syn::Attribute) -> Option<Self> {
        let mut builder = IndexBuilder::new(cx, attr.path().span());
        if let Err(err) = attr.parse_nested_meta(|meta| builder.key(&meta)) {
            cx.syn_error(err);
        }
        builder.finish()
    }

    fn from_nested(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
        let mut builder = IndexBuilder::new(cx, meta.path.span());
        if !meta.input.peek(syn::token::Paren) {
            cx.error_at(meta.path.span(), "expected `index(columns(..), ...)`");
            return Ok(None);
        }
        meta.parse_nested_meta(|inner| builder.key(&inner))?;
        Ok(builder.finish())
    }
}

struct IndexBuilder<'c> {
    cx: &'c Ctxt,
    span: Span,
    columns: Attr<'c, Vec<Ident>>,
    name: Attr<'c, LitStr>,
    unique: Attr<'c, ()>,
    predicate: Attr<'c, LitStr>,
    method: Attr<'c, LitStr>,
}

impl<'c> IndexBuilder<'c> {
    fn new(cx: &'c Ctxt, span: Span) -> Self {
        IndexBuilder {
            cx,
            span,
            columns: Attr::none(cx, COLUMNS),
            name: Attr::none(cx, NAME),
            unique: Attr::none(cx, UNIQUE),
            predicate: Attr::none(cx, WHERE),
            method: Attr::none(cx, USING),
        }
    }

    fn key(&mut self, meta: &ParseNestedMeta) -> syn::Result<()> {
        let cx = self.cx;
        let key = &meta.path;
        if key == COLUMNS {
            if let Some(columns) = ident_list(cx, COLUMNS, meta)? {
                self.columns.set(key.span(), columns);
            }
        } else if key == NAME {
            if let Some(s) = lit_str(cx, NAME, meta)? {
                self.name.set(key.span(), s);
            }
        } else if key == UNIQUE {
            flag(cx, UNIQUE, meta)?;
            self.unique.set(key.span(), ());
        } else if key == WHERE {
            if let Some(s) = lit_str(cx, WHERE, meta)? {
                self.predicate.set(key.span(), s);
            }
        } else if key == USING {
            if let Some(s) = lit_str(cx, USING, meta)? {
                self.method.set(key.span(), s);
            }
        } else {
            unknown_key(cx, "index", INDEX_KEYS, meta)?;
        }
        Ok(())
    }

    fn finish(self) -> Option<IndexAttr> {
        let Some(columns) = self.columns.get() else {
            self.cx.error_at(
                self.span,
                "an index needs its columns: `index(columns(a, b))`",
            );
            return None;
        };
        Some(IndexAttr {
            span: self.span,
            columns,
            name: self.name.get(),
            unique: self.unique.get().is_some(),
            predicate: self.predicate.get(),
            method: self.method.get(),
        })
    }
}

impl CheckAttr {
    /// `check(name = "balances_amount_non_negative", "amount >= 0")`
    fn from_nested(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
        let content;
        syn::parenthesized!(content in meta.input);
        let items = Punctuated::<CheckItem, Token![,]>::parse_terminated(&content)?;
        let mut name = None;
        let mut sql = None;
        for item in items {
            match item {
                CheckItem::Name(lit) => name = Some(lit),
                CheckItem::Sql(lit) => sql = Some(lit),
            }
        }
        match (name, sql) {
            (Some(name), Some(sql)) => Ok(Some(CheckAttr { name, sql })),
            _ => {
                cx.error_at(
                    meta.path.span(),
                    "a check constraint needs a name and an expression: `check(name = \"amount_non_negative\", \"amount >= 0\")`",
                );
                Ok(None)
            }
        }
    }
}

enum CheckItem {
    Name(LitStr),
    Sql(LitStr),
}

impl Parse for CheckItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return Ok(CheckItem::Sql(input.parse()?));
        }
        let key: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        if key == NAME {
            Ok(CheckItem::Name(input.parse()?))
        } else if key == "sql" {
            Ok(CheckItem::Sql(input.parse()?))
        } else {
            Err(syn::Error::new(
                key.span(),
                format!("unknown check key `{key}`; expected `name` or `sql`"),
            ))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Field level

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

fn default_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<DefaultAttr>> {
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

fn references_path(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<References>> {
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

fn action(
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

// ---------------------------------------------------------------------------------------------
// Enums

pub struct EnumAttrs {
    pub name: Option<LitStr>,
    pub schema: Option<LitStr>,
    pub rename_all: Option<(LitStr, RenameRule)>,
    /// Rules switched off, and on, for this enum.
    pub rules: RuleLevels,
}

#[derive(Clone, Copy)]
pub enum RenameRule {
    Snake,
    Lower,
    Upper,
    ScreamingSnake,
    Kebab,
    Camel,
    Pascal,
}

impl RenameRule {
    const NAMES: &'static str = "\"snake_case\", \"lowercase\", \"UPPERCASE\", \"SCREAMING_SNAKE_CASE\", \"kebab-case\", \"camelCase\", \"PascalCase\"";

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "snake_case" => Self::Snake,
            "lowercase" => Self::Lower,
            "UPPERCASE" => Self::Upper,
            "SCREAMING_SNAKE_CASE" => Self::ScreamingSnake,
            "kebab-case" => Self::Kebab,
            "camelCase" => Self::Camel,
            "PascalCase" => Self::Pascal,
            _ => return None,
        })
    }

    pub fn apply(self, variant: &str) -> String {
        use heck::*;
        match self {
            Self::Snake => variant.to_snake_case(),
            Self::Lower => variant.to_lowercase(),
            Self::Upper => variant.to_uppercase(),
            Self::ScreamingSnake => variant.to_shouty_snake_case(),
            Self::Kebab => variant.to_kebab_case(),
            Self::Camel => variant.to_lower_camel_case(),
            Self::Pascal => variant.to_upper_camel_case(),
        }
    }
}

impl EnumAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut name = Attr::none(cx, NAME);
        let mut schema = Attr::none(cx, SCHEMA);
        let mut rename_all = Attr::none(cx, RENAME_ALL);
        let mut rules = RuleLevels::default();
        for attr in attrs.iter().filter(|a| a.path() == PG_ENUM) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.clone();
                if key == NAME {
                    if let Some(s) = lit_str(cx, NAME, &meta)? {
                        name.set(key.span(), s);
                    }
                } else if key == SCHEMA {
                    if let Some(s) = lit_str(cx, SCHEMA, &meta)? {
                        schema.set(key.span(), s);
                    }
                } else if key == RENAME_ALL {
                    if let Some(s) = lit_str(cx, RENAME_ALL, &meta)? {
                        match RenameRule::parse(&s.value()) {
                            Some(rule) => rename_all.set(key.span(), (s, rule)),
                            None => cx.error_spanned_by(
                                &s,
                                format!(
                                    "unknown `rename_all` rule; expected one of {}",
                                    RenameRule::NAMES
                                ),
                            ),
                        }
                    }
                } else if key == ALLOW {
                    rules.add(rule_list(cx, ALLOW, &meta)?, false);
                } else if key == DENY {
                    rules.add(rule_list(cx, DENY, &meta)?, true);
                } else {
                    unknown_key(cx, "pg_enum", ENUM_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        EnumAttrs {
            name: name.get(),
            schema: schema.get(),
            rename_all: rename_all.get(),
            rules: rules.checked(cx),
        }
    }
}

/// `#[pg_enum(rename = "...", renamed_from = "...")]` on a variant.
pub struct VariantAttrs {
    pub rename: Option<LitStr>,
    /// The label's previous value: a migration hint, so the value is renamed, not replaced.
    pub renamed_from: Option<LitStr>,
}

pub fn variant_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> VariantAttrs {
    let mut rename = Attr::none(cx, RENAME);
    let mut renamed_from = Attr::none(cx, RENAMED_FROM);
    for attr in attrs.iter().filter(|a| a.path() == PG_ENUM) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta.path.clone();
            if key == RENAME {
                if let Some(s) = lit_str(cx, RENAME, &meta)? {
                    rename.set(key.span(), s);
                }
            } else if key == RENAMED_FROM {
                if let Some(s) = lit_str(cx, RENAMED_FROM, &meta)? {
                    renamed_from.set(key.span(), s);
                }
            } else {
                unknown_key(cx, "pg_enum variant", VARIANT_KEYS, &meta)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    VariantAttrs {
        rename: rename.get(),
        renamed_from: renamed_from.get(),
    }
}

// ---------------------------------------------------------------------------------------------
// Value helpers

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

fn ident_list(cx: &Ctxt, key: Symbol, meta: &ParseNestedMeta) -> syn::Result<Option<Vec<Ident>>> {
    if !meta.input.peek(syn::token::Paren) {
        cx.error_at(
            meta.path.span(),
            format!("expected a list of fields: `{key}(a, b)`"),
        );
        skip_value(meta)?;
        return Ok(None);
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let idents = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
    if idents.is_empty() {
        cx.error_at(
            meta.path.span(),
            format!("`{key}(..)` needs at least one field"),
        );
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

    fn add(&mut self, rules: Vec<(Rule, Span)>, deny: bool) {
        for (rule, span) in rules {
            if deny {
                self.deny.push(rule);
            } else {
                self.allow.push(rule);
            }
            self.spans.push((rule, span));
        }
    }

    fn checked(self, cx: &Ctxt) -> Self {
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
fn rule_list(cx: &Ctxt, key: Symbol, meta: &ParseNestedMeta) -> syn::Result<Vec<(Rule, Span)>> {
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
        .map(|k| k.split('(').next().unwrap_or(k))
        .map(|k| (edit_distance(&key, k), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal string alignment distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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

    #[test]
    fn typos_find_their_key() {
        assert_eq!(closest_key("primry_key", COLUMN_KEYS), Some("primary_key"));
        assert_eq!(closest_key("defualt_now", COLUMN_KEYS), Some("default_now"));
        assert_eq!(closest_key("refrences", COLUMN_KEYS), Some("references"));
        assert_eq!(closest_key("nmae", TABLE_KEYS), Some("name"));
        assert_eq!(closest_key("colour", COLUMN_KEYS), None);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
