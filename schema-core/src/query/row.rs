//! Rows → models, through postgres-types. `postgres::Row` is `tokio_postgres::Row`, so one
//! impl decodes rows of both clients.

use postgres::Row;
use postgres_types::{FromSql, Type};
use std::error::Error as StdError;

/// A model read from a row. Implemented by `#[derive(Table)]`.
pub trait FromRow: Sized {
    /// How many columns the model reads: one per field.
    const WIDTH: usize;

    /// Reads the model from the row's columns named like the model's columns, wherever they
    /// are (a `SELECT *` or a hand-written query).
    fn from_row(row: &Row) -> Result<Self, RowError>;

    /// Reads the model from the [`Self::WIDTH`] columns starting at `start`, in declaration
    /// order: what the helpers' statements select, also beside another model's columns.
    fn from_row_at(row: &Row, start: usize) -> Result<Self, RowError>;
}

/// A column that could not be read into its field.
#[derive(Debug, thiserror::Error)]
#[error("cannot read column `{column}` of `{table}`: {message}")]
pub struct RowError {
    /// The table, schema-qualified.
    pub table: String,
    /// The column.
    pub column: String,
    /// Why: the type mismatch, the missing column, the NULL in a non-`Option` field.
    pub message: String,
}

impl RowError {
    fn new(table: &str, column: &str, error: &postgres::Error) -> Self {
        // postgres names the column by index; the cause (the type mismatch) is the source.
        let message = match error.source() {
            Some(source) => source.to_string(),
            None => error.to_string(),
        };
        RowError {
            table: table.to_owned(),
            column: column.to_owned(),
            message,
        }
    }
}

/// The value of the column named `column`; used by generated code.
#[doc(hidden)]
pub fn get<'a, T: FromSql<'a>>(row: &'a Row, table: &str, column: &str) -> Result<T, RowError> {
    row.try_get(column)
        .map_err(|e| RowError::new(table, column, &e))
}

/// The value of column `index`, which the model calls `column`; used by generated code.
#[doc(hidden)]
pub fn get_at<'a, T: FromSql<'a>>(
    row: &'a Row,
    index: usize,
    table: &str,
    column: &str,
) -> Result<T, RowError> {
    row.try_get(index)
        .map_err(|e| RowError::new(table, column, &e))
}

/// Whether column `index` is NULL, whatever its type: how a LEFT JOIN's missing side is told.
pub(crate) fn is_null(row: &Row, index: usize) -> bool {
    matches!(row.try_get::<_, Option<Present>>(index), Ok(None))
}

struct Present;

impl<'a> FromSql<'a> for Present {
    fn from_sql(_: &Type, _: &'a [u8]) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Present)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}
