use schema_core::Table;

#[derive(Table)]
pub struct Ticket {
    #[column(primary_key, identity, generated = "1")]
    pub id: i64,
}

fn main() {}
