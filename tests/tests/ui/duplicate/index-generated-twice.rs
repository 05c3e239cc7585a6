use schema_core::Table;

#[derive(Table)]
#[index(columns(email))]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(index)]
    pub email: String,
}

fn main() {}
