use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(id))]
    pub parent_id: Option<i64>,
}

fn main() {}
