use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(allow(bool_prefx))]
    pub active: bool,
    #[column(allow(bool_prefix), deny(bool_prefix))]
    pub enabled: bool,
}

fn main() {}
