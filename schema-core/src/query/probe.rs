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

/// Where a column is in a row.
#[derive(Clone, Copy)]
pub enum At<'s> {
    /// By name.
    Name(&'s str),
    /// By position.
    Index(usize),
}

/// The type has the conversion.
pub trait Specific<T> {
    /// The bound value.
    fn to_value(&self, column: &str) -> Result<Value, ValueError>;
    /// The decoded column.
    fn get(&self, row: &Row, at: At, table: &str, column: &str) -> Result<T, RowError>;
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

    fn get(&self, row: &Row, at: At, table: &str, column: &str) -> Result<T, RowError> {
        match at {
            At::Name(name) => get(row, table, name),
            At::Index(index) => get_at(row, index, table, column),
        }
    }
}

/// The type lacks a conversion: an error naming the column.
pub trait Fallback<T> {
    /// An error naming the column.
    fn to_value(&self, column: &str) -> Result<Value, ValueError>;
    /// An error naming the column.
    fn get(&self, row: &Row, at: At, table: &str, column: &str) -> Result<T, RowError>;
}

impl<T> Fallback<T> for Probe<'_, T> {
    fn to_value(&self, column: &str) -> Result<Value, ValueError> {
        Err(ValueError::Unsupported {
            column: column.to_owned(),
        })
    }

    fn get(&self, _: &Row, _: At, table: &str, column: &str) -> Result<T, RowError> {
        Err(RowError {
            table: table.to_owned(),
            column: column.to_owned(),
            message: "the field's Rust type implements neither `FromSql` nor `ToValue`, which the query helpers need".to_owned(),
        })
    }
}
