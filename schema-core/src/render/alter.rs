//! The statements of a migration that changes an existing schema: one function per statement
//! kind, identifiers quoted through [`quote_ident`] / [`quote_qualified`].

use super::{quote_ident, quote_literal, quote_qualified, table as ddl};
use crate::model::{
    CheckConstraint, ColumnDef, ColumnDefault, Deferrable, EnumDef, ExclusionConstraint, Extension,
    ForeignKey, Identity, Index, PrimaryKey, QualifiedName, SqlType, TableDef, UniqueConstraint,
};

fn table(name: &QualifiedName) -> String {
    quote_qualified(&name.schema, &name.name)
}

fn alter_table(name: &QualifiedName) -> String {
    format!("ALTER TABLE {}", table(name))
}

fn alter_column(name: &QualifiedName, column: &str) -> String {
    format!(
        "ALTER TABLE {} ALTER COLUMN {}",
        table(name),
        quote_ident(column)
    )
}

fn comment_text(comment: Option<&str>) -> String {
    comment.map_or_else(|| "NULL".to_owned(), quote_literal)
}

/// `CREATE SCHEMA "name"`
pub fn create_schema(name: &str) -> String {
    format!("CREATE SCHEMA {}", quote_ident(name))
}

/// `DROP SCHEMA "name"` (fails if anything is left in it).
pub fn drop_schema(name: &str) -> String {
    format!("DROP SCHEMA {}", quote_ident(name))
}

/// `CREATE EXTENSION IF NOT EXISTS "name" WITH SCHEMA "schema" CASCADE`: an extension
/// installed beforehand is taken as it is, and the extensions it requires come with it.
pub fn create_extension(extension: &Extension) -> String {
    format!(
        "CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {} CASCADE",
        quote_ident(&extension.name),
        quote_ident(&extension.schema)
    )
}

/// `DROP EXTENSION "name"` (fails if anything still uses it).
pub fn drop_extension(name: &str) -> String {
    format!("DROP EXTENSION {}", quote_ident(name))
}

/// `ALTER EXTENSION "name" SET SCHEMA "schema"`
pub fn set_extension_schema(name: &str, schema: &str) -> String {
    format!(
        "ALTER EXTENSION {} SET SCHEMA {}",
        quote_ident(name),
        quote_ident(schema)
    )
}

/// `CREATE TYPE ... AS ENUM (...)`
pub fn create_enum(def: &EnumDef) -> String {
    ddl::create_enum(def)
}

/// `DROP TYPE "schema"."name"`
pub fn drop_type(name: &QualifiedName) -> String {
    format!("DROP TYPE {}", table(name))
}

/// `ALTER TYPE ... RENAME TO ...`
pub fn rename_type(name: &QualifiedName, to: &str) -> String {
    format!("ALTER TYPE {} RENAME TO {}", table(name), quote_ident(to))
}

/// `ALTER TYPE ... ADD VALUE [IF NOT EXISTS] 'label' [BEFORE | AFTER 'label']`; `before` /
/// `after` at most one. `if_not_exists` for a value added outside a transaction, so that its
/// segment can run again after a crash.
pub fn add_enum_value(
    name: &QualifiedName,
    value: &str,
    before: Option<&str>,
    after: Option<&str>,
    if_not_exists: bool,
) -> String {
    let mut sql = format!(
        "ALTER TYPE {} ADD VALUE {}{}",
        table(name),
        if if_not_exists { "IF NOT EXISTS " } else { "" },
        quote_literal(value)
    );
    if let Some(label) = before {
        sql.push_str(&format!(" BEFORE {}", quote_literal(label)));
    } else if let Some(label) = after {
        sql.push_str(&format!(" AFTER {}", quote_literal(label)));
    }
    sql
}

/// `ALTER TYPE ... RENAME VALUE 'old' TO 'new'`
pub fn rename_enum_value(name: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "ALTER TYPE {} RENAME VALUE {} TO {}",
        table(name),
        quote_literal(from),
        quote_literal(to)
    )
}

/// `COMMENT ON TYPE ... IS ...`; `None` removes the comment.
pub fn comment_on_type(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON TYPE {} IS {}",
        table(name),
        comment_text(comment)
    )
}

/// `COMMENT ON TABLE ... IS ...`; `None` removes the comment.
pub fn comment_on_table(name: &QualifiedName, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON TABLE {} IS {}",
        table(name),
        comment_text(comment)
    )
}

/// `COMMENT ON COLUMN ... IS ...`; `None` removes the comment.
pub fn comment_on_column(name: &QualifiedName, column: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON COLUMN {}.{} IS {}",
        table(name),
        quote_ident(column),
        comment_text(comment)
    )
}

/// `CREATE TABLE` with the table's columns, keys, checks and its `foreign_keys` inline, one
/// item per line.
pub fn create_table(def: &TableDef) -> String {
    ddl::create_table(def)
}

/// `DROP TABLE`
pub fn drop_table(name: &QualifiedName) -> String {
    format!("DROP TABLE {}", table(name))
}

/// `ALTER TABLE ... RENAME TO ...`
pub fn rename_table(name: &QualifiedName, to: &str) -> String {
    format!("{} RENAME TO {}", alter_table(name), quote_ident(to))
}

/// `ALTER TABLE ... SET SCHEMA ...`
pub fn set_schema(name: &QualifiedName, to_schema: &str) -> String {
    format!(
        "{} SET SCHEMA {}",
        alter_table(name),
        quote_ident(to_schema)
    )
}

/// `ALTER TABLE ... ADD COLUMN "c" type [NOT NULL] [DEFAULT ...]`
pub fn add_column(name: &QualifiedName, column: &ColumnDef) -> String {
    format!(
        "{} ADD COLUMN {}",
        alter_table(name),
        ddl::column_definition(column)
    )
}

/// `ALTER TABLE ... DROP COLUMN`
pub fn drop_column(name: &QualifiedName, column: &str) -> String {
    format!("{} DROP COLUMN {}", alter_table(name), quote_ident(column))
}

/// `ALTER TABLE ... RENAME COLUMN ... TO ...`
pub fn rename_column(name: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "{} RENAME COLUMN {} TO {}",
        alter_table(name),
        quote_ident(from),
        quote_ident(to)
    )
}

/// `ALTER TABLE ... ALTER COLUMN ... TYPE ... [USING ...]`
pub fn alter_column_type(
    name: &QualifiedName,
    column: &str,
    ty: &SqlType,
    using: Option<&str>,
) -> String {
    match using {
        Some(using) => format!("{} TYPE {ty} USING {using}", alter_column(name, column)),
        None => format!("{} TYPE {ty}", alter_column(name, column)),
    }
}

/// `ALTER TABLE ... ALTER COLUMN ... SET NOT NULL`
pub fn set_not_null(name: &QualifiedName, column: &str) -> String {
    format!("{} SET NOT NULL", alter_column(name, column))
}

/// `ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL`
pub fn drop_not_null(name: &QualifiedName, column: &str) -> String {
    format!("{} DROP NOT NULL", alter_column(name, column))
}

/// `ALTER TABLE ... ALTER COLUMN ... SET DEFAULT ...`
pub fn set_default(name: &QualifiedName, column: &str, default: &ColumnDefault) -> String {
    format!(
        "{} SET DEFAULT {}",
        alter_column(name, column),
        default.to_sql()
    )
}

/// `ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT`
pub fn drop_default(name: &QualifiedName, column: &str) -> String {
    format!("{} DROP DEFAULT", alter_column(name, column))
}

/// `ALTER TABLE ... ALTER COLUMN "c" ADD GENERATED ... AS IDENTITY (...)`
pub fn add_identity(name: &QualifiedName, column: &str, identity: &Identity) -> String {
    format!(
        "{} ADD {}",
        alter_column(name, column),
        ddl::identity_clause(identity)
    )
}

/// `SELECT setval(..)`: the identity sequence of a column that already holds values starts
/// after them. From a `serial`'s sequence (`continues`, the SQL name in its `nextval(..)`
/// default): that sequence's next value. Otherwise: one step past the largest value (the
/// smallest, counting down), or the identity's first value if that is further.
///
/// The identity's sequence is found as the one that depends on the column internally:
/// `pg_get_serial_sequence` would give the `serial`'s, which the column still owns.
pub fn continue_identity(
    name: &QualifiedName,
    column: &str,
    identity: &Identity,
    continues: Option<&str>,
) -> String {
    let sequence = format!(
        "(SELECT d.objid::regclass FROM pg_catalog.pg_depend d \
         JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid \
         WHERE d.refobjid = {}::regclass AND a.attname = {} \
         AND d.classid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'i')",
        quote_literal(&quote_qualified(&name.schema, &name.name)),
        quote_literal(column)
    );
    let next = match continues {
        Some(old) => format!("nextval({}::regclass)", quote_literal(old)),
        None => {
            let (edge, best) = if identity.step() < 0 {
                ("min", "LEAST")
            } else {
                ("max", "GREATEST")
            };
            format!(
                "{best}((SELECT {edge}({}) FROM {}) + {}, {})",
                quote_ident(column),
                quote_qualified(&name.schema, &name.name),
                identity.step(),
                identity.first()
            )
        }
    };
    format!("SELECT setval({sequence}, {next}, false)")
}

/// `ALTER TABLE ... ALTER COLUMN "c" SET GENERATED ... SET START WITH .. SET INCREMENT BY ..`:
/// every option written, so that one left out returns to PostgreSQL's default.
pub fn alter_identity(name: &QualifiedName, column: &str, identity: &Identity) -> String {
    format!(
        "{} SET GENERATED {} SET START WITH {} SET INCREMENT BY {}",
        alter_column(name, column),
        if identity.always {
            "ALWAYS"
        } else {
            "BY DEFAULT"
        },
        identity.first(),
        identity.step()
    )
}

/// `ALTER TABLE ... ALTER COLUMN "c" DROP IDENTITY`
pub fn drop_identity(name: &QualifiedName, column: &str) -> String {
    format!("{} DROP IDENTITY", alter_column(name, column))
}

/// `ALTER TABLE ... ALTER COLUMN "c" DROP EXPRESSION`
pub fn drop_expression(name: &QualifiedName, column: &str) -> String {
    format!("{} DROP EXPRESSION", alter_column(name, column))
}

/// `UPDATE ... SET "c" = <default> WHERE "c" IS NULL`: the backfill before `SET NOT NULL`.
pub fn fill_nulls(name: &QualifiedName, column: &str, value: &ColumnDefault) -> String {
    let column = quote_ident(column);
    format!(
        "UPDATE {} SET {column} = {} WHERE {column} IS NULL",
        table(name),
        value.to_sql()
    )
}

/// `ALTER TABLE ... ADD CONSTRAINT ... CHECK (...) [NOT VALID]`
pub fn add_check(name: &QualifiedName, check: &CheckConstraint, not_valid: bool) -> String {
    format!(
        "{} ADD {}{}",
        alter_table(name),
        ddl::check(check),
        if not_valid { " NOT VALID" } else { "" }
    )
}

/// `ALTER TABLE ... ADD CONSTRAINT ... EXCLUDE ...`: its index is built under the lock.
pub fn add_exclusion(name: &QualifiedName, exclusion: &ExclusionConstraint) -> String {
    format!("{} ADD {}", alter_table(name), ddl::exclusion(exclusion))
}

/// The expression of the temporary check behind a safe `SET NOT NULL`.
pub fn not_null_expression(column: &str) -> String {
    format!("{} IS NOT NULL", quote_ident(column))
}

/// `ALTER TABLE ... VALIDATE CONSTRAINT ...`
pub fn validate_constraint(name: &QualifiedName, constraint: &str) -> String {
    format!(
        "{} VALIDATE CONSTRAINT {}",
        alter_table(name),
        quote_ident(constraint)
    )
}

/// `ALTER TABLE ... DROP CONSTRAINT ...`
pub fn drop_constraint(name: &QualifiedName, constraint: &str) -> String {
    format!(
        "{} DROP CONSTRAINT {}",
        alter_table(name),
        quote_ident(constraint)
    )
}

/// `ALTER TABLE ... RENAME CONSTRAINT ... TO ...`
pub fn rename_constraint(name: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "{} RENAME CONSTRAINT {} TO {}",
        alter_table(name),
        quote_ident(from),
        quote_ident(to)
    )
}

/// `(columns)`, or `USING INDEX "name"` for a key that takes over the index of its own name.
fn key_body(name: &str, columns: &[String], using_index: bool) -> String {
    if using_index {
        format!("USING INDEX {}", quote_ident(name))
    } else {
        ddl::column_list(columns)
    }
}

/// `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY (...)`, or `PRIMARY KEY USING INDEX ...`.
pub fn add_primary_key(name: &QualifiedName, key: &PrimaryKey, using_index: bool) -> String {
    let mut sql = format!(
        "{} ADD CONSTRAINT {} PRIMARY KEY {}",
        alter_table(name),
        quote_ident(&key.name),
        key_body(&key.name, &key.columns, using_index)
    );
    ddl::push_deferrable(&mut sql, key.deferrable);
    sql
}

/// `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE (...)`, or `UNIQUE USING INDEX ...`.
pub fn add_unique(name: &QualifiedName, unique: &UniqueConstraint, using_index: bool) -> String {
    let mut sql = format!(
        "{} ADD CONSTRAINT {} UNIQUE {}",
        alter_table(name),
        quote_ident(&unique.name),
        key_body(&unique.name, &unique.columns, using_index)
    );
    ddl::push_deferrable(&mut sql, unique.deferrable);
    sql
}

/// `ALTER TABLE ... ALTER CONSTRAINT "name" NOT DEFERRABLE`, `DEFERRABLE INITIALLY IMMEDIATE`
/// or `DEFERRABLE INITIALLY DEFERRED`: all spelled out, since what is left out keeps its
/// current setting.
pub fn alter_constraint_deferral(
    name: &QualifiedName,
    constraint: &str,
    deferrable: Deferrable,
) -> String {
    format!(
        "{} ALTER CONSTRAINT {} {}",
        alter_table(name),
        quote_ident(constraint),
        match deferrable {
            Deferrable::Not => "NOT DEFERRABLE",
            Deferrable::InitiallyImmediate => "DEFERRABLE INITIALLY IMMEDIATE",
            Deferrable::InitiallyDeferred => "DEFERRABLE INITIALLY DEFERRED",
        }
    )
}

/// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ... [NOT VALID]`
pub fn add_foreign_key(name: &QualifiedName, fk: &ForeignKey, not_valid: bool) -> String {
    let mut sql = ddl::add_foreign_key(name, fk);
    if not_valid {
        sql.push_str(" NOT VALID");
    }
    sql
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] ...`
pub fn create_index(name: &QualifiedName, index: &Index, concurrently: bool) -> String {
    ddl::create_index(name, index, concurrently)
}

/// `DROP INDEX [CONCURRENTLY IF EXISTS] "schema"."name"`: a concurrent drop runs outside a
/// transaction, and `IF EXISTS` lets its segment run again after a crash.
pub fn drop_index(schema: &str, index: &str, concurrently: bool) -> String {
    format!(
        "DROP INDEX {}{}",
        if concurrently {
            "CONCURRENTLY IF EXISTS "
        } else {
            ""
        },
        quote_qualified(schema, index)
    )
}

/// `ALTER INDEX ... RENAME TO ...`
pub fn rename_index(schema: &str, from: &str, to: &str) -> String {
    format!(
        "ALTER INDEX {} RENAME TO {}",
        quote_qualified(schema, from),
        quote_ident(to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `CREATE TABLE` and `ALTER TABLE` spell a type the same way, PostgreSQL's `format_type`
    /// spelling (`boolean`, not `bool`; `character varying(10)`, not `varchar(10)`), so a column
    /// reads the same in the migration that creates it and in the one that changes it.
    #[test]
    fn one_spelling_per_type() {
        let t = QualifiedName::new("s", "t");
        for (ty, spelled) in [
            (SqlType::Boolean, "boolean"),
            (
                SqlType::Varchar { length: Some(10) },
                "character varying(10)",
            ),
            (SqlType::Varchar { length: None }, "character varying"),
            (SqlType::Real, "real"),
            (SqlType::DoublePrecision, "double precision"),
            (SqlType::Bytea, "bytea"),
            (SqlType::Timestamp, "timestamp without time zone"),
            (SqlType::Timestamptz, "timestamp with time zone"),
            (SqlType::Time, "time without time zone"),
            (SqlType::Jsonb, "jsonb"),
            (SqlType::array_of(SqlType::Boolean), "boolean[]"),
            (SqlType::enum_type("s", "m"), r#""s"."m""#),
        ] {
            let column = ColumnDef::new("c", ty.clone(), true);
            let mut table = TableDef::new("s", "t");
            table.columns.push(column.clone());
            assert_eq!(
                create_table(&table),
                format!("CREATE TABLE \"s\".\"t\" (\n    \"c\" {spelled}\n)")
            );
            assert_eq!(
                add_column(&t, &column),
                format!(r#"ALTER TABLE "s"."t" ADD COLUMN "c" {spelled}"#)
            );
            assert_eq!(
                alter_column_type(&t, "c", &ty, None),
                format!(r#"ALTER TABLE "s"."t" ALTER COLUMN "c" TYPE {spelled}"#)
            );
        }
    }

    #[test]
    fn identifiers_and_literals_are_quoted() {
        let t = QualifiedName::new("s", "my\"table");
        assert_eq!(
            add_enum_value(&t, "it's", None, Some("a"), false),
            r#"ALTER TYPE "s"."my""table" ADD VALUE 'it''s' AFTER 'a'"#
        );
        assert_eq!(
            add_enum_value(&t, "b", Some("a"), None, true),
            r#"ALTER TYPE "s"."my""table" ADD VALUE IF NOT EXISTS 'b' BEFORE 'a'"#
        );
        assert_eq!(
            comment_on_column(&t, "c", None),
            r#"COMMENT ON COLUMN "s"."my""table"."c" IS NULL"#
        );
        let index = Index {
            name: "i".into(),
            columns: vec!["c".into()],
            unique: true,
            method: Default::default(),
            predicate: None,
            ..Default::default()
        };
        assert_eq!(
            create_index(&t, &index, true),
            r#"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "i" ON "s"."my""table" ("c")"#
        );
    }
}
