use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(varchar(255))]
    #[column(type = "citext")]
    pub email: String,
}

fn main() {}
