use schema_core::Table;

#[derive(Table)]
pub struct Ticket {
    // PostgreSQL numbers only smallint, integer and bigint columns.
    #[column(primary_key, identity)]
    pub id: String,
}

fn main() {}
