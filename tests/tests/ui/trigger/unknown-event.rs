use schema_core::Table;

#[derive(Table)]
#[table(allow(timestamps), trigger(before(updte), execute = "check_ticket"))]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
