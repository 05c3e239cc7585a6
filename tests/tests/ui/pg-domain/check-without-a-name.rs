use schema_core::PgDomain;

#[derive(PgDomain, Debug)]
#[pg_domain(check("VALUE <> ''"))]
pub struct Slug(pub String);

fn main() {}
