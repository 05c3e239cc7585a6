use schema_core::Table;

#[derive(Table)]
#[index(columns(email), name = "users_lookup")]
#[index(columns(name), name = "users_lookup")]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
    pub name: String,
}

fn main() {}
