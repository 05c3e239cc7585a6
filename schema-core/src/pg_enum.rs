//! PostgreSQL enum types from Rust fieldless enums (`#[derive(PgEnum)]`).

use crate::model::{EnumDef, Schema};
use postgres_types::{IsNull, Kind, Type};
use std::error::Error;

/// A fieldless Rust enum stored as a PostgreSQL enum type. Implemented by `#[derive(PgEnum)]`,
/// which also implements [`crate::PgType`], `ToSql` and `FromSql`.
pub trait PgEnum: Sized + Copy + 'static {
    /// The PostgreSQL schema of the type.
    const SCHEMA: &'static str;
    /// The type name (`#[pg_enum(name = "...")]`, else the snake_case enum name).
    const NAME: &'static str;
    /// Every variant, in declaration order, which is PostgreSQL's sort order for the type.
    const VARIANTS: &'static [Self];
    /// The labels of [`Self::VARIANTS`], in the same order.
    const LABELS: &'static [&'static str];

    /// The label PostgreSQL stores for this variant.
    fn label(&self) -> &'static str;

    /// The variant for a label, if there is one.
    fn from_label(label: &str) -> Option<Self> {
        Self::VARIANTS.iter().copied().find(|v| v.label() == label)
    }

    /// The type definition.
    fn enum_def() -> EnumDef {
        EnumDef {
            schema: Self::SCHEMA.to_owned(),
            name: Self::NAME.to_owned(),
            values: Self::VARIANTS
                .iter()
                .map(|v| v.label().to_owned())
                .collect(),
            comment: None,
            renamed_values: Vec::new(),
        }
    }
}

/// `ToSql::accepts` for an enum: the type of that name, or `text`-like types so a label can be
/// bound to a parameter PostgreSQL typed as text.
pub fn accepts<E: PgEnum>(ty: &Type) -> bool {
    match ty.kind() {
        Kind::Enum(_) => ty.name() == E::NAME && ty.schema() == E::SCHEMA,
        _ => matches!(*ty, Type::TEXT | Type::VARCHAR | Type::UNKNOWN),
    }
}

/// `ToSql::to_sql` for an enum: writes the label, which is PostgreSQL's wire format for
/// enum values (text and binary alike).
pub fn to_sql<E: PgEnum>(
    value: &E,
    out: &mut bytes::BytesMut,
) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
    out.extend_from_slice(value.label().as_bytes());
    Ok(IsNull::No)
}

/// `FromSql::from_sql` for an enum: reads a label, failing on one no variant has.
pub fn from_sql<E: PgEnum>(raw: &[u8]) -> Result<E, Box<dyn Error + Sync + Send>> {
    let label = std::str::from_utf8(raw)?;
    E::from_label(label).ok_or_else(|| {
        format!(
            "`{label}` is not a value of enum `{}.{}` (known: {})",
            E::SCHEMA,
            E::NAME,
            E::VARIANTS
                .iter()
                .map(|v| v.label())
                .collect::<Vec<_>>()
                .join(", ")
        )
        .into()
    })
}

/// `Deserialize` for an enum: a label, as PostgreSQL and the generated Zod `z.enum` spell it.
pub fn deserialize<'de, E: PgEnum, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    struct Label<E>(std::marker::PhantomData<E>);
    impl<E: PgEnum> serde::de::Visitor<'_> for Label<E> {
        type Value = E;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "one of {}", E::LABELS.join(", "))
        }
        fn visit_str<Err: serde::de::Error>(self, label: &str) -> Result<E, Err> {
            E::from_label(label).ok_or_else(|| Err::unknown_variant(label, E::LABELS))
        }
    }
    deserializer.deserialize_str(Label(std::marker::PhantomData))
}

impl Schema {
    /// Registers an enum type even if no column uses it yet.
    pub fn enum_type<E: PgEnum>(mut self) -> Self {
        self.add_enum(E::enum_def());
        self
    }
}
