//! The traits a model implements, and the typed column handles they expose.

use crate::model::spec::ModelSpec;
use crate::model::{EnumDef, Extension, Function, Schema, TableDef};
use std::fmt;
use std::marker::PhantomData;

/// A model struct mapped to a table. Implemented by `#[derive(Table)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a table model",
    note = "add `#[derive(Table)]` to `{Self}`"
)]
pub trait Table: crate::validate::Rules + 'static {
    /// The PostgreSQL schema the table lives in (`public` unless `#[table(schema = "...")]`).
    const SCHEMA: &'static str;
    /// The table name (`#[table(name = "...")]`, else the snake_case plural of the struct name).
    const NAME: &'static str;
    /// A struct with one [`Column`] handle per field, named like the fields.
    type Columns: 'static;
    /// The column handles: `<File as Table>::COLUMNS.user_id`, also reachable as `File::COLUMNS`.
    const COLUMNS: Self::Columns;

    /// The table as the derive wrote it: static data that [`Table::table_def`] builds from.
    #[doc(hidden)]
    const SPEC: &'static ModelSpec;

    /// The full table definition, built once.
    fn table_def() -> &'static TableDef;

    /// Whether the model is a view's row struct (`#[derive(View)]`), which
    /// [`Schema::view`](crate::Schema::view) registers, not [`Schema::table`].
    #[doc(hidden)]
    const __VIEW: bool = false;

    /// The enum types the table's columns use, so a [`crate::Schema`] collects them itself.
    fn enums() -> Vec<EnumDef> {
        Self::SPEC.enums()
    }

    /// The extensions the table's column types come from ([`PgType::extension`]), so a
    /// [`crate::Schema`] declares them itself.
    ///
    /// [`PgType::extension`]: crate::PgType::extension
    fn extensions() -> Vec<Extension> {
        Self::SPEC.extensions()
    }

    /// The functions the table's triggers execute that the model declares (a touched
    /// column's), so a [`crate::Schema`] declares them itself.
    fn functions() -> Vec<Function> {
        Self::SPEC.functions()
    }
}

/// A typed handle on one column: `T` is the model, `R` the field's Rust type.
///
/// It names the column for sea-query (`Expr::col(File::COLUMNS.user_id)`), and it is how
/// `#[column(references(Folder::id))]` is checked at compile time: a missing field is a
/// missing field of `Folder`'s columns struct, and the types must agree.
pub struct Column<T, R> {
    name: &'static str,
    marker: PhantomData<fn() -> (T, R)>,
}

impl<T, R> Column<T, R> {
    #[doc(hidden)]
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            marker: PhantomData,
        }
    }

    /// The column's SQL name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The column's SQL name, if a foreign-key field of type `F` may reference this column.
    ///
    /// A method and not a free function: the receiver fixes `R` before the bound is checked,
    /// so a mismatch is reported as an unmet [`References`] bound (with its note) rather than
    /// as "mismatched types" after `R` was inferred from `F`.
    #[doc(hidden)]
    pub const fn __referenced_by<F: References<R>>(&self) -> &'static str {
        self.name
    }
}

impl<T, R> Clone for Column<T, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, R> Copy for Column<T, R> {}

impl<T, R> fmt::Debug for Column<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Column({})", self.name)
    }
}

impl<T: 'static, R: 'static> sea_query::Iden for Column<T, R> {
    fn unquoted(&self) -> &str {
        self.name
    }
}

/// A foreign-key column of Rust type `Self` may reference a column of type `R`: the same type,
/// or its `Option` (a nullable reference).
#[diagnostic::on_unimplemented(
    message = "foreign key type mismatch: a field of type `{Self}` cannot reference a column of type `{R}`",
    label = "this column is `{R}`",
    note = "a foreign-key field must have the referenced field's type, or `Option` of it: change the field to `{R}`"
)]
pub trait References<R> {}

impl<T> References<T> for T {}
impl<T> References<T> for Option<T> {}

/// Registering models: here rather than in `model`, which describes the database and knows no
/// Rust model.
impl Schema {
    /// Registers the table of model `T`, its validation rules and the enums its columns use.
    pub fn table<T: Table>(mut self) -> Self {
        const {
            assert!(
                !T::__VIEW,
                "a view's row struct is registered with `Schema::view::<..>()`, not `Schema::table`"
            )
        };
        self.add_table(T::table_def().clone());
        self.add_rules(T::rules());
        for e in T::enums() {
            self.add_enum(e);
        }
        for e in T::extensions() {
            self.add_extension(e);
        }
        for d in T::SPEC.domains() {
            self.add_domain(d);
        }
        for f in T::functions() {
            self.add_function(f);
        }
        self
    }

    /// Adds a partition to the partitioned table of model `T` (`#[table(partition_by = "..")]`),
    /// registering the model first if it is not yet:
    /// `.partition::<Event>(Partition::range("events_2026", ["'2026-01-01'"], ["'2027-01-01'"]))`.
    pub fn partition<T: Table>(mut self, partition: crate::model::Partition) -> Self {
        let name = T::table_def().qualified_name();
        if !self.add_partition(&name, partition.clone()) {
            self = self.table::<T>();
            self.add_partition(&name, partition);
        }
        self
    }

    /// Adds `trigger` to the table of model `T`, registering the model first if it is not
    /// yet. The function it executes is declared with [`Schema::function`].
    pub fn trigger<T: Table>(mut self, trigger: crate::model::Trigger) -> Self {
        let name = T::table_def().qualified_name();
        if !self.add_trigger(&name, trigger.clone()) {
            self = self.table::<T>();
            self.add_trigger(&name, trigger);
        }
        self
    }
}
