use schema_core::Table;

#[derive(Table)]
pub struct FileTag {
    #[column(primary_key)]
    pub file_id: i64,
    #[column(primary_key)]
    pub tag_id: i64,
}

fn main() {}
