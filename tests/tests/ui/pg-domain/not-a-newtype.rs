use schema_core::PgDomain;

#[derive(PgDomain, Debug)]
pub struct Slug {
    pub value: String,
}

fn main() {}
