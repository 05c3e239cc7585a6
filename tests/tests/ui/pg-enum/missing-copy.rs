use schema_core::PgEnum;

#[derive(PgEnum, Debug)]
pub enum Status {
    Active,
    Inactive,
}

fn main() {}
