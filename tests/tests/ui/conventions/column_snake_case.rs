use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(name = "displayName")]
    pub display_name: String,
}

fn main() {}
