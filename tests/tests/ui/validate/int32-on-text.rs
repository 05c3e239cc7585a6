use schema_core::Table;

#[derive(Table)]
pub struct Reading {
    #[column(primary_key)]
    pub id: i64,
    #[validate(int32)]
    pub label: String,
}

fn main() {}
