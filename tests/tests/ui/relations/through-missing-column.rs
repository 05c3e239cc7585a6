//! A junction column that does not exist is reported on its name.

use schema_core::Table;

#[derive(Table)]
#[has_many(Tag, through = FileTag(file_id, tagg_id))]
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
#[table(primary_key(file_id, tag_id))]
pub struct FileTag {
    #[column(references(File::id))]
    pub file_id: i64,
    #[column(references(Tag::id))]
    pub tag_id: i64,
}

fn main() {}
