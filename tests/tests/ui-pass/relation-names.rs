//! Belongs-to names that are keywords become raw identifiers; a name that cannot be one, or
//! that another foreign key already took, falls back to the field's own name.

#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
#[table(allow(foreign_key_name))]
pub struct Kind {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(allow(foreign_key_name))]
pub struct Item {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(Kind::id))]
    pub type_id: i64,
    #[column(references(Self::id))]
    pub self_id: Option<i64>,
    #[column(references(Kind::id))]
    pub owner: i64,
    #[column(references(Kind::id))]
    pub owner_id: i64,
}

fn main() {
    let r = Item::RELATIONS;
    let _ = (r.r#type, r.self_id, r.owner, r.owner_id);
    assert_eq!(r.r#type.name(), "type");
}
