use schema_core::PgDomain;

/// `max_len` is a text rule: a count is a number.
#[derive(PgDomain, Debug)]
pub struct Count(#[validate(max_len = 3)] pub i32);

fn main() {}
