use schema_core::Table;

#[derive(Table)]
pub struct File {
    #[column(primary_key = true)]
    pub id: i64,
}

fn main() {}
