//! What `#[derive(Table)]` implements for the query helpers, beside [`crate::Table`].

use super::row::FromRow;
use super::value::ValueError;
use crate::Table;
use sea_query::Value;

/// A table model the query helpers read and write. Implemented by `#[derive(Table)]`.
pub trait Model: Table + FromRow {
    /// The primary key's Rust type: the key field's type, a tuple of them for a composite
    /// key, `()` for a table without one (key helpers then fail with
    /// [`super::QueryError::NoPrimaryKey`]).
    type Key;

    /// The model's key.
    fn key(&self) -> Self::Key;

    /// The key's columns' values, in the primary key's column order.
    fn key_values(key: &Self::Key) -> Result<Vec<Value>, ValueError>;

    /// The value of the column named `column`, or `None` if the model has no such column.
    fn value_of(&self, column: &str) -> Option<Result<Value, ValueError>>;

    /// The special columns the helpers maintain: `updated_at`, `version`, `deleted_at`,
    /// `is_deleted`, as far as the model has them.
    const SPECIAL: Special;
}

/// The columns the helpers maintain, by their SQL names. `#[derive(Table)]` fills it in from
/// the model's field names and types.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Special {
    /// A timestamp column `updated_at`: every update sets it to `now()`.
    pub updated_at: Option<&'static str>,
    /// An integer column `version`: every update bumps it, [`super::update_versioned`]
    /// compares it.
    pub version: Option<&'static str>,
    /// A nullable timestamp column `deleted_at`: set by [`super::soft_delete`]; selects skip
    /// rows where it is not NULL.
    pub deleted_at: Option<&'static str>,
    /// A boolean column `is_deleted`: set by [`super::soft_delete`]; selects skip rows where it
    /// is true.
    pub is_deleted: Option<&'static str>,
}

impl Special {
    /// No special column; what the derive's `Special`s are written from.
    #[doc(hidden)]
    pub const __NONE: Special = Special {
        updated_at: None,
        version: None,
        deleted_at: None,
        is_deleted: None,
    };
}

/// The insert shape `New<Model>`. Implemented by `#[derive(Table)]` for a model with shapes
/// (`#[table(shapes)]`, or `shapes = true` in `[package.metadata.schema]`).
pub trait Insertable {
    /// The model the shape inserts.
    type Model: Model;

    /// The columns to write with their values; a defaulted column left `None` is omitted, so
    /// PostgreSQL fills in its default.
    fn insert_values(&self) -> Result<Vec<(&'static str, Value)>, ValueError>;
}

/// The update shape `<Model>Patch`. Implemented by `#[derive(Table)]` for a model with shapes.
pub trait Changes {
    /// The model the shape updates.
    type Model: Model;

    /// The columns to set with their values: only the fields that are `Some`.
    fn changed_values(&self) -> Result<Vec<(&'static str, Value)>, ValueError>;
}

/// A model whose rows are soft-deleted: it has `deleted_at` (a nullable timestamp) and/or
/// `is_deleted` (a boolean). `#[derive(Table)]` implements it when one of them exists;
/// [`super::soft_delete`] and [`super::restore`] need it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no soft-delete column",
    note = "add `deleted_at: Option<DateTime<Utc>>` or `is_deleted: bool` to `{Self}`"
)]
pub trait SoftDelete: Model {}

/// A model with optimistic locking: an integer `version` column (`i32` or `i64`) that every
/// update compares and bumps. `#[derive(Table)]` implements it when the model has one;
/// [`super::update_versioned`] needs it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no `version` column",
    note = "add `#[column(default = 1)] version: i32` to `{Self}` for optimistic locking"
)]
pub trait Versioned: Model {
    /// The model's current version.
    fn version(&self) -> i64;
}
