use schema_core::Table;

#[derive(Table)]
#[table(exclude(using = "gist"))]
pub struct Booking {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
