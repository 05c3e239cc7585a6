//! A `has_many` must say which column of the target points back.

use schema_core::Table;

#[derive(Table)]
#[has_many(Child)]
pub struct Parent {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct Child {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
