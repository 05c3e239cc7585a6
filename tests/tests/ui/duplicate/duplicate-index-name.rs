use schema_core::Table;

#[derive(Table)]
#[index(columns(email), name = "idx_users_lookup")]
#[index(columns(name), name = "idx_users_lookup")]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
    pub name: String,
}

fn main() {}
