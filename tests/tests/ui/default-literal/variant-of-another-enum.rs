use schema_core::{PgEnum, Table};

#[derive(PgEnum, Debug, Clone, Copy)]
pub enum Status {
    Active,
    Closed,
}

#[derive(PgEnum, Debug, Clone, Copy)]
pub enum Plan {
    Free,
    Active,
}

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = Plan::Active)]
    pub status: Option<Status>,
}

fn main() {}
