//! A field type with no `PgType` is one error, not a second one from its default's check.
use schema_core::Table;

pub struct Color(pub u8);

#[derive(Table)]
pub struct Pen {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = 5)]
    pub color: Color,
}

fn main() {}
