use schema_core::PgDomain;

fn no_spaces(value: &String) -> Result<(), String> {
    if value.contains(' ') {
        Err("no spaces".into())
    } else {
        Ok(())
    }
}

#[derive(PgDomain, Debug)]
pub struct Slug(#[validate(custom = no_spaces)] pub String);

#[derive(PgDomain, Debug)]
pub struct Tags(#[validate(nested)] pub Vec<String>);

fn main() {}
