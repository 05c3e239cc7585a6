//! The rule's escape: `allow(..)` on the item.
use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key, allow(primary_key_id))]
    pub user_id: i64,
}

fn main() {}
