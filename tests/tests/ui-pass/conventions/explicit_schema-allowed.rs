//! The opt-in rule satisfied where `deny(..)` switches it on.
use schema_core::Table;

#[derive(Table)]
#[table(deny(explicit_schema), schema = "storage")]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
