use schema_core::Table;

pub struct Folder {
    pub id: i64,
}

#[derive(Table)]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(Folder::id))]
    pub folder_id: i64,
}

fn main() {}
