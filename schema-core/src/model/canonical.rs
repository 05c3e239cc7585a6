//! One form for two spellings of the same schema: what a model declares and what PostgreSQL's
//! catalog reads back as ([`crate::introspect`]).

use super::{Schema, TableDef};

/// `schema` in the form in which a declared schema and the same schema read back from
/// PostgreSQL compare equal: `canonical(&declared) == canonical(&introspected)` is the check
/// that the DDL created exactly what the models say.
///
/// It
///
/// * replaces every column default by [`ColumnDefault::canonical`] for the column's type
///   (`'it''s'::text` and `"it's"` are one default, `'-1'::integer` and `-1` another);
/// * leaves out an identity's and a sequence's options that are PostgreSQL's defaults
///   ([`Identity::canonical`], [`Sequence::canonical`]);
/// * normalises check expressions, partial-index predicates and generated columns'
///   expressions: whitespace outside quotes is
///   collapsed to single spaces (none just inside parentheses), then one pair of parentheses
///   around the whole expression is removed;
/// * puts tables, enums, sequences, functions and each table's constraints, indexes and
///   triggers in the model's order, and a function's language in lower case;
/// * clears the diff engine's hints (`renamed_from`, `using`, `renamed_values`), which say
///   how a schema was reached, not what it is.
///
/// What it does **not** do is parse SQL. PostgreSQL stores expressions as parse trees and
/// prints them back its own way, and only the differences above are undone. A declared check
/// or predicate therefore compares equal only when it is written the way PostgreSQL prints it,
/// outer parentheses and spacing aside. PostgreSQL, for instance,
///
/// * adds casts to literals: `status <> 'gone'` reads back as `status <> 'gone'::text`;
/// * parenthesises every operand that is itself an operator expression:
///   `a > 0 AND b > 0` reads back as `(a > 0) AND (b > 0)`;
/// * rewrites some constructs: `x IN (1, 2)` becomes `x = ANY (ARRAY[1, 2])`, `BETWEEN`
///   becomes two comparisons, `!=` becomes `<>`, and keywords are upper-cased.
///
/// Literal defaults have the same limit where PostgreSQL converts the literal to the column's
/// type when the table is created: `'12:00'` on a `time` column reads back as `'12:00:00'`,
/// `1e3` on a `numeric` as `1000`, `'{"a":1}'` on `jsonb` as `{"a": 1}`, `1.50` on a
/// `double precision` as `1.5`. Such a default does not compare equal to its declaration, and
/// the comparison says so rather than hiding it: write the literal the way PostgreSQL prints it.
///
/// [`ColumnDefault::canonical`]: super::ColumnDefault::canonical
/// [`Identity::canonical`]: super::Identity::canonical
/// [`Sequence::canonical`]: super::Sequence::canonical
pub fn canonical(schema: &Schema) -> Schema {
    let mut out = canonical_keeping_hints(schema);
    clear_schema_hints(&mut out);
    out
}

/// Removes every hint of a schema: enums' renamed values, tables' and columns' hints.
pub(crate) fn clear_schema_hints(schema: &mut Schema) {
    for def in &mut schema.enums {
        def.renamed_values.clear();
    }
    for sequence in &mut schema.sequences {
        sequence.renamed_from = None;
    }
    for table in &mut schema.tables {
        clear_hints(table);
    }
}

#[cfg(feature = "migrate")]
/// Whether any hint of the schema is set: what [`clear_schema_hints`] would remove.
pub(crate) fn has_hints(schema: &Schema) -> bool {
    schema.enums.iter().any(|e| !e.renamed_values.is_empty())
        || schema.sequences.iter().any(|s| s.renamed_from.is_some())
        || schema.tables.iter().any(|t| {
            t.renamed_from.is_some()
                || t.columns
                    .iter()
                    .any(|c| c.renamed_from.is_some() || c.using.is_some())
        })
}

#[cfg(feature = "migrate")]
/// [`canonical_keeping_hints`] output as [`canonical`] would give it: copied, without its
/// hints, only when it has some.
pub(crate) fn without_hints_if_any(schema: &Schema) -> std::borrow::Cow<'_, Schema> {
    if has_hints(schema) {
        let mut out = schema.clone();
        clear_schema_hints(&mut out);
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(schema)
    }
}

/// [`canonical`], with the diff engine's rename and cast hints left in place.
pub(crate) fn canonical_keeping_hints(schema: &Schema) -> Schema {
    let mut out = Schema::new();
    for role in &schema.roles {
        out.add_role(role.clone().canonical());
    }
    for extension in &schema.extensions {
        out.add_extension(extension.clone());
    }
    for def in &schema.enums {
        out.add_enum(def.clone());
    }
    for def in &schema.domains {
        out.add_domain(canonical_domain(def.clone()));
    }
    for sequence in &schema.sequences {
        out.add_sequence(sequence.clone().canonical());
    }
    for object in &schema.raw_objects {
        out.add_raw(object.clone());
    }
    for function in &schema.functions {
        out.add_function(canonical_function(function.clone()));
    }
    for table in &schema.tables {
        out.add_table(canonical_table(table));
    }
    for view in &schema.views {
        out.add_view(canonical_view(view.clone()));
    }
    for grant in &schema.grants {
        out.add_grant(grant.clone());
    }
    out
}

/// Removes the hints of a table and its columns.
pub(crate) fn clear_hints(table: &mut TableDef) {
    table.renamed_from = None;
    for column in &mut table.columns {
        column.renamed_from = None;
        column.using = None;
    }
}

#[cfg(feature = "migrate")]
/// [`canonical_keeping_hints`] of `schema`, borrowed when the schema is already in that form
/// (as models usually are: `Schema::add_table` keeps them sorted and normalized), copied
/// otherwise. Unlike the copy, a borrowed schema keeps its [`Schema::models`]: compare the
/// result's tables and enums, not the whole value.
pub(crate) fn canonical_keeping_hints_cow(schema: &Schema) -> std::borrow::Cow<'_, Schema> {
    if is_canonical_keeping_hints(schema) {
        std::borrow::Cow::Borrowed(schema)
    } else {
        std::borrow::Cow::Owned(canonical_keeping_hints(schema))
    }
}

#[cfg(feature = "migrate")]
/// Whether [`canonical_keeping_hints`] would give the same enums and tables in the same order.
fn is_canonical_keeping_hints(schema: &Schema) -> bool {
    // Strictly increasing: no two of one name, which `add_enum` and `add_table` could keep in
    // another order.
    schema.extensions.windows(2).all(|w| w[0] < w[1])
        && schema.functions.windows(2).all(|w| w[0] < w[1])
        && schema.sequences.windows(2).all(|w| w[0] < w[1])
        && schema.raw_objects.windows(2).all(|w| w[0] < w[1])
        && schema
            .domains
            .iter()
            .all(|d| canonical_domain(d.clone()) == *d)
        && schema.sequences.iter().all(|s| s.clone().canonical() == *s)
        && schema
            .functions
            .iter()
            .all(|f| !f.language.bytes().any(|b| b.is_ascii_uppercase()))
        && schema
            .enums
            .windows(2)
            .all(|w| (&w[0].schema, &w[0].name) < (&w[1].schema, &w[1].name))
        && schema
            .tables
            .windows(2)
            .all(|w| (&w[0].schema, &w[0].name) < (&w[1].schema, &w[1].name))
        && schema.tables.iter().all(is_canonical_table)
        && schema
            .views
            .windows(2)
            .all(|w| (&w[0].schema, &w[0].name) < (&w[1].schema, &w[1].name))
        && schema.views.iter().all(|v| canonical_view(v.clone()) == *v)
        && schema.roles.windows(2).all(|w| w[0] < w[1])
        && schema.roles.iter().all(|r| r.clone().canonical() == *r)
        && schema
            .grants
            .windows(2)
            .all(|w| (&w[0].on, &w[0].to) < (&w[1].on, &w[1].to))
        && schema.grants.iter().all(|g| {
            let mut normalized = g.clone();
            normalized.normalize();
            normalized == *g
        })
}

#[cfg(feature = "migrate")]
/// Whether [`into_canonical_table`] and [`TableDef::normalize`] leave the table as it is.
fn is_canonical_table(table: &TableDef) -> bool {
    fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> bool {
        items.windows(2).all(|w| name(&w[0]) <= name(&w[1]))
    }
    by_name(&table.uniques, |u| &u.name)
        && by_name(&table.partitions, |p| &p.name)
        && by_name(&table.foreign_keys, |f| &f.name)
        && by_name(&table.indexes, |i| &i.name)
        && by_name(&table.checks, |c| &c.name)
        && by_name(&table.triggers, |t| &t.name)
        && by_name(&table.exclusions, |x| &x.name)
        && table.exclusions.iter().all(|x| {
            x.predicate
                .as_ref()
                .is_none_or(|p| normalize_expression(p) == *p)
                && x.elements
                    .iter()
                    .all(|e| canonical_key(e.key.clone()) == e.key)
        })
        && table.triggers.iter().all(|t| {
            t.events.windows(2).all(|w| w[0] < w[1])
                && t.when
                    .as_ref()
                    .is_none_or(|w| normalize_expression(w) == *w)
        })
        && table.columns.iter().all(|c| {
            c.default.as_ref().is_none_or(|d| d.canonical(&c.ty) == *d)
                && c.identity.is_none_or(|i| i.canonical() == i)
                && c.generated
                    .as_ref()
                    .is_none_or(|g| normalize_expression(g) == *g)
        })
        && table
            .checks
            .iter()
            .all(|c| normalize_expression(&c.expression) == c.expression)
        && by_name(&table.policies, |p| &p.name)
        && table.policies.iter().all(|p| {
            [&p.using, &p.with_check]
                .into_iter()
                .flatten()
                .all(|e| normalize_expression(e) == *e)
                && p.roles.windows(2).all(|w| w[0] < w[1])
                && !p.roles.iter().any(|r| r.eq_ignore_ascii_case("public"))
        })
        && table.indexes.iter().all(|i| {
            i.predicate
                .as_ref()
                .is_none_or(|p| normalize_expression(p) == *p)
                && i.columns.iter().all(|k| canonical_key(k.clone()) == *k)
                && i.with
                    .keys()
                    .all(|name| !name.chars().any(char::is_uppercase))
        })
}

#[cfg(feature = "migrate")]
/// [`canonical_keeping_hints`] of a schema that is not needed afterwards: its tables are
/// changed in place rather than copied (a snapshot read only to be diffed).
pub(crate) fn into_canonical_keeping_hints(schema: Schema) -> Schema {
    if is_canonical_keeping_hints(&schema) {
        // Only the validation rules differ, which the canonical form leaves out.
        return Schema {
            models: Default::default(),
            ..schema
        };
    }
    let mut out = Schema::new();
    for role in schema.roles {
        out.add_role(role.canonical());
    }
    for extension in schema.extensions {
        out.add_extension(extension);
    }
    for def in schema.enums {
        out.add_enum(def);
    }
    for def in schema.domains {
        out.add_domain(canonical_domain(def));
    }
    for sequence in schema.sequences {
        out.add_sequence(sequence.canonical());
    }
    for object in schema.raw_objects {
        out.add_raw(object);
    }
    for function in schema.functions {
        out.add_function(canonical_function(function));
    }
    for table in schema.tables {
        out.add_table(into_canonical_table(table));
    }
    for view in schema.views {
        out.add_view(canonical_view(view));
    }
    for grant in schema.grants {
        out.add_grant(grant);
    }
    out
}

/// A view's query without the whitespace and `;` around it, its indexes as a table's.
fn canonical_view(mut view: super::ViewDef) -> super::ViewDef {
    let query = view.query.trim().trim_end_matches(';').trim_end();
    if query.len() != view.query.len() {
        view.query = query.to_owned();
    }
    for index in &mut view.indexes {
        if let Some(predicate) = &index.predicate {
            index.predicate = Some(normalize_expression(predicate));
        }
        for key in &mut index.columns {
            *key = canonical_key(key.clone());
        }
    }
    view.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    view
}

/// A domain without its Rust rules, its checks in name order and normalized.
fn canonical_domain(mut def: super::DomainDef) -> super::DomainDef {
    def.rules = Default::default();
    for check in &mut def.checks {
        check.expression = normalize_expression(&check.expression);
    }
    def.checks.sort_by(|a, b| a.name.cmp(&b.name));
    def
}

/// A language is a name PostgreSQL folds to lower case (`SQL` is `sql`).
fn canonical_function(mut function: super::Function) -> super::Function {
    function.language.make_ascii_lowercase();
    function
}

fn canonical_table(table: &TableDef) -> TableDef {
    into_canonical_table(table.clone())
}

fn into_canonical_table(mut table: TableDef) -> TableDef {
    for column in &mut table.columns {
        if let Some(default) = &column.default {
            column.default = Some(default.canonical(&column.ty));
        }
        column.identity = column.identity.map(super::Identity::canonical);
        if let Some(expression) = &column.generated {
            column.generated = Some(normalize_expression(expression));
        }
    }
    for check in &mut table.checks {
        check.expression = normalize_expression(&check.expression);
    }
    for policy in &mut table.policies {
        for expression in [&mut policy.using, &mut policy.with_check]
            .into_iter()
            .flatten()
        {
            *expression = normalize_expression(expression);
        }
    }
    for trigger in &mut table.triggers {
        if let Some(condition) = &trigger.when {
            trigger.when = Some(normalize_expression(condition));
        }
    }
    for exclusion in &mut table.exclusions {
        if let Some(predicate) = &exclusion.predicate {
            exclusion.predicate = Some(normalize_expression(predicate));
        }
        for element in &mut exclusion.elements {
            element.key = canonical_key(element.key.clone());
        }
    }
    for index in &mut table.indexes {
        if let Some(predicate) = &index.predicate {
            index.predicate = Some(normalize_expression(predicate));
        }
        for key in &mut index.columns {
            *key = canonical_key(key.clone());
        }
        // PostgreSQL folds unquoted parameter names to lower case.
        if index
            .with
            .keys()
            .any(|name| name.chars().any(char::is_uppercase))
        {
            index.with = std::mem::take(&mut index.with)
                .into_iter()
                .map(|(name, value)| (name.to_lowercase(), value))
                .collect();
        }
    }
    table
}

/// A key as the catalog reads it back: its expression normalized, its NULLs order written only
/// where it is not the default for its sort order.
fn canonical_key(key: super::IndexKey) -> super::IndexKey {
    let mut key = key.normalized();
    if let super::KeyPart::Expression(sql) = &key.part {
        key.part = super::KeyPart::Expression(normalize_expression(sql));
    }
    key
}

/// Whitespace collapsed outside quotes, then one pair of outer parentheses removed.
fn normalize_expression(expression: &str) -> String {
    strip_outer_parens(&collapse_whitespace(expression)).to_owned()
}

/// Runs of whitespace outside `'...'` and `"..."` become one space; whitespace at either end
/// and just inside parentheses goes.
pub(super) fn collapse_whitespace(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut pending_space = false;
    for c in sql.chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c.is_whitespace() => pending_space = true,
            None => {
                if pending_space && !out.is_empty() && !out.ends_with('(') && c != ')' {
                    out.push(' ');
                }
                pending_space = false;
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// `(a > 0)` → `a > 0`: one pair of parentheses is removed when it encloses the whole
/// expression (not in `(a > 0) AND (b > 0)`). Quotes are respected; the result is trimmed.
pub(crate) fn strip_outer_parens(sql: &str) -> &str {
    let trimmed = sql.trim();
    let Some(inner) = trimmed
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    else {
        return trimmed;
    };
    // The opening parenthesis must close at the very end: depth never drops to zero inside.
    let mut depth = 1usize;
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return trimmed;
                }
            }
            _ => {}
        }
    }
    inner.trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckConstraint, ColumnDef, ColumnDefault, Index, SqlType};

    #[test]
    fn outer_parentheses() {
        assert_eq!(strip_outer_parens("(a > 0)"), "a > 0");
        assert_eq!(strip_outer_parens(" ((a > 0)) "), "(a > 0)");
        assert_eq!(
            strip_outer_parens("(a > 0) AND (b > 0)"),
            "(a > 0) AND (b > 0)"
        );
        assert_eq!(strip_outer_parens("(a = ')(')"), "a = ')('");
        assert_eq!(strip_outer_parens("(a = '(') OR (b)"), "(a = '(') OR (b)");
        assert_eq!(strip_outer_parens("a > 0"), "a > 0");
        assert_eq!(strip_outer_parens("f(a)"), "f(a)");
    }

    #[test]
    fn whitespace() {
        assert_eq!(
            collapse_whitespace("  ( a  >\n 0 )   AND b = 'x  y'"),
            "(a > 0) AND b = 'x  y'"
        );
        assert_eq!(normalize_expression("( amount >= 0 )"), "amount >= 0");
        assert_eq!(normalize_expression("((amount >= 0))"), "(amount >= 0)");
    }

    /// The borrowed form is taken only when copying would change nothing.
    #[test]
    #[cfg(feature = "migrate")]
    fn a_schema_already_in_canonical_form_is_borrowed() {
        use std::borrow::Cow;
        let mut t = TableDef::new("public", "t");
        t.columns.push(ColumnDef::new("n", SqlType::Integer, false));
        let mut plain = Schema::new();
        plain.add_table(t.clone());
        plain.add_table(TableDef::new("public", "a"));
        assert!(matches!(
            canonical_keeping_hints_cow(&plain),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            into_canonical_keeping_hints(plain.clone()),
            canonical_keeping_hints(&plain)
        );

        let mut spaced = t.clone();
        spaced.checks.push(CheckConstraint {
            name: "n_small".into(),
            expression: "( n < 10 )".into(),
        });
        let mut unsorted = t.clone();
        for name in ["t_b", "t_a"] {
            unsorted.indexes.push(Index {
                name: name.into(),
                columns: vec!["n".into()],
                unique: false,
                method: Default::default(),
                predicate: None,
                ..Default::default()
            });
        }
        // Extensions and functions too: the copy once left them out.
        let out_of_order = |tables: Vec<TableDef>| Schema {
            tables,
            ..Schema::new()
                .extension("citext")
                .function(super::super::Function::touch("public", "updated_at"))
        };
        for schema in [
            out_of_order(vec![spaced]),
            out_of_order(vec![unsorted]),
            out_of_order(vec![t.clone(), TableDef::new("public", "a")]),
            out_of_order(vec![t.clone(), t.clone()]),
        ] {
            let cow = canonical_keeping_hints_cow(&schema);
            assert!(matches!(cow, Cow::Owned(_)), "{schema:?}");
            assert_eq!(*cow, canonical_keeping_hints(&schema));
            assert_eq!(
                into_canonical_keeping_hints(schema.clone()),
                canonical_keeping_hints(&schema)
            );
        }
    }

    #[test]
    fn declared_and_catalog_spellings_meet() {
        let mut declared = TableDef::new("public", "t");
        declared.columns.push(
            ColumnDef::new("n", SqlType::Integer, false)
                .with_default(ColumnDefault::Number("-1".into())),
        );
        declared.checks.push(CheckConstraint {
            name: "n_small".into(),
            expression: "n < 10".into(),
        });
        declared.indexes.push(Index {
            name: "t_n".into(),
            columns: vec!["n".into()],
            unique: false,
            method: Default::default(),
            predicate: Some("n  IS NOT NULL".into()),
            ..Default::default()
        });
        let mut read_back = declared.clone();
        read_back.columns[0].default =
            Some(ColumnDefault::from_sql("'-1'::integer", &SqlType::Integer));
        read_back.checks[0].expression = "(n < 10)".into();
        read_back.indexes[0].predicate = Some("n IS NOT NULL".into());
        let (mut a, mut b) = (Schema::new(), Schema::new());
        a.add_table(declared);
        b.add_table(read_back);
        assert_eq!(canonical(&a), canonical(&b));
    }
}
