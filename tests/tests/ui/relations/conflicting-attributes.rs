//! Every mistake of the relation attributes, in one compile.

use schema_core::Table;

#[derive(Table)]
#[has_many(Child, foreign_key = parent_id, through = Link(a, b))]
#[has_one(Child, through = Link(a, b))]
#[has_many(Child, through = Link)]
#[has_many(Child, foreign_key = parent_id, target_key = id)]
#[has_many(Child, foreign_key = parent_id, key = idd)]
#[has_many(Child, foreign_key = parent_id, name = "Kids")]
pub struct Parent {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct Child {
    #[column(primary_key)]
    pub id: i64,
    pub parent_id: i64,
}

fn main() {}
