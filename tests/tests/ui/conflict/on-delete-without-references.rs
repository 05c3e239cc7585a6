use schema_core::Table;

#[derive(Table)]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    #[column(on_delete = "cascade")]
    pub folder_id: i64,
}

fn main() {}
