//! `Status` has one attribute mistake. `Account` stores it, defaults it to a variant and the
//! schema lists the enum: the fallback impls keep all of that compiling, so the attribute
//! error is the only one.

use schema_core::{PgEnum, Schema, Table};

#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[pg_enum(rename_all = "snake")]
pub enum Status {
    Active,
    OnHold,
}

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = Status::Active)]
    pub status: Status,
    pub previous: Option<Status>,
}

pub fn schema() -> Schema {
    Schema::new().enum_type::<Status>().table::<Account>()
}

fn main() {}
