//! Relations between models, and loading them: a join built from a relation, or the related
//! rows of many models in one query per relation (never one query per model).
//!
//! `#[derive(Table)]` gives each model a `RELATIONS` constant: a belongs-to per
//! `references(..)` column, and the `#[has_many(..)]` / `#[has_one(..)]` it declares.

use super::exec::{Executor, Statement};
use super::model::Model;
use super::row::{is_null, FromRow};
use super::select::{live, model_columns, Select};
use super::value::{bind_column, ValueError};
use super::QueryError;
use crate::table::References;
use crate::{Column, Table};
use sea_query::{
    Alias, Condition, Expr, ExprTrait, JoinType, Order, Query, SelectStatement, Value,
};
use std::collections::HashMap;
use std::marker::PhantomData;

/// `C` belongs to `P`: `C`'s foreign key references `P`'s key (`File::RELATIONS.parent_folder`).
pub struct BelongsTo<C, P> {
    name: &'static str,
    foreign_key: &'static str,
    key: &'static str,
    marker: PhantomData<fn() -> (C, P)>,
}

/// `P` has many `C`: `C`'s foreign key references `P`'s key (`Folder::RELATIONS.files`).
pub struct HasMany<P, C> {
    name: &'static str,
    key: &'static str,
    foreign_key: &'static str,
    marker: PhantomData<fn() -> (P, C)>,
}

/// `P` has at most one `C`: like [`HasMany`], loading the first.
pub struct HasOne<P, C> {
    inner: HasMany<P, C>,
}

/// `P` has many `C` through the junction `J`: `J.from` references `P`'s key and `J.to`
/// references `C`'s key (`File::RELATIONS.tags` through `file_tags`).
pub struct ManyToMany<P, C, J> {
    name: &'static str,
    key: &'static str,
    from: &'static str,
    to: &'static str,
    target_key: &'static str,
    marker: Marker3<P, C, J>,
}

type Marker3<P, C, J> = PhantomData<fn() -> (P, C, J)>;

/// Row indexes by key value (its debug text).
type KeyIndex = HashMap<String, Vec<usize>>;

/// Rows of a join: each parent with its related row, `None` for a parent without one.
pub type Pairs<P, T> = Vec<(P, Option<T>)>;

macro_rules! copy {
    ($($ty:ident<$($p:ident),*>),*) => {$(
        impl<$($p),*> Clone for $ty<$($p),*> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<$($p),*> Copy for $ty<$($p),*> {}
        impl<$($p),*> std::fmt::Debug for $ty<$($p),*> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($ty), self.name())
            }
        }
    )*};
}

copy!(BelongsTo<C, P>, HasMany<P, C>, HasOne<P, C>, ManyToMany<P, C, J>);

impl<C, P> BelongsTo<C, P> {
    /// `foreign_key` of `C` references `key` of `P`; their types must agree (compile time).
    pub const fn new<F: References<R>, R>(
        name: &'static str,
        foreign_key: Column<C, F>,
        key: Column<P, R>,
    ) -> Self {
        BelongsTo {
            name,
            foreign_key: foreign_key.name(),
            key: key.name(),
            marker: PhantomData,
        }
    }

    /// The relation's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<C, P> BelongsTo<C, P> {
    #[doc(hidden)]
    pub const fn __unchecked(
        name: &'static str,
        foreign_key: &'static str,
        key: &'static str,
    ) -> Self {
        BelongsTo {
            name,
            foreign_key,
            key,
            marker: PhantomData,
        }
    }
}

impl<P, C> HasMany<P, C> {
    #[doc(hidden)]
    pub const fn __unchecked(
        name: &'static str,
        key: &'static str,
        foreign_key: &'static str,
    ) -> Self {
        HasMany {
            name,
            key,
            foreign_key,
            marker: PhantomData,
        }
    }

    /// `foreign_key` of `C` references `key` of `P`; their types must agree (compile time).
    pub const fn new<F: References<R>, R>(
        name: &'static str,
        key: Column<P, R>,
        foreign_key: Column<C, F>,
    ) -> Self {
        HasMany {
            name,
            key: key.name(),
            foreign_key: foreign_key.name(),
            marker: PhantomData,
        }
    }

    /// The relation's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<P, C> HasOne<P, C> {
    #[doc(hidden)]
    pub const fn __unchecked(
        name: &'static str,
        key: &'static str,
        foreign_key: &'static str,
    ) -> Self {
        HasOne {
            inner: HasMany::__unchecked(name, key, foreign_key),
        }
    }

    /// `foreign_key` of `C` references `key` of `P`; their types must agree (compile time).
    pub const fn new<F: References<R>, R>(
        name: &'static str,
        key: Column<P, R>,
        foreign_key: Column<C, F>,
    ) -> Self {
        HasOne {
            inner: HasMany::new(name, key, foreign_key),
        }
    }

    /// The relation's name.
    pub const fn name(&self) -> &'static str {
        self.inner.name
    }
}

impl<P, C, J> ManyToMany<P, C, J> {
    #[doc(hidden)]
    pub const fn __unchecked(name: &'static str) -> Self {
        ManyToMany {
            name,
            key: "",
            from: "",
            to: "",
            target_key: "",
            marker: PhantomData,
        }
    }

    /// `from` of `J` references `key` of `P`, `to` of `J` references `target_key` of `C`;
    /// the types must agree (compile time).
    pub const fn new<F1: References<R1>, R1, F2: References<R2>, R2>(
        name: &'static str,
        key: Column<P, R1>,
        from: Column<J, F1>,
        target_key: Column<C, R2>,
        to: Column<J, F2>,
    ) -> Self {
        Self::__new(name, Self::__link(key, from), Self::__link(target_key, to))
    }

    /// One link: the junction's `column` references `referenced`. The referenced column
    /// comes first, so its type is fixed when the junction column's is compared with it.
    #[doc(hidden)]
    pub const fn __link<T, R, F: References<R>>(
        referenced: Column<T, R>,
        column: Column<J, F>,
    ) -> (&'static str, &'static str) {
        (referenced.name(), column.name())
    }

    #[doc(hidden)]
    pub const fn __new(
        name: &'static str,
        from: (&'static str, &'static str),
        to: (&'static str, &'static str),
    ) -> Self {
        ManyToMany {
            name,
            key: from.0,
            from: from.1,
            to: to.1,
            target_key: to.0,
            marker: PhantomData,
        }
    }

    /// The relation's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

/// The distinct non-NULL values of `column` over `rows`, and a lookup from a value to the
/// indexes of the rows that hold it.
fn keys_of<M: Model>(rows: &[M], column: &str) -> Result<(Vec<Value>, KeyIndex), QueryError> {
    let mut distinct = Vec::new();
    let mut index: KeyIndex = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(value) = row.value_of(column).transpose()? else {
            continue;
        };
        if is_null_value(&value) {
            continue;
        }
        let slot = index.entry(key_text(&value)).or_default();
        if slot.is_empty() {
            distinct.push(value);
        }
        slot.push(i);
    }
    Ok((distinct, index))
}

/// Values compare by their debug text: sea-query's `Value` is not `Hash` without a feature.
fn key_text(value: &Value) -> String {
    format!("{value:?}")
}

fn is_null_value(value: &Value) -> bool {
    *value == value.as_null()
}

fn in_list<M: Model>(alias: &str, column: &'static str, keys: Vec<Value>) -> Condition {
    let values: Vec<Expr> = keys
        .into_iter()
        .map(|v| bind_column::<M>(column, v))
        .collect();
    Expr::col((Alias::new(alias), column)).is_in(values).into()
}

/// `M`'s rows where `column` is one of `keys`, live only, ordered by `M`'s primary key.
fn rows_where<M: Model>(column: &'static str, keys: Vec<Value>) -> SelectStatement {
    let mut stmt = Query::select();
    stmt.from((M::SCHEMA, M::NAME));
    model_columns::<M>(&mut stmt, M::NAME);
    stmt.cond_where(in_list::<M>(M::NAME, column, keys));
    if let Some(live) = live::<M>(M::NAME) {
        stmt.cond_where(live);
    }
    order_by_key::<M>(&mut stmt, M::NAME);
    stmt
}

fn order_by_key<M: Model>(stmt: &mut SelectStatement, alias: &str) {
    if let Some(pk) = &M::table_def().primary_key {
        for column in &pk.columns {
            stmt.order_by((Alias::new(alias), Alias::new(column.as_str())), Order::Asc);
        }
    }
}

impl<P: Model, C: Model> HasMany<P, C> {
    /// The statement [`HasMany::load`] runs for `parents`.
    pub fn load_statement(&self, parents: &[P]) -> Result<SelectStatement, QueryError> {
        let (keys, _) = keys_of(parents, self.key)?;
        Ok(rows_where::<C>(self.foreign_key, keys))
    }

    /// The children of every parent, in one query: `WHERE fk IN (keys of all parents)`.
    /// Returns one list per parent, in the parents' order, each ordered by `C`'s primary key;
    /// soft-deleted children are left out. No parents, no query.
    pub fn load(&self, exec: &mut impl Executor, parents: &[P]) -> Result<Vec<Vec<C>>, QueryError> {
        let mut grouped: Vec<Vec<C>> = parents.iter().map(|_| Vec::new()).collect();
        let (keys, index) = keys_of(parents, self.key)?;
        if keys.is_empty() {
            return Ok(grouped);
        }
        let rows = Statement::build(&rows_where::<C>(self.foreign_key, keys)).query(exec)?;
        for row in &rows {
            let child = C::from_row_at(row, 0)?;
            let Some(value) = child.value_of(self.foreign_key).transpose()? else {
                continue;
            };
            let owners = index
                .get(&key_text(&value))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            if let Some((last, rest)) = owners.split_last() {
                // The same parent listed twice gets its own copy of each child.
                for &i in rest {
                    grouped[i].push(C::from_row_at(row, 0)?);
                }
                grouped[*last].push(child);
            }
        }
        Ok(grouped)
    }
}

impl<P: Model, C: Model> HasOne<P, C> {
    /// The statement [`HasOne::load`] runs.
    pub fn load_statement(&self, parents: &[P]) -> Result<SelectStatement, QueryError> {
        self.inner.load_statement(parents)
    }

    /// The child of every parent (the one with the lowest key if several), in one query.
    pub fn load(
        &self,
        exec: &mut impl Executor,
        parents: &[P],
    ) -> Result<Vec<Option<C>>, QueryError> {
        Ok(self
            .inner
            .load(exec, parents)?
            .into_iter()
            .map(|children| children.into_iter().next())
            .collect())
    }
}

impl<C: Model, P: Model> BelongsTo<C, P> {
    /// The statement [`BelongsTo::load`] runs for `children`.
    pub fn load_statement(&self, children: &[C]) -> Result<SelectStatement, QueryError> {
        let (keys, _) = keys_of(children, self.foreign_key)?;
        Ok(rows_where::<P>(self.key, keys))
    }

    /// The parent of every child, in one query; `None` where the foreign key is NULL or the
    /// parent is soft-deleted.
    pub fn load(
        &self,
        exec: &mut impl Executor,
        children: &[C],
    ) -> Result<Vec<Option<P>>, QueryError> {
        let mut parents: Vec<Option<P>> = children.iter().map(|_| None).collect();
        let (keys, index) = keys_of(children, self.foreign_key)?;
        if keys.is_empty() {
            return Ok(parents);
        }
        let rows = Statement::build(&rows_where::<P>(self.key, keys)).query(exec)?;
        for row in &rows {
            let parent = P::from_row_at(row, 0)?;
            let Some(value) = parent.value_of(self.key).transpose()? else {
                continue;
            };
            for &i in index
                .get(&key_text(&value))
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                parents[i] = Some(P::from_row_at(row, 0)?);
            }
        }
        Ok(parents)
    }
}

impl<P: Model, C: Model, J: Model> ManyToMany<P, C, J> {
    /// The statement [`ManyToMany::load`] runs for `parents`: the targets joined to the
    /// junction rows of all parents.
    pub fn load_statement(&self, parents: &[P]) -> Result<SelectStatement, QueryError> {
        let (keys, _) = keys_of(parents, self.key)?;
        Ok(self.statement(keys))
    }

    fn statement(&self, keys: Vec<Value>) -> SelectStatement {
        let mut stmt = Query::select();
        stmt.from((C::SCHEMA, C::NAME));
        model_columns::<C>(&mut stmt, C::NAME);
        model_columns::<J>(&mut stmt, J::NAME);
        stmt.join(
            JoinType::InnerJoin,
            (J::SCHEMA, J::NAME),
            Expr::col((J::NAME, self.to)).equals((C::NAME, self.target_key)),
        );
        stmt.cond_where(in_list::<J>(J::NAME, self.from, keys));
        if let Some(live) = live::<C>(C::NAME) {
            stmt.cond_where(live);
        }
        order_by_key::<C>(&mut stmt, C::NAME);
        stmt
    }

    /// The targets of every parent, in one query, grouped like [`HasMany::load`].
    pub fn load(&self, exec: &mut impl Executor, parents: &[P]) -> Result<Vec<Vec<C>>, QueryError> {
        let mut grouped: Vec<Vec<C>> = parents.iter().map(|_| Vec::new()).collect();
        let (keys, index) = keys_of(parents, self.key)?;
        if keys.is_empty() {
            return Ok(grouped);
        }
        let rows = Statement::build(&self.statement(keys)).query(exec)?;
        for row in &rows {
            let link = J::from_row_at(row, C::WIDTH)?;
            let Some(value) = link.value_of(self.from).transpose()? else {
                continue;
            };
            for &i in index
                .get(&key_text(&value))
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                grouped[i].push(C::from_row_at(row, 0)?);
            }
        }
        Ok(grouped)
    }
}

/// A relation a select of `P` can join: [`Select::join`].
pub trait Join<P: Model> {
    /// The joined model.
    type Target: Model;

    /// `LEFT JOIN`s from `P` (under `parent`) to the target (under `alias`): each a table,
    /// its alias and the join condition.
    #[doc(hidden)]
    fn joins(
        &self,
        parent: &str,
        alias: &str,
    ) -> Vec<(&'static str, &'static str, String, Condition)>;

    /// The relation's name; the target's alias when it is `P`'s own table.
    fn relation_name(&self) -> &'static str;
}

fn on(left: (&str, &'static str), right: (&str, &'static str)) -> Condition {
    Expr::col((Alias::new(left.0), left.1))
        .equals((Alias::new(right.0), right.1))
        .into()
}

impl<C: Model, P: Model> Join<C> for BelongsTo<C, P> {
    type Target = P;
    fn joins(
        &self,
        parent: &str,
        alias: &str,
    ) -> Vec<(&'static str, &'static str, String, Condition)> {
        vec![(
            P::SCHEMA,
            P::NAME,
            alias.to_owned(),
            on((alias, self.key), (parent, self.foreign_key)),
        )]
    }
    fn relation_name(&self) -> &'static str {
        self.name
    }
}

impl<P: Model, C: Model> Join<P> for HasMany<P, C> {
    type Target = C;
    fn joins(
        &self,
        parent: &str,
        alias: &str,
    ) -> Vec<(&'static str, &'static str, String, Condition)> {
        vec![(
            C::SCHEMA,
            C::NAME,
            alias.to_owned(),
            on((alias, self.foreign_key), (parent, self.key)),
        )]
    }
    fn relation_name(&self) -> &'static str {
        self.name
    }
}

impl<P: Model, C: Model> Join<P> for HasOne<P, C> {
    type Target = C;
    fn joins(
        &self,
        parent: &str,
        alias: &str,
    ) -> Vec<(&'static str, &'static str, String, Condition)> {
        self.inner.joins(parent, alias)
    }
    fn relation_name(&self) -> &'static str {
        self.inner.name
    }
}

impl<P: Model, C: Model, J: Model> Join<P> for ManyToMany<P, C, J> {
    type Target = C;
    fn joins(
        &self,
        parent: &str,
        alias: &str,
    ) -> Vec<(&'static str, &'static str, String, Condition)> {
        vec![
            (
                J::SCHEMA,
                J::NAME,
                J::NAME.to_owned(),
                on((J::NAME, self.from), (parent, self.key)),
            ),
            (
                C::SCHEMA,
                C::NAME,
                alias.to_owned(),
                on((alias, self.target_key), (J::NAME, self.to)),
            ),
        ]
    }
    fn relation_name(&self) -> &'static str {
        self.name
    }
}

/// A select of `P` left-joined to a relation's target `T`: rows decode as `(P, Option<T>)`.
/// Build it with [`Select::join`].
pub struct Joined<P, R> {
    select: Select<P>,
    relation: R,
}

impl<P: Model> Select<P> {
    /// `LEFT JOIN`s the relation's target: every row of `P` with each related row (a parent
    /// without one once, with `None`). The target is aliased by its table name, or by the
    /// relation's name when it is `P`'s own table (`folders` joined to `parent_folder`).
    /// Soft-deleted targets are left out (the condition sits in the `ON` clause).
    pub fn join<R: Join<P>>(self, relation: R) -> Joined<P, R> {
        Joined {
            select: self,
            relation,
        }
    }
}

impl<P: Model, R: Join<P>> Joined<P, R> {
    fn alias(&self) -> &'static str {
        if R::Target::NAME == P::NAME {
            self.relation.relation_name()
        } else {
            R::Target::NAME
        }
    }

    /// The statement.
    pub fn statement(&self) -> Result<SelectStatement, ValueError> {
        let mut stmt = self.select.statement()?;
        let alias = self.alias();
        model_columns::<R::Target>(&mut stmt, alias);
        for (schema, table, table_alias, mut cond) in self.relation.joins(P::NAME, alias) {
            if table_alias == alias {
                if let Some(live) = live::<R::Target>(alias) {
                    cond = cond.add(live);
                }
            }
            stmt.join_as(
                JoinType::LeftJoin,
                (schema, table),
                Alias::new(table_alias),
                cond,
            );
        }
        Ok(stmt)
    }

    /// Every row pair.
    pub fn all(&self, exec: &mut impl Executor) -> Result<Pairs<P, R::Target>, QueryError> {
        let rows = Statement::build(&self.statement()?).query(exec)?;
        let width = P::WIDTH;
        rows.iter()
            .map(|row| {
                let parent = P::from_row_at(row, 0)?;
                // The target's first column is part of its key or NOT NULL in any live row...
                // but not necessarily: a row is absent when every target column is NULL.
                let absent = (width..width + R::Target::WIDTH).all(|i| is_null(row, i));
                let target = if absent {
                    None
                } else {
                    Some(R::Target::from_row_at(row, width)?)
                };
                Ok((parent, target))
            })
            .collect()
    }

    /// The statement with values inlined, for display only.
    #[allow(clippy::inherent_to_string)]
    pub fn to_string(&self) -> String {
        match self.statement() {
            Ok(stmt) => Statement::display(&stmt),
            Err(e) => format!("/* {e} */"),
        }
    }
}
