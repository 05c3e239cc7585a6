use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(numeric(12, 2), default = 1.005)]
    pub price: rust_decimal::Decimal,
}

fn main() {}
