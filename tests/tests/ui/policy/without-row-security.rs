use schema_core::Table;

#[derive(Table)]
#[table(policy(name = "notes_visible", using = "id > 0"))]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
