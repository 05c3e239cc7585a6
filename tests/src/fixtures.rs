//! The example models on a fresh database, and an executor that counts statements.

use crate::pg::TestDb;
use postgres::types::ToSql;
use postgres::{Client, Row};
use schema_core::query::Executor;
use schema_core::render::render_create_schema;

/// A fresh database with the examples' schema applied, and a connection to it.
pub fn examples_db() -> (TestDb, Client) {
    let db = TestDb::new();
    let mut client = db.client();
    for statement in render_create_schema(&schema_examples::schema()) {
        if let Err(e) = client.batch_execute(&statement) {
            panic!("PostgreSQL rejected\n{statement}\n: {e:?}");
        }
    }
    (db, client)
}

/// Runs statements on a connection and records each one: the no-N+1 tests count them.
pub struct Counting<'a> {
    client: &'a mut Client,
    /// Every statement run, in order.
    pub statements: Vec<String>,
}

impl<'a> Counting<'a> {
    /// Counts the statements run on `client` through it.
    pub fn new(client: &'a mut Client) -> Self {
        Counting {
            client,
            statements: Vec::new(),
        }
    }
}

impl Executor for Counting<'_> {
    fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error> {
        self.statements.push(sql.to_owned());
        self.client.query(sql, params)
    }
}
