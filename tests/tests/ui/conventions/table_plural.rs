use schema_core::Table;

#[derive(Table)]
#[table(name = "user_session")]
pub struct UserSession {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
