use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[validate(each(email))]
    pub scores: Vec<i32>,
}

fn main() {}
