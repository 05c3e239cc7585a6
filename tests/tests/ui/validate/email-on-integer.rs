use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[validate(email)]
    pub age: i32,
}

fn main() {}
