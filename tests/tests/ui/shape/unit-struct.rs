use schema_core::Table;

#[derive(Table)]
pub struct Widgets;

fn main() {}
