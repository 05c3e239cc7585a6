//! Rules that span several attributes, one function each; every violation is reported.

use super::ctxt::Ctxt;
use super::resolve::TableModel;
use std::collections::BTreeMap;

pub fn check_table(cx: &Ctxt, model: &TableModel) {
    check_duplicate_columns(cx, model);
    check_single_primary_key(cx, model);
    check_actions_need_reference(cx, model);
    check_duplicate_names(cx, model);
}

/// Two fields mapped to one column name would make `CREATE TABLE` fail.
fn check_duplicate_columns(cx: &Ctxt, model: &TableModel) {
    let mut seen: BTreeMap<&str, &syn::Ident> = BTreeMap::new();
    for column in &model.columns {
        if let Some(first) = seen.insert(&column.sql_name, column.field.ident) {
            let at = column
                .field
                .attrs
                .name
                .as_ref()
                .map(|n| n.span())
                .unwrap_or_else(|| column.field.ident.span());
            cx.error_at(
                at,
                format!(
                    "duplicate column name `{}`: field `{first}` already maps to it; rename one with `#[column(name = \"...\")]`",
                    column.sql_name
                ),
            );
        }
    }
}

/// A table has one primary key; `primary_key` on two fields is a mistake for a composite key.
fn check_single_primary_key(cx: &Ctxt, model: &TableModel) {
    let marked: Vec<_> = model
        .columns
        .iter()
        .filter_map(|c| c.field.attrs.primary_key.map(|span| (span, c)))
        .collect();
    let table_level = model.container.attrs.primary_key.is_some();
    for (i, (span, _)) in marked.iter().enumerate() {
        if table_level || i > 0 {
            let names: Vec<String> = marked
                .iter()
                .map(|(_, c)| c.field.ident.to_string())
                .collect();
            cx.error_at(
                *span,
                format!(
                    "a table has one primary key; for a composite key write `#[table(primary_key({}))]` on the struct instead",
                    names.join(", ")
                ),
            );
        }
    }
}

fn check_actions_need_reference(cx: &Ctxt, model: &TableModel) {
    for column in &model.columns {
        let attrs = &column.field.attrs;
        if attrs.references.is_some() {
            continue;
        }
        for (lit, _) in attrs.on_delete.iter().chain(attrs.on_update.iter()) {
            cx.error_spanned_by(
                lit,
                "`on_delete` and `on_update` apply to a foreign key: add `references(Model::field)` to this column",
            );
        }
    }
}

/// Indexes and key constraints share one namespace per schema in PostgreSQL.
fn check_duplicate_names(cx: &Ctxt, model: &TableModel) {
    let mut seen: BTreeMap<&str, ()> = BTreeMap::new();
    let named = model
        .primary_key
        .iter()
        .chain(model.uniques.iter())
        .map(|k| (k.name.as_str(), k.span))
        .chain(model.indexes.iter().map(|i| (i.name.as_str(), i.span)))
        .chain(std::iter::once((
            model.name.as_str(),
            model.container.ident.span(),
        )));
    for (name, span) in named {
        if seen.insert(name, ()).is_some() {
            cx.error_at(
                span,
                format!("the name `{name}` is used twice in this table; give one of them another `name = \"...\"`"),
            );
        }
    }
    let mut checks: BTreeMap<&str, ()> = BTreeMap::new();
    for check in &model.checks {
        if checks.insert(&check.name, ()).is_some() {
            cx.error_at(
                check.span,
                format!("duplicate check constraint `{}`", check.name),
            );
        }
    }
}
