//! Where statements run: a connection or a transaction, through one small trait.

use postgres::types::ToSql;
use postgres::Row;
use sea_query::{PostgresQueryBuilder, QueryStatementWriter};
use sea_query_postgres::{PostgresBinder, PostgresValues};

/// Runs one statement with bound parameters and returns its rows. Implemented for
/// `postgres::Client` and `postgres::Transaction`; wrap one to log or count statements.
pub trait Executor {
    /// Runs `sql` with `params` bound to `$1`, `$2`, ...
    fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error>;
}

impl Executor for postgres::Client {
    fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error> {
        postgres::Client::query(self, sql, params)
    }
}

impl Executor for postgres::Transaction<'_> {
    fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error> {
        postgres::Transaction::query(self, sql, params)
    }
}

impl<E: Executor + ?Sized> Executor for &mut E {
    fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error> {
        (**self).query(sql, params)
    }
}

/// A statement as it is sent: SQL text with `$n` placeholders, and the values bound to them.
/// Values never appear in the text.
#[derive(Clone, Debug)]
pub struct Statement {
    /// The SQL text.
    pub sql: String,
    /// The parameters, in placeholder order.
    pub values: PostgresValues,
}

impl Statement {
    /// Builds a sea-query statement for PostgreSQL.
    pub fn build<S: PostgresBinder>(statement: &S) -> Statement {
        let (sql, values) = statement.build_postgres(PostgresQueryBuilder);
        Statement { sql, values }
    }

    /// Runs the statement.
    pub fn query(&self, exec: &mut impl Executor) -> Result<Vec<Row>, postgres::Error> {
        exec.query(&self.sql, &self.values.as_params())
    }

    /// The statement with its values inlined as escaped literals, for display and snapshots
    /// only (what runs is always [`Statement::sql`] with bound values).
    pub fn display<S: QueryStatementWriter>(statement: &S) -> String {
        statement.to_string(PostgresQueryBuilder)
    }
}
