//! A literal too large for any integer type is still the column's out-of-range error.
use schema_core::Table;

#[derive(Table)]
pub struct Counter {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = -999999999999999999999999999999999999999999)]
    pub total: i64,
}

fn main() {}
