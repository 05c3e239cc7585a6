//! The opt-in rule satisfied where `deny(..)` switches it on.
use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
    #[column(deny(user_id_text))]
    pub user_id: String,
    // A key into another uuid-keyed system, not the auth service.
    #[column(allow(user_id_text))]
    pub legacy_user_id: uuid::Uuid,
}

fn main() {}
