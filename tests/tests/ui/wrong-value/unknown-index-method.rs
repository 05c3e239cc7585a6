use schema_core::Table;

#[derive(Table)]
#[index(columns(tags), using = "gin_trgm")]
pub struct Post {
    #[column(primary_key)]
    pub id: i64,
    pub tags: Vec<String>,
}

fn main() {}
