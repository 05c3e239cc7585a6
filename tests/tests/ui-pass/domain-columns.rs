//! Domain newtypes as columns, plain and optional, in a model with its shapes,
//! validated through the model.
use schema_core::{PgDomain, Table, Validate};

#[derive(PgDomain, Debug, Clone, PartialEq)]
#[pg_domain(name = "slug", not_null, check(name = "slug_no_double_dash", "VALUE !~~ '%--%'::text"))]
pub struct Slug(#[validate(max_len = 40, regex = "^[a-z-]+$")] pub String);

#[derive(PgDomain, Debug, Clone, Copy, PartialEq)]
pub struct Percent(#[validate(min = 0, max = 100)] pub i16);

#[derive(Table, Debug, Clone, PartialEq)]
#[table(shapes)]
pub struct Page {
    #[column(primary_key)]
    pub id: i64,
    pub slug: Slug,
    pub alias: Option<Slug>,
    pub done: Percent,
}

fn main() {
    let page = Page {
        id: 1,
        slug: Slug("Not A Slug".into()),
        alias: None,
        done: Percent(101),
    };
    let issues = page.validate().unwrap_err().issues;
    assert_eq!(issues.len(), 2, "{issues:?}");
    let schema = schema_core::Schema::new().table::<Page>();
    assert_eq!(schema.domains.len(), 2);
}
