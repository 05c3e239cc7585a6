use schema_core::Table;

#[derive(Table)]
#[has_many(Child, foriegn_key = parent_id)]
pub struct Parent {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct Child {
    #[column(primary_key)]
    pub id: i64,
    pub parent_id: i64,
}

fn main() {}
