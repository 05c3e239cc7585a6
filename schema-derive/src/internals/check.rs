//! Rules that span several attributes, one function each; every violation is reported.

use super::attr::{DefaultAttr, LiteralKind, TypeOverride};
use super::ctxt::Ctxt;
use super::resolve::{generated_name, TableModel};
use std::collections::{BTreeMap, BTreeSet};
use syn::spanned::Spanned;

pub fn check_table(cx: &Ctxt, model: &TableModel) {
    check_duplicate_columns(cx, model);
    check_single_primary_key(cx, model);
    check_actions_need_reference(cx, model);
    check_duplicate_names(cx, model);
    check_default_fits_override(cx, model);
    check_computed_columns(cx, model);
    check_triggers(cx, model);
    check_policies(cx, model);
    check_partitioning(cx, model);
}

/// A partition key names columns of the table, and every unique key includes them: each
/// partition checks uniqueness alone, so PostgreSQL refuses a key without them.
fn check_partitioning(cx: &Ctxt, model: &TableModel) {
    let Some(key) = &model.container.attrs.partition_by else {
        return;
    };
    let columns = partition_columns(model);
    for (word, column) in key.columns.iter().zip(&columns) {
        if column.is_none() {
            let known: Vec<String> = model.columns.iter().map(|c| c.sql_name.clone()).collect();
            cx.error_spanned_by(
                &key.lit,
                format!(
                    "the partition key names `{word}`, which is no column of `{}`; its columns are: {}",
                    model.container.ident,
                    known.join(", ")
                ),
            );
        }
    }
    let columns: Vec<&str> = columns.into_iter().flatten().collect();
    let keys = model
        .primary_key
        .iter()
        .map(|k| (k.span, &k.columns, "primary key"))
        .chain(
            model
                .uniques
                .iter()
                .map(|k| (k.span, &k.columns, "unique key")),
        )
        .chain(
            model
                .indexes
                .iter()
                .filter(|i| i.unique)
                .map(|i| (i.span, &i.columns, "unique index")),
        );
    for (span, key_columns, what) in keys {
        let missing: Vec<&str> = columns
            .iter()
            .copied()
            .filter(|c| !key_columns.iter().any(|k| k == c))
            .collect();
        if !missing.is_empty() {
            cx.error_at(
                span,
                format!(
                    "this {what} lacks partition key column `{}`: each partition checks uniqueness alone, so PostgreSQL refuses a unique key without the partition key; add it to the key",
                    missing.join("`, `")
                ),
            );
        }
    }
}

/// The SQL column each word of the partition key names (by column name or field), if any.
pub fn partition_columns<'m>(model: &'m TableModel) -> Vec<Option<&'m str>> {
    let Some(key) = &model.container.attrs.partition_by else {
        return Vec::new();
    };
    key.columns
        .iter()
        .map(|word| {
            model
                .columns
                .iter()
                .find(|c| c.sql_name == *word || c.field.ident == word)
                .map(|c| c.sql_name.as_str())
        })
        .collect()
}

/// A policy does nothing on a table without row-level security; two of one name are refused.
fn check_policies(cx: &Ctxt, model: &TableModel) {
    let attrs = &model.container.attrs;
    for (i, policy) in attrs.policies.iter().enumerate() {
        if attrs.row_security.is_none() {
            cx.error_at(
                policy.span,
                "a policy does nothing without row-level security: add `rls` (or `force_rls`) to `#[table(..)]`",
            );
        }
        if attrs.policies[..i]
            .iter()
            .any(|p| p.name.value() == policy.name.value())
        {
            cx.error_spanned_by(
                &policy.name,
                "a second policy of this name: PostgreSQL refuses it",
            );
        }
    }
}

/// What PostgreSQL refuses of a trigger: `TRUNCATE` on a row trigger, and two triggers of one
/// name on the table (an `on_update_now` column's trigger is `touch_<column>`).
fn check_triggers(cx: &Ctxt, model: &TableModel) {
    let mut names: BTreeSet<String> = model
        .columns
        .iter()
        .filter(|c| c.field.attrs.on_update_now.is_some())
        .map(|c| generated_name(&["touch", &c.sql_name]))
        .collect();
    for trigger in &model.container.attrs.triggers {
        if !trigger.per_statement && trigger.events.iter().any(|e| e == "truncate") {
            cx.error_at(
                trigger.span,
                "a `truncate` trigger fires once per statement, never per row: add `for_each_statement`",
            );
        }
        for field in &trigger.update_of {
            if !model.columns.iter().any(|c| c.field.ident == field) {
                let known: Vec<String> = model
                    .columns
                    .iter()
                    .map(|c| c.field.ident.to_string())
                    .collect();
                cx.error_spanned_by(
                    field,
                    format!(
                        "`{}` has no field `{field}`; its fields are: {}",
                        model.container.ident,
                        known.join(", ")
                    ),
                );
            }
        }
        if !trigger.update_of.is_empty() && !trigger.events.iter().any(|e| e == "update") {
            cx.error_at(
                trigger.span,
                "`update_of(..)` narrows an update trigger: add `update` to its events",
            );
        }
        let execute = trigger.execute.value();
        let function = execute.split_once('.').map_or(execute.as_str(), |(_, f)| f);
        let name = trigger
            .name
            .as_ref()
            .map_or_else(|| function.to_owned(), syn::LitStr::value);
        if !names.insert(name.clone()) {
            let at = trigger
                .name
                .as_ref()
                .map_or(trigger.span, syn::LitStr::span);
            cx.error_at(
                at,
                format!("the table already has a trigger named `{name}`: give this one another with `name = \"...\"`"),
            );
        }
    }
}

/// A column whose values PostgreSQL makes (`identity`, `generated`) takes no default, and is
/// not both: PostgreSQL refuses each combination. An identity on an `Option` field is caught
/// by the field's type (`IdentityColumn`), with the note that identity columns are NOT NULL.
fn check_computed_columns(cx: &Ctxt, model: &TableModel) {
    for column in &model.columns {
        let attrs = &column.field.attrs;
        let computed = attrs
            .identity
            .as_ref()
            .map(|(span, _)| ("identity", *span))
            .or(attrs.generated.as_ref().map(|g| ("generated", g.span())));
        if let (Some(on_update), Some(_)) = (attrs.on_update_now, &attrs.generated) {
            cx.error_at(
                on_update,
                "a `generated` column is computed from its row and cannot be set on update; remove `on_update_now`",
            );
        }
        let Some((what, _)) = computed else { continue };
        if let Some((span, _)) = &attrs.default {
            let article = if what == "identity" { "an" } else { "a" };
            cx.error_at(
                *span,
                format!("{article} `{what}` column takes no default: PostgreSQL makes its values; remove the default"),
            );
        }
        if let (Some(_), Some(generated)) = (&attrs.identity, &attrs.generated) {
            cx.error_spanned_by(
                generated,
                "a column is either `identity` (numbered) or `generated` (computed from the row), not both",
            );
        }
    }
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
        .chain(model.exclusions.iter().map(|x| (x.name.as_str(), x.span)))
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
    // Constraints share another namespace, per table: the keys (whose clashes among
    // themselves are reported above), checks and foreign keys.
    let mut constraints: BTreeMap<&str, ()> = model
        .primary_key
        .iter()
        .chain(model.uniques.iter())
        .map(|k| (k.name.as_str(), ()))
        .chain(model.exclusions.iter().map(|x| (x.name.as_str(), ())))
        .collect();
    for check in &model.checks {
        if constraints.insert(&check.name, ()).is_some() {
            cx.error_at(
                check.span,
                format!("the check constraint name `{}` is used twice in this table (keys, foreign keys and checks share one namespace); give one of them another name", check.name),
            );
        }
    }
    for (name, span) in model
        .columns
        .iter()
        .filter_map(|c| c.foreign_key_name.as_ref())
    {
        if constraints.insert(name, ()).is_some() {
            cx.error_at(
                *span,
                format!("the foreign key name `{name}` is taken by another constraint of this table (keys, foreign keys and checks share one namespace); give it another one with `references(.., name = \"...\")`"),
            );
        }
    }
}

/// A literal default that `varchar(n)` or `numeric(p, s)` cannot hold: PostgreSQL creates the
/// table, then rejects every insert that uses the default (or, for extra decimals, silently
/// rounds it). The field's type is checked by the generated code; the override's size only
/// the derive knows.
fn check_default_fits_override(cx: &Ctxt, model: &TableModel) {
    for column in &model.columns {
        let attrs = &column.field.attrs;
        let (Some((_, DefaultAttr::Literal(expr, literal))), Some((_, type_override))) =
            (&attrs.default, &attrs.type_override)
        else {
            continue;
        };
        let message = match (type_override, literal) {
            (TypeOverride::Varchar(Some(length)), LiteralKind::Str(s)) => {
                let (chars, max) = (s.chars().count(), length.base10_parse::<usize>());
                match max {
                    Ok(max) if chars > max => format!(
                        "this default is {chars} characters, longer than `varchar({max})`: PostgreSQL creates the table but rejects every insert that uses the default"
                    ),
                    _ => continue,
                }
            }
            (TypeOverride::Numeric(precision, scale), LiteralKind::Number { digits, .. }) => {
                let (Ok(p), Ok(s)) = (precision.base10_parse::<i64>(), scale.base10_parse::<i64>())
                else {
                    continue;
                };
                match numeric_misfit(digits, p, s) {
                    Some(message) => message,
                    None => continue,
                }
            }
            _ => continue,
        };
        cx.error_spanned_by(expr, message);
    }
}

/// Why `digits` (a base-10 literal, maybe signed, maybe with a fraction) does not fit
/// `numeric(p, s)`; `None` when it fits or is written with an exponent (not judged).
fn numeric_misfit(digits: &str, p: i64, s: i64) -> Option<String> {
    let unsigned = digits.trim_start_matches('-');
    if unsigned.contains(['e', 'E']) {
        return None;
    }
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let whole_digits = whole.trim_start_matches('0').len() as i64;
    let fraction_digits = fraction.trim_end_matches('0').len() as i64;
    if whole_digits > p - s {
        Some(format!(
            "this default has {whole_digits} digits before the decimal point; `numeric({p}, {s})` holds {}: PostgreSQL creates the table but rejects every insert that uses the default",
            (p - s).max(0)
        ))
    } else if fraction_digits > s {
        Some(format!(
            "this default has {fraction_digits} decimal places; `numeric({p}, {s})` keeps {s}, and PostgreSQL would silently round it: write at most {s}"
        ))
    } else {
        None
    }
}

/// A view's row struct: its query, what only a materialized view has, and none of what only
/// a table's columns have.
pub fn check_view(cx: &Ctxt, view: &crate::internals::ast::ViewContainer, model: &TableModel) {
    check_duplicate_columns(cx, model);
    check_duplicate_names(cx, model);
    let attrs = &view.view;
    if attrs.query.is_none() {
        cx.error_spanned_by(
            view.container.ident,
            "a view needs its query: add `#[view(query = \"SELECT ...\")]` (or `query = include_str!(\"view.sql\")`)",
        );
    }
    if let (Some(span), None) = (attrs.with_no_data, attrs.materialized) {
        cx.error_at(
            span,
            "only a materialized view is created `WITH NO DATA`: add `materialized`, or remove `with_no_data`",
        );
    }
    if let (Some(span), Some(_)) = (attrs.security_invoker, attrs.materialized) {
        cx.error_at(
            span,
            "a materialized view cannot be `security_invoker`: its rows are read by the refresh, not by who queries it; remove one of the two",
        );
    }
    if attrs.materialized.is_none() {
        let spans = view
            .container
            .attrs
            .indexes
            .iter()
            .map(|i| i.span)
            .chain(view.container.fields.iter().filter_map(|f| f.attrs.index));
        for span in spans {
            cx.error_at(
                span,
                "only a materialized view has indexes (a plain view's query runs on the tables it reads): add `materialized` to `#[view(..)]`, or index the tables",
            );
        }
    }
    for field in &view.container.fields {
        let a = &field.attrs;
        let table_only: [(Option<proc_macro2::Span>, &str); 11] = [
            (a.primary_key, "primary_key"),
            (a.unique, "unique"),
            (a.default.as_ref().map(|(s, _)| *s), "default"),
            (a.references.as_ref().map(|r| r.field.span()), "references"),
            (a.on_delete.as_ref().map(|(l, _)| l.span()), "on_delete"),
            (a.on_update.as_ref().map(|(l, _)| l.span()), "on_update"),
            (a.identity.as_ref().map(|(s, _)| *s), "identity"),
            (a.generated.as_ref().map(|l| l.span()), "generated"),
            (a.on_update_now, "on_update_now"),
            (a.renamed_from.as_ref().map(|l| l.span()), "renamed_from"),
            (a.using.as_ref().map(|l| l.span()), "using"),
        ];
        for (span, what) in table_only {
            if let Some(span) = span {
                cx.error_at(
                    span,
                    format!("`{what}` is a table column's: a view's column holds what its query returns; declare it on the table's model"),
                );
            }
        }
        let validation = field
            .validate
            .rules
            .iter()
            .map(|r| r.span)
            .chain(field.validate.nested)
            .chain(field.validate.custom.as_ref().map(|c| c.span()));
        for span in validation {
            cx.error_at(
                span,
                "a view's rows are read, never written: validation rules belong on the table's model",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::numeric_misfit;

    #[test]
    fn numeric_fits() {
        assert_eq!(numeric_misfit("123.45", 5, 2), None);
        assert_eq!(numeric_misfit("-0.5", 1, 1), None);
        assert_eq!(numeric_misfit("1.50", 2, 1), None);
        assert!(numeric_misfit("1234", 5, 2)
            .unwrap()
            .contains("4 digits before the decimal point; `numeric(5, 2)` holds 3"));
        assert!(numeric_misfit("1.234", 12, 2).unwrap().contains("round"));
        assert_eq!(numeric_misfit("1e3", 2, 0), None);
    }
}
