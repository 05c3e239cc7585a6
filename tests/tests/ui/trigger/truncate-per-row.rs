use schema_core::Table;

#[derive(Table)]
#[table(allow(timestamps), trigger(after(truncate), execute = "log_truncate"))]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
