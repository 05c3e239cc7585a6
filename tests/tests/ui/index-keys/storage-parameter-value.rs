use schema_core::Table;

// A storage parameter's value is one SQL word or literal.
#[derive(Table)]
#[table(allow(timestamps))]
#[index(columns(email), with(fillfactor = [70]))]
pub struct Member {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
}

fn main() {}
