use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = 0)]
    pub settings: serde_json::Value,
}

fn main() {}
