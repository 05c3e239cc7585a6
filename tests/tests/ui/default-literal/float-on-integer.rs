use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = 1.5)]
    pub quantity: i64,
}

fn main() {}
