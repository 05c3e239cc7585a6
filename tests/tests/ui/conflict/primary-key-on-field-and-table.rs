use schema_core::Table;

#[derive(Table)]
#[table(primary_key(file_id, tag_id))]
pub struct FileTag {
    #[column(primary_key)]
    pub file_id: i64,
    pub tag_id: i64,
}

fn main() {}
