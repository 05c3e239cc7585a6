use schema_core::Table;

#[derive(Table)]
pub struct Device {
    #[column(primary_key)]
    pub id: i64,
    #[validate(guid)]
    pub serial: i32,
}

fn main() {}
