use schema_core::Table;

#[derive(Table)]
#[table(
    rls,
    policy(name = "notes_read", command = "read", using = "id > 0"),
    policy(name = "notes_all", using = "id > 0", permissive)
)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
