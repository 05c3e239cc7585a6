//! The DDL of a whole schema, for tests and tools that build a database without a migrations
//! folder. It is the first migration's: the statements of
//! [`diff_from_empty`] and [`diff_to_empty`], so a schema has one DDL, in one order, whichever
//! way it is asked for. Here rather than in `render`, which writes statements and asks the
//! diff for nothing: the pipeline runs one way, diff → render.

use super::{diff_from_empty, diff_to_empty};
use crate::model::Schema;

/// The full DDL that creates `schema` in an empty database, one statement per item, in the
/// diff engine's order (see [`crate::diff`](super)): schemas, enum types, tables (referenced before
/// referencing, a key that closes a cycle added once both tables exist), indexes, comments.
/// Without the migration's session settings and hazards: [`Plan::to_sql`](crate::diff::Plan::to_sql)
/// writes those.
pub fn create_schema_ddl(schema: &Schema) -> Vec<String> {
    diff_from_empty(schema).op_statements().flatten().collect()
}

/// The DDL that removes everything [`create_schema_ddl`] creates: the down file of the
/// first migration, without its settings and hazards: the foreign keys that close a cycle
/// between tables, the tables (referencing before referenced), the enum types, then the
/// PostgreSQL schemas.
///
/// Indexes, comments and the other constraints go with their tables. Nothing uses `CASCADE`,
/// so an object outside `schema` that still depends on one of these makes PostgreSQL refuse
/// the script instead of silently dropping that object too.
pub fn drop_schema_ddl(schema: &Schema) -> Vec<String> {
    diff_to_empty(schema).op_statements().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnDef, EnumDef, ForeignKey, QualifiedName, SqlType, TableDef};

    fn table(schema: &str, name: &str, references: &[&str]) -> TableDef {
        let mut t = TableDef::new(schema, name);
        t.columns
            .push(ColumnDef::new("id", SqlType::Integer, false));
        for target in references {
            t.foreign_keys.push(ForeignKey {
                name: format!("{name}_{target}_fkey"),
                columns: vec!["id".into()],
                target: QualifiedName::new(schema, *target),
                target_columns: vec!["id".into()],
                on_delete: Default::default(),
                on_update: Default::default(),
                deferrable: Default::default(),
                match_full: false,
            });
        }
        t
    }

    #[test]
    fn the_first_migration_and_its_down() {
        let mut schema = Schema::new();
        schema.add_table(table("app", "a", &["b"]));
        schema.add_table(table("app", "b", &["a", "b"]));
        schema.add_table(table("app", "c", &["a"]));
        schema.add_enum(EnumDef::new("app", "mood", ["ok"]));
        assert_eq!(
            create_schema_ddl(&schema),
            [
                r#"CREATE SCHEMA "app""#,
                r#"CREATE TYPE "app"."mood" AS ENUM ('ok')"#,
                "CREATE TABLE \"app\".\"a\" (\n    \"id\" integer NOT NULL\n)",
                "CREATE TABLE \"app\".\"b\" (\n    \"id\" integer NOT NULL,\n    \
                 CONSTRAINT \"b_a_fkey\" FOREIGN KEY (\"id\") REFERENCES \"app\".\"a\" (\"id\")\n)",
                "CREATE TABLE \"app\".\"c\" (\n    \"id\" integer NOT NULL,\n    \
                 CONSTRAINT \"c_a_fkey\" FOREIGN KEY (\"id\") REFERENCES \"app\".\"a\" (\"id\")\n)",
                r#"ALTER TABLE "app"."a" ADD CONSTRAINT "a_b_fkey" FOREIGN KEY ("id") REFERENCES "app"."b" ("id")"#,
                r#"ALTER TABLE "app"."b" ADD CONSTRAINT "b_b_fkey" FOREIGN KEY ("id") REFERENCES "app"."b" ("id")"#,
            ]
        );
        // Only the key that closes the cycle goes on its own; b goes before the a it references.
        assert_eq!(
            drop_schema_ddl(&schema),
            [
                r#"ALTER TABLE "app"."a" DROP CONSTRAINT "a_b_fkey""#,
                r#"DROP TABLE "app"."b""#,
                r#"DROP TABLE "app"."c""#,
                r#"DROP TABLE "app"."a""#,
                r#"DROP TYPE "app"."mood""#,
                r#"DROP SCHEMA "app""#,
            ]
        );
    }
}
