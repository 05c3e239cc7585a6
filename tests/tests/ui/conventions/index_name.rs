use schema_core::Table;

#[derive(Table)]
#[index(columns(user_id), name = "files_by_user")]
pub struct File {
    #[column(primary_key)]
    pub id: i64,
    pub user_id: String,
}

fn main() {}
