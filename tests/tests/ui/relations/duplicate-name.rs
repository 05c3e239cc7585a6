//! Relation names are unique per model, belongs-to names (the foreign key without `_id`)
//! included.

use schema_core::Table;

#[derive(Table)]
#[has_many(Self, foreign_key = parent_node_id, name = "parent_node")]
#[has_many(Self, foreign_key = parent_node_id, name = "kids")]
#[has_many(Self, foreign_key = parent_node_id, name = "kids")]
pub struct Node {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(Self::id))]
    pub parent_node_id: Option<i64>,
}

fn main() {}
