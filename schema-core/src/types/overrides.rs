//! Which Rust types a type override may be put on: `varchar` on text, `numeric(p, s)` on
//! decimals, `timestamp` on date-times, `identity` on integers, `on_update_now` on date-times. A mismatch is a compile error
//! on the attribute.

/// Types a `varchar` column can hold.
#[diagnostic::on_unimplemented(
    message = "`varchar` needs a string field, not `{Self}`",
    label = "`varchar` is put on a field of type `{Self}`",
    note = "use `String` or `Option<String>`, or `#[column(type = \"...\")]` for another type"
)]
pub trait TextColumn {}
impl TextColumn for String {}
impl TextColumn for Option<String> {}

/// Types a `numeric(p, s)` column can hold.
#[diagnostic::on_unimplemented(
    message = "`numeric(p, s)` needs a decimal field, not `{Self}`",
    label = "`numeric` is put on a field of type `{Self}`",
    note = "use `rust_decimal::Decimal` or `Option<Decimal>`"
)]
pub trait DecimalColumn {}
impl DecimalColumn for rust_decimal::Decimal {}
impl DecimalColumn for Option<rust_decimal::Decimal> {}

/// Types a `timestamp` (without time zone) column can hold.
#[diagnostic::on_unimplemented(
    message = "`timestamp` needs a date-time field, not `{Self}`",
    label = "`timestamp` is put on a field of type `{Self}`",
    note = "use `chrono::NaiveDateTime` (or its `Option`)"
)]
pub trait TimestampColumn {}
impl TimestampColumn for chrono::NaiveDateTime {}
impl TimestampColumn for Option<chrono::NaiveDateTime> {}

/// Types an identity column can hold: PostgreSQL numbers `smallint`, `integer` and `bigint`
/// columns, which are `NOT NULL`.
#[diagnostic::on_unimplemented(
    message = "`identity` needs an integer field, not `{Self}`",
    label = "`identity` is put on a field of type `{Self}`",
    note = "use `i64` (or `i32`, `i16`); an identity column is never NULL, so not an `Option`"
)]
pub trait IdentityColumn {}
impl IdentityColumn for i16 {}
impl IdentityColumn for i32 {}
impl IdentityColumn for i64 {}

/// Types an `on_update_now` column can hold: what `now()` is stored in.
#[diagnostic::on_unimplemented(
    message = "`on_update_now` needs a date-time field, not `{Self}`",
    label = "`on_update_now` is put on a field of type `{Self}`",
    note = "use `chrono::DateTime<Utc>` (`timestamptz`) or `chrono::NaiveDateTime` (`timestamp`), or their `Option`"
)]
pub trait UpdatedAtColumn {}
impl<Tz: chrono::TimeZone> UpdatedAtColumn for chrono::DateTime<Tz> {}
impl<Tz: chrono::TimeZone> UpdatedAtColumn for Option<chrono::DateTime<Tz>> {}
impl UpdatedAtColumn for chrono::NaiveDateTime {}
impl UpdatedAtColumn for Option<chrono::NaiveDateTime> {}
