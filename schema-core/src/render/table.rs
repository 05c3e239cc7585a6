//! The statements that create a table and its parts: `CREATE TYPE ... AS ENUM`, `CREATE TABLE`,
//! foreign keys and `CREATE INDEX`.
//!
//! Written here rather than through sea-query's DDL builders: those write constraint and index
//! names between quotes without doubling a quote inside them (`CONSTRAINT "we"ird_pkey"`), and
//! spell types their own way (`bool`, `varchar(n)`). Here every identifier goes through
//! [`quote_ident`] and every type through [`SqlType`]'s `Display`, PostgreSQL's `format_type`
//! spelling, the same as in `ALTER TABLE`.

use super::{push_quoted, quote_ident, quote_literal, quote_qualified};
use crate::model::{
    CheckConstraint, ColumnDef, EnumDef, ForeignKey, Identity, Index, IndexMethod, PrimaryKey,
    QualifiedName, TableDef, UniqueConstraint,
};
use std::fmt::Write as _;

/// `("a", "b")`
pub(super) fn column_list(columns: &[String]) -> String {
    let mut out = String::with_capacity(2 + columns.iter().map(|c| c.len() + 4).sum::<usize>());
    out.push('(');
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_quoted(&mut out, column, '"');
    }
    out.push(')');
    out
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
    push_quoted(&mut sql, &column.name, '"');
    let _ = write!(sql, " {}", column.ty);
    if !column.nullable {
        sql.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        sql.push_str(" DEFAULT ");
        sql.push_str(&default.to_sql());
    }
    if let Some(identity) = &column.identity {
        sql.push(' ');
        sql.push_str(&identity_clause(identity));
    }
    if let Some(expression) = &column.generated {
        let _ = write!(sql, " GENERATED ALWAYS AS ({expression}) STORED");
    }
    sql
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

/// `CONSTRAINT "name" PRIMARY KEY ("a", "b")`
fn primary_key(key: &PrimaryKey) -> String {
    format!(
        "CONSTRAINT {} PRIMARY KEY {}",
        quote_ident(&key.name),
        column_list(&key.columns)
    )
}

/// `CONSTRAINT "name" UNIQUE ("a", "b")`
fn unique(key: &UniqueConstraint) -> String {
    format!(
        "CONSTRAINT {} UNIQUE {}",
        quote_ident(&key.name),
        column_list(&key.columns)
    )
}

/// `CONSTRAINT "name" CHECK (expression)`
pub(super) fn check(check: &CheckConstraint) -> String {
    format!(
        "CONSTRAINT {} CHECK ({})",
        quote_ident(&check.name),
        check.expression
    )
}

/// `CONSTRAINT "name" FOREIGN KEY ("a") REFERENCES "s"."t" ("id") [ON DELETE ..] [ON UPDATE ..]`
fn foreign_key(fk: &ForeignKey) -> String {
    let mut sql = format!(
        "CONSTRAINT {} FOREIGN KEY {} REFERENCES {} {}",
        quote_ident(&fk.name),
        column_list(&fk.columns),
        quote_qualified(&fk.target.schema, &fk.target.name),
        column_list(&fk.target_columns)
    );
    // `NO ACTION` is PostgreSQL's default: written out it is only noise in review.
    if !fk.on_delete.is_default() {
        sql.push_str(&format!(" ON DELETE {}", fk.on_delete));
    }
    if !fk.on_update.is_default() {
        sql.push_str(&format!(" ON UPDATE {}", fk.on_update));
    }
    sql
}

/// `CREATE TABLE` with the columns, primary key, uniques, foreign keys and checks, one item per
/// line: a migration is read in review. The diff leaves out of `table.foreign_keys` the keys
/// that wait for a later `ALTER TABLE` (they close a cycle).
pub fn create_table(table: &TableDef) -> String {
    let items = table
        .columns
        .iter()
        .map(column_definition)
        .chain(table.primary_key.iter().map(primary_key))
        .chain(table.uniques.iter().map(unique))
        .chain(table.foreign_keys.iter().map(foreign_key))
        .chain(table.checks.iter().map(check));
    // Written into one buffer, item after item, rather than collected and joined.
    let mut sql = String::with_capacity(64 + 48 * table.columns.len());
    sql.push_str("CREATE TABLE ");
    push_quoted(&mut sql, &table.schema, '"');
    sql.push('.');
    push_quoted(&mut sql, &table.name, '"');
    let mut empty = true;
    for item in items {
        sql.push_str(if empty { " (\n    " } else { ",\n    " });
        sql.push_str(&item);
        empty = false;
    }
    sql.push_str(if empty { " ()" } else { "\n)" });
    sql
}

/// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ...`, for keys that cannot be inline.
pub fn add_foreign_key(table: &QualifiedName, fk: &ForeignKey) -> String {
    format!(
        "ALTER TABLE {} ADD {}",
        quote_qualified(&table.schema, &table.name),
        foreign_key(fk)
    )
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY IF NOT EXISTS] "name" ON "s"."t" [USING method] (...)
/// [WHERE ...]`. A concurrent build runs outside a transaction, so a crash can leave it done
/// with the rest of its segment not: `IF NOT EXISTS` lets the segment run again.
pub fn create_index(table: &QualifiedName, index: &Index, concurrently: bool) -> String {
    let mut sql = format!(
        "CREATE {}INDEX {}{} ON {}",
        if index.unique { "UNIQUE " } else { "" },
        if concurrently {
            "CONCURRENTLY IF NOT EXISTS "
        } else {
            ""
        },
        quote_ident(&index.name),
        quote_qualified(&table.schema, &table.name)
    );
    if index.method != IndexMethod::Btree {
        sql.push_str(&format!(" USING {}", index.method.as_str()));
    }
    sql.push(' ');
    sql.push_str(&column_list(&index.columns));
    if let Some(predicate) = &index.predicate {
        sql.push_str(&format!(" WHERE {predicate}"));
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
        });
        t.uniques.push(UniqueConstraint {
            name: "we\"ird_v_key".into(),
            columns: vec!["v".into()],
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
