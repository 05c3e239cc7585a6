//! `Folder` has an attribute mistake; code loading its relations and reading its rows still
//! type-checks through the fallback, so the mistake is the only error.

use schema_core::{query, Table};

#[derive(Table)]
#[has_many(Self, foreign_key = parent_folder_id, name = "children")]
pub struct Folder {
    #[column(primary_key, defualt_random)]
    pub id: uuid::Uuid,
    #[column(references(Self::id))]
    pub parent_folder_id: Option<uuid::Uuid>,
}

fn load(client: &mut postgres::Client, folders: &[Folder]) {
    let _ = Folder::RELATIONS.children.load(client, folders);
    let _ = Folder::RELATIONS.parent_folder.load(client, folders);
    let _ = query::select::<Folder>().filter(Folder::COLUMNS.parent_folder_id.is_null());
}

fn main() {
    let _ = load;
}
