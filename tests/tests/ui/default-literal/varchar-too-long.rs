use schema_core::Table;

#[derive(Table)]
pub struct Widget {
    #[column(primary_key)]
    pub id: i64,
    #[column(varchar(3), default = "abcd")]
    pub code: String,
}

fn main() {}
