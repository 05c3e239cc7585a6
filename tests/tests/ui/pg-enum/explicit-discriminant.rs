use schema_core::PgEnum;

#[derive(PgEnum)]
pub enum Status {
    Active = 1,
    Inactive = 2,
}

fn main() {}
