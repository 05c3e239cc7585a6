use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = 300000)]
    pub rank: i16,
}

fn main() {}
