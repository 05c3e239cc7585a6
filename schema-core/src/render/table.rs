//! The statements that create a table and its parts: `CREATE TYPE ... AS ENUM`, `CREATE TABLE`,
//! foreign keys and `CREATE INDEX`.
//!
//! Written here rather than through sea-query's DDL builders: those write constraint and index
//! names between quotes without doubling a quote inside them (`CONSTRAINT "we"ird_pkey"`), and
//! spell types their own way (`bool`, `varchar(n)`). Here every identifier goes through
//! [`quote_ident`] and every type through [`SqlType`]'s `Display`, PostgreSQL's `format_type`
//! spelling, the same as in `ALTER TABLE`.

use super::default::push_default;
use super::sql_type::push_type;
use super::{push_quoted, quote_literal, quote_qualified};
use crate::model::{
    CheckConstraint, ColumnDef, Deferrable, EnumDef, ExclusionConstraint, ForeignKey, Identity,
    Index, IndexKey, IndexMethod, KeyPart, NullsOrder, PrimaryKey, QualifiedName, TableDef,
    UniqueConstraint,
};
use std::fmt::Write as _;

/// `("a", "b")`
pub(super) fn column_list(columns: &[String]) -> String {
    let mut out = String::with_capacity(2 + columns.iter().map(|c| c.len() + 4).sum::<usize>());
    push_column_list(&mut out, columns);
    out
}

fn push_column_list(out: &mut String, columns: &[String]) {
    out.push('(');
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_quoted(out, column, '"');
    }
    out.push(')');
}

/// `CREATE TYPE "schema"."name" AS ENUM ('a', 'b')`
pub fn create_enum(def: &EnumDef) -> String {
    let labels: Vec<String> = def.values.iter().map(|v| quote_literal(v)).collect();
    format!(
        "CREATE TYPE {} AS ENUM ({})",
        quote_qualified(&def.schema, &def.name),
        labels.join(", ")
    )
}

/// `"name" type [NOT NULL] [DEFAULT ...]`: a column as `CREATE TABLE` and `ADD COLUMN` write it.
pub(super) fn column_definition(column: &ColumnDef) -> String {
    let mut sql = String::with_capacity(column.name.len() + 40);
    push_column_definition(&mut sql, column);
    sql
}

fn push_column_definition(sql: &mut String, column: &ColumnDef) {
    push_quoted(sql, &column.name, '"');
    sql.push(' ');
    push_type(sql, &column.ty);
    if !column.nullable {
        sql.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        sql.push_str(" DEFAULT ");
        push_default(sql, default);
    }
    if let Some(identity) = &column.identity {
        sql.push(' ');
        sql.push_str(&identity_clause(identity));
    }
    if let Some(expression) = &column.generated {
        let _ = write!(sql, " GENERATED ALWAYS AS ({expression}) STORED");
    }
}

/// `GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5)`, the options only when set.
pub(super) fn identity_clause(identity: &Identity) -> String {
    let mut sql = format!(
        "GENERATED {} AS IDENTITY",
        if identity.always {
            "ALWAYS"
        } else {
            "BY DEFAULT"
        }
    );
    let options = identity_options(identity);
    if !options.is_empty() {
        let _ = write!(sql, " ({options})");
    }
    sql
}

/// `START WITH 10 INCREMENT BY 5`, or empty.
pub(super) fn identity_options(identity: &Identity) -> String {
    let mut options = Vec::new();
    if let Some(start) = identity.start {
        options.push(format!("START WITH {start}"));
    }
    if let Some(increment) = identity.increment {
        options.push(format!("INCREMENT BY {increment}"));
    }
    options.join(" ")
}

/// `CONSTRAINT "name" `
fn push_constraint_name(sql: &mut String, name: &str) {
    sql.push_str("CONSTRAINT ");
    push_quoted(sql, name, '"');
    sql.push(' ');
}

/// `CONSTRAINT "name" PRIMARY KEY ("a", "b") [DEFERRABLE [INITIALLY DEFERRED]]`
fn push_primary_key(sql: &mut String, key: &PrimaryKey) {
    push_constraint_name(sql, &key.name);
    sql.push_str("PRIMARY KEY ");
    push_column_list(sql, &key.columns);
    push_deferrable(sql, key.deferrable);
}

/// `CONSTRAINT "name" UNIQUE ("a", "b") [DEFERRABLE [INITIALLY DEFERRED]]`
fn push_unique(sql: &mut String, key: &UniqueConstraint) {
    push_constraint_name(sql, &key.name);
    sql.push_str("UNIQUE ");
    push_column_list(sql, &key.columns);
    push_deferrable(sql, key.deferrable);
}

/// ` DEFERRABLE`, ` DEFERRABLE INITIALLY DEFERRED`, or nothing for PostgreSQL's default.
pub(super) fn push_deferrable(sql: &mut String, deferrable: Deferrable) {
    sql.push_str(match deferrable {
        Deferrable::Not => "",
        Deferrable::InitiallyImmediate => " DEFERRABLE",
        Deferrable::InitiallyDeferred => " DEFERRABLE INITIALLY DEFERRED",
    });
}

/// `CONSTRAINT "name" CHECK (expression)`
pub(super) fn check(check: &CheckConstraint) -> String {
    let mut sql = String::new();
    push_check(&mut sql, check);
    sql
}

fn push_check(sql: &mut String, check: &CheckConstraint) {
    push_constraint_name(sql, &check.name);
    sql.push_str("CHECK (");
    sql.push_str(&check.expression);
    sql.push(')');
}

/// `CONSTRAINT "name" FOREIGN KEY ("a") REFERENCES "s"."t" ("id") [MATCH FULL] [ON DELETE ..]
/// [ON UPDATE ..] [DEFERRABLE [INITIALLY DEFERRED]]`
fn push_foreign_key(sql: &mut String, fk: &ForeignKey) {
    push_constraint_name(sql, &fk.name);
    sql.push_str("FOREIGN KEY ");
    push_column_list(sql, &fk.columns);
    sql.push_str(" REFERENCES ");
    push_quoted(sql, &fk.target.schema, '"');
    sql.push('.');
    push_quoted(sql, &fk.target.name, '"');
    sql.push(' ');
    push_column_list(sql, &fk.target_columns);
    if fk.match_full {
        sql.push_str(" MATCH FULL");
    }
    // `NO ACTION` is PostgreSQL's default: written out it is only noise in review.
    if !fk.on_delete.is_default() {
        let _ = write!(sql, " ON DELETE {}", fk.on_delete);
    }
    if !fk.on_update.is_default() {
        let _ = write!(sql, " ON UPDATE {}", fk.on_update);
    }
    push_deferrable(sql, fk.deferrable);
}

/// `CREATE TABLE` with the columns, primary key, uniques, foreign keys, checks and exclusion
/// constraints, one item per
/// line: a migration is read in review. The diff leaves out of `table.foreign_keys` the keys
/// that wait for a later `ALTER TABLE` (they close a cycle).
pub fn create_table(table: &TableDef) -> String {
    // Written into one buffer, item after item, rather than collected and joined.
    let mut sql = String::with_capacity(64 + 48 * table.columns.len());
    sql.push_str("CREATE TABLE ");
    push_quoted(&mut sql, &table.schema, '"');
    sql.push('.');
    push_quoted(&mut sql, &table.name, '"');
    let mut empty = true;
    let mut next_item = |sql: &mut String| {
        sql.push_str(if empty { " (\n    " } else { ",\n    " });
        empty = false;
    };
    for column in &table.columns {
        next_item(&mut sql);
        push_column_definition(&mut sql, column);
    }
    if let Some(key) = &table.primary_key {
        next_item(&mut sql);
        push_primary_key(&mut sql, key);
    }
    for key in &table.uniques {
        next_item(&mut sql);
        push_unique(&mut sql, key);
    }
    for fk in &table.foreign_keys {
        next_item(&mut sql);
        push_foreign_key(&mut sql, fk);
    }
    for c in &table.checks {
        next_item(&mut sql);
        push_check(&mut sql, c);
    }
    for x in &table.exclusions {
        next_item(&mut sql);
        push_exclusion(&mut sql, x);
    }
    sql.push_str(if empty { " ()" } else { "\n)" });
    if let Some(by) = &table.partition_by {
        sql.push_str(" PARTITION BY ");
        sql.push_str(by.method.keyword());
        sql.push(' ');
        push_column_list(&mut sql, &by.columns);
    }
    sql
}

/// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ...`, for keys that cannot be inline.
pub fn add_foreign_key(table: &QualifiedName, fk: &ForeignKey) -> String {
    let mut sql = String::from("ALTER TABLE ");
    push_quoted(&mut sql, &table.schema, '"');
    sql.push('.');
    push_quoted(&mut sql, &table.name, '"');
    sql.push_str(" ADD ");
    push_foreign_key(&mut sql, fk);
    sql
}

/// `"column"` or `(expression)`, then `opclass`, `DESC`, `NULLS FIRST | LAST` as the key says.
fn push_index_key(sql: &mut String, key: &IndexKey) {
    match &key.part {
        KeyPart::Column(name) => push_quoted(sql, name, '"'),
        KeyPart::Expression(expression) => {
            sql.push('(');
            sql.push_str(expression);
            sql.push(')');
        }
    }
    if let Some(opclass) = &key.opclass {
        sql.push(' ');
        sql.push_str(opclass);
    }
    if key.descending {
        sql.push_str(" DESC");
    }
    match key.nulls {
        Some(NullsOrder::First) => sql.push_str(" NULLS FIRST"),
        Some(NullsOrder::Last) => sql.push_str(" NULLS LAST"),
        None => {}
    }
}

/// `CONSTRAINT "name" EXCLUDE [USING method] (element WITH operator, ...) [WHERE (predicate)]`
fn push_exclusion(sql: &mut String, exclusion: &ExclusionConstraint) {
    push_constraint_name(sql, &exclusion.name);
    sql.push_str("EXCLUDE ");
    if exclusion.method != IndexMethod::Btree {
        sql.push_str("USING ");
        sql.push_str(exclusion.method.as_str());
        sql.push(' ');
    }
    sql.push('(');
    for (i, element) in exclusion.elements.iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        push_index_key(sql, &element.key);
        sql.push_str(" WITH ");
        sql.push_str(&element.operator);
    }
    sql.push(')');
    if let Some(predicate) = &exclusion.predicate {
        sql.push_str(" WHERE (");
        sql.push_str(predicate);
        sql.push(')');
    }
}

/// `CONSTRAINT "name" EXCLUDE ...`, for `ALTER TABLE ... ADD`.
pub(super) fn exclusion(exclusion: &ExclusionConstraint) -> String {
    let mut sql = String::new();
    push_exclusion(&mut sql, exclusion);
    sql
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY IF NOT EXISTS] "name" ON "s"."t" [USING method]
/// ("column" | (expression) [opclass] [DESC] [NULLS FIRST | LAST], ...) [INCLUDE (...)]
/// [NULLS NOT DISTINCT] [WITH (name = value, ...)] [WHERE ...]`. A concurrent build runs outside a transaction, so a crash can leave it done
/// with the rest of its segment not: `IF NOT EXISTS` lets the segment run again.
pub fn create_index(table: &QualifiedName, index: &Index, concurrently: bool) -> String {
    let mut sql = String::with_capacity(96);
    sql.push_str(if index.unique {
        "CREATE UNIQUE INDEX "
    } else {
        "CREATE INDEX "
    });
    if concurrently {
        sql.push_str("CONCURRENTLY IF NOT EXISTS ");
    }
    push_quoted(&mut sql, &index.name, '"');
    sql.push_str(" ON ");
    push_quoted(&mut sql, &table.schema, '"');
    sql.push('.');
    push_quoted(&mut sql, &table.name, '"');
    if index.method != IndexMethod::Btree {
        sql.push_str(" USING ");
        sql.push_str(index.method.as_str());
    }
    sql.push_str(" (");
    for (i, key) in index.columns.iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        push_index_key(&mut sql, key);
    }
    sql.push(')');
    if !index.include.is_empty() {
        sql.push_str(" INCLUDE ");
        push_column_list(&mut sql, &index.include);
    }
    if index.nulls_not_distinct {
        sql.push_str(" NULLS NOT DISTINCT");
    }
    for (i, (name, value)) in index.with.iter().enumerate() {
        sql.push_str(if i == 0 { " WITH (" } else { ", " });
        sql.push_str(name);
        sql.push_str(" = ");
        sql.push_str(value);
        if i + 1 == index.with.len() {
            sql.push(')');
        }
    }
    if let Some(predicate) = &index.predicate {
        sql.push_str(" WHERE ");
        sql.push_str(predicate);
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnDefault, ReferentialAction, SqlType};

    /// A quote in a table name reaches the names derived from it (`..._pkey`): every one of
    /// them is quoted like the table name itself.
    #[test]
    fn derived_names_are_quoted_like_any_identifier() {
        let mut t = TableDef::new("s\"x", "we\"ird");
        let mut id = ColumnDef::new("i\"d", SqlType::Boolean, false);
        id.default = Some(ColumnDefault::Bool(false));
        t.columns.push(id);
        t.columns.push(ColumnDef::new(
            "v",
            SqlType::Varchar { length: Some(5) },
            true,
        ));
        t.primary_key = Some(PrimaryKey {
            name: "we\"ird_pkey".into(),
            columns: vec!["i\"d".into()],
            deferrable: Default::default(),
        });
        t.uniques.push(UniqueConstraint {
            name: "we\"ird_v_key".into(),
            columns: vec!["v".into()],
            deferrable: Default::default(),
        });
        t.checks.push(CheckConstraint {
            name: "c\"k".into(),
            expression: "true".into(),
        });
        let fk = ForeignKey {
            name: "we\"ird_fkey".into(),
            columns: vec!["v".into()],
            target: QualifiedName::new("s\"x", "we\"ird"),
            target_columns: vec!["v".into()],
            on_delete: ReferentialAction::Cascade,
            on_update: ReferentialAction::SetNull,
            deferrable: Default::default(),
            match_full: false,
        };
        t.foreign_keys.push(fk);
        assert_eq!(
            create_table(&t),
            "CREATE TABLE \"s\"\"x\".\"we\"\"ird\" (\n    \
             \"i\"\"d\" boolean NOT NULL DEFAULT false,\n    \
             \"v\" character varying(5),\n    \
             CONSTRAINT \"we\"\"ird_pkey\" PRIMARY KEY (\"i\"\"d\"),\n    \
             CONSTRAINT \"we\"\"ird_v_key\" UNIQUE (\"v\"),\n    \
             CONSTRAINT \"we\"\"ird_fkey\" FOREIGN KEY (\"v\") REFERENCES \"s\"\"x\".\"we\"\"ird\" (\"v\") ON DELETE CASCADE ON UPDATE SET NULL,\n    \
             CONSTRAINT \"c\"\"k\" CHECK (true)\n)"
        );
        let index = Index {
            name: "idx_we\"ird".into(),
            columns: vec!["v".into()],
            unique: false,
            method: IndexMethod::Gin,
            predicate: Some("v <> ''".into()),
            ..Default::default()
        };
        assert_eq!(
            create_index(&t.qualified_name(), &index, false),
            "CREATE INDEX \"idx_we\"\"ird\" ON \"s\"\"x\".\"we\"\"ird\" USING gin (\"v\") WHERE v <> ''"
        );
        let e = EnumDef::new("s", "m\"ood", ["it's"]);
        assert_eq!(
            create_enum(&e),
            "CREATE TYPE \"s\".\"m\"\"ood\" AS ENUM ('it''s')"
        );
    }

    #[test]
    fn a_table_without_columns() {
        assert_eq!(
            create_table(&TableDef::new("public", "t")),
            r#"CREATE TABLE "public"."t" ()"#
        );
    }
}
