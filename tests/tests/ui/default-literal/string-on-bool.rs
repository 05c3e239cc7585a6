use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = "maybe")]
    pub is_active: bool,
}

fn main() {}
