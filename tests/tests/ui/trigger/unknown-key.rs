use schema_core::Table;

#[derive(Table)]
#[table(allow(timestamps), trigger(before(update), exec = "stamp"))]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
