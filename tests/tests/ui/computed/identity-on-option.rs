use schema_core::Table;

#[derive(Table)]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
    // An identity column is NOT NULL.
    #[column(identity(always))]
    pub number: Option<i64>,
}

fn main() {}
