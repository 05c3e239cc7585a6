//! A filter value must convert into the column's type.

use schema_core::{query, Table};

#[derive(Table)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
    pub body: String,
}

fn main() {
    let _ = query::select::<Note>().filter(Note::COLUMNS.id.eq("1"));
}
