//! The child's column is `String`, the parent's key `i64`: the error is on the foreign key.

use schema_core::Table;

#[derive(Table)]
#[has_many(Child, foreign_key = parent_id)]
pub struct Parent {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct Child {
    #[column(primary_key)]
    pub id: i64,
    pub parent_id: String,
}

fn main() {}
