//! An opt-in rule, switched on for one column with `deny(..)`.
use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
    #[column(deny(user_id_text))]
    pub user_id: uuid::Uuid,
}

fn main() {}
