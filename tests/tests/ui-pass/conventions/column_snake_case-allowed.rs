//! The rule's escape: `allow(..)` on the item.
use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(name = "displayName", allow(column_snake_case))]
    pub display_name: String,
}

fn main() {}
