use chrono::{DateTime, Utc};
use schema_core::Table;

// Each partition checks uniqueness alone: every unique key includes the partition key.
#[derive(Table)]
#[table(partition_by = "range (happened_at)", unique(kind))]
#[index(columns(id), unique)]
pub struct Event {
    #[column(primary_key)]
    pub id: i64,
    pub happened_at: DateTime<Utc>,
    pub kind: String,
}

fn main() {}
