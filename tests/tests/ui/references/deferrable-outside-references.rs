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
    #[column(references(Folder::id), deferrable)]
    pub folder_id: i64,
}

fn main() {}
