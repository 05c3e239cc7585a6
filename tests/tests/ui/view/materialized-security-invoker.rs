use schema_core::View;

#[derive(View)]
#[view(query = "SELECT count(*) FROM users", materialized, security_invoker)]
pub struct UserCount {
    pub users: i64,
}

fn main() {}
