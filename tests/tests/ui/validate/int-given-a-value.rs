use schema_core::Table;

#[derive(Table)]
pub struct Reading {
    #[column(primary_key)]
    pub id: i64,
    #[validate(int = 1)]
    pub count: f64,
}

fn main() {}
