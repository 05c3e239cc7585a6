//! An opt-in rule, switched on for one table with `deny(..)` (a crate switches it on for every
//! table with `enable` under `[package.metadata.schema]`).
use schema_core::Table;

#[derive(Table)]
#[table(deny(explicit_schema))]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
