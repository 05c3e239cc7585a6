use super::{alter, session, table as ddl};
use crate::diff::timeouts::Timeouts;
use crate::model::{ForeignKey, Schema};
use crate::plan::creation_order;

/// The full DDL that creates `schema` in an empty database, one statement per item, in an
/// order PostgreSQL accepts: schemas, enum types, tables (referenced before referencing),
/// the foreign keys that close cycles, indexes, the foreign keys whose referenced columns only
/// a unique index covers, then comments.
pub fn render_create_schema(schema: &Schema) -> Vec<String> {
    let mut statements = Vec::new();
    for namespace in schema.namespaces() {
        statements.push(alter::create_schema(namespace));
    }
    for def in &schema.enums {
        statements.push(ddl::create_enum(def));
    }
    let order = creation_order(schema);
    let is_deferred = |table: usize, fk: &str| {
        order
            .deferred_foreign_keys
            .iter()
            .any(|(t, n)| *t == table && n == fk)
    };
    // A key referencing columns that only a unique index covers waits for the indexes.
    let needs_index = |fk: &ForeignKey| {
        schema.find_table(&fk.target).is_some_and(|target| {
            let same = |key: &[String]| {
                key.len() == fk.target_columns.len()
                    && fk.target_columns.iter().all(|c| key.contains(c))
            };
            !target
                .primary_key
                .as_ref()
                .is_some_and(|pk| same(&pk.columns))
                && !target.uniques.iter().any(|u| same(&u.columns))
        })
    };
    for &i in &order.tables {
        let table = &schema.tables[i];
        let inline: Vec<_> = table
            .foreign_keys
            .iter()
            .filter(|fk| !is_deferred(i, &fk.name) && !needs_index(fk))
            .collect();
        statements.push(ddl::create_table(table, &inline));
    }
    for (i, name) in &order.deferred_foreign_keys {
        let table = &schema.tables[*i];
        let fk = table
            .foreign_keys
            .iter()
            .find(|fk| &fk.name == name)
            .expect("deferred foreign keys come from the table's own keys");
        if !needs_index(fk) {
            statements.push(ddl::add_foreign_key(&table.qualified_name(), fk));
        }
    }
    for &i in &order.tables {
        let table = &schema.tables[i];
        for index in &table.indexes {
            statements.push(ddl::create_index(&table.qualified_name(), index, false));
        }
    }
    for &i in &order.tables {
        let table = &schema.tables[i];
        for fk in table.foreign_keys.iter().filter(|fk| needs_index(fk)) {
            statements.push(ddl::add_foreign_key(&table.qualified_name(), fk));
        }
    }
    statements.extend(render_comments(schema));
    statements
}

fn render_comments(schema: &Schema) -> Vec<String> {
    let mut statements = Vec::new();
    for def in &schema.enums {
        if let Some(comment) = &def.comment {
            statements.push(alter::comment_on_type(&def.qualified_name(), Some(comment)));
        }
    }
    for table in &schema.tables {
        let name = table.qualified_name();
        if let Some(comment) = &table.comment {
            statements.push(alter::comment_on_table(&name, Some(comment)));
        }
        for column in &table.columns {
            if let Some(comment) = &column.comment {
                statements.push(alter::comment_on_column(&name, &column.name, Some(comment)));
            }
        }
    }
    statements
}

/// Joins statements into a migration file: each ends with `;` and stands apart by a blank line.
pub fn to_script(statements: &[String]) -> String {
    let mut script = String::new();
    for statement in statements {
        script.push_str(statement);
        script.push_str(";\n\n");
    }
    script.truncate(script.trim_end().len());
    script.push('\n');
    script
}

/// A migration file of one transactional segment, as the first migration and its down file
/// are: the segment's timeouts ([`session::segment_settings`]; `long` when a statement may run
/// long), then [`to_script`] of the statements. Nothing to set without statements.
pub fn to_migration_script(statements: &[String], timeouts: &Timeouts, long: bool) -> String {
    if statements.is_empty() {
        return to_script(statements);
    }
    let mut script = session::segment_settings_block(timeouts, long);
    script.push_str("\n\n");
    script.push_str(&to_script(statements));
    script
}
