//! Writes by model and key: insert, upsert, update (plain and optimistic), soft delete,
//! restore, delete, and find by key.

use super::exec::{Executor, Statement};
use super::model::{Changes, Insertable, Model, SoftDelete, Versioned};
use super::select::{decode, key_condition, live, select};
use super::value::{bind_column, ValueError};
use super::QueryError;
use crate::{Column, Table};
use sea_query::{
    Alias, Condition, DeleteStatement, Expr, ExprTrait, Func, InsertStatement, OnConflict, Query,
    ReturningClause, UpdateStatement, Value,
};

fn table_name<M: Model>() -> String {
    M::table_def().qualified_name().to_string()
}

fn returning<M: Model>() -> ReturningClause {
    Query::returning().columns(
        M::table_def()
            .columns
            .iter()
            .map(|c| Alias::new(c.name.as_str())),
    )
}

fn one<M: Model>(rows: &[postgres::Row]) -> Result<M, QueryError> {
    decode::<M>(rows)?
        .into_iter()
        .next()
        .ok_or_else(|| QueryError::NotFound {
            table: table_name::<M>(),
        })
}

/// The row with this key, unless it is soft-deleted.
pub fn find<M: Model>(exec: &mut impl Executor, key: &M::Key) -> Result<Option<M>, QueryError> {
    let cond = key_condition::<M>(key, M::NAME)?;
    select::<M>().filter(cond).first(exec)
}

/// `INSERT INTO t (given columns) VALUES ($1, ...) RETURNING *columns*`: the statement of
/// [`insert`].
pub fn insert_statement<N: Insertable>(new: &N) -> Result<InsertStatement, ValueError> {
    let values = new.insert_values()?;
    let mut stmt = Query::insert();
    stmt.into_table((N::Model::SCHEMA, N::Model::NAME));
    if values.is_empty() {
        stmt.or_default_values();
    } else {
        stmt.columns(values.iter().map(|(c, _)| *c));
        let exprs: Vec<Expr> = values
            .into_iter()
            .map(|(c, v)| bind_column::<N::Model>(c, v))
            .collect();
        stmt.values_panic(exprs);
    }
    stmt.returning(returning::<N::Model>());
    Ok(stmt)
}

/// Inserts a row and returns it as stored, defaults filled in.
pub fn insert<N: Insertable>(exec: &mut impl Executor, new: &N) -> Result<N::Model, QueryError> {
    let rows = Statement::build(&insert_statement(new)?).query(exec)?;
    one(&rows)
}

/// An `INSERT ... ON CONFLICT (target) DO UPDATE` of a new row. Build it with [`upsert`].
#[derive(Debug)]
pub struct Upsert<'a, N: Insertable> {
    new: &'a N,
    columns: Vec<&'static str>,
    constraint: Option<String>,
}

/// An upsert of `new`: name the conflict target with [`Upsert::on_conflict`] (a column of the
/// model, again for each column of a multi-column key) or [`Upsert::on_constraint`], then
/// [`Upsert::run`]. On conflict every given column but the primary key is overwritten with the
/// new value (a soft-deleted row whose `deleted_at` is given as `None` is live again),
/// `updated_at` is set to `now()` and `version` is bumped when the model has them.
pub fn upsert<N: Insertable>(new: &N) -> Upsert<'_, N> {
    Upsert {
        new,
        columns: Vec::new(),
        constraint: None,
    }
}

impl<N: Insertable> Upsert<'_, N> {
    /// Adds a column of the conflict target (a unique constraint or index on exactly the
    /// columns given).
    pub fn on_conflict<R>(mut self, column: Column<N::Model, R>) -> Self {
        self.columns.push(column.name());
        self
    }

    /// The conflict target is the constraint named `name` (`ON CONFLICT ON CONSTRAINT`).
    pub fn on_constraint(mut self, name: impl Into<String>) -> Self {
        self.constraint = Some(name.into());
        self
    }

    /// The statement. Without a conflict target, the primary key is the target (and a table
    /// without one is [`QueryError::NoPrimaryKey`]).
    pub fn statement(&self) -> Result<InsertStatement, QueryError> {
        type M<N> = <N as Insertable>::Model;
        let values = self.new.insert_values()?;
        let mut stmt = insert_statement(self.new)?;
        let target: Vec<String> = match (&self.constraint, self.columns.is_empty()) {
            (None, true) => M::<N>::table_def()
                .primary_key
                .as_ref()
                .map(|pk| pk.columns.clone())
                .unwrap_or_default(),
            _ => self.columns.iter().map(|c| (*c).to_owned()).collect(),
        };
        if target.is_empty() && self.constraint.is_none() {
            return Err(QueryError::NoPrimaryKey {
                table: table_name::<M<N>>(),
            });
        }
        let mut conflict = match &self.constraint {
            Some(name) => OnConflict::constraint(name),
            None => OnConflict::columns(target.iter().map(|c| Alias::new(c.as_str()))),
        };
        let special = M::<N>::SPECIAL;
        // The conflicting row keeps its key: other rows may reference it.
        let key: Vec<String> = M::<N>::table_def()
            .primary_key
            .as_ref()
            .map(|pk| pk.columns.clone())
            .unwrap_or_default();
        let updates: Vec<&'static str> = values
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| {
                !target.iter().any(|t| t == c)
                    && !key.iter().any(|k| k == c)
                    && Some(*c) != special.version
            })
            .collect();
        conflict.update_columns(updates.iter().copied());
        let mut exprs: Vec<(Alias, Expr)> = Vec::new();
        if let Some(column) = special.updated_at {
            if !updates.contains(&column) {
                exprs.push((Alias::new(column), Expr::current_timestamp()));
            }
        }
        if let Some(column) = special.version {
            exprs.push((Alias::new(column), Expr::col((M::<N>::NAME, column)).add(1)));
        }
        if updates.is_empty() && exprs.is_empty() {
            // `DO NOTHING` would return no row: assign a column to itself instead.
            if let Some(first) = M::<N>::table_def().columns.first() {
                let column = Alias::new(first.name.as_str());
                exprs.push((
                    column.clone(),
                    Expr::col((Alias::new(M::<N>::NAME), column)),
                ));
            }
        }
        if !exprs.is_empty() {
            conflict.values(exprs);
        }
        stmt.on_conflict(conflict);
        Ok(stmt)
    }

    /// Inserts the row, or updates the row it conflicts with; returns the row as stored.
    pub fn run(&self, exec: &mut impl Executor) -> Result<N::Model, QueryError> {
        let rows = Statement::build(&self.statement()?).query(exec)?;
        one(&rows)
    }
}

/// The `SET` list of an update: the patch's columns (never `version`), then `updated_at =
/// now()` and `version = version + 1` when the model has them.
fn update_base<P: Changes>(patch: &P) -> Result<UpdateStatement, ValueError> {
    let special = <P::Model as Model>::SPECIAL;
    let name = <P::Model as crate::Table>::NAME;
    let values = patch.changed_values()?;
    let mut stmt = Query::update();
    stmt.table((<P::Model as crate::Table>::SCHEMA, name));
    let mut set_any = false;
    for (column, value) in values {
        if Some(column) == special.version {
            continue;
        }
        stmt.value(column, bind_column::<P::Model>(column, value));
        set_any = true;
    }
    if let Some(column) = special.updated_at {
        if !patch_sets(patch, column) {
            stmt.value(column, Expr::current_timestamp());
            set_any = true;
        }
    }
    if let Some(column) = special.version {
        stmt.value(column, Expr::col((name, column)).add(1));
        set_any = true;
    }
    if !set_any {
        // Nothing to change: a no-op assignment keeps the statement valid and still returns
        // the row (or none, when the key matches nothing).
        if let Some(column) = P::Model::table_def().columns.first() {
            let column = Alias::new(column.name.as_str());
            stmt.value(column.clone(), Expr::col(column));
        }
    }
    stmt.returning(returning::<P::Model>());
    Ok(stmt)
}

fn patch_sets<P: Changes>(patch: &P, column: &str) -> bool {
    patch
        .changed_values()
        .map(|v| v.iter().any(|(c, _)| *c == column))
        .unwrap_or(false)
}

/// `UPDATE t SET ... WHERE key AND live RETURNING *columns*`: the statement of [`update`].
pub fn update_statement<P: Changes>(
    key: &<P::Model as Model>::Key,
    patch: &P,
) -> Result<UpdateStatement, QueryError> {
    let name = <P::Model as crate::Table>::NAME;
    let mut stmt = update_base(patch)?;
    stmt.cond_where(key_condition::<P::Model>(key, name)?);
    if let Some(live) = live::<P::Model>(name) {
        stmt.cond_where(live);
    }
    Ok(stmt)
}

/// Updates the row with this key from a patch; returns it as stored. Sets `updated_at` and
/// bumps `version` when the model has them. A missing or soft-deleted row is
/// [`QueryError::NotFound`].
pub fn update<P: Changes>(
    exec: &mut impl Executor,
    key: &<P::Model as Model>::Key,
    patch: &P,
) -> Result<P::Model, QueryError> {
    let rows = Statement::build(&update_statement(key, patch)?).query(exec)?;
    one(&rows)
}

/// The statement of [`update_versioned`]: [`update_statement`] plus `AND version = $n`.
pub fn update_versioned_statement<P: Changes>(
    key: &<P::Model as Model>::Key,
    expected_version: i64,
    patch: &P,
) -> Result<UpdateStatement, QueryError>
where
    P::Model: Versioned,
{
    let name = <P::Model as crate::Table>::NAME;
    let mut stmt = update_statement(key, patch)?;
    if let Some(column) = <P::Model as Model>::SPECIAL.version {
        stmt.and_where(
            Expr::col((name, column)).eq(Func::cast_as(Expr::val(expected_version), "bigint")),
        );
    }
    Ok(stmt)
}

/// Optimistic locking: updates the row only if its `version` is still `expected_version`,
/// and bumps it. When another writer got there first, nothing changes and the result is
/// [`QueryError::Conflict`] with the current version, never a silent zero-row update; a row
/// that does not exist is [`QueryError::NotFound`].
pub fn update_versioned<P: Changes>(
    exec: &mut impl Executor,
    key: &<P::Model as Model>::Key,
    expected_version: i64,
    patch: &P,
) -> Result<P::Model, QueryError>
where
    P::Model: Versioned,
{
    let stmt = update_versioned_statement(key, expected_version, patch)?;
    let rows = Statement::build(&stmt).query(exec)?;
    if let Some(row) = decode::<P::Model>(&rows)?.into_iter().next() {
        return Ok(row);
    }
    match find::<P::Model>(exec, key)? {
        Some(current) => Err(QueryError::Conflict {
            table: table_name::<P::Model>(),
            expected: expected_version,
            actual: current.version(),
        }),
        None => Err(QueryError::NotFound {
            table: table_name::<P::Model>(),
        }),
    }
}

fn soft_delete_or_restore<M: SoftDelete>(
    key: &M::Key,
    delete: bool,
) -> Result<UpdateStatement, QueryError> {
    let special = M::SPECIAL;
    let mut stmt = Query::update();
    stmt.table((M::SCHEMA, M::NAME));
    if let Some(column) = special.deleted_at {
        let value = if delete {
            Expr::current_timestamp()
        } else {
            Expr::val(Value::ChronoDateTimeUtc(None))
        };
        stmt.value(column, value);
    }
    if let Some(column) = special.is_deleted {
        stmt.value(column, Expr::val(delete));
    }
    if let Some(column) = special.updated_at {
        stmt.value(column, Expr::current_timestamp());
    }
    stmt.cond_where(key_condition::<M>(key, M::NAME)?);
    if let Some(live) = live::<M>(M::NAME) {
        stmt.cond_where(if delete { live } else { Condition::not(live) });
    }
    stmt.returning(returning::<M>());
    Ok(stmt)
}

/// The statement of [`soft_delete`].
pub fn soft_delete_statement<M: SoftDelete>(key: &M::Key) -> Result<UpdateStatement, QueryError> {
    soft_delete_or_restore::<M>(key, true)
}

/// The statement of [`restore`].
pub fn restore_statement<M: SoftDelete>(key: &M::Key) -> Result<UpdateStatement, QueryError> {
    soft_delete_or_restore::<M>(key, false)
}

/// Soft-deletes the row: `deleted_at = now()` and/or `is_deleted = true` (and `updated_at`).
/// Selects skip it from then on. A missing or already deleted row is [`QueryError::NotFound`].
pub fn soft_delete<M: SoftDelete>(exec: &mut impl Executor, key: &M::Key) -> Result<M, QueryError> {
    let rows = Statement::build(&soft_delete_or_restore::<M>(key, true)?).query(exec)?;
    one(&rows)
}

/// Undoes [`soft_delete`]. A missing or live row is [`QueryError::NotFound`].
pub fn restore<M: SoftDelete>(exec: &mut impl Executor, key: &M::Key) -> Result<M, QueryError> {
    let rows = Statement::build(&soft_delete_or_restore::<M>(key, false)?).query(exec)?;
    one(&rows)
}

/// The statement of [`delete`].
pub fn delete_statement<M: Model>(key: &M::Key) -> Result<DeleteStatement, QueryError> {
    let mut stmt = Query::delete();
    stmt.from_table((M::SCHEMA, M::NAME));
    stmt.cond_where(key_condition::<M>(key, M::NAME)?);
    stmt.returning(returning::<M>());
    Ok(stmt)
}

/// Deletes the row for good (`DELETE`), soft-deleted or not; whether there was one.
pub fn delete<M: Model>(exec: &mut impl Executor, key: &M::Key) -> Result<bool, QueryError> {
    let rows = Statement::build(&delete_statement::<M>(key)?).query(exec)?;
    Ok(!rows.is_empty())
}
