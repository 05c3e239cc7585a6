use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(name = "email")]
    pub primary_email: String,
    pub email: String,
}

fn main() {}
