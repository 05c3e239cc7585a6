use schema_core::Table;

// Every mistake inside an index key at once: an unknown option, an expression key without its
// SQL, and a field the struct does not have.
#[derive(Table)]
#[table(allow(timestamps))]
#[index(columns(email(descending), expr(lower_email), nickname(desc)))]
pub struct Member {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
}

fn main() {}
