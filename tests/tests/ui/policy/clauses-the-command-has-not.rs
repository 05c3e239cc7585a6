use schema_core::Table;

#[derive(Table)]
#[table(
    rls,
    policy(name = "notes_added", command = "insert", using = "id > 0"),
    policy(name = "notes_read", command = "select", with_check = "id > 0"),
    policy(name = "notes_open")
)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
