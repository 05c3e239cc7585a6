//! Rust model structs as the single source of truth for PostgreSQL schemas.
//!
//! `#[derive(Table)]` turns a struct into a [`TableDef`]; a [`Schema`] collects the tables of a
//! crate.
//!
//! ```
//! use schema_core::{Schema, Table};
//!
//! /// People who can sign in.
//! #[derive(Table)]
//! pub struct User {
//!     #[column(primary_key, default_random)]
//!     pub id: uuid::Uuid,
//!     #[column(unique)]
//!     pub email: String,
//! }
//!
//! let schema = Schema::new().table::<User>();
//! assert_eq!(schema.tables[0].name, "users");
//! assert_eq!(schema.tables[0].columns[1].name, "email");
//! ```
//!
//! # Features
//!
//! * none (the default): the models, validation and Zod output, typed queries and rows: what a
//!   service links.
//! * `migrate`: the diff engine and its plans (`diff`), DDL rendering (`render`'s statements),
//!   migration files and snapshots (`migrate`, `snapshot`), the catalog read-back
//!   (`introspect`), the runner with TLS connections (`migrate::runner`, `connect`) and the
//!   command line (`cli`): what a project's xtask links. (`introspect` is a name for it too.)

#![deny(missing_docs)]

extern crate self as schema_core;

#[cfg(feature = "migrate")]
pub mod cli;
#[cfg(feature = "migrate")]
pub mod connect;
#[cfg(feature = "migrate")]
pub mod diff;
mod grant;
#[cfg(feature = "migrate")]
pub mod migrate;
pub mod model;
pub mod pg_domain;
pub mod pg_enum;
pub mod query;
pub mod render;
#[doc(hidden)]
pub mod shape_serde;
#[cfg(feature = "migrate")]
pub mod snapshot;
pub(crate) mod table;
pub mod types;
pub mod validate;
pub(crate) mod view;
pub mod zod;

#[cfg(feature = "migrate")]
pub mod introspect;

/// The README's and `docs/`'s examples, compiled and run as doctests (`cargo test --doc`), so
/// the documentation cannot drift from the API. They show the migrations too, so they need the
/// `migrate` feature (on in every workspace build, which the xtask and tests crates turn on).
#[cfg(all(doctest, feature = "migrate"))]
mod docs_compile {
    #[doc = include_str!("../../README.md")]
    struct Readme;
    #[doc = include_str!("../../docs/models-and-attributes.md")]
    struct ModelsAndAttributes;
    #[doc = include_str!("../../docs/migrations.md")]
    struct Migrations;
    #[doc = include_str!("../../docs/deploying.md")]
    struct Deploying;
    #[doc = include_str!("../../docs/validation-and-zod.md")]
    struct ValidationAndZod;
    #[doc = include_str!("../../docs/queries.md")]
    struct Queries;
    #[doc = include_str!("../../CONTRIBUTING.md")]
    struct Contributing;
}

pub use model::{
    ColumnDef, DomainDef, EnumDef, Extension, Function, Grant, Partition, Privilege, RawDependency,
    RawKind, RawObject, Role, Schema, Sequence, SequenceType, TableDef, Trigger, TriggerEvent,
    TriggerTiming, ViewDef, Volatility,
};
pub use pg_domain::PgDomain;
pub use pg_enum::PgEnum;
pub use schema_derive::{PgDomain, PgEnum, Table, Validate, View};
pub use table::{Column, References, Table};
pub use types::{DefaultLiteral, Json, PgType};
pub use validate::{Validate, ValidationError};
pub use view::View;

/// What generated code uses; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::model::spec::{
        CheckSpec, ColumnSpec, ColumnType, DefaultSpec, ExclusionSpec, ForeignKeySpec,
        IndexKeySpec, IndexSpec, KeySpec, ModelSpec, PartitionBySpec, PolicySpec, TriggerSpec,
        TypeSpec,
    };
    pub use crate::model::PartitionMethod;
    pub use crate::model::{
        ColumnDefault, Deferrable, IndexMethod, NullsOrder, ReferentialAction, SqlType,
    };
    pub use crate::model::{PolicyCommand, RowSecurity};
    pub use crate::model::{TriggerEvent, TriggerTiming};
    pub use crate::shape_serde as shape;
    pub use crate::view::build_view_def;
    pub use postgres_types;
    pub use std::sync::OnceLock;

    pub use bytes::BytesMut;
    pub use serde;

    pub use crate::types::default_literal::{check_default, variant_label, Literal};

    pub type BoxError = std::boxed::Box<dyn std::error::Error + Sync + Send>;

    pub const fn assert_text_column<T: crate::types::overrides::TextColumn>() {}
    pub const fn assert_decimal_column<T: crate::types::overrides::DecimalColumn>() {}
    pub const fn assert_timestamp_column<T: crate::types::overrides::TimestampColumn>() {}
    pub const fn assert_identity_column<T: crate::types::overrides::IdentityColumn>() {}
    pub const fn assert_updated_at_column<T: crate::types::overrides::UpdatedAtColumn>() {}
}
