//! An opt-in rule, switched on for one table with `deny(..)`.
use schema_core::Table;

#[derive(Table)]
#[table(deny(soft_delete_pair))]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = false)]
    pub is_deleted: bool,
}

fn main() {}
