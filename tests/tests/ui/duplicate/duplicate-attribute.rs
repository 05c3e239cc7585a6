use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(unique, unique)]
    pub email: String,
}

fn main() {}
