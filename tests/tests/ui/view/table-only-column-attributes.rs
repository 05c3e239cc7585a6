use schema_core::View;

#[derive(View)]
#[view(query = "SELECT id, email FROM users")]
pub struct Contact {
    #[column(primary_key, default = 1)]
    pub id: i64,
    #[column(renamed_from = "mail")]
    #[validate(email)]
    pub email: String,
}

fn main() {}
