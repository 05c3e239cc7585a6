use schema_core::Table;

#[derive(Table)]
pub struct UserId(pub i64);

fn main() {}
