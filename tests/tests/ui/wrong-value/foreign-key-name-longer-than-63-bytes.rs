use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(
        Folder::id,
        name = "files_containing_folder_id_folders_id_fk_as_drizzle_kit_would_name_it"
    ))]
    pub containing_folder_id: i64,
}

fn main() {}
