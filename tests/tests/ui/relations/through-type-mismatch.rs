//! The junction's second column is `i32`, the target's key `i64`: reported on that column.

use schema_core::Table;

#[derive(Table)]
#[has_many(Tag, through = FileTag(file_id, tag_id))]
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
    pub tag_id: i32,
}

fn main() {}
