use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[validate(min_len = "3", max_len = -1, emial, multiple_of = 0)]
    pub name: String,
    #[validate(each(min_items = 1))]
    pub tags: Vec<String>,
}

fn main() {}
