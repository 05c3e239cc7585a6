use schema_core::Table;

#[derive(Table)]
#[index(columns(email), uniqe)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
}

fn main() {}
