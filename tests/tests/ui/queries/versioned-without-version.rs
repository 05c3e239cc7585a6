//! `update_versioned` needs an integer `version` column.

use schema_core::{query, Table};

#[derive(Table)]
#[table(shapes)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
    pub body: String,
}

fn update(client: &mut postgres::Client) {
    let _ = query::update_versioned(client, &1, 1, &NotePatch::default());
}

fn main() {
    let _ = update;
}
