//! The rule comes from the type, so an alias (here of a nullable `smallint`) is checked too.
use schema_core::Table;

pub type Rank = Option<i16>;

#[derive(Table)]
pub struct Player {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = -40000)]
    pub rank: Rank,
}

fn main() {}
