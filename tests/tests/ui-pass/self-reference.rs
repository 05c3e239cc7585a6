//! `references(Self::id)`: a table referencing itself, with a nullable key.

use schema_core::{Schema, Table};

#[derive(Table)]
pub struct Folder {
    #[column(primary_key, default_random)]
    pub id: uuid::Uuid,
    #[column(references(Self::id), on_delete = "set null")]
    pub parent_folder_id: Option<uuid::Uuid>,
}

fn main() {
    let def = Folder::table_def();
    let fk = &def.foreign_keys[0];
    assert_eq!(fk.name, "folders_parent_folder_id_fkey");
    assert_eq!(fk.target_columns, ["id"]);
    assert_eq!(fk.target.name, "folders");
    assert!(def.column("parent_folder_id").unwrap().nullable);
    let _ = Schema::new().table::<Folder>();
}
