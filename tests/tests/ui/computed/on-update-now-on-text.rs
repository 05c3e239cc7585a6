use schema_core::Table;

#[derive(Table)]
#[table(allow(timestamps))]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
    // The trigger stores `now()`: a date-time, not a string.
    #[column(on_update_now)]
    pub touched: String,
}

fn main() {}
