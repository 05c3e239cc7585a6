//! Literal defaults each column type accepts, judged through `PgType`: a type alias, a nullable
//! column and a user's newtype (forwarding its inner type's rule) are checked like the
//! built-in types.

use schema_core::__private::{ColumnDefault, SqlType};
use schema_core::{DefaultLiteral, PgEnum, PgType, Table};

pub type Rank = Option<i16>;

/// A user's newtype over `integer`: its defaults follow `i32`'s rule.
pub struct Cents(pub i32);

impl PgType for Cents {
    const DEFAULT_LITERAL: DefaultLiteral = <i32 as PgType>::DEFAULT_LITERAL;

    fn sql_type() -> SqlType {
        SqlType::Integer
    }
}

#[derive(PgEnum, Debug, Clone, Copy)]
pub enum Status {
    Active,
    OnHold,
}

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = true)]
    pub is_active: bool,
    #[column(default = -32768)]
    pub rank: Rank,
    #[column(default = 32767)]
    pub level: i16,
    #[column(default = -9223372036854775808)]
    pub floor: i64,
    #[column(default = 250)]
    pub price: Cents,
    #[column(default = 1)]
    pub weight: f64,
    #[column(default = -0.5)]
    pub ratio: Option<f32>,
    #[column(numeric(5, 2), default = 123.45)]
    pub fee: rust_decimal::Decimal,
    #[column(default = 10)]
    pub tax: rust_decimal::Decimal,
    #[column(default = "")]
    pub label: String,
    #[column(varchar(3), default = "äöü")]
    pub code: String,
    #[column(default = "{}")]
    pub tags: Vec<String>,
    #[column(default = "[]")]
    pub settings: serde_json::Value,
    #[column(default = "00000000-0000-0000-0000-000000000000")]
    pub owner_id: uuid::Uuid,
    #[column(default = "2000-01-01 00:00:00+00")]
    pub published_at: chrono::DateTime<chrono::Utc>,
    #[column(default = "epoch")]
    pub archived_at: Option<chrono::NaiveDateTime>,
    #[column(default = "on_hold")]
    pub status: Status,
    /// A raw type has no Rust type to ask: its default is not checked.
    #[column(type = "inet", default = "127.0.0.1")]
    pub address: std::net::IpAddr,
}

fn main() {
    let def = Widget::table_def();
    let default = |name: &str| def.column(name).unwrap().default.clone().unwrap();
    assert_eq!(default("rank"), ColumnDefault::Number("-32768".to_owned()));
    assert_eq!(default("price"), ColumnDefault::Number("250".to_owned()));
    assert_eq!(default("status"), ColumnDefault::String("on_hold".to_owned()));
    assert_eq!(default("code"), ColumnDefault::String("äöü".to_owned()));
}
