//! For columns with a raw `type = "..."` override, whose Rust type need not implement
//! [`ToValue`] or `FromSql`: autoref specialization picks the real conversion when the type
//! has one, and an error naming the column (at run time) when it has not, so such a model
//! still compiles, as it did before the query helpers existed.

use super::row::{get, get_at, RowError};
use super::value::{ToValue, ValueError};
use postgres::Row;
use postgres_types::FromSql;
use sea_query::Value;
use std::marker::PhantomData;

/// A field value, or a field type, under probe.
pub struct Probe<'a, T>(pub Option<&'a T>, pub PhantomData<fn() -> T>);

impl<'a, T> Probe<'a, T> {
    /// Probes a value.
    pub fn value(value: &'a T) -> Self {
        Probe(Some(value), PhantomData)
    }

    /// Probes a type.
    pub fn of() -> Self {
        Probe(None, PhantomData)
    }
}

/// The row a model is read from, and where its columns are.
pub struct Cursor<'r> {
    /// The row.
    pub row: &'r Row,
    /// The position of the model's first column, or `None` to find each column by name.
    pub start: Option<usize>,
    /// The table, schema-qualified, for errors.
    pub table: &'static str,
}

impl Cursor<'_> {
    fn get<T: for<'a> FromSql<'a>>(&self, offset: usize, column: &str) -> Result<T, RowError> {
        match self.start {
            Some(start) => get_at(self.row, start + offset, self.table, column),
            None => get(self.row, self.table, column),
        }
    }
}

/// The type has the conversion.
pub trait Specific<T> {
    /// The bound value.
    fn to_value(&self, column: &str) -> Result<Value, ValueError>;
    /// The decoded column: the model's `offset`-th, called `column`.
    fn read(&self, cursor: &Cursor, offset: usize, column: &str) -> Result<T, RowError>;
}

impl<T: ToValue + for<'r> FromSql<'r>> Specific<T> for &Probe<'_, T> {
    fn to_value(&self, column: &str) -> Result<Value, ValueError> {
        match self.0 {
            Some(value) => value.to_value().map_err(|e| e.at(column)),
            None => Err(ValueError::Unsupported {
                column: column.to_owned(),
            }),
        }
    }

    fn read(&self, cursor: &Cursor, offset: usize, column: &str) -> Result<T, RowError> {
        cursor.get(offset, column)
    }
}

/// The type lacks a conversion: an error naming the column.
pub trait Fallback<T> {
    /// An error naming the column.
    fn to_value(&self, column: &str) -> Result<Value, ValueError>;
    /// An error naming the column.
    fn read(&self, cursor: &Cursor, offset: usize, column: &str) -> Result<T, RowError>;
}

impl<T> Fallback<T> for Probe<'_, T> {
    fn to_value(&self, column: &str) -> Result<Value, ValueError> {
        Err(ValueError::Unsupported {
            column: column.to_owned(),
        })
    }

    fn read(&self, cursor: &Cursor, _: usize, column: &str) -> Result<T, RowError> {
        Err(RowError {
            table: cursor.table.to_owned(),
            column: column.to_owned(),
            message: "the field's Rust type implements neither `FromSql` nor `ToValue`, which the query helpers need".to_owned(),
        })
    }
}
