//! A parent with a composite primary key must name the column the children reference.

use schema_core::Table;

#[derive(Table)]
#[table(primary_key(tenant_id, id))]
#[has_many(Child, foreign_key = parent_id)]
pub struct Parent {
    pub tenant_id: i64,
    pub id: i64,
}

#[derive(Table)]
pub struct Child {
    #[column(primary_key)]
    pub id: i64,
    pub parent_id: i64,
}

fn main() {}
