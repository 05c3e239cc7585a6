//! A view and a materialized view compile, with a query from an expression, and read with the
//! typed select.
use schema_core::{query, Schema, Table, View};

const QUERY: &str = "SELECT id, name FROM people";

#[derive(View, Debug)]
#[view(schema = "reports", query = QUERY)]
pub struct Person {
    pub id: i64,
    #[column(name = "full_name")]
    pub name: Option<String>,
}

#[derive(View, Debug)]
#[view(materialized, with_no_data, query = concat!("SELECT count(*) ", "FROM people"))]
#[index(columns(people), unique)]
pub struct Headcount {
    pub people: i64,
}

fn main() {
    let schema = Schema::new().view::<Person>().view::<Headcount>();
    assert_eq!(schema.views.len(), 2);
    let _ = query::select::<Person>().filter(Person::COLUMNS.id.eq(1_i64));
    assert!(Headcount::view_def().refresh_key().is_some());
}
