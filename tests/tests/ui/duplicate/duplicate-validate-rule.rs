use schema_core::{Table, Validate};

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    // Two limits for one field: which one holds was never said.
    #[validate(max_len = 50)]
    #[validate(email, max_len = 100)]
    pub email: String,
}

#[derive(Validate)]
pub struct Address {
    #[validate(each(non_empty, non_empty))]
    pub lines: Vec<String>,
}

fn main() {}
