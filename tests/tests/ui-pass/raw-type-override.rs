//! `type = "inet"` on a field whose Rust type has no `PgType` impl: the override alone decides
//! the column type, and `Option` still makes it nullable.

use schema_core::__private::SqlType;
use schema_core::Table;
use std::net::IpAddr;

#[derive(Table)]
pub struct Session {
    #[column(primary_key)]
    pub id: i64,
    #[column(type = "inet")]
    pub ip: IpAddr,
    #[column(type = "inet")]
    pub forwarded_for: Option<IpAddr>,
}

fn main() {
    let def = Session::table_def();
    let ip = def.column("ip").unwrap();
    assert_eq!(
        ip.ty,
        SqlType::Custom {
            sql: "inet".to_owned()
        }
    );
    assert!(!ip.nullable);
    assert!(def.column("forwarded_for").unwrap().nullable);
    assert!(Session::enums().is_empty());
}
