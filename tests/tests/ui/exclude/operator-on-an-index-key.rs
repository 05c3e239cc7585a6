use schema_core::Table;

#[derive(Table)]
#[index(columns(room(with = "=")))]
pub struct Booking {
    #[column(primary_key)]
    pub id: i64,
    pub room: i64,
}

fn main() {}
