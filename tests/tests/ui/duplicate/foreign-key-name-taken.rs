use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(check(name = "files_folder_fk", "folder_id <> backup_folder_id"))]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(Folder::id, name = "files_folder_fk"))]
    pub folder_id: i64,
    #[column(references(Folder::id, name = "files_pkey"))]
    pub backup_folder_id: i64,
}

fn main() {}
