use schema_core::Table;

// `include(..)` names fields, like `columns(..)`.
#[derive(Table)]
#[table(allow(timestamps))]
#[index(columns(email), include(nickname))]
pub struct Member {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
}

fn main() {}
