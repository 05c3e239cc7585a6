//! A model gets `New<Model>` and `<Model>Patch` only when asked: `#[table(shapes)]`, or
//! `shapes = true` in `[package.metadata.schema]`.

use schema_core::Table;

#[derive(Table)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
    pub body: String,
}

fn main() {
    let _ = NewNote { id: 1, body: String::new() };
}
