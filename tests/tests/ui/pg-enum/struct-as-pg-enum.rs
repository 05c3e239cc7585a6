use schema_core::PgEnum;

#[derive(PgEnum)]
pub struct Status {
    pub label: String,
}

fn main() {}
