use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: uuid::Uuid,
}

#[derive(Table)]
pub struct File {
    #[column(primary_key)]
    pub id: uuid::Uuid,
    #[column(references(Folder::id))]
    pub folder_id: Option<String>,
}

fn main() {}
