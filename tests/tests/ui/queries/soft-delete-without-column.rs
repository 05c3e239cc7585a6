//! `soft_delete` needs `deleted_at` or `is_deleted`.

use schema_core::{query, Table};

#[derive(Table)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
    pub body: String,
}

fn delete(client: &mut postgres::Client) {
    let _ = query::soft_delete::<Note>(client, &1);
}

fn main() {
    let _ = delete;
}
