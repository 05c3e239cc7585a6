//! The rule's escape: `allow(..)` on the item.
use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = true, allow(bool_prefix))]
    pub active: bool,
}

fn main() {}
