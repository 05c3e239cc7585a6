use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
    #[column(numeric, unique)]
    pub total: rust_decimal::Decimal,
    #[column(numeric())]
    pub tax: rust_decimal::Decimal,
}

fn main() {}
