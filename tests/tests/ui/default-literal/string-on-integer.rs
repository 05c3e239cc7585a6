use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = "abc")]
    pub quantity: i32,
}

fn main() {}
