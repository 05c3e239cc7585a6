use schema_core::PgEnum;

#[derive(PgEnum, Clone, Copy, Debug)]
#[pg_enum(name = "TransactionType", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TransactionType {
    Purchase,
    Refund,
}

fn main() {}
