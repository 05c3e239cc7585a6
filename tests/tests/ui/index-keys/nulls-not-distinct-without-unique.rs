use schema_core::Table;

// `NULLS NOT DISTINCT` only means something for a unique index.
#[derive(Table)]
#[table(allow(timestamps))]
#[index(columns(email), nulls_not_distinct)]
pub struct Member {
    #[column(primary_key)]
    pub id: i64,
    pub email: Option<String>,
}

fn main() {}
