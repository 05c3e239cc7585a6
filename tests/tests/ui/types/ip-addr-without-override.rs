//! `IpAddr` has no `PgType` impl: without `#[column(type = "inet")]` (see
//! `ui-pass/raw-type-override.rs`) the column has no type.

use schema_core::Table;

#[derive(Table)]
pub struct Session {
    #[column(primary_key)]
    pub id: i64,
    pub ip: std::net::IpAddr,
}

fn main() {}
