use super::PgType;
use crate::model::SqlType;

macro_rules! pg_type {
    ($($rust:ty => $sql:expr,)*) => {
        $(impl PgType for $rust {
            fn sql_type() -> SqlType {
                $sql
            }
        })*
    };
}

pg_type! {
    bool => SqlType::Boolean,
    i16 => SqlType::SmallInt,
    i32 => SqlType::Integer,
    i64 => SqlType::BigInt,
    f32 => SqlType::Real,
    f64 => SqlType::DoublePrecision,
    String => SqlType::Text,
    uuid::Uuid => SqlType::Uuid,
    chrono::DateTime<chrono::Utc> => SqlType::Timestamptz,
    chrono::DateTime<chrono::FixedOffset> => SqlType::Timestamptz,
    chrono::DateTime<chrono::Local> => SqlType::Timestamptz,
    chrono::NaiveDateTime => SqlType::Timestamp,
    chrono::NaiveDate => SqlType::Date,
    chrono::NaiveTime => SqlType::Time,
    serde_json::Value => SqlType::Jsonb,
    rust_decimal::Decimal => SqlType::Numeric { precision: None, scale: None },
}
