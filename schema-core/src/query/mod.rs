//! Typed queries from the models: sea-query statements with bound parameters, run on a
//! `postgres` connection or transaction, rows decoded through postgres-types.
//!
//! | helper | SQL |
//! |---|---|
//! | [`select`] | `SELECT cols FROM t WHERE .. AND deleted_at IS NULL` |
//! | [`find`] | `SELECT cols FROM t WHERE id = $1 AND deleted_at IS NULL LIMIT 1` |
//! | [`insert`] | `INSERT INTO t (..) VALUES ($1, ..) RETURNING cols` |
//! | [`upsert`] | `INSERT .. ON CONFLICT (target) DO UPDATE SET c = excluded.c, updated_at = now() RETURNING cols` |
//! | [`update`] | `UPDATE t SET .., updated_at = now() WHERE id = $n AND live RETURNING cols` |
//! | [`update_versioned`] | `UPDATE t SET .., version = version + 1 WHERE id = $n AND version = $m RETURNING cols` |
//! | [`soft_delete`] / [`restore`] | `UPDATE t SET deleted_at = now() ..` |
//! | [`delete`] | `DELETE FROM t WHERE id = $1` |
//! | [`Select::paginate`] / [`Select::keyset`] | limit/offset with a total / `WHERE (col, id) > ($1, $2)` |
//! | [`refresh`] | `REFRESH MATERIALIZED VIEW [CONCURRENTLY] v` |
//! | [`HasMany::load`] and the other relations | one `WHERE fk IN (..)` query per relation |

mod error;
mod exec;
mod filter;
mod model;
mod probe;
mod refresh;
mod relation;
pub(crate) mod row;
mod select;
mod value;
mod write;

pub use error::QueryError;
pub use exec::{Executor, Statement};
pub use filter::Filter;
pub use model::{Changes, Insertable, Model, SoftDelete, Special, Versioned};
pub use refresh::refresh;
pub use relation::{BelongsTo, HasMany, HasOne, Join, Joined, ManyToMany, Pairs};
pub use row::{FromRow, RowError};
pub use sea_query::Order;
pub use select::{select, Cursor, KeysetPage, Page, Select};
pub use value::{array_value, bind_as, ToValue, ValueError};
pub use write::{
    delete, delete_statement, find, insert, insert_statement, restore, restore_statement,
    soft_delete, soft_delete_statement, update, update_statement, update_versioned,
    update_versioned_statement, upsert, Upsert,
};

#[doc(hidden)]
pub mod __private {
    pub use super::probe::{Cursor, Fallback, Probe, Specific};
    pub use super::row::{get, get_at};
    pub use postgres::Row;
    pub use sea_query::{ArrayType, Value};
}
