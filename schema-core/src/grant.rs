//! Grants on models: the table or view a [`Table`] maps to, a column by its typed handle.
//! Here rather than in `model`, which describes the database and knows no Rust model.

use crate::model::{Grant, QualifiedName};
use crate::table::{Column, Table};

impl Grant {
    /// Privileges on the table or view of a model: `Grant::on::<Member>()`.
    pub fn on<T: Table>() -> Self {
        Grant::on_table(QualifiedName::new(T::SCHEMA, T::NAME))
    }

    /// Privileges on one column, by its handle: `Grant::on_column(Member::COLUMNS.email)`.
    pub fn on_column<T: Table, R>(column: Column<T, R>) -> Self {
        Grant::on_table_column(QualifiedName::new(T::SCHEMA, T::NAME), column.name())
    }
}
