use schema_core::Table;

#[derive(Table)]
#[table(primary_key(file_id, nope))]
pub struct FileTag {
    pub file_id: i64,
    pub tag_id: i64,
}

fn main() {}
