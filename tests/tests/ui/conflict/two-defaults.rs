use schema_core::Table;

#[derive(Table)]
pub struct Post {
    #[column(primary_key, default_random, default_sql = "uuid_generate_v4()")]
    pub id: uuid::Uuid,
}

fn main() {}
