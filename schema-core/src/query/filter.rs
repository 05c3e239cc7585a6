//! Typed conditions from column handles: `File::COLUMNS.user_id.eq("u1")` checks at compile
//! time that `"u1"` converts to the column's type, and binds it as a parameter.

use super::value::{bind_column, ToValue, ValueError};
use crate::{Column, Table};
use sea_query::{Condition, Expr, ExprTrait, IntoCondition};

/// A condition for [`super::Select::filter`]: a typed one from a column handle, or any
/// sea-query [`Expr`] / [`Condition`]. A value that failed to convert is reported when the
/// statement runs.
#[derive(Clone, Debug)]
pub struct Filter(pub(crate) Result<Condition, ValueError>);

impl From<Expr> for Filter {
    fn from(expr: Expr) -> Self {
        Filter(Ok(expr.into_condition()))
    }
}

impl From<Condition> for Filter {
    fn from(condition: Condition) -> Self {
        Filter(Ok(condition))
    }
}

impl Filter {
    /// Both conditions.
    pub fn and(self, other: impl Into<Filter>) -> Filter {
        let other = other.into();
        Filter(
            self.0
                .and_then(|a| other.0.map(|b| Condition::all().add(a).add(b))),
        )
    }

    /// Either condition.
    pub fn or(self, other: impl Into<Filter>) -> Filter {
        let other = other.into();
        Filter(
            self.0
                .and_then(|a| other.0.map(|b| Condition::any().add(a).add(b))),
        )
    }
}

impl<T: Table, R> Column<T, R> {
    /// The column qualified by its table's name (`"files"."user_id"`), for sea-query
    /// expressions: `File::COLUMNS.size.expr().gt(10)`.
    pub fn expr(self) -> Expr {
        Expr::col((T::NAME, self.name()))
    }
}

impl<T: Table, R: ToValue> Column<T, R> {
    fn compare(self, value: R, op: impl FnOnce(Expr, Expr) -> Expr) -> Filter {
        Filter(
            value
                .to_value()
                .map_err(|e| e.at(self.name()))
                .map(|v| op(self.expr(), bind_column::<T>(self.name(), v)).into_condition()),
        )
    }

    /// `column = value`. For NULL use [`Column::is_null`].
    pub fn eq(self, value: impl Into<R>) -> Filter {
        self.compare(value.into(), |c, v| c.eq(v))
    }

    /// `column <> value`.
    pub fn ne(self, value: impl Into<R>) -> Filter {
        self.compare(value.into(), |c, v| c.ne(v))
    }

    /// `column < value`.
    pub fn lt(self, value: impl Into<R>) -> Filter {
        self.compare(value.into(), |c, v| c.lt(v))
    }

    /// `column <= value`.
    pub fn lte(self, value: impl Into<R>) -> Filter {
        self.compare(value.into(), |c, v| c.lte(v))
    }

    /// `column > value`.
    pub fn gt(self, value: impl Into<R>) -> Filter {
        self.compare(value.into(), |c, v| c.gt(v))
    }

    /// `column >= value`.
    pub fn gte(self, value: impl Into<R>) -> Filter {
        self.compare(value.into(), |c, v| c.gte(v))
    }

    /// `column IN (values)`; an empty list matches nothing.
    pub fn is_in(self, values: impl IntoIterator<Item = R>) -> Filter {
        let values: Result<Vec<Expr>, ValueError> = values
            .into_iter()
            .map(|v| {
                v.to_value()
                    .map(|v| bind_column::<T>(self.name(), v))
                    .map_err(|e| e.at(self.name()))
            })
            .collect();
        Filter(values.map(|v| self.expr().is_in(v).into_condition()))
    }
}

impl<T: Table, R> Column<T, Option<R>> {
    /// `column IS NULL`.
    pub fn is_null(self) -> Filter {
        Filter(Ok(self.expr().is_null().into_condition()))
    }

    /// `column IS NOT NULL`.
    pub fn is_not_null(self) -> Filter {
        Filter(Ok(self.expr().is_not_null().into_condition()))
    }
}
