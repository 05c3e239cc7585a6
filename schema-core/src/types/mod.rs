//! Rust type → PostgreSQL column type, through the [`PgType`] trait.
//!
//! The derive never looks at a field's type name: it asks `<FieldType as PgType>`, so type
//! aliases, paths and user types resolve like any other trait lookup.

pub(crate) mod default_literal;
mod json;
pub(crate) mod overrides;
mod std_types;

pub use default_literal::DefaultLiteral;
pub use json::Json;

use crate::model::{DomainDef, EnumDef, Extension, SqlType};

/// A Rust type that is stored in one PostgreSQL column.
///
/// Implement it for a newtype to use the newtype as a field; every implementation should also
/// implement `postgres_types::{ToSql, FromSql}` so the same struct reads and writes rows.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no PostgreSQL column type",
    label = "no PostgreSQL type is known for this field",
    note = "derive `PgEnum` for a fieldless enum, store a serde type as `schema_core::Json<{Self}>` (a `jsonb` column), implement `schema_core::PgType` for `{Self}`, or give the column an explicit type with `#[column(type = \"...\")]`"
)]
pub trait PgType {
    /// `Option<T>` is nullable; everything else is `NOT NULL`.
    const NULLABLE: bool = false;

    /// The literals `#[column(default = ..)]` may give this type's column, checked at compile
    /// time on the literal. A type that does not say is not checked; a newtype can forward
    /// its inner type's rule: `const DEFAULT_LITERAL: DefaultLiteral = <i32 as PgType>::DEFAULT_LITERAL;`.
    const DEFAULT_LITERAL: DefaultLiteral = DefaultLiteral::Any;

    /// The column type.
    fn sql_type() -> SqlType;

    /// The enum type behind this type, if any, so schemas collect enums from columns.
    fn enum_def() -> Option<EnumDef> {
        None
    }

    /// The extension the type comes from (`citext`, `vector`), if any, so schemas declare it
    /// from the columns that use it: a newtype over `String` whose `sql_type` is
    /// `SqlType::Custom { sql: "citext".into() }` returns `Some(Extension::new("citext"))`.
    fn extension() -> Option<Extension> {
        None
    }

    /// The domain this type is (`#[derive(PgDomain)]`), if any, so schemas collect domains
    /// from columns.
    fn domain_def() -> Option<DomainDef> {
        None
    }

    /// Adds the issues of the value by its domain's rules, if its type is a domain's: what
    /// `#[derive(Table)]` runs for a field whose type may be one.
    #[doc(hidden)]
    fn __validate_domain(
        &self,
        _path: &crate::validate::Path,
        _issues: &mut Vec<crate::validate::Issue>,
    ) {
    }

    /// All of the above as data, which is what `#[derive(Table)]` writes per column.
    #[doc(hidden)]
    const __TYPE: crate::model::spec::TypeSpec = crate::model::spec::TypeSpec {
        sql_type: Self::sql_type,
        enum_def: Self::enum_def,
        extension: Self::extension,
        domain: Self::domain_def,
        nullable: Self::NULLABLE,
    };
}

impl<T: PgType> PgType for Option<T> {
    const NULLABLE: bool = true;
    const DEFAULT_LITERAL: DefaultLiteral = T::DEFAULT_LITERAL;

    fn sql_type() -> SqlType {
        T::sql_type()
    }

    fn enum_def() -> Option<EnumDef> {
        T::enum_def()
    }

    fn extension() -> Option<Extension> {
        T::extension()
    }

    fn domain_def() -> Option<DomainDef> {
        T::domain_def()
    }

    fn __validate_domain(
        &self,
        path: &crate::validate::Path,
        issues: &mut Vec<crate::validate::Issue>,
    ) {
        if let Some(value) = self {
            value.__validate_domain(path, issues);
        }
    }
}

/// Arrays of any mapped type; `Vec<u8>` is the exception and maps to `bytea`
/// (`u8` itself has no PostgreSQL type, so the two impls cannot overlap).
impl<T: PgType> PgType for Vec<T> {
    /// An array literal: `default = "{}"`.
    const DEFAULT_LITERAL: DefaultLiteral = DefaultLiteral::Text;

    fn sql_type() -> SqlType {
        SqlType::array_of(T::sql_type())
    }

    fn enum_def() -> Option<EnumDef> {
        T::enum_def()
    }

    fn domain_def() -> Option<DomainDef> {
        T::domain_def()
    }

    fn __validate_domain(
        &self,
        path: &crate::validate::Path,
        issues: &mut Vec<crate::validate::Issue>,
    ) {
        for (index, item) in self.iter().enumerate() {
            item.__validate_domain(&path.index(index), issues);
        }
    }
}

impl PgType for Vec<u8> {
    /// A `bytea` literal: `default = "\\x00"`.
    const DEFAULT_LITERAL: DefaultLiteral = DefaultLiteral::Text;

    fn sql_type() -> SqlType {
        SqlType::Bytea
    }
}

/// Autoref specialization again: `(&&DomainProbe(&value)).domain(..)` checks the value by its
/// domain's rules when its type has a [`crate::PgType`], and does nothing otherwise, so a field
/// of a type without one is reported once, by the column's own type lookup.
#[doc(hidden)]
pub mod __domain_probe {
    use crate::validate::{Issue, Path};

    pub struct DomainProbe<'a, T: ?Sized>(pub &'a T);

    pub trait Specific {
        fn domain(&self, path: &Path, issues: &mut Vec<Issue>);
    }

    impl<T: crate::PgType> Specific for &DomainProbe<'_, T> {
        fn domain(&self, path: &Path, issues: &mut Vec<Issue>) {
            self.0.__validate_domain(path, issues);
        }
    }

    pub trait Fallback {
        fn domain(&self, _path: &Path, _issues: &mut Vec<Issue>) {}
    }

    impl<T: ?Sized> Fallback for DomainProbe<'_, T> {}
}
