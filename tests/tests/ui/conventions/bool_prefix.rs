use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = true)]
    pub active: bool,
}

fn main() {}
