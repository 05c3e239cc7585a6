//! `SELECT` of a model: its columns, soft-deleted rows left out unless asked, typed filters,
//! limit/offset pages with a total, and keyset pages.

use super::exec::{Executor, Statement};
use super::filter::Filter;
use super::model::Model;
use super::value::ValueError;
use super::QueryError;
use crate::Column;
use sea_query::{Alias, Condition, Expr, ExprTrait, Func, Order, Query, SelectStatement, Value};
use std::marker::PhantomData;

/// Which rows of a soft-deleting model a select sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Deleted {
    Exclude,
    Include,
    Only,
}

/// A `SELECT` of `M`'s columns from `M`'s table. Build it with [`select`].
#[derive(Debug)]
pub struct Select<M> {
    conditions: Vec<Filter>,
    order: Vec<(Expr, Order)>,
    limit: Option<u64>,
    offset: Option<u64>,
    deleted: Deleted,
    model: PhantomData<fn() -> M>,
}

impl<M> Clone for Select<M> {
    fn clone(&self) -> Self {
        Select {
            conditions: self.conditions.clone(),
            order: self.order.clone(),
            limit: self.limit,
            offset: self.offset,
            deleted: self.deleted,
            model: PhantomData,
        }
    }
}

/// A select of every live row of `M`, in no particular order.
///
/// ```
/// # use schema_core::{Table, query};
/// #[derive(Table)]
/// #[table(schema = "storage")]
/// pub struct File {
///     #[column(primary_key)]
///     pub id: i64,
///     pub user_id: String,
///     pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
/// }
///
/// let q = query::select::<File>().filter(File::COLUMNS.user_id.eq("u1"));
/// assert_eq!(
///     q.to_string(),
///     r#"SELECT "files"."id", "files"."user_id", "files"."deleted_at" FROM "storage"."files" WHERE "files"."user_id" = 'u1' AND "files"."deleted_at" IS NULL"#
/// );
/// ```
pub fn select<M: Model>() -> Select<M> {
    Select {
        conditions: Vec::new(),
        order: Vec::new(),
        limit: None,
        offset: None,
        deleted: Deleted::Exclude,
        model: PhantomData,
    }
}

/// The model's columns qualified by `alias`, in declaration order.
pub(crate) fn model_columns<M: Model>(stmt: &mut SelectStatement, alias: &str) {
    for column in &M::table_def().columns {
        stmt.column((Alias::new(alias), Alias::new(column.name.as_str())));
    }
}

/// `deleted_at IS NULL AND is_deleted = false` for `M` under `alias`, or `None` when `M` does
/// not soft-delete.
pub(crate) fn live<M: Model>(alias: &str) -> Option<Condition> {
    let special = M::SPECIAL;
    if special.deleted_at.is_none() && special.is_deleted.is_none() {
        return None;
    }
    let mut cond = Condition::all();
    if let Some(column) = special.deleted_at {
        cond = cond.add(Expr::col((Alias::new(alias), column)).is_null());
    }
    if let Some(column) = special.is_deleted {
        cond = cond.add(Expr::col((Alias::new(alias), column)).eq(false));
    }
    Some(cond)
}

/// The key condition `pk1 = $1 AND pk2 = $2` for `M` under `alias`.
pub(crate) fn key_condition<M: Model>(key: &M::Key, alias: &str) -> Result<Condition, QueryError> {
    let def = M::table_def();
    let pk = def
        .primary_key
        .as_ref()
        .filter(|pk| !pk.columns.is_empty())
        .ok_or_else(|| QueryError::NoPrimaryKey {
            table: def.qualified_name().to_string(),
        })?;
    let values = M::key_values(key)?;
    let mut cond = Condition::all();
    for (column, value) in pk.columns.iter().zip(values) {
        cond = cond.add(
            Expr::col((Alias::new(alias), Alias::new(column.as_str())))
                .eq(super::value::bind_column::<M>(column, value)),
        );
    }
    Ok(cond)
}

/// Decodes every row as `M`, from the first column on.
pub(crate) fn decode<M: Model>(rows: &[postgres::Row]) -> Result<Vec<M>, QueryError> {
    rows.iter()
        .map(|row| M::from_row_at(row, 0).map_err(QueryError::from))
        .collect()
}

impl<M: Model> Select<M> {
    /// Adds a condition, `AND`ed with the others.
    pub fn filter(mut self, filter: impl Into<Filter>) -> Self {
        self.conditions.push(filter.into());
        self
    }

    /// Includes soft-deleted rows.
    pub fn with_deleted(mut self) -> Self {
        self.deleted = Deleted::Include;
        self
    }

    /// Only soft-deleted rows (a trash view).
    pub fn only_deleted(mut self) -> Self {
        self.deleted = Deleted::Only;
        self
    }

    /// Orders by a column of `M`; call again for the next sort key.
    pub fn order_by<R>(mut self, column: Column<M, R>, order: Order) -> Self {
        self.order.push((column.expr(), order));
        self
    }

    /// At most `n` rows.
    pub fn limit(mut self, n: u64) -> Self {
        self.limit = Some(n);
        self
    }

    /// Skips the first `n` rows.
    pub fn offset(mut self, n: u64) -> Self {
        self.offset = Some(n);
        self
    }

    /// The `FROM` and `WHERE` of the select, with no columns yet.
    pub(crate) fn base(&self) -> Result<SelectStatement, ValueError> {
        let mut stmt = Query::select();
        stmt.from((M::SCHEMA, M::NAME));
        for filter in &self.conditions {
            stmt.cond_where(filter.0.clone()?);
        }
        if let Some(live) = live::<M>(M::NAME) {
            match self.deleted {
                Deleted::Exclude => {
                    stmt.cond_where(live);
                }
                Deleted::Only => {
                    stmt.cond_where(live.not());
                }
                Deleted::Include => {}
            }
        }
        Ok(stmt)
    }

    /// The statement, as sea-query builds it.
    pub fn statement(&self) -> Result<SelectStatement, ValueError> {
        let mut stmt = self.base()?;
        model_columns::<M>(&mut stmt, M::NAME);
        for (expr, order) in &self.order {
            stmt.order_by_expr(expr.clone(), order.clone());
        }
        if let Some(n) = self.limit {
            stmt.limit(n);
        }
        if let Some(n) = self.offset {
            stmt.offset(n);
        }
        Ok(stmt)
    }

    /// Every matching row.
    pub fn all(&self, exec: &mut impl Executor) -> Result<Vec<M>, QueryError> {
        let rows = Statement::build(&self.statement()?).query(exec)?;
        decode(&rows)
    }

    /// The first matching row, if any.
    pub fn first(&self, exec: &mut impl Executor) -> Result<Option<M>, QueryError> {
        let mut stmt = self.statement()?;
        stmt.limit(1);
        let rows = Statement::build(&stmt).query(exec)?;
        Ok(decode(&rows)?.into_iter().next())
    }

    /// `SELECT COUNT(*)` with the same conditions: the statement of [`Select::count`].
    pub fn count_statement(&self) -> Result<SelectStatement, ValueError> {
        let mut stmt = self.base()?;
        stmt.expr(Func::count(Expr::cust("*")));
        Ok(stmt)
    }

    /// How many rows match (ignoring limit and offset).
    pub fn count(&self, exec: &mut impl Executor) -> Result<i64, QueryError> {
        let rows = Statement::build(&self.count_statement()?).query(exec)?;
        match rows.first() {
            Some(row) => Ok(super::row::get_at::<i64>(row, 0, M::NAME, "count")?),
            None => Ok(0),
        }
    }

    /// Page `page` (from 1; 0 reads as 1) of `per_page` rows (at least 1), with the total count: two statements, the
    /// page and `SELECT COUNT(*)` with the same conditions. Order the select first
    /// (`order_by`), or pages are in no defined order.
    pub fn paginate(
        &self,
        exec: &mut impl Executor,
        page: u64,
        per_page: u64,
    ) -> Result<Page<M>, QueryError> {
        let page = Ord::max(page, 1);
        let per_page = Ord::max(per_page, 1);
        let mut q = self.clone();
        q.limit = Some(per_page);
        q.offset = Some((page - 1).saturating_mul(per_page));
        let items = q.all(exec)?;
        let total = u64::try_from(self.count(exec)?).unwrap_or(0);
        let seen = (page - 1).saturating_mul(per_page) + items.len() as u64;
        Ok(Page {
            items,
            total,
            page,
            per_page,
            has_more: seen < total,
        })
    }

    /// The sort key of a keyset page: `column`, then the primary key's other columns.
    fn keyset_keys<R>(column: Column<M, R>) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = vec![column.name()];
        if let Some(pk) = &M::table_def().primary_key {
            keys.extend(
                pk.columns
                    .iter()
                    .map(String::as_str)
                    .filter(|c| *c != column.name()),
            );
        }
        keys
    }

    /// The statement of [`Select::keyset`]; it asks for one row more than `limit`, to know
    /// whether another page follows.
    pub fn keyset_statement<R>(
        &self,
        column: Column<M, R>,
        order: Order,
        after: Option<&Cursor>,
        limit: u64,
    ) -> Result<SelectStatement, ValueError> {
        let keys = Self::keyset_keys(column);
        let exprs = || -> Vec<Expr> {
            keys.iter()
                .map(|c| Expr::col((M::NAME, Alias::new(*c))))
                .collect()
        };
        let mut stmt = self.statement()?;
        stmt.clear_order_by();
        stmt.reset_offset();
        for expr in exprs() {
            stmt.order_by_expr(expr, order.clone());
        }
        stmt.limit(limit.saturating_add(1));
        if let Some(cursor) = after {
            let values: Vec<Expr> = keys
                .iter()
                .zip(&cursor.0)
                .map(|(c, v)| super::value::bind_column::<M>(c, v.clone()))
                .collect();
            let left = Expr::tuple(exprs());
            let right = Expr::tuple(values);
            stmt.and_where(match order {
                Order::Desc => left.lt(right),
                _ => left.gt(right),
            });
        }
        Ok(stmt)
    }

    /// The `limit` rows after `after` in the order of `column`, then the primary key (the
    /// tie-break that makes the order total): `WHERE (col, id) > ($1, $2) ORDER BY col, id`.
    /// Pass the previous page's [`KeysetPage::next`] to continue; `None` starts at the
    /// beginning. Unlike offset pages, a row inserted meanwhile never shifts a page. The
    /// column must be `NOT NULL`.
    pub fn keyset<R>(
        &self,
        exec: &mut impl Executor,
        column: Column<M, R>,
        order: Order,
        after: Option<&Cursor>,
        limit: u64,
    ) -> Result<KeysetPage<M>, QueryError> {
        let keys = Self::keyset_keys(column);
        let stmt = self.keyset_statement(column, order, after, limit)?;
        let rows = Statement::build(&stmt).query(exec)?;
        let mut items = decode::<M>(&rows)?;
        let has_more = items.len() as u64 > limit;
        items.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next = match (has_more, items.last()) {
            (true, Some(last)) => Some(Cursor(
                keys.iter()
                    .map(|c| last.value_of(c).unwrap_or(Ok(Value::Bool(None))))
                    .collect::<Result<Vec<_>, _>>()?,
            )),
            _ => None,
        };
        Ok(KeysetPage { items, next })
    }

    /// The statement with values inlined, for display only; what runs binds them.
    #[allow(clippy::inherent_to_string)]
    pub fn to_string(&self) -> String {
        match self.statement() {
            Ok(stmt) => Statement::display(&stmt),
            Err(e) => format!("/* {e} */"),
        }
    }
}

/// One limit/offset page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<M> {
    /// The page's rows.
    pub items: Vec<M>,
    /// How many rows match in all.
    pub total: u64,
    /// The page number, from 1.
    pub page: u64,
    /// Rows per page.
    pub per_page: u64,
    /// Whether pages follow this one.
    pub has_more: bool,
}

/// One keyset page.
#[derive(Clone, Debug, PartialEq)]
pub struct KeysetPage<M> {
    /// The page's rows.
    pub items: Vec<M>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

/// The sort-key values of a page's last row: the keyset page after it starts past them.
#[derive(Clone, Debug, PartialEq)]
pub struct Cursor(pub Vec<Value>);
