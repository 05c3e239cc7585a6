use schema_core::Table;

#[derive(Table)]
pub struct Ticket {
    #[column(primary_key, identity, default = 1)]
    pub id: i64,
    #[column(generated = "id * 2", default_sql = "0")]
    pub double: Option<i64>,
}

fn main() {}
