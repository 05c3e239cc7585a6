use schema_core::Table;

#[derive(Table)]
pub struct Ticket {
    // Every mistake inside `identity(..)` at once: a misspelled key, an increment of 0, a
    // start that is not an integer, both kinds.
    #[column(primary_key, identity(alway, increment = 0, start = "1", always, by_default))]
    pub id: i64,
}

fn main() {}
