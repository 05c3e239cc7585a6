//! `key = ` names the parent's column; its type must be the foreign key's.

use schema_core::Table;

#[derive(Table)]
#[has_one(Profile, foreign_key = account_code, key = id)]
pub struct Account {
    #[column(primary_key)]
    pub id: uuid::Uuid,
    #[column(unique)]
    pub code: String,
}

#[derive(Table)]
pub struct Profile {
    #[column(primary_key)]
    pub id: i64,
    pub account_code: Option<String>,
}

fn main() {}
