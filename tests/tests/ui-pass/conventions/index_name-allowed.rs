//! The rule's escape: `allow(..)` on the item.
use schema_core::Table;

#[derive(Table)]
#[table(allow(index_name))]
#[index(columns(user_id), name = "files_by_user")]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    pub user_id: String,
}

fn main() {}
