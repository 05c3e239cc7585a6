use schema_core::PgEnum;

#[derive(PgEnum)]
#[pg_enum(shema = "billing")]
pub enum Status {
    Active,
    #[pg_enum(renam = "off")]
    Inactive,
}

fn main() {}
