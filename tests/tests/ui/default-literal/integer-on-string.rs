use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = 5)]
    pub label: String,
}

fn main() {}
