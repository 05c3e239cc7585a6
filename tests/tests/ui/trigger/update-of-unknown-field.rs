use schema_core::Table;

#[derive(Table)]
#[table(allow(timestamps), trigger(before(update), update_of(titel), execute = "check_ticket"))]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
    pub title: String,
}

fn main() {}
