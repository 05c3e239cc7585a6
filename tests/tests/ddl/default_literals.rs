//! Every kind of literal default the derive accepts (`PgType::DEFAULT_LITERAL`) is one
//! PostgreSQL takes: the table is created, and a row inserted with nothing but defaults reads
//! back each default. (The literals it refuses are compile errors: `ui/default-literal/`.)

use schema_core::{PgEnum, Schema, Table};
use schema_tests::apply::apply_schema;
use schema_tests::pg::TestDb;

#[derive(PgEnum, Debug, Clone, Copy, PartialEq)]
#[pg_enum(schema = "defaults")]
pub enum Mood {
    Calm,
    OnEdge,
}

pub type Rank = Option<i16>;

#[derive(Table)]
#[table(schema = "defaults")]
pub struct Widget {
    #[column(primary_key, default = 1)]
    pub id: i64,
    #[column(default = true)]
    pub is_active: bool,
    #[column(default = -32768)]
    pub rank: Rank,
    #[column(default = 2147483647)]
    pub level: i32,
    #[column(default = 1)]
    pub weight: f64,
    #[column(default = -0.5)]
    pub ratio: f32,
    #[column(numeric(5, 2), default = 123.45)]
    pub fee: rust_decimal::Decimal,
    #[column(varchar(3), default = "äöü")]
    pub code: String,
    #[column(default = "{a,b}")]
    pub tags: Vec<String>,
    #[column(default = "[1]")]
    pub settings: serde_json::Value,
    #[column(default = "00000000-0000-0000-0000-000000000001")]
    pub owner_id: uuid::Uuid,
    #[column(default = "2000-01-01 00:00:00+00")]
    pub published_at: chrono::DateTime<chrono::Utc>,
    #[column(default = "epoch")]
    pub archived_at: chrono::NaiveDateTime,
    #[column(default = "on_edge")]
    pub mood: Mood,
}

#[test]
fn accepted_literal_defaults_apply_and_insert() {
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &Schema::new().table::<Widget>());
    let row = client
        .query_one(
            "INSERT INTO defaults.widgets DEFAULT VALUES RETURNING rank, level, fee::text, code, \
             tags, settings::text, archived_at::text, mood::text",
            &[],
        )
        .expect("a row of defaults inserts");
    assert_eq!(row.get::<_, Option<i16>>(0), Some(-32768));
    assert_eq!(row.get::<_, i32>(1), i32::MAX);
    assert_eq!(row.get::<_, String>(2), "123.45");
    assert_eq!(row.get::<_, String>(3), "äöü");
    assert_eq!(row.get::<_, Vec<String>>(4), ["a", "b"]);
    assert_eq!(row.get::<_, String>(5), "[1]");
    assert_eq!(row.get::<_, String>(6), "1970-01-01 00:00:00");
    assert_eq!(row.get::<_, String>(7), "on_edge");
}
