//! The rule's escape: `allow(..)` on the item.
use schema_core::Table;

#[derive(Table)]
#[table(name = "UserSessions", allow(table_snake_case))]
pub struct UserSession {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
