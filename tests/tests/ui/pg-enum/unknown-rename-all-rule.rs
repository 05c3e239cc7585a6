use schema_core::PgEnum;

#[derive(PgEnum)]
#[pg_enum(rename_all = "snake-case")]
pub enum Status {
    Active,
    OnHold,
}

fn main() {}
