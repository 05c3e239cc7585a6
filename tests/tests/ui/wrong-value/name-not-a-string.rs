use schema_core::Table;

#[derive(Table)]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    #[column(name = 5)]
    pub name: String,
}

fn main() {}
