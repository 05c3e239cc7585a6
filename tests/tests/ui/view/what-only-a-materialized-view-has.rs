use schema_core::View;

#[derive(View)]
#[view(query = "SELECT id, name FROM users", with_no_data)]
#[index(columns(name))]
pub struct UserName {
    #[column(index)]
    pub id: i64,
    pub name: String,
}

fn main() {}
