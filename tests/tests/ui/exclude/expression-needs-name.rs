use schema_core::Table;

#[derive(Table)]
#[table(exclude(using = "gist", columns(expr("tstzrange(starts_at, ends_at)", with = "&&"))))]
pub struct Booking {
    #[column(primary_key)]
    pub id: i64,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
}

fn main() {}
