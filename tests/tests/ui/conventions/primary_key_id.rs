use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub user_id: i64,
}

fn main() {}
