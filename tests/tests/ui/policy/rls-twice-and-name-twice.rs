use schema_core::Table;

#[derive(Table)]
#[table(
    rls,
    force_rls,
    policy(name = "notes_visible", using = "id > 0"),
    policy(name = "notes_visible", using = "id > 1")
)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
