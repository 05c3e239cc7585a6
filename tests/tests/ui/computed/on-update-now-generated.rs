use chrono::{DateTime, Utc};
use schema_core::Table;

#[derive(Table)]
#[table(allow(timestamps))]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
    // A generated column is computed from its row: no trigger may set it.
    #[column(generated = "'2000-01-01'::timestamptz", on_update_now)]
    pub touched_at: Option<DateTime<Utc>>,
}

fn main() {}
