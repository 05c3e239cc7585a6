//! A select orders by its own model's columns only.

use schema_core::{query, Table};

#[derive(Table)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct Tag {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {
    let _ = query::select::<Note>().order_by(Tag::COLUMNS.id, query::Order::Asc);
}
