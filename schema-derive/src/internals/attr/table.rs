//! `#[table(...)]` and `#[index(...)]` on the struct.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Token};

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
