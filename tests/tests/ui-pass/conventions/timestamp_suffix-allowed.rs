//! The rule's escape: `allow(..)` on the item.
use chrono::{DateTime, Utc};
use schema_core::Table;

#[derive(Table)]
pub struct User {
    #[column(primary_key)]
    pub id: i64,
    #[column(allow(timestamp_suffix))]
    pub last_login: Option<DateTime<Utc>>,
}

fn main() {}
