use schema_core::Table;

#[derive(Table)]
#[has_many(String, foreign_key = len)]
pub struct Parent {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
