//! From attributes to SQL names: every default name is decided here, once.

use super::ast::{Container, DomainContainer, EnumContainer, Field};
use super::attr::{Deferral, IndexAttr, KeyPartAttr};
use super::case;
use super::ctxt::Ctxt;
use proc_macro2::Span;
use syn::LitStr;

/// PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1).
pub const MAX_IDENT_BYTES: usize = 63;

pub struct TableModel<'c, 'a> {
    pub container: &'c Container<'a>,
    pub schema: String,
    pub name: String,
    pub columns: Vec<ColumnModel<'c, 'a>>,
    pub primary_key: Option<KeyModel>,
    pub uniques: Vec<KeyModel>,
    pub indexes: Vec<IndexModel>,
    pub checks: Vec<CheckModel>,
    pub exclusions: Vec<ExclusionModel>,
}

pub struct ColumnModel<'c, 'a> {
    pub field: &'c Field<'a>,
    pub sql_name: String,
    /// The name of the foreign key `references(..)` creates, if any, and where a clash of it
    /// is reported: the written `name = "..."`, or the field.
    pub foreign_key_name: Option<(String, Span)>,
}

pub struct KeyModel {
    pub span: Span,
    pub name: String,
    pub columns: Vec<String>,
    /// `deferrable` / `initially_deferred` in the key's list.
    pub deferral: Option<Deferral>,
}

pub struct IndexModel {
    pub span: Span,
    /// The `name = "..."` literal's span, when the name was written rather than generated.
    pub written_name: Option<Span>,
    pub name: String,
    /// The columns of its column keys, in order (what a generated name is made of).
    pub columns: Vec<String>,
    /// Its keys when one of them is more than a column in ascending order; else empty.
    pub keys: Vec<IndexKeyModel>,
    pub include: Vec<String>,
    pub nulls_not_distinct: bool,
    pub with: Vec<(String, String)>,
    pub unique: bool,
    pub predicate: Option<String>,
    pub method: Option<String>,
}

/// One key of an index with an order, an operator class or an expression.
pub struct IndexKeyModel {
    /// The column's SQL name, or the expression.
    pub part: String,
    pub expression: bool,
    pub descending: bool,
    pub nulls_first: Option<bool>,
    pub opclass: Option<String>,
}

/// An exclusion constraint: its keys (as an index's) with their operators.
pub struct ExclusionModel {
    pub span: Span,
    pub name: String,
    pub keys: Vec<IndexKeyModel>,
    pub operators: Vec<String>,
    pub predicate: Option<String>,
    pub method: Option<String>,
}

pub struct CheckModel {
    pub span: Span,
    pub name: String,
    pub sql: String,
}

impl<'c, 'a> TableModel<'c, 'a> {
    pub fn resolve(cx: &Ctxt, container: &'c Container<'a>) -> Self {
        let attrs = &container.attrs;
        let name = attrs
            .name
            .as_ref()
            .map(|n| checked_ident(cx, n.span(), n.value()))
            .unwrap_or_else(|| {
                derived_ident(
                    cx,
                    container.ident.span(),
                    case::table_name(&container.ident.to_string()),
                    "table",
                    "#[table(name = \"...\")]",
                )
            });
        let schema = attrs
            .schema
            .as_ref()
            .map(|s| checked_ident(cx, s.span(), s.value()))
            .unwrap_or_else(|| "public".to_owned());

        let columns: Vec<ColumnModel> = container
            .fields
            .iter()
            .map(|field| {
                let sql_name = field
                    .attrs
                    .name
                    .as_ref()
                    .map(|n| checked_ident(cx, n.span(), n.value()))
                    .unwrap_or_else(|| {
                        derived_ident(
                            cx,
                            field.ident.span(),
                            field.ident.to_string().trim_start_matches("r#").to_owned(),
                            "column",
                            "#[column(name = \"...\")]",
                        )
                    });
                let foreign_key_name = field.attrs.references.as_ref().map(|references| {
                    let generated = generated_name(&[&name, &sql_name, "fkey"]);
                    match &references.name {
                        Some(written) => {
                            (foreign_key_ident(cx, written, &generated), written.span())
                        }
                        None => (generated, field.ident.span()),
                    }
                });
                ColumnModel {
                    field,
                    sql_name,
                    foreign_key_name,
                }
            })
            .collect();

        let lookup = |ident: &syn::Ident| -> Option<String> {
            let found = columns.iter().find(|c| c.field.ident == ident);
            if found.is_none() {
                let known: Vec<String> =
                    columns.iter().map(|c| c.field.ident.to_string()).collect();
                cx.error_spanned_by(
                    ident,
                    format!(
                        "`{}` has no field `{ident}`; its fields are: {}",
                        container.ident,
                        known.join(", ")
                    ),
                );
            }
            found.map(|c| c.sql_name.clone())
        };
        let column_names =
            |idents: &[syn::Ident]| -> Vec<String> { idents.iter().filter_map(&lookup).collect() };

        for list in attrs.primary_key.iter().chain(&attrs.uniques) {
            if list.columns.is_empty() {
                cx.error_at(
                    list.span,
                    "a key needs at least one field besides `deferrable` / `initially_deferred`",
                );
            }
        }
        let column_pks: Vec<&ColumnModel> = columns
            .iter()
            .filter(|c| c.field.attrs.primary_key.is_some())
            .collect();
        let primary_key = match (&attrs.primary_key, column_pks.as_slice()) {
            (Some(list), _) => Some(KeyModel {
                span: list.span,
                name: generated_name(&[&name, "pkey"]),
                columns: column_names(&list.columns),
                deferral: list.deferral,
            }),
            (None, [first, ..]) => Some(KeyModel {
                span: first
                    .field
                    .attrs
                    .primary_key
                    .unwrap_or_else(Span::call_site),
                name: generated_name(&[&name, "pkey"]),
                columns: vec![first.sql_name.clone()],
                deferral: None,
            }),
            (None, []) => None,
        };

        let mut uniques: Vec<KeyModel> = columns
            .iter()
            .filter_map(|c| {
                c.field.attrs.unique.map(|span| KeyModel {
                    span,
                    name: generated_name(&[&name, &c.sql_name, "key"]),
                    columns: vec![c.sql_name.clone()],
                    deferral: None,
                })
            })
            .collect();
        for list in &attrs.uniques {
            let cols = column_names(&list.columns);
            let mut parts: Vec<&str> = vec![&name];
            parts.extend(cols.iter().map(String::as_str));
            parts.push("key");
            uniques.push(KeyModel {
                span: list.span,
                name: generated_name(&parts),
                columns: cols,
                deferral: list.deferral,
            });
        }

        let mut indexes: Vec<IndexModel> = columns
            .iter()
            .filter_map(|c| {
                c.field.attrs.index.map(|span| IndexModel {
                    span,
                    written_name: None,
                    name: generated_name(&["idx", &name, &c.sql_name]),
                    columns: vec![c.sql_name.clone()],
                    keys: Vec::new(),
                    include: Vec::new(),
                    nulls_not_distinct: false,
                    with: Vec::new(),
                    unique: false,
                    predicate: None,
                    method: None,
                })
            })
            .collect();
        for index in &attrs.indexes {
            // Every key looked up, so that each unknown field is reported.
            let keys: Vec<Option<IndexKeyModel>> = index
                .columns
                .iter()
                .map(|key| {
                    let (part, expression) = match &key.part {
                        KeyPartAttr::Column(ident) => (lookup(ident)?, false),
                        KeyPartAttr::Expression(sql) => (sql.value(), true),
                    };
                    Some(IndexKeyModel {
                        part,
                        expression,
                        descending: key.descending,
                        nulls_first: key.nulls_first,
                        opclass: key.opclass.as_ref().map(LitStr::value),
                    })
                })
                .collect();
            let include = column_names(&index.include);
            // The keys that resolved: the index's other mistakes are still reported.
            let keys = keys.into_iter().flatten().collect();
            indexes.push(resolve_index(cx, &name, index, keys, include));
        }

        let mut exclusions = Vec::new();
        for exclusion in &attrs.exclusions {
            let keys: Vec<Option<(IndexKeyModel, String)>> = exclusion
                .keys
                .iter()
                .map(|key| {
                    let (part, expression) = match &key.part {
                        KeyPartAttr::Column(ident) => (lookup(ident)?, false),
                        KeyPartAttr::Expression(sql) => (sql.value(), true),
                    };
                    let model = IndexKeyModel {
                        part,
                        expression,
                        descending: key.descending,
                        nulls_first: key.nulls_first,
                        opclass: key.opclass.as_ref().map(LitStr::value),
                    };
                    Some((model, key.operator.as_ref()?.value()))
                })
                .collect();
            let (keys, operators): (Vec<_>, Vec<_>) = keys.into_iter().flatten().unzip();
            let columns: Vec<&str> = keys
                .iter()
                .filter(|k| !k.expression)
                .map(|k| k.part.as_str())
                .collect();
            let name = match &exclusion.name {
                Some(n) => checked_ident(cx, n.span(), n.value()),
                None => {
                    if keys.iter().any(|k| k.expression) {
                        cx.error_at(
                            exclusion.span,
                            "an exclusion constraint on an expression needs its name: add `name = \"..._excl\"`",
                        );
                    }
                    let mut parts: Vec<&str> = vec![&name];
                    parts.extend(columns.iter().copied());
                    parts.push("excl");
                    generated_name(&parts)
                }
            };
            exclusions.push(ExclusionModel {
                span: exclusion.name.as_ref().map_or(exclusion.span, LitStr::span),
                name,
                keys,
                operators,
                predicate: exclusion.predicate.as_ref().map(LitStr::value),
                method: exclusion.method.as_ref().and_then(|m| index_method(cx, m)),
            });
        }

        let checks = attrs
            .checks
            .iter()
            .map(|check| CheckModel {
                span: check.name.span(),
                name: checked_ident(cx, check.name.span(), check.name.value()),
                sql: check.sql.value(),
            })
            .collect();

        TableModel {
            container,
            schema,
            name,
            columns,
            primary_key,
            uniques,
            indexes,
            checks,
            exclusions,
        }
    }
}

fn resolve_index(
    cx: &Ctxt,
    table: &str,
    index: &IndexAttr,
    keys: Vec<IndexKeyModel>,
    include: Vec<String>,
) -> IndexModel {
    let columns: Vec<String> = keys
        .iter()
        .filter(|k| !k.expression)
        .map(|k| k.part.clone())
        .collect();
    let name = match &index.name {
        Some(n) => checked_ident(cx, n.span(), n.value()),
        None => {
            if keys.iter().any(|k| k.expression) {
                cx.error_at(
                    index.span,
                    "an index on an expression needs its name: add `name = \"idx_...\"`",
                );
            }
            let mut parts: Vec<&str> = vec!["idx", table];
            parts.extend(columns.iter().map(String::as_str));
            generated_name(&parts)
        }
    };
    let plain = keys
        .iter()
        .all(|k| !k.expression && !k.descending && k.nulls_first.is_none() && k.opclass.is_none());
    let keys = if plain { Vec::new() } else { keys };
    let method = index.method.as_ref().and_then(|m| index_method(cx, m));
    IndexModel {
        // A clash of names is best shown on the name, when one was written.
        span: index.name.as_ref().map_or(index.span, LitStr::span),
        written_name: index.name.as_ref().map(LitStr::span),
        name,
        columns,
        keys,
        include,
        nulls_not_distinct: index.nulls_not_distinct.is_some(),
        with: index.with.clone(),
        unique: index.unique,
        predicate: index.predicate.as_ref().map(|p| p.value()),
        method,
    }
}

/// The access method `using = ".."` names, lower-cased; an unknown one is reported.
fn index_method(cx: &Ctxt, m: &LitStr) -> Option<String> {
    let value = m.value().to_ascii_lowercase();
    const METHODS: [&str; 6] = ["btree", "hash", "gin", "gist", "brin", "spgist"];
    if METHODS.contains(&value.as_str()) {
        Some(value)
    } else {
        cx.error_spanned_by(
            m,
            format!(
                "unknown index method `{}`; expected one of {}",
                m.value(),
                METHODS.join(", ")
            ),
        );
        None
    }
}

/// A name given by the user: PostgreSQL would silently truncate one that is too long, and the
/// next migration would then see a different name, so that is an error here.
fn checked_ident(cx: &Ctxt, span: Span, name: String) -> String {
    if name.is_empty() {
        cx.error_at(span, "a PostgreSQL name cannot be empty");
    } else if name.len() > MAX_IDENT_BYTES {
        cx.error_at(
            span,
            format!(
                "`{name}` is {} bytes long; PostgreSQL truncates names to {MAX_IDENT_BYTES} bytes, so choose a shorter one",
                name.len()
            ),
        );
    }
    name
}

/// A foreign key's written name: checked as any written name, with the way out of an empty
/// one (the generated name is what leaving it out gives).
fn foreign_key_ident(cx: &Ctxt, written: &LitStr, generated: &str) -> String {
    let name = written.value();
    if name.is_empty() {
        cx.error_at(
            written.span(),
            format!("a foreign key name cannot be empty; write one, or remove `name = \"\"` for the generated `{generated}`"),
        );
        return name;
    }
    checked_ident(cx, written.span(), name)
}

/// A name derived from a Rust identifier: too long for PostgreSQL, it gets the same error as a
/// written one, with the attribute that sets a shorter one.
fn derived_ident(cx: &Ctxt, span: Span, name: String, what: &str, attr: &str) -> String {
    if name.len() > MAX_IDENT_BYTES {
        cx.error_at(
            span,
            format!(
                "the {what} name `{name}` is {} bytes long; PostgreSQL truncates names to {MAX_IDENT_BYTES} bytes, so give a shorter one with `{attr}`",
                name.len()
            ),
        );
    }
    name
}

/// A generated name from parts joined by `_`, shortened to fit PostgreSQL's limit the way
/// PostgreSQL shortens its own generated names: the longest part loses characters first.
pub fn generated_name(parts: &[&str]) -> String {
    let mut parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
    let total = |parts: &[String]| parts.iter().map(String::len).sum::<usize>() + parts.len() - 1;
    while total(&parts) > MAX_IDENT_BYTES {
        let longest = (0..parts.len())
            .max_by_key(|&i| (parts[i].len(), std::cmp::Reverse(i)))
            .expect("at least one part");
        parts[longest].pop();
    }
    parts.join("_")
}

/// A domain's SQL names.
pub struct DomainModel {
    pub schema: String,
    pub name: String,
}

impl DomainModel {
    pub fn resolve(cx: &Ctxt, container: &DomainContainer) -> Self {
        let attrs = &container.attrs;
        let (schema, name) = type_names(
            cx,
            container.ident,
            (attrs.schema.as_ref(), attrs.name.as_ref()),
            "domain",
            "#[pg_domain(name = \"...\")]",
        );
        for check in &attrs.checks {
            checked_ident(cx, check.name.span(), check.name.value());
        }
        DomainModel { schema, name }
    }
}

/// The schema and name of a type a Rust item declares: as written, else `public` and the
/// item's snake_case name.
fn type_names(
    cx: &Ctxt,
    ident: &syn::Ident,
    (schema, name): (Option<&syn::LitStr>, Option<&syn::LitStr>),
    what: &str,
    attr: &str,
) -> (String, String) {
    let name = name
        .map(|n| checked_ident(cx, n.span(), n.value()))
        .unwrap_or_else(|| {
            derived_ident(
                cx,
                ident.span(),
                case::snake_case(&ident.to_string()),
                what,
                attr,
            )
        });
    let schema = schema
        .map(|s| checked_ident(cx, s.span(), s.value()))
        .unwrap_or_else(|| "public".to_owned());
    (schema, name)
}

pub struct EnumModel {
    pub schema: String,
    pub name: String,
    pub labels: Vec<String>,
}

impl EnumModel {
    pub fn resolve(cx: &Ctxt, container: &EnumContainer) -> Self {
        let attrs = &container.attrs;
        let (schema, name) = type_names(
            cx,
            container.ident,
            (attrs.schema.as_ref(), attrs.name.as_ref()),
            "enum type",
            "#[pg_enum(name = \"...\")]",
        );
        let rule = attrs
            .rename_all
            .as_ref()
            .map(|(_, rule)| *rule)
            .unwrap_or(super::attr::RenameRule::Snake);
        let mut labels: Vec<String> = Vec::new();
        for variant in &container.variants {
            let (label, span) = match &variant.rename {
                Some(r) => (r.value(), r.span()),
                None => (rule.apply(&variant.ident.to_string()), variant.ident.span()),
            };
            if label.len() > MAX_IDENT_BYTES {
                cx.error_at(span, format!("enum label `{label}` is longer than PostgreSQL's {MAX_IDENT_BYTES}-byte limit"));
            }
            if labels.contains(&label) {
                cx.error_at(span, format!("duplicate enum label `{label}`"));
            }
            labels.push(label);
        }
        EnumModel {
            schema,
            name,
            labels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_fit() {
        assert_eq!(generated_name(&["files", "id", "fkey"]), "files_id_fkey");
        let long = "a".repeat(60);
        let name = generated_name(&["idx", &long, "user_id"]);
        assert_eq!(name.len(), MAX_IDENT_BYTES);
        assert!(name.starts_with("idx_a") && name.ends_with("_user_id"));
    }
}
