use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = "now")]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn main() {}
