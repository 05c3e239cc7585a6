use schema_core::Table;

#[derive(Table)]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct Tag {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(name = "labels", primary_key(file_id, tag_id))]
pub struct Label {
    #[column(references(File::id))]
    pub file_id: i64,
    #[column(references(Tag::id))]
    pub tag_id: i64,
}

fn main() {}
