use schema_core::{PgDomain, Table};

/// The domain's mistake is reported once: the table that uses it compiles against the stub.
#[derive(PgDomain, Debug, Clone, PartialEq)]
#[pg_domain(colour = "red")]
pub struct Slug(pub String);

#[derive(Table, Debug, Clone, PartialEq)]
pub struct Page {
    #[column(primary_key)]
    pub id: i64,
    pub slug: Slug,
}

fn main() {}
