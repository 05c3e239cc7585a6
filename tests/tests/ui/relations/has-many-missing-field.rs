//! The foreign key names a field the child does not have: the error is on that name.

use schema_core::Table;

#[derive(Table)]
#[has_many(Child, foreign_key = parnt_id)]
pub struct Parent {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct Child {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(Parent::id))]
    pub parent_id: i64,
}

fn main() {}
