use chrono::{DateTime, Utc};
use schema_core::Table;

#[derive(Table)]
pub struct Event {
    #[column(primary_key)]
    pub id: i64,
    #[column(timestamp)]
    pub created_at: DateTime<Utc>,
}

fn main() {}
