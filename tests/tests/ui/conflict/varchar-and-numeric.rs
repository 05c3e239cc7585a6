use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
    #[column(varchar(20), numeric(12, 2))]
    pub total: rust_decimal::Decimal,
}

fn main() {}
