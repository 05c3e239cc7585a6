use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[validate(regex = "^[a-z+$")]
    pub slug: String,
}

fn main() {}
