use schema_core::PgDomain;

/// A model reads a field of this name as the type schema-core maps.
#[derive(PgDomain, Debug)]
pub struct Uuid(pub String);

fn main() {}
