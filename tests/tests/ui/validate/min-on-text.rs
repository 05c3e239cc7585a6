use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[validate(min = 1, each(email))]
    pub name: String,
}

fn main() {}
