use chrono::{DateTime, Utc};
use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    pub last_login: Option<DateTime<Utc>>,
}

fn main() {}
