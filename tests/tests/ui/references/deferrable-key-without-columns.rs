use schema_core::Table;

#[derive(Table)]
#[table(unique(initially_deferred))]
pub struct Seat {
    #[column(primary_key)]
    pub id: i64,
    pub number: i32,
}

fn main() {}
