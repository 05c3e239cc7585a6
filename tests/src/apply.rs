//! Applying generated SQL to a test database the way a migration runner does: the directive
//! lines of a migration script decide what runs inside a transaction.

use schema_core::diff::create_schema_ddl;
use schema_core::diff::script;
use schema_core::Schema;

/// Runs a migration script segment by segment; panics with the statement PostgreSQL rejected.
pub fn apply_script(client: &mut postgres::Client, sql: &str) {
    if let Err(e) = try_apply_script(client, sql) {
        panic!("{e}\nin\n{sql}");
    }
}

/// Runs a migration script segment by segment, as a runner does, and stops at the first
/// statement PostgreSQL rejects: that statement's transactional segment is rolled back (the
/// segments before it stay applied). The error names the statement.
pub fn try_apply_script(client: &mut postgres::Client, sql: &str) -> Result<(), String> {
    run_script(client, sql).map_err(|rejected| {
        format!(
            "PostgreSQL rejected{}\n{}\n: {:?}",
            if rejected.outside_transaction {
                " (outside a transaction)"
            } else {
                ""
            },
            rejected.statement,
            rejected.error
        )
    })
}

/// The statement PostgreSQL rejected, and its error (with its SQLSTATE).
#[derive(Debug)]
pub struct Rejected {
    /// The statement.
    pub statement: String,
    /// It ran in a no-transaction segment.
    pub outside_transaction: bool,
    /// PostgreSQL's error.
    pub error: postgres::Error,
}

/// [`try_apply_script`] with PostgreSQL's error as it is.
pub fn run_script(client: &mut postgres::Client, sql: &str) -> Result<(), Rejected> {
    for segment in script::segments(sql) {
        let rejected = |statement: &String, error| Rejected {
            statement: statement.clone(),
            outside_transaction: !segment.transaction,
            error,
        };
        if segment.transaction {
            let mut tx = client.transaction().unwrap();
            for statement in &segment.statements {
                tx.batch_execute(statement)
                    .map_err(|e| rejected(statement, e))?;
            }
            tx.commit().unwrap();
        } else {
            for statement in &segment.statements {
                client
                    .batch_execute(statement)
                    .map_err(|e| rejected(statement, e))?;
            }
        }
    }
    Ok(())
}

/// Creates `schema` from nothing with its `CREATE` DDL.
pub fn apply_schema(client: &mut postgres::Client, schema: &Schema) {
    for statement in create_schema_ddl(schema) {
        if let Err(e) = client.batch_execute(&statement) {
            panic!("PostgreSQL rejected\n{statement}\n: {e:?}");
        }
    }
}

/// The message PostgreSQL refuses `sql` with; panics when it runs.
pub fn refusal(client: &mut postgres::Client, sql: &str) -> String {
    match client.execute(sql, &[]) {
        Ok(_) => panic!("PostgreSQL ran what it should refuse:\n{sql}"),
        Err(error) => error
            .as_db_error()
            .map_or_else(|| error.to_string(), |e| e.message().to_owned()),
    }
}
