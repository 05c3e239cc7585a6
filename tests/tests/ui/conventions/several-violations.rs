//! Every violation of a struct is reported in one compile, each on its token.
use chrono::{DateTime, Utc};
use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(name = "file", deny(timestamps))]
#[index(columns(owner), name = "by_owner")]
pub struct File {
    #[column(primary_key)]
    pub file_id: i64,
    pub owner: String,
    pub active: bool,
    pub uploaded: DateTime<Utc>,
    #[column(references(Folder::id))]
    pub parent: Option<i64>,
    #[column(name = "sizeBytes")]
    pub size_bytes: i64,
}

fn main() {}
