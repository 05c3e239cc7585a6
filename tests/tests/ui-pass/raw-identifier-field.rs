//! A field named `type` through a raw identifier: the column is `type`, the handle `r#type`.

use schema_core::{PgEnum, Table};

#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Purchase,
    Refund,
}

#[derive(Table)]
pub struct Transaction {
    #[column(primary_key)]
    pub id: i64,
    pub r#type: Kind,
    pub r#ref: String,
}

fn main() {
    let def = Transaction::table_def();
    assert_eq!(def.columns[1].name, "type");
    assert_eq!(def.columns[2].name, "ref");
    assert_eq!(Transaction::COLUMNS.r#type.name(), "type");
}
