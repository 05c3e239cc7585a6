use schema_core::Table;

// The generated name `idx_{table}_{columns}` cannot be made of an expression.
#[derive(Table)]
#[table(allow(timestamps))]
#[index(columns(expr("lower(email)")), unique)]
pub struct Member {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
}

fn main() {}
