use chrono::{DateTime, Utc};
use schema_core::Table;

#[derive(Table)]
#[table(allow(timestamps))]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
    #[column(on_update_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

fn main() {}
