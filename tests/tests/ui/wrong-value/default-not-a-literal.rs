use schema_core::Table;

#[derive(Table)]
pub struct Post {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = 1 + 1)]
    pub reads: i64,
}

fn main() {}
