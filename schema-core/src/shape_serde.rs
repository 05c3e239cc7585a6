//! The serde impls of the insert and update shapes, written once here instead of by
//! `serde_derive` per shape: a shape's expansion is then its field list and one small match,
//! and the visitor, the field-name lookup and the missing-field rule are shared by every model.
//! What JSON a shape accepts and writes is serde_derive's: unknown fields are ignored, a
//! repeated field is an error, a missing one is an error unless its type reads "nothing" (an
//! `Option`), and an absent optional field is not written.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

pub use std::result::Result;

/// A shape read field by field from a map. Implemented by `#[derive(Table)]` for its shapes.
pub trait FromMap<'de>: Sized {
    /// The struct's name, for serde's `deserialize_struct` and error messages.
    const NAME: &'static str;
    /// The JSON names of its fields, in declaration order.
    const FIELDS: &'static [&'static str];

    /// Reads the fields from `map`, a field's index in [`Self::FIELDS`] telling which is which.
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// What a shape's `Deserialize::deserialize` calls.
pub fn deserialize<'de, D: Deserializer<'de>, T: FromMap<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, ShapeVisitor(PhantomData))
}

struct ShapeVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: FromMap<'de>> Visitor<'de> for ShapeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// The next key of `map` as an index into `fields`; `Some(None)` for a field the shape does
/// not have, which is skipped as serde's derive skips it.
pub fn next_key<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: &'static [&'static str],
) -> Result<Option<Option<usize>>, A::Error> {
    map.next_key_seed(FieldKey(fields))
}

struct FieldKey(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldKey {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldKey {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(index).ok().filter(|&i| i < self.0.len()))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| *field == name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| field.as_bytes() == name))
    }
}

/// Reads the value of field `name` into its empty `slot`.
pub fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads the value of an optional field whose `null` is not "absent": the value is `T` itself
/// (`Option<U>` for a nullable column in an update shape, where `null` sets NULL), so a NOT
/// NULL column's `null` is refused, as Zod's `.optional()` refuses it.
pub fn present<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<Option<T>>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(Some(map.next_value()?));
    Ok(())
}

/// Skips the value of a field the shape does not have.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// A required field's value: an absent field is read from "nothing", which only an `Option`
/// (or a type like it) accepts; anything else is serde's `missing field` error.
pub fn required<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(name, PhantomData)),
    }
}

/// serde_derive's missing-field deserializer: `None` to an `Option`, an error to all else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(de::Error::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// How many of a shape's optional fields are present.
pub fn count(present: &[bool]) -> usize {
    present.iter().filter(|p| **p).count()
}

/// Writes a required field.
pub fn field<S: serde::ser::SerializeStruct, T: serde::Serialize + ?Sized>(
    state: &mut S,
    name: &'static str,
    value: &T,
) -> Result<(), S::Error> {
    state.serialize_field(name, value)
}

/// Writes an optional field when it is `Some`, and skips it otherwise.
pub fn optional<S: serde::ser::SerializeStruct, T: serde::Serialize>(
    state: &mut S,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(_) => state.serialize_field(name, value),
        None => state.skip_field(name),
    }
}
