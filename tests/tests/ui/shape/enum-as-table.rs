use schema_core::Table;

#[derive(Table)]
pub enum Status {
    Active,
    Inactive,
}

fn main() {}
