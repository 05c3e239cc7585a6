use schema_core::PgEnum;

#[derive(PgEnum)]
pub enum Status {
    Active,
    #[pg_enum(rename = "active")]
    Enabled,
}

fn main() {}
