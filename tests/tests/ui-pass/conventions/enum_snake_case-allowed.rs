//! The rule's escape: `allow(..)` on the item.
use schema_core::PgEnum;

#[derive(PgEnum, Clone, Copy, Debug)]
#[pg_enum(name = "TransactionType", rename_all = "SCREAMING_SNAKE_CASE", allow(enum_snake_case))]
pub enum TransactionType {
    Purchase,
    Refund,
}

fn main() {}
