//! Rust values → [`sea_query::Value`], the form statements carry their bound parameters in.

use crate::model::SqlType;
use crate::types::Json;
use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;
use sea_query::{ArrayType, Expr, Func, Value};
use uuid::Uuid;

/// A value that can be bound as a statement parameter. Implemented for every type that
/// implements [`crate::PgType`] here, and by `#[derive(PgEnum)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be bound as a query parameter",
    note = "implement `schema_core::query::ToValue` for `{Self}` (every type with a `PgType` impl needs one for the query helpers)"
)]
pub trait ToValue {
    /// The value as sea-query carries it.
    fn to_value(&self) -> Result<Value, ValueError>;

    /// A NULL of this type (`Option::None` binds it).
    fn null() -> Value;

    /// The element type sea-query records for an array of this type.
    fn array_type() -> ArrayType;
}

/// A value that could not be turned into a parameter.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// A `Json<T>` whose `T` failed to serialize (a map with non-string keys, say).
    #[error("column `{column}`: cannot serialize the value as JSON: {message}")]
    Json {
        /// The column, or `?` when the value is not yet tied to one.
        column: String,
        /// serde_json's message.
        message: String,
    },
    /// A column whose Rust type has no [`ToValue`] (a raw `type = "..."` override).
    #[error("column `{column}` has a raw type whose Rust type cannot be bound as a parameter")]
    Unsupported {
        /// The column.
        column: String,
    },
}

impl ValueError {
    /// The same error, naming `column`.
    pub fn at(self, column: &str) -> Self {
        match self {
            ValueError::Json { message, .. } => ValueError::Json {
                column: column.to_owned(),
                message,
            },
            ValueError::Unsupported { .. } => ValueError::Unsupported {
                column: column.to_owned(),
            },
        }
    }
}

macro_rules! simple {
    ($($ty:ty => $variant:ident, $array:ident;)*) => {$(
        impl ToValue for $ty {
            fn to_value(&self) -> Result<Value, ValueError> {
                Ok(Value::$variant(Some(self.clone().into())))
            }
            fn null() -> Value {
                Value::$variant(None)
            }
            fn array_type() -> ArrayType {
                ArrayType::$array
            }
        }
    )*};
}

simple! {
    bool => Bool, Bool;
    i16 => SmallInt, SmallInt;
    i32 => Int, Int;
    i64 => BigInt, BigInt;
    f32 => Float, Float;
    f64 => Double, Double;
    String => String, String;
    Uuid => Uuid, Uuid;
    NaiveDate => ChronoDate, ChronoDate;
    NaiveTime => ChronoTime, ChronoTime;
    NaiveDateTime => ChronoDateTime, ChronoDateTime;
    DateTime<Utc> => ChronoDateTimeUtc, ChronoDateTimeUtc;
    DateTime<Local> => ChronoDateTimeLocal, ChronoDateTimeLocal;
    DateTime<FixedOffset> => ChronoDateTimeWithTimeZone, ChronoDateTimeWithTimeZone;
    Decimal => Decimal, Decimal;
    serde_json::Value => Json, Json;
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Result<Value, ValueError> {
        Ok(Value::Bytes(Some(self.clone())))
    }
    fn null() -> Value {
        Value::Bytes(None)
    }
    fn array_type() -> ArrayType {
        ArrayType::Bytes
    }
}

impl<T: serde::Serialize> ToValue for Json<T> {
    fn to_value(&self) -> Result<Value, ValueError> {
        serde_json::to_value(&self.0)
            .map(|v| Value::Json(Some(Box::new(v))))
            .map_err(|e| ValueError::Json {
                column: "?".to_owned(),
                message: e.to_string(),
            })
    }
    fn null() -> Value {
        Value::Json(None)
    }
    fn array_type() -> ArrayType {
        ArrayType::Json
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Result<Value, ValueError> {
        match self {
            Some(v) => v.to_value(),
            None => Ok(T::null()),
        }
    }
    fn null() -> Value {
        T::null()
    }
    fn array_type() -> ArrayType {
        T::array_type()
    }
}

/// Arrays (`T[]`); `Vec<u8>` is `bytea` and has its own impl.
macro_rules! arrays {
    ($($ty:ty),*) => {$(
        impl ToValue for Vec<$ty> {
            fn to_value(&self) -> Result<Value, ValueError> {
                array_value::<$ty>(self)
            }
            fn null() -> Value {
                Value::Array(<$ty as ToValue>::array_type(), None)
            }
            fn array_type() -> ArrayType {
                <$ty as ToValue>::array_type()
            }
        }
    )*};
}

arrays!(
    bool,
    i16,
    i32,
    i64,
    f32,
    f64,
    String,
    Uuid,
    NaiveDate,
    NaiveTime,
    NaiveDateTime,
    DateTime<Utc>,
    DateTime<Local>,
    DateTime<FixedOffset>,
    Decimal,
    serde_json::Value
);

/// The array of `items`, for an impl of [`ToValue`] for `Vec<T>` (`#[derive(PgEnum)]` uses it).
pub fn array_value<T: ToValue>(items: &[T]) -> Result<Value, ValueError> {
    let values = items
        .iter()
        .map(ToValue::to_value)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(T::array_type(), Some(Box::new(values))))
}

/// The parameter expression for a value stored in a column of type `ty`: an enum label is cast
/// to the enum type (`CAST($1 AS "credits"."transaction_type")`), everything else binds as is.
pub fn bind_as(ty: &SqlType, value: Value) -> Expr {
    match ty {
        SqlType::Enum { schema, name } => Func::cast_as_quoted(
            Expr::val(value),
            (schema.as_str().to_owned(), name.as_str().to_owned()),
        )
        .into(),
        SqlType::Array { element } => match element.as_ref() {
            SqlType::Enum { schema, name } => Expr::cust_with_values(
                format!(
                    "CAST($1 AS {}[])",
                    crate::render::quote_qualified(schema, name)
                ),
                [value],
            ),
            _ => Expr::val(value),
        },
        _ => Expr::val(value),
    }
}

/// Arrays of a `#[derive(PgEnum)]` enum (`Vec<Mood>` is `mood[]`).
impl<T: crate::PgEnum> ToValue for Vec<T> {
    fn to_value(&self) -> Result<Value, ValueError> {
        let labels = self
            .iter()
            .map(|v| Value::String(Some(v.label().to_owned())))
            .collect();
        Ok(Value::Array(ArrayType::String, Some(Box::new(labels))))
    }
    fn null() -> Value {
        Value::Array(ArrayType::String, None)
    }
    fn array_type() -> ArrayType {
        ArrayType::String
    }
}

/// [`bind_as`] with the type of `T`'s column `column` (a value of an unknown column binds as is).
pub(crate) fn bind_column<T: crate::Table>(column: &str, value: Value) -> Expr {
    match T::table_def().column(column) {
        Some(def) => bind_as(&def.ty, value),
        None => Expr::val(value),
    }
}

/// A `#[derive(PgEnum)]` enum binds its label; [`bind_as`] casts it to the enum type.
impl<T: crate::PgEnum> ToValue for T {
    fn to_value(&self) -> Result<Value, ValueError> {
        Ok(Value::String(Some(self.label().to_owned())))
    }
    fn null() -> Value {
        Value::String(None)
    }
    fn array_type() -> ArrayType {
        ArrayType::String
    }
}
