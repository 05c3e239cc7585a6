use schema_core::Table;

#[derive(Table)]
#[table(name = "UserSessions")]
pub struct UserSession {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
