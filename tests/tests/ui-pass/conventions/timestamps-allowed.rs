//! The opt-in rule satisfied where `deny(..)` switches it on.
use chrono::{DateTime, Utc};
use schema_core::Table;

#[derive(Table)]
#[table(deny(timestamps))]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now)]
    pub updated_at: DateTime<Utc>,
}

fn main() {}
