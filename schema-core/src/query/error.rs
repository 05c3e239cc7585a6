//! The error of every query helper.

use super::row::RowError;
use super::value::ValueError;

/// Why a query helper failed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// PostgreSQL or the connection reported an error (a constraint violation, a lost
    /// connection).
    #[error("database error: {0}")]
    Database(#[from] postgres::Error),
    /// A returned row did not decode into the model.
    #[error(transparent)]
    Row(#[from] RowError),
    /// A value could not be bound as a parameter.
    #[error(transparent)]
    Value(#[from] ValueError),
    /// No row has the given key (or it is soft-deleted).
    #[error("no row of `{table}` has this key")]
    NotFound {
        /// The table, schema-qualified.
        table: String,
    },
    /// An optimistic-locking update named a version that is no longer current: another
    /// writer updated the row first. Read the row again and retry.
    #[error(
        "`{table}` row was modified concurrently: expected version {expected}, found {actual}"
    )]
    Conflict {
        /// The table, schema-qualified.
        table: String,
        /// The version the update expected.
        expected: i64,
        /// The row's version now.
        actual: i64,
    },
    /// [`super::refresh`] of a view that is not materialized.
    #[error("`{view}` is not a materialized view: a plain view has nothing to refresh")]
    NotMaterialized {
        /// The view, schema-qualified.
        view: String,
    },
    /// A key helper was used on a table without a primary key.
    #[error("`{table}` has no primary key")]
    NoPrimaryKey {
        /// The table, schema-qualified.
        table: String,
    },
}

impl QueryError {
    /// Whether this is an optimistic-locking [`QueryError::Conflict`].
    pub fn is_conflict(&self) -> bool {
        matches!(self, QueryError::Conflict { .. })
    }

    /// Whether this is [`QueryError::NotFound`].
    pub fn is_not_found(&self) -> bool {
        matches!(self, QueryError::NotFound { .. })
    }
}
