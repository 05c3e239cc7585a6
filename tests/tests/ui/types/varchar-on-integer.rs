use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(varchar(10))]
    pub age: i32,
}

fn main() {}
