use schema_core::Table;

#[derive(Table)]
pub struct Tagged<T> {
    #[column(primary_key)]
    pub id: i64,
    pub value: T,
}

fn main() {}
