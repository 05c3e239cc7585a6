use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primry_key)]
    pub id: i64,
}

fn main() {}
