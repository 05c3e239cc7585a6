//! `Folder` has one attribute mistake. `File` references `Folder::id` and the schema lists
//! `Folder`: the fallback impls keep both compiling, so the attribute error is the only one.

use schema_core::{Schema, Table};

#[derive(Table)]
pub struct Folder {
    #[column(primary_key, defualt_random)]
    pub id: uuid::Uuid,
    pub name: String,
}

#[derive(Table)]
pub struct File {
    #[column(primary_key)]
    pub id: uuid::Uuid,
    #[column(references(Folder::id), on_delete = "cascade")]
    pub folder_id: uuid::Uuid,
}

pub fn schema() -> Schema {
    Schema::new().table::<Folder>().table::<File>()
}

fn main() {
    let _ = Folder::COLUMNS.name;
}
