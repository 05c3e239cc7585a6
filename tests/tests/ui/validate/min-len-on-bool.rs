use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[validate(min_len = 1)]
    pub is_active: bool,
}

fn main() {}
