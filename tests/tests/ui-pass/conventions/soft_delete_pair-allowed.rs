//! The opt-in rule satisfied where `deny(..)` switches it on.
use schema_core::Table;

#[derive(Table)]
#[table(deny(soft_delete_pair))]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = false)]
    pub is_deleted: bool,
    pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn main() {}
