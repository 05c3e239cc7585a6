//! A model with the validation rules the example models do not use (`guid`, `url`, `len`,
//! `multiple_of` with decimal and whole divisors, `int`, `int32`, a NOT NULL `jsonb`), so the
//! differential test against Zod covers every rule's algorithm, not only the examples'.

use schema_core::{Json, Schema, Table};
use serde::{Deserialize, Serialize};

/// One row per reading of a device: a field per rule.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(schema = "rules")]
pub struct Reading {
    #[column(primary_key)]
    pub id: i64,
    #[validate(guid)]
    pub device: String,
    #[validate(url)]
    pub source: Option<String>,
    #[validate(len = 3)]
    pub unit: String,
    #[validate(multiple_of = 0.1)]
    pub tenths: f64,
    #[validate(multiple_of = 0.07)]
    pub step: f64,
    #[validate(multiple_of = 5)]
    pub fives: i64,
    #[validate(int)]
    pub whole: f64,
    #[validate(min = 0, int32)]
    pub count: f64,
    #[validate(int32)]
    pub total: i64,
    pub labels: Json<Vec<String>>,
}

/// The models above as a schema.
pub fn schema() -> Schema {
    Schema::new().table::<Reading>()
}
