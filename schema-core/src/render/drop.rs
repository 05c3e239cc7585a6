use super::alter;
use crate::model::Schema;
use crate::plan::creation_order;

/// The DDL that removes everything [`render_create_schema`](super::render_create_schema)
/// creates, in the reverse order: the foreign keys that close a cycle between tables, the
/// tables (referencing before referenced), the enum types, then the PostgreSQL schemas.
///
/// Indexes, comments and the other constraints go with their tables. Nothing uses `CASCADE`,
/// so an object outside `schema` that still depends on one of these makes PostgreSQL refuse
/// the script instead of silently dropping that object too.
pub fn render_drop_schema(schema: &Schema) -> Vec<String> {
    let mut statements = Vec::new();
    let order = creation_order(schema);
    for (i, name) in &order.deferred_foreign_keys {
        let table = &schema.tables[*i];
        let self_reference = table
            .foreign_keys
            .iter()
            .any(|fk| &fk.name == name && fk.target == table.qualified_name());
        if !self_reference {
            statements.push(alter::drop_constraint(&table.qualified_name(), name));
        }
    }
    for &i in order.tables.iter().rev() {
        let table = &schema.tables[i];
        statements.push(alter::drop_table(&table.qualified_name()));
    }
    for def in schema.enums.iter().rev() {
        statements.push(alter::drop_type(&def.qualified_name()));
    }
    for namespace in schema.namespaces().into_iter().rev() {
        statements.push(alter::drop_schema(namespace));
    }
    statements
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
            });
        }
        t
    }

    #[test]
    fn reverse_of_creation() {
        let mut schema = Schema::new();
        schema.add_table(table("app", "a", &["b"]));
        schema.add_table(table("app", "b", &["a", "b"]));
        schema.add_table(table("app", "c", &["a"]));
        schema.add_enum(EnumDef::new("app", "mood", ["ok"]));
        assert_eq!(
            render_drop_schema(&schema),
            [
                r#"ALTER TABLE "app"."a" DROP CONSTRAINT "a_b_fkey""#,
                r#"DROP TABLE "app"."c""#,
                r#"DROP TABLE "app"."b""#,
                r#"DROP TABLE "app"."a""#,
                r#"DROP TYPE "app"."mood""#,
                r#"DROP SCHEMA "app""#,
            ]
        );
    }
}
