//! `shapes` is a flag.

use schema_core::Table;

#[derive(Table)]
#[table(shapes = true)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
