use schema_core::{PgEnum, Table};

#[derive(PgEnum, Debug, Clone, Copy)]
pub enum Status {
    Active,
    OnHold,
}

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = "On Hold")]
    pub status: Status,
}

fn main() {}
