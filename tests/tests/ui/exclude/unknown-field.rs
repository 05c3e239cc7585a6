use schema_core::Table;

#[derive(Table)]
#[table(exclude(using = "gist", columns(rooom(with = "="), during(with = "&&"))))]
pub struct Booking {
    #[column(primary_key)]
    pub id: i64,
    pub room: i64,
    #[column(type = "tstzrange")]
    pub during: String,
}

fn main() {}
