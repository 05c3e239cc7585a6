//! The rule's escape: `allow(..)` on the item.
use schema_core::Table;

#[derive(Table)]
// A name the English rules cannot judge, kept on purpose.
#[table(name = "user_session", allow(table_plural))]
pub struct UserSession {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
