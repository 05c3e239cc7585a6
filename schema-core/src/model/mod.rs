//! The table model: plain data describing PostgreSQL objects, with no SQL text in it.
//!
//! Everything here is `serde`-serializable so a [`Schema`] can be snapshotted, and every
//! collection has a deterministic order so two snapshots of the same models are byte-identical.

mod access_check;
mod canonical;
mod column;
mod constraint;
mod default;
mod domain;
mod enum_def;
mod extension;
mod function;
mod grant;
mod identity;
mod index;
mod name;
mod partition;
mod partition_check;
mod policy;
mod raw;
mod role;
mod rules;
mod schema;
mod sequence;
#[doc(hidden)]
pub mod spec;
mod sql_type;
mod table;
mod trigger;
mod view;

pub use canonical::canonical;
#[cfg(feature = "migrate")]
pub(crate) use canonical::{
    canonical_keeping_hints, canonical_keeping_hints_cow, clear_hints, has_hints,
    into_canonical_keeping_hints, strip_outer_parens, without_hints_if_any,
};
pub use column::ColumnDef;
pub use constraint::{
    CheckConstraint, Deferrable, ExclusionConstraint, ExclusionElement, ForeignKey, PrimaryKey,
    ReferentialAction, UniqueConstraint,
};
pub use default::ColumnDefault;
pub use domain::{DomainDef, DomainRules};
pub use enum_def::EnumDef;
pub use extension::Extension;
pub use function::{Function, Volatility};
pub use grant::{Grant, GrantObject, Privilege};
pub use identity::Identity;
pub use index::{Index, IndexKey, IndexMethod, KeyPart, NullsOrder};
pub use name::{generated_name, name_problem, QualifiedName, DEFAULT_SCHEMA, MAX_IDENT_BYTES};
pub use partition::{Partition, PartitionBound, PartitionBy, PartitionMethod};
pub use policy::{Policy, PolicyCommand, RowSecurity};
pub use raw::{RawDependency, RawKind, RawObject};
pub use role::{is_predefined, is_public, Role};
pub use rules::{Check, FieldRules, LazyRegex, ModelRules};
pub use schema::{Schema, SchemaError};
pub use sequence::{Sequence, SequenceOwner, SequenceType};
pub use sql_type::SqlType;
pub use table::TableDef;
pub use trigger::{Trigger, TriggerEvent, TriggerTiming};
pub use view::{ViewColumn, ViewDef};
