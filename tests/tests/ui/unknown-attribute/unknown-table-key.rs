use schema_core::Table;

#[derive(Table)]
#[table(shema = "accounts")]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
