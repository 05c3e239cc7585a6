use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(numeric(5, 2), default = 1234.5)]
    pub price: rust_decimal::Decimal,
}

fn main() {}
