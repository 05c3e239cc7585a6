use schema_core::model::{ExclusionElement, IndexKey, IndexMethod};
use schema_core::Table;

/// Bookings of one room never overlap.
#[derive(Table)]
#[table(
    exclude(using = "gist", columns(room(with = "="), during(with = "&&")), where = "NOT is_cancelled"),
    exclude(
        name = "bookings_span_excl",
        using = "gist",
        columns(expr("tstzrange(starts_at, ends_at)", with = "&&"))
    )
)]
pub struct Booking {
    #[column(primary_key)]
    pub id: i64,
    pub room: i64,
    #[column(type = "tstzrange")]
    pub during: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    pub is_cancelled: bool,
}

fn main() {
    let table = Booking::table_def();
    let names: Vec<&str> = table.exclusions.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["bookings_room_during_excl", "bookings_span_excl"]);
    let excl = &table.exclusions[0];
    assert_eq!(excl.method, IndexMethod::Gist);
    assert_eq!(
        excl.elements,
        [ExclusionElement::new("room", "="), ExclusionElement::new("during", "&&")]
    );
    assert_eq!(excl.predicate.as_deref(), Some("NOT is_cancelled"));
    assert_eq!(
        table.exclusions[1].elements,
        [ExclusionElement::new(
            IndexKey::expression("tstzrange(starts_at, ends_at)"),
            "&&"
        )]
    );
}
