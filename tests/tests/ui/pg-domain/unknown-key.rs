use schema_core::PgDomain;

#[derive(PgDomain, Debug)]
#[pg_domain(not_nul)]
pub struct Slug(pub String);

fn main() {}
