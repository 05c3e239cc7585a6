//! Applying generated SQL to a test database the way a migration runner does: the directive
//! lines of a migration script decide what runs inside a transaction.

use schema_core::diff::script;
use schema_core::render::render_create_schema;
use schema_core::Schema;

/// Runs a migration script segment by segment; panics with the statement PostgreSQL rejected.
pub fn apply_script(client: &mut postgres::Client, sql: &str) {
    for segment in script::segments(sql) {
        if segment.transaction {
            let mut tx = client.transaction().unwrap();
            for statement in &segment.statements {
                if let Err(e) = tx.batch_execute(statement) {
                    panic!("PostgreSQL rejected\n{statement}\n: {e:?}\nin\n{sql}");
                }
            }
            tx.commit().unwrap();
        } else {
            for statement in &segment.statements {
                if let Err(e) = client.batch_execute(statement) {
                    panic!("PostgreSQL rejected (outside a transaction)\n{statement}\n: {e:?}");
                }
            }
        }
    }
}

/// Creates `schema` from nothing with its `CREATE` DDL.
pub fn apply_schema(client: &mut postgres::Client, schema: &Schema) {
    for statement in render_create_schema(schema) {
        if let Err(e) = client.batch_execute(&statement) {
            panic!("PostgreSQL rejected\n{statement}\n: {e:?}");
        }
    }
}
