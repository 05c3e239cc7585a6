use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(primary_key(id), nmae = "files")]
#[index(columns(owner), using = "bitmap")]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    #[column(varchar("255"), uniq)]
    pub name: String,
    #[column(name = "name")]
    pub title: String,
    #[column(on_delete = "cascade")]
    pub folder_id: i64,
    #[column(references(Folder::id), on_update = "explode", index = true)]
    pub parent_folder_id: i64,
}

fn main() {}
