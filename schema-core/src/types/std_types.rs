use super::{DefaultLiteral, PgType};
use crate::model::SqlType;

macro_rules! pg_type {
    ($($rust:ty => $sql:expr, $default:ident;)*) => {
        $(impl PgType for $rust {
            const DEFAULT_LITERAL: DefaultLiteral = DefaultLiteral::$default;

            fn sql_type() -> SqlType {
                $sql
            }
        })*
    };
}

pg_type! {
    bool => SqlType::Boolean, Bool;
    i16 => SqlType::SmallInt, SMALLINT;
    i32 => SqlType::Integer, INTEGER;
    i64 => SqlType::BigInt, BIGINT;
    f32 => SqlType::Real, Number;
    f64 => SqlType::DoublePrecision, Number;
    String => SqlType::Text, Text;
    uuid::Uuid => SqlType::Uuid, Text;
    chrono::DateTime<chrono::Utc> => SqlType::Timestamptz, Temporal;
    chrono::DateTime<chrono::FixedOffset> => SqlType::Timestamptz, Temporal;
    chrono::DateTime<chrono::Local> => SqlType::Timestamptz, Temporal;
    chrono::NaiveDateTime => SqlType::Timestamp, Temporal;
    chrono::NaiveDate => SqlType::Date, Temporal;
    chrono::NaiveTime => SqlType::Time, Temporal;
    serde_json::Value => SqlType::Jsonb, Text;
    rust_decimal::Decimal => SqlType::Numeric { precision: None, scale: None }, Number;
}
