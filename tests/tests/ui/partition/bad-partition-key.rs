use schema_core::Table;

#[derive(Table)]
#[table(partition_by = "tree (id)")]
pub struct Tree {
    pub id: i64,
}

#[derive(Table)]
#[table(partition_by = "range (lower(name))")]
pub struct Name {
    pub name: String,
}

#[derive(Table)]
#[table(partition_by = "list region")]
pub struct Region {
    pub region: String,
}

#[derive(Table)]
#[table(partition_by = "list (a, b)")]
pub struct Pair {
    pub a: String,
    pub b: String,
}

#[derive(Table)]
#[table(partition_by = "hash (missing)")]
pub struct Missing {
    pub id: i64,
}

fn main() {}
