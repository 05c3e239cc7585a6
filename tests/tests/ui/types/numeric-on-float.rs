use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
    #[column(numeric(12, 2))]
    pub total: f64,
}

fn main() {}
