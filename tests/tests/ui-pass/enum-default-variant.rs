//! `default = Enum::Variant` stores the variant's label, after `rename_all` and `rename`.

use schema_core::__private::ColumnDefault;
use schema_core::{PgEnum, Table};

#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[pg_enum(rename_all = "SCREAMING_SNAKE_CASE", allow(enum_snake_case))]
pub enum Status {
    Active,
    OnHold,
    #[pg_enum(rename = "gone")]
    Deleted,
}

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = Status::OnHold)]
    pub status: Status,
    #[column(default = Status::Deleted)]
    pub previous: Option<Status>,
}

fn main() {
    let def = Account::table_def();
    assert_eq!(
        def.column("status").unwrap().default,
        Some(ColumnDefault::String("ON_HOLD".to_owned()))
    );
    assert_eq!(
        def.column("previous").unwrap().default,
        Some(ColumnDefault::String("gone".to_owned()))
    );
    assert_eq!(Account::enums().len(), 1);
}
