//! The serde impls of the insert and update shapes, written once here instead of by
//! `serde_derive` per shape. A shape's `Serialize` hands this module its fields as type-erased
//! values, and its `Deserialize` hands it one slot per field: the visitor, the field-name
//! lookup and the per-field reading are compiled once for every model (per field type, through
//! `erased-serde`, not per model), and a shape's own impls are a list of its fields.
//!
//! What JSON a shape accepts and writes is serde_derive's: unknown fields are ignored, a
//! repeated field is an error, a missing one is an error unless its type reads "nothing" (an
//! `Option`), and an absent optional field is not written.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

pub use std::result::Result;

/// A field's value to write, or `None` to leave the field out.
pub type Written<'a> = Option<&'a dyn erased_serde::Serialize>;

/// A field that is always written.
pub fn field<T: Serialize>(value: &T) -> Written<'_> {
    Some(value)
}

/// An optional field: written when it is `Some`, as its inner value.
pub fn optional<T: Serialize>(value: &Option<T>) -> Written<'_> {
    value.as_ref().map(|v| v as &dyn erased_serde::Serialize)
}

/// What a shape's `Serialize::serialize` calls: a struct of the fields that are present.
pub fn write_struct<S: Serializer>(
    serializer: S,
    name: &'static str,
    fields: &[(&'static str, Written<'_>)],
) -> Result<S::Ok, S::Error> {
    let present = fields.iter().filter(|(_, value)| value.is_some()).count();
    let mut state = serializer.serialize_struct(name, present)?;
    for (key, value) in fields {
        match value {
            Some(value) => state.serialize_field(key, value)?,
            None => state.skip_field(key)?,
        }
    }
    state.end()
}

/// Where one field of a shape is read to.
pub trait Slot<'de> {
    /// Reads field `name` from `value`.
    fn read(
        &mut self,
        name: &'static str,
        value: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error>;
}

/// A field read as its own type; `Value(None)` until it is seen.
pub struct Value<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Slot<'de> for Value<T> {
    fn read(
        &mut self,
        name: &'static str,
        value: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        self.0 = Some(read_once(self.0.is_some(), name, value)?);
        Ok(())
    }
}

/// An optional field whose `null` is not "absent": the value read is `T` itself (`Option<U>` for
/// a nullable column in an update shape, where `null` sets NULL), so a NOT NULL column's `null`
/// is refused, as Zod's `.optional()` refuses it.
pub struct Present<T>(pub Option<Option<T>>);

impl<'de, T: Deserialize<'de>> Slot<'de> for Present<T> {
    fn read(
        &mut self,
        name: &'static str,
        value: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        self.0 = Some(Some(read_once(self.0.is_some(), name, value)?));
        Ok(())
    }
}

/// A field's value, unless the field was `seen` already: serde's `duplicate field` error.
fn read_once<'de, T: Deserialize<'de>>(
    seen: bool,
    name: &'static str,
    value: &mut dyn erased_serde::Deserializer<'de>,
) -> Result<T, erased_serde::Error> {
    if seen {
        return Err(de::Error::duplicate_field(name));
    }
    erased_serde::deserialize(value)
}

/// What a shape's `Deserialize::deserialize` calls: reads a struct named `name` into `slots`,
/// one per entry of `fields`.
pub fn read_struct<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    fields: &'static [&'static str],
    slots: &mut [&mut dyn Slot<'de>],
) -> Result<(), D::Error> {
    deserializer.deserialize_struct(
        name,
        fields,
        StructVisitor {
            name,
            fields,
            slots,
        },
    )
}

struct StructVisitor<'s, 'a, 'de> {
    name: &'static str,
    fields: &'static [&'static str],
    slots: &'s mut [&'a mut dyn Slot<'de>],
}

impl<'de> Visitor<'de> for StructVisitor<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(FieldKey(self.fields))? {
            match key {
                Some(index) => map.next_value_seed(SlotSeed {
                    slot: &mut *self.slots[index],
                    name: self.fields[index],
                })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A field name as an index into the shape's fields; `None` for a field the shape does not
/// have, which is skipped as serde's derive skips it.
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

struct SlotSeed<'s, 'de> {
    slot: &'s mut dyn Slot<'de>,
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for SlotSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut erased = <dyn erased_serde::Deserializer>::erase(deserializer);
        self.slot
            .read(self.name, &mut erased)
            .map_err(de::Error::custom)
    }
}

/// A required field's value: an absent field is read from "nothing", which only an `Option`
/// (or a type like it) accepts; anything else is serde's `missing field` error.
pub fn required<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Value<T>,
    name: &'static str,
) -> Result<T, E> {
    match slot.0 {
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
