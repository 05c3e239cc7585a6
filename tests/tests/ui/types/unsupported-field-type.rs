use schema_core::Table;

pub struct Address {
    pub street: String,
    pub city: String,
}

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    pub address: Address,
}

fn main() {}
