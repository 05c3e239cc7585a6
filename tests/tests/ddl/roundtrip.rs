//! Every mapped Rust type is written and read back through a real table with `postgres`,
//! using the column types the derive chose: the model and the driver agree on every type.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use postgres::types::ToSql;
use rust_decimal::Decimal;
use schema_core::{Json, PgEnum, Schema, Table};
use schema_tests::apply::apply_schema;
use schema_tests::pg::TestDb;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use uuid::Uuid;

#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
// Labels that need quoting are what this enum tests.
#[pg_enum(
    schema = "round_trip",
    rename_all = "SCREAMING_SNAKE_CASE",
    allow(enum_snake_case)
)]
enum Mood {
    VeryHappy,
    Calm,
    #[pg_enum(rename = "grumpy-ish")]
    Grumpy,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Payload {
    label: String,
    weights: Vec<f64>,
}

#[derive(Table, Debug, Clone, PartialEq)]
// Columns named for their type, not their meaning.
#[table(schema = "round_trip", allow(bool_prefix, timestamp_suffix))]
struct Sample {
    #[column(primary_key)]
    id: i32,
    flag: bool,
    small: i16,
    big: i64,
    single: f32,
    double: f64,
    text: String,
    bytes: Vec<u8>,
    uuid: Uuid,
    at: DateTime<Utc>,
    naive_at: NaiveDateTime,
    day: NaiveDate,
    time_of_day: NaiveTime,
    json: serde_json::Value,
    payload: Json<Payload>,
    amount: Decimal,
    #[column(numeric(12, 2))]
    price: Decimal,
    #[column(varchar(20))]
    code: String,
    numbers: Vec<i32>,
    words: Vec<String>,
    mood: Mood,
    moods: Vec<Mood>,
    maybe_text: Option<String>,
    maybe_mood: Option<Mood>,
    maybe_at: Option<DateTime<Utc>>,
}

impl Sample {
    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        vec![
            &self.id,
            &self.flag,
            &self.small,
            &self.big,
            &self.single,
            &self.double,
            &self.text,
            &self.bytes,
            &self.uuid,
            &self.at,
            &self.naive_at,
            &self.day,
            &self.time_of_day,
            &self.json,
            &self.payload,
            &self.amount,
            &self.price,
            &self.code,
            &self.numbers,
            &self.words,
            &self.mood,
            &self.moods,
            &self.maybe_text,
            &self.maybe_mood,
            &self.maybe_at,
        ]
    }

    fn from_row(row: &postgres::Row) -> Self {
        Sample {
            id: row.get(0),
            flag: row.get(1),
            small: row.get(2),
            big: row.get(3),
            single: row.get(4),
            double: row.get(5),
            text: row.get(6),
            bytes: row.get(7),
            uuid: row.get(8),
            at: row.get(9),
            naive_at: row.get(10),
            day: row.get(11),
            time_of_day: row.get(12),
            json: row.get(13),
            payload: row.get(14),
            amount: row.get(15),
            price: row.get(16),
            code: row.get(17),
            numbers: row.get(18),
            words: row.get(19),
            mood: row.get(20),
            moods: row.get(21),
            maybe_text: row.get(22),
            maybe_mood: row.get(23),
            maybe_at: row.get(24),
        }
    }
}

fn samples() -> Vec<Sample> {
    let full = Sample {
        id: 1,
        flag: true,
        small: i16::MIN,
        big: i64::MAX,
        single: 1.5,
        double: -2.25e300,
        text: "it's \"quoted\"; -- not a comment \\ ünïcødé 𝄞".into(),
        bytes: vec![0, 1, 2, 255],
        uuid: Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0),
        at: Utc.with_ymd_and_hms(2024, 2, 29, 23, 59, 58).unwrap(),
        naive_at: NaiveDate::from_ymd_opt(1999, 12, 31)
            .unwrap()
            .and_hms_micro_opt(23, 59, 59, 123_456)
            .unwrap(),
        day: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        time_of_day: NaiveTime::from_hms_opt(12, 34, 56).unwrap(),
        json: serde_json::json!({"nested": [1, "two", null, {"three": 3.5}]}),
        payload: Json(Payload {
            label: "weights".into(),
            weights: vec![0.25, 0.75],
        }),
        amount: Decimal::from_str("-12345678901234567890.123456789").unwrap(),
        price: Decimal::from_str("9999999999.99").unwrap(),
        code: "ABCDEFGHIJKLMNOPQRST".into(),
        numbers: vec![1, -2, i32::MAX],
        words: vec!["a".into(), "b c".into(), "".into()],
        mood: Mood::VeryHappy,
        moods: vec![Mood::Grumpy, Mood::Calm],
        maybe_text: Some("present".into()),
        maybe_mood: Some(Mood::Grumpy),
        maybe_at: Some(Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap()),
    };
    let empty = Sample {
        id: 2,
        flag: false,
        small: 0,
        big: 0,
        single: 0.0,
        double: 0.0,
        text: String::new(),
        bytes: Vec::new(),
        uuid: Uuid::nil(),
        numbers: Vec::new(),
        words: Vec::new(),
        moods: Vec::new(),
        maybe_text: None,
        maybe_mood: None,
        maybe_at: None,
        ..full.clone()
    };
    vec![full, empty]
}

#[test]
fn every_mapped_type_round_trips() {
    let db = TestDb::new();
    let mut client = db.client();
    let schema = Schema::new().table::<Sample>();
    apply_schema(&mut client, &schema);
    let def = Sample::table_def();
    let columns: Vec<String> = def
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    let insert = format!(
        "INSERT INTO round_trip.samples ({}) VALUES ({})",
        columns.join(", "),
        placeholders.join(", ")
    );
    for sample in samples() {
        assert_eq!(sample.params().len(), columns.len());
        client.execute(&insert, &sample.params()).unwrap();
    }
    let select = format!(
        "SELECT {} FROM round_trip.samples ORDER BY id",
        columns.join(", ")
    );
    let read: Vec<Sample> = client
        .query(&select, &[])
        .unwrap()
        .iter()
        .map(Sample::from_row)
        .collect();
    assert_eq!(read, samples());
}

#[test]
fn enum_labels_are_what_postgres_stores() {
    let db = TestDb::new();
    let mut client = db.client();
    let schema = Schema::new().enum_type::<Mood>();
    apply_schema(&mut client, &schema);
    let labels: Vec<String> = client
        .query(
            "SELECT enumlabel::text FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid \
             WHERE t.typname = 'mood' ORDER BY e.enumsortorder",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(labels, ["VERY_HAPPY", "CALM", "grumpy-ish"]);
    let mood: Mood = client
        .query_one("SELECT 'grumpy-ish'::round_trip.mood", &[])
        .unwrap()
        .get(0);
    assert_eq!(mood, Mood::Grumpy);
    assert_eq!(Mood::from_label("CALM"), Some(Mood::Calm));
    assert_eq!(Mood::from_label("calm"), None);
}

#[test]
fn a_value_outside_the_rust_enum_is_a_decoding_error_naming_it() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute("CREATE SCHEMA round_trip; CREATE TYPE round_trip.mood AS ENUM ('VERY_HAPPY', 'sulking')")
        .unwrap();
    let row = client
        .query_one("SELECT 'sulking'::round_trip.mood", &[])
        .unwrap();
    let error = row.try_get::<_, Mood>(0).unwrap_err();
    // tokio-postgres names the column in its own message and keeps ours as the source.
    let chain = std::iter::successors(Some(&error as &(dyn std::error::Error + 'static)), |e| {
        e.source()
    })
    .map(ToString::to_string)
    .collect::<Vec<_>>()
    .join(": ");
    assert!(chain.contains("sulking"), "{chain}");
    assert!(
        chain.contains("round_trip.mood") || chain.contains("mood"),
        "{chain}"
    );
}
