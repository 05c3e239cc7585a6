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
    pub triggers: Vec<TriggerAttr>,
    pub exclusions: Vec<ExcludeAttr>,
    /// `rls` or `force_rls`, where written: `force` for the latter.
    pub row_security: Option<(Span, bool)>,
    pub policies: Vec<PolicyAttr>,
    /// Rules switched off, and on, for this table and its columns.
    pub rules: RuleLevels,
    /// The table's previous name: a hint for the next migration, which renames instead of
    /// dropping and creating.
    pub renamed_from: Option<LitStr>,
    /// `shapes`: the model gets its insert and update shapes even where the crate does not
    /// ask for them for every model (`shapes = true` in `[package.metadata.schema]`).
    pub shapes: bool,
    /// `partition_by = "range (created_at)"`.
    pub partition_by: Option<PartitionKeyAttr>,
}

/// `(a, b)` naming fields of the struct, with the span of the key that introduced it.
pub struct ColumnList {
    pub span: Span,
    pub columns: Vec<Ident>,
    /// `deferrable` or `initially_deferred` among the names: when the key is checked.
    pub deferral: Option<Deferral>,
}

impl ColumnList {
    /// The list of a key, `deferrable` or `initially_deferred` taken out of its names.
    fn of_key(span: Span, names: Vec<Ident>) -> Self {
        let mut deferral = None;
        let columns = names
            .into_iter()
            .filter(|name| {
                let word = if name == DEFERRABLE {
                    Some(Deferral::InitiallyImmediate)
                } else if name == INITIALLY_DEFERRED {
                    Some(Deferral::InitiallyDeferred)
                } else {
                    None
                };
                deferral = word.or(deferral.take());
                word.is_none()
            })
            .collect();
        ColumnList {
            span,
            columns,
            deferral,
        }
    }
}

pub struct IndexAttr {
    pub span: Span,
    pub columns: Vec<IndexKeyAttr>,
    /// `include(a, b)`: columns stored in the index, not keys.
    pub include: Vec<Ident>,
    pub nulls_not_distinct: Option<Span>,
    /// `with(fillfactor = 70)`: storage parameters, as (name, value as SQL).
    pub with: Vec<(String, String)>,
    pub name: Option<LitStr>,
    pub unique: bool,
    pub predicate: Option<LitStr>,
    pub method: Option<LitStr>,
}

/// One key of `columns(..)`: `email`, `created_at(desc, nulls_last)`, `title(ops = "gin_trgm_ops")`,
/// `expr("lower(email)")`, `expr("lower(email)", desc)`.
pub struct IndexKeyAttr {
    pub part: KeyPartAttr,
    pub descending: bool,
    /// `nulls_first` (true) or `nulls_last`.
    pub nulls_first: Option<bool>,
    pub opclass: Option<LitStr>,
    /// `with = "&&"`: an exclusion constraint's operator for the key.
    pub operator: Option<LitStr>,
}

pub enum KeyPartAttr {
    Column(Ident),
    Expression(LitStr),
}

impl IndexKeyAttr {
    /// Parses `columns(..)`'s list; a mistake in one key is reported on its token and the key
    /// left out.
    pub(super) fn parse_list(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Vec<Self>>> {
        if !meta.input.peek(syn::token::Paren) {
            cx.error_at(
                meta.path.span(),
                "expected a list of keys: `columns(a, b(desc), expr(\"lower(c)\"))`",
            );
            skip_value(meta)?;
            return Ok(None);
        }
        let mut keys = Vec::new();
        meta.parse_nested_meta(|key| {
            let Some(ident) = key.path.get_ident().cloned() else {
                cx.error_at(key.path.span(), "expected a field name or `expr(\"..\")`");
                return skip_value(&key);
            };
            let mut attr = IndexKeyAttr {
                part: KeyPartAttr::Column(ident.clone()),
                descending: false,
                nulls_first: None,
                opclass: None,
                operator: None,
            };
            if !key.input.peek(syn::token::Paren) {
                keys.push(attr);
                return Ok(());
            }
            let content;
            syn::parenthesized!(content in key.input);
            if ident == EXPR {
                if !content.peek(LitStr) {
                    cx.error_at(
                        ident.span(),
                        "an expression key is its SQL: `expr(\"lower(email)\")`",
                    );
                    let _ = content.parse::<proc_macro2::TokenStream>();
                    return Ok(());
                }
                attr.part = KeyPartAttr::Expression(content.parse()?);
                if content.is_empty() {
                    keys.push(attr);
                    return Ok(());
                }
                content.parse::<Token![,]>()?;
            }
            let mut ok = true;
            while !content.is_empty() {
                let option: Ident = content.parse()?;
                if option == ASC {
                    attr.descending = false;
                } else if option == DESC {
                    attr.descending = true;
                } else if option == NULLS_FIRST {
                    attr.nulls_first = Some(true);
                } else if option == NULLS_LAST {
                    attr.nulls_first = Some(false);
                } else if option == OPS {
                    content.parse::<Token![=]>()?;
                    attr.opclass = Some(content.parse()?);
                } else if option == WITH {
                    content.parse::<Token![=]>()?;
                    attr.operator = Some(content.parse()?);
                } else {
                    ok = false;
                    cx.error_at(
                        option.span(),
                        format!(
                            "unknown index key option `{option}`; expected one of {}",
                            INDEX_KEY_OPTIONS.join(", ")
                        ),
                    );
                    let _ = content.parse::<proc_macro2::TokenStream>();
                    break;
                }
                if content.is_empty() {
                    break;
                }
                content.parse::<Token![,]>()?;
            }
            if ok {
                keys.push(attr);
            }
            Ok(())
        })?;
        if keys.is_empty() {
            cx.error_at(meta.path.span(), "`columns(..)` needs at least one key");
            return Ok(None);
        }
        Ok(Some(keys))
    }
}

pub struct CheckAttr {
    pub name: LitStr,
    pub sql: LitStr,
}

impl TableAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut object = ObjectKeys::with_schema(cx);
        let mut primary_key = Attr::none(cx, PRIMARY_KEY);
        let mut uniques = Vec::new();
        let mut indexes = Vec::new();
        let mut checks = Vec::new();
        let mut triggers = Vec::new();
        let mut exclusions = Vec::new();
        let mut row_security = Attr::none(cx, RLS);
        let mut policies = Vec::new();
        let mut renamed_from = Attr::none(cx, RENAMED_FROM);
        let mut shapes = Attr::none(cx, SHAPES);
        let mut partition_by = Attr::none(cx, PARTITION_BY);
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
                if object.read(&meta)? {
                    return Ok(());
                }
                let key = meta.path.clone();
                if key == PRIMARY_KEY {
                    if let Some(columns) = ident_list(cx, PRIMARY_KEY, &meta)? {
                        primary_key.set(key.span(), ColumnList::of_key(key.span(), columns));
                    }
                } else if key == UNIQUE {
                    if let Some(columns) = ident_list(cx, UNIQUE, &meta)? {
                        uniques.push(ColumnList::of_key(key.span(), columns));
                    }
                } else if key == INDEX {
                    if let Some(index) = IndexAttr::from_nested(cx, &meta)? {
                        indexes.push(index);
                    }
                } else if key == CHECK {
                    if let Some(check) = CheckAttr::from_nested(cx, &meta)? {
                        checks.push(check);
                    }
                } else if key == EXCLUDE {
                    if let Some(exclusion) = ExcludeAttr::from_nested(cx, &meta)? {
                        exclusions.push(exclusion);
                    }
                } else if key == TRIGGER {
                    if let Some(trigger) = TriggerAttr::from_nested(cx, &meta)? {
                        triggers.push(trigger);
                    }
                } else if key == RLS || key == FORCE_RLS {
                    let symbol = if key == RLS { RLS } else { FORCE_RLS };
                    flag(cx, symbol, &meta)?;
                    row_security.set_by(symbol, key.span(), (key.span(), key == FORCE_RLS));
                } else if key == POLICY {
                    if let Some(policy) = PolicyAttr::from_nested(cx, &meta)? {
                        policies.push(policy);
                    }
                } else if key == RENAMED_FROM {
                    renamed_from.set_str(&meta)?;
                } else if key == SHAPES {
                    shapes.set_flag(&meta)?;
                } else if key == PARTITION_BY {
                    partition_by.set_str(&meta)?;
                } else {
                    unknown_key(cx, "table", TABLE_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        let ObjectAttrs {
            name,
            schema,
            rules,
        } = object.finish();
        TableAttrs {
            name,
            schema,
            primary_key: primary_key.get(),
            uniques,
            indexes,
            checks,
            triggers,
            exclusions,
            row_security: row_security.get(),
            policies,
            rules,
            renamed_from: renamed_from.get(),
            shapes: shapes.get().is_some(),
            partition_by: partition_by
                .get()
                .and_then(|lit| PartitionKeyAttr::parse(cx, lit)),
        }
    }
}

impl IndexAttr {
    pub(super) fn from_attr(cx: &Ctxt, attr: &syn::Attribute) -> Option<Self> {
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
    columns: Attr<'c, Vec<IndexKeyAttr>>,
    include: Attr<'c, Vec<Ident>>,
    nulls_not_distinct: Attr<'c, Span>,
    with: Attr<'c, Vec<(String, String)>>,
    name: Attr<'c, LitStr>,
    unique: Attr<'c, Span>,
    predicate: Attr<'c, LitStr>,
    method: Attr<'c, LitStr>,
}

impl<'c> IndexBuilder<'c> {
    fn new(cx: &'c Ctxt, span: Span) -> Self {
        IndexBuilder {
            cx,
            span,
            columns: Attr::none(cx, COLUMNS),
            include: Attr::none(cx, INCLUDE),
            nulls_not_distinct: Attr::none(cx, NULLS_NOT_DISTINCT),
            with: Attr::none(cx, WITH),
            name: Attr::none(cx, NAME),
            unique: Attr::none(cx, UNIQUE),
            predicate: Attr::none(cx, WHERE),
            method: Attr::none(cx, USING),
        }
    }

    fn key(&mut self, meta: &ParseNestedMeta) -> syn::Result<()> {
        let key = &meta.path;
        if key == COLUMNS {
            if let Some(columns) = IndexKeyAttr::parse_list(self.cx, meta)? {
                self.columns.set(key.span(), columns);
            }
        } else if key == INCLUDE {
            if let Some(columns) = ident_list(self.cx, INCLUDE, meta)? {
                self.include.set(key.span(), columns);
            }
        } else if key == NULLS_NOT_DISTINCT {
            self.nulls_not_distinct.set_flag(meta)?;
        } else if key == WITH {
            let mut parameters = Vec::new();
            meta.parse_nested_meta(|parameter| {
                let Some(name) = parameter.path.get_ident() else {
                    self.cx
                        .error_at(parameter.path.span(), "expected a storage parameter's name");
                    return skip_value(&parameter);
                };
                let value: syn::Expr = parameter.value()?.parse()?;
                let text = match &value {
                    syn::Expr::Lit(lit) => match &lit.lit {
                        syn::Lit::Int(n) => Some(n.base10_digits().to_owned()),
                        syn::Lit::Float(n) => Some(n.base10_digits().to_owned()),
                        syn::Lit::Bool(b) => Some(b.value.to_string()),
                        syn::Lit::Str(s) => Some(s.value()),
                        _ => None,
                    },
                    syn::Expr::Path(path) => path.path.get_ident().map(Ident::to_string),
                    _ => None,
                };
                match text {
                    Some(text) => parameters.push((name.to_string(), text)),
                    None => self.cx.error_spanned_by(
                        &value,
                        "a storage parameter's value is a number, `true`/`false`, a word or a string: `with(fillfactor = 70)`",
                    ),
                }
                Ok(())
            })?;
            self.with.set(key.span(), parameters);
        } else if key == NAME {
            self.name.set_str(meta)?;
        } else if key == UNIQUE {
            self.unique.set_flag(meta)?;
        } else if key == WHERE {
            self.predicate.set_str(meta)?;
        } else if key == USING {
            self.method.set_str(meta)?;
        } else {
            unknown_key(self.cx, "index", INDEX_KEYS, meta)?;
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
        for operator in columns.iter().filter_map(|k| k.operator.as_ref()) {
            self.cx.error_spanned_by(
                operator,
                "an index key has no operator: `with` is for `exclude(..)`'s elements",
            );
        }
        let nulls_not_distinct = self.nulls_not_distinct.get();
        let unique = self.unique.get();
        if let (Some(span), None) = (nulls_not_distinct, unique) {
            self.cx.error_at(
                span,
                "`nulls_not_distinct` is for unique indexes: add `unique`, or leave it out",
            );
        }
        Some(IndexAttr {
            span: self.span,
            columns,
            include: self.include.get().unwrap_or_default(),
            nulls_not_distinct,
            with: self.with.get().unwrap_or_default(),
            name: self.name.get(),
            unique: unique.is_some(),
            predicate: self.predicate.get(),
            method: self.method.get(),
        })
    }
}

impl CheckAttr {
    /// `check(name = "balances_amount_non_negative", "amount >= 0")`
    pub(crate) fn from_nested(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn read(attrs: Vec<syn::Attribute>) -> (TableAttrs, Vec<String>) {
        read_reporting(|cx| TableAttrs::from_ast(cx, &attrs))
    }

    #[test]
    fn every_key_is_read() {
        let (attrs, errors) = read(parse_quote!(
            #[table(name = "accounts", schema = "billing", primary_key(a, b), unique(c))]
            #[table(index(columns(c), name = "idx_c", unique, where = "c > 0", using = "hash"))]
            #[table(check(name = "c_positive", "c > 0"), allow(table_plural), deny(timestamps))]
            #[table(renamed_from = "account", shapes)]
            #[index(columns(d))]
        ));
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(attrs.name.unwrap().value(), "accounts");
        assert_eq!(attrs.schema.unwrap().value(), "billing");
        assert_eq!(attrs.primary_key.unwrap().columns.len(), 2);
        assert_eq!(attrs.uniques.len(), 1);
        assert_eq!(attrs.indexes.len(), 2);
        let index = &attrs.indexes[0];
        assert!(index.unique && index.name.is_some() && index.predicate.is_some());
        assert_eq!(index.method.as_ref().unwrap().value(), "hash");
        assert_eq!(attrs.checks.len(), 1);
        assert_eq!(attrs.rules.allow.len(), 1);
        assert_eq!(attrs.rules.deny.len(), 1);
        assert_eq!(attrs.renamed_from.unwrap().value(), "account");
        assert!(attrs.shapes);
    }

    #[test]
    fn index_keys_are_read_with_their_options() {
        let (attrs, errors) = read(parse_quote!(
            #[index(
                columns(a, b(desc, nulls_last), c(ops = "text_pattern_ops"), expr("lower(d)", desc)),
                include(e, f),
                unique,
                nulls_not_distinct,
                with(fillfactor = 70, deduplicate_items = off, buffering = "auto"),
                name = "idx_t_keys"
            )]
        ));
        assert_eq!(errors, Vec::<String>::new());
        let index = &attrs.indexes[0];
        let keys: Vec<(String, bool, Option<bool>, Option<String>)> = index
            .columns
            .iter()
            .map(|k| {
                let part = match &k.part {
                    KeyPartAttr::Column(ident) => ident.to_string(),
                    KeyPartAttr::Expression(sql) => format!("expr {}", sql.value()),
                };
                (
                    part,
                    k.descending,
                    k.nulls_first,
                    k.opclass.as_ref().map(LitStr::value),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("a".into(), false, None, None),
                ("b".into(), true, Some(false), None),
                ("c".into(), false, None, Some("text_pattern_ops".into())),
                ("expr lower(d)".into(), true, None, None),
            ]
        );
        assert_eq!(index.include.len(), 2);
        assert_eq!(
            index.with,
            [
                ("fillfactor".to_owned(), "70".to_owned()),
                ("deduplicate_items".to_owned(), "off".to_owned()),
                ("buffering".to_owned(), "auto".to_owned()),
            ]
        );
        assert!(index.unique && index.nulls_not_distinct.is_some());
    }

    #[test]
    fn a_second_key_is_a_duplicate() {
        let (attrs, errors) = read(parse_quote!(
            #[table(name = "a", schema = "s", shapes)]
            #[table(name = "b", schema = "t", shapes, renamed_from = "x", renamed_from = "y")]
            #[index(columns(a), unique, unique)]
        ));
        assert_eq!(
            errors,
            [
                "duplicate attribute `name`; remove one of them",
                "duplicate attribute `schema`; remove one of them",
                "duplicate attribute `shapes`; remove one of them",
                "duplicate attribute `renamed_from`; remove one of them",
                "duplicate attribute `unique`; remove one of them",
            ]
        );
        assert_eq!(attrs.name.unwrap().value(), "a");
    }

    #[test]
    fn an_unknown_key_suggests_the_closest() {
        let (_, errors) = read(parse_quote!(
            #[table(shema = "s", nmae = "n", colour = "red")]
            #[index(columns(a), uniqe)]
        ));
        assert_eq!(errors.len(), 4);
        assert_eq!(
            errors[..2],
            [
                "unknown table attribute `shema`; did you mean `schema`?",
                "unknown table attribute `nmae`; did you mean `name`?",
            ]
        );
        assert!(
            errors[2].starts_with("unknown table attribute `colour`; expected one of `name`"),
            "{}",
            errors[2]
        );
        assert_eq!(
            errors[3],
            "unknown index attribute `uniqe`; did you mean `unique`?"
        );
    }
}
