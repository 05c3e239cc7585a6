//! The typed operations of a migration, one file per kind of object: each kind's file holds
//! its operations and all that is known of them (statements, hazards, refusals,
//! dependencies), so that adding an operation or a kind touches one place. The SQL text itself
//! is written by [`crate::render::alter`].

use super::deps::Deps;
use super::error::Refusal;
use super::hazard::Hazard;
use crate::model::{ColumnDefault, QualifiedName};

mod column;
mod constraint;
mod domain;
mod enum_type;
mod extension;
mod function;
mod grant;
mod index;
mod partition;
mod policy;
mod raw;
mod role;
mod schema;
mod sequence;
mod table;
mod trigger;
mod view;

pub use column::ColumnOp;
pub use constraint::ConstraintOp;
pub use domain::DomainOp;
pub use enum_type::EnumOp;
pub use extension::ExtensionOp;
pub use function::FunctionOp;
pub use grant::GrantOp;
pub use index::IndexOp;
pub use partition::PartitionOp;
pub use policy::PolicyOp;
pub use raw::RawOp;
pub use role::RoleOp;
pub use schema::SchemaOp;
pub use sequence::SequenceOp;
pub use table::TableOp;
pub use trigger::TriggerOp;
pub use view::{ViewOp, ViewReads};

/// One step of a migration. Table and column names are those the object has when the step
/// runs: after the renames that precede it in the [`Plan`](super::Plan).
///
/// A table created or dropped is borrowed from the schema it comes from where it can be taken
/// as it is (`'a`): a first migration creates every table, and copying each one into its step
/// was a visible part of writing it. [`Op::into_owned`] copies what is borrowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op<'a> {
    /// On an extension.
    Extension(ExtensionOp),
    /// On a PostgreSQL schema (namespace).
    Schema(SchemaOp),
    /// On an enum type.
    Enum(EnumOp),
    /// On a domain.
    Domain(DomainOp),
    /// On a sequence.
    Sequence(SequenceOp),
    /// On a function.
    Function(FunctionOp),
    /// On an object declared by its SQL.
    Raw(RawOp),
    /// On a table as a whole.
    Table(TableOp<'a>),
    /// On one column.
    Column(ColumnOp),
    /// On one constraint of a table that stays.
    Constraint(ConstraintOp),
    /// On one index.
    Index(IndexOp),
    /// On one trigger of a table.
    Trigger(TriggerOp),
    /// On the row-level security of a table.
    Policy(PolicyOp),
    /// On a view or materialized view.
    View(ViewOp),
    /// On a partition of a table.
    Partition(PartitionOp),
    /// On a role.
    Role(RoleOp),
    /// On the privileges of a role.
    Grant(GrantOp),
}

/// What each kind of operation knows of itself. The defaults are those of an operation that
/// only changes the catalog: it loses nothing, reads no SQL text, holds its lock briefly and
/// runs in a transaction.
pub(in crate::diff) trait Operation {
    /// The statements of the operation, in order, without trailing `;`.
    fn statements(&self) -> Vec<String>;

    /// The hazards of the operation, in the order they are printed.
    fn hazards(&self) -> Vec<Hazard> {
        Vec::new()
    }

    /// What the operation loses, or the data it fails on: planned only with
    /// `allow_destructive`.
    fn refusals(&self) -> Vec<Refusal> {
        Vec::new()
    }

    /// What the operation creates, drops, requires and releases.
    fn add_deps<'b>(&'b self, d: &mut Deps<'b>);

    /// SQL text of the operation that may name an enum label: checks, index predicates, SQL
    /// defaults.
    fn expressions(&self) -> Vec<&str> {
        Vec::new()
    }

    /// A statement of the operation may run for a time that grows with the table
    /// ([`Op::may_run_long`]).
    fn may_run_long(&self) -> bool {
        false
    }

    /// The statement must run outside any transaction block.
    fn runs_outside_transaction(&self) -> bool {
        false
    }
}

/// `$body` for the operation of whichever kind `$op` holds, bound to `$kind`.
macro_rules! each_kind {
    ($op:expr, $kind:ident => $body:expr) => {
        match $op {
            Op::Extension($kind) => $body,
            Op::Schema($kind) => $body,
            Op::Enum($kind) => $body,
            Op::Domain($kind) => $body,
            Op::Sequence($kind) => $body,
            Op::Function($kind) => $body,
            Op::Raw($kind) => $body,
            Op::Table($kind) => $body,
            Op::Column($kind) => $body,
            Op::Constraint($kind) => $body,
            Op::Index($kind) => $body,
            Op::Trigger($kind) => $body,
            Op::Policy($kind) => $body,
            Op::View($kind) => $body,
            Op::Partition($kind) => $body,
            Op::Role($kind) => $body,
            Op::Grant($kind) => $body,
        }
    };
}

impl Op<'_> {
    /// The same step, owning what it borrowed.
    pub fn into_owned(self) -> Op<'static> {
        match self {
            Op::Table(op) => Op::Table(op.into_owned()),
            // Every other kind owns its data.
            Op::Extension(op) => Op::Extension(op),
            Op::Schema(op) => Op::Schema(op),
            Op::Enum(op) => Op::Enum(op),
            Op::Domain(op) => Op::Domain(op),
            Op::Sequence(op) => Op::Sequence(op),
            Op::Column(op) => Op::Column(op),
            Op::Constraint(op) => Op::Constraint(op),
            Op::Index(op) => Op::Index(op),
            Op::Function(op) => Op::Function(op),
            Op::Raw(op) => Op::Raw(op),
            Op::Trigger(op) => Op::Trigger(op),
            Op::Policy(op) => Op::Policy(op),
            Op::View(op) => Op::View(op),
            Op::Partition(op) => Op::Partition(op),
            Op::Role(op) => Op::Role(op),
            Op::Grant(op) => Op::Grant(op),
        }
    }

    /// The statements of the operation, in order, without trailing `;`.
    pub(in crate::diff) fn statements(&self) -> Vec<String> {
        each_kind!(self, op => op.statements())
    }

    /// The hazards of the operation, in the order they are printed.
    pub fn hazards(&self) -> Vec<Hazard> {
        each_kind!(self, op => op.hazards())
    }

    /// The refusals of the operation: what it loses, or the data it fails on, which the diff
    /// plans only with `allow_destructive` (a down migration always has it). A table or column
    /// dropped, a type narrowed, `SET NOT NULL` with no default to fill NULLs with, enum labels
    /// removed.
    pub(in crate::diff) fn refusals(&self) -> Vec<Refusal> {
        each_kind!(self, op => op.refusals())
    }

    /// What the operation creates, drops, requires and releases.
    pub(in crate::diff) fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        each_kind!(self, op => op.add_deps(d))
    }

    /// SQL text of the operation that may name an enum label: checks, index predicates, SQL
    /// defaults.
    pub(in crate::diff) fn expressions(&self) -> Vec<&str> {
        each_kind!(self, op => op.expressions())
    }

    /// A statement of the operation may run for a time that grows with the table: an index
    /// build, a validation scan, a table rewrite, a backfill `UPDATE`, a table drop (the
    /// table's files are removed). Its segment gets the long `statement_timeout`
    /// ([`crate::diff::timeouts`]); the others only change the catalog once they hold their
    /// lock. The same operations carry an `index-build`, `table-rewrite` or scan hazard.
    pub fn may_run_long(&self) -> bool {
        each_kind!(self, op => op.may_run_long())
    }

    /// The statement must run outside any transaction block.
    pub fn runs_outside_transaction(&self) -> bool {
        each_kind!(self, op => op.runs_outside_transaction())
    }
}

impl<'a> From<ExtensionOp> for Op<'a> {
    fn from(op: ExtensionOp) -> Self {
        Op::Extension(op)
    }
}

impl<'a> From<SchemaOp> for Op<'a> {
    fn from(op: SchemaOp) -> Self {
        Op::Schema(op)
    }
}

impl<'a> From<EnumOp> for Op<'a> {
    fn from(op: EnumOp) -> Self {
        Op::Enum(op)
    }
}

impl<'a> From<DomainOp> for Op<'a> {
    fn from(op: DomainOp) -> Self {
        Op::Domain(op)
    }
}

impl<'a> From<SequenceOp> for Op<'a> {
    fn from(op: SequenceOp) -> Self {
        Op::Sequence(op)
    }
}

impl<'a> From<RawOp> for Op<'a> {
    fn from(op: RawOp) -> Self {
        Op::Raw(op)
    }
}

impl<'a> From<FunctionOp> for Op<'a> {
    fn from(op: FunctionOp) -> Self {
        Op::Function(op)
    }
}

impl<'a> From<PolicyOp> for Op<'a> {
    fn from(op: PolicyOp) -> Self {
        Op::Policy(op)
    }
}

impl<'a> From<PartitionOp> for Op<'a> {
    fn from(op: PartitionOp) -> Self {
        Op::Partition(op)
    }
}

impl<'a> From<RoleOp> for Op<'a> {
    fn from(op: RoleOp) -> Self {
        Op::Role(op)
    }
}

impl<'a> From<GrantOp> for Op<'a> {
    fn from(op: GrantOp) -> Self {
        Op::Grant(op)
    }
}

impl<'a> From<ViewOp> for Op<'a> {
    fn from(op: ViewOp) -> Self {
        Op::View(op)
    }
}

impl<'a> From<TriggerOp> for Op<'a> {
    fn from(op: TriggerOp) -> Self {
        Op::Trigger(op)
    }
}

impl<'a> From<TableOp<'a>> for Op<'a> {
    fn from(op: TableOp<'a>) -> Self {
        Op::Table(op)
    }
}

impl<'a> From<ColumnOp> for Op<'a> {
    fn from(op: ColumnOp) -> Self {
        Op::Column(op)
    }
}

impl<'a> From<ConstraintOp> for Op<'a> {
    fn from(op: ConstraintOp) -> Self {
        Op::Constraint(op)
    }
}

impl<'a> From<IndexOp> for Op<'a> {
    fn from(op: IndexOp) -> Self {
        Op::Index(op)
    }
}

/// The name of the temporary check behind a safe `SET NOT NULL` of `column`: at most 63 bytes,
/// which PostgreSQL would otherwise truncate.
pub(super) fn not_null_check_name(table: &QualifiedName, column: &str) -> String {
    const MAX_IDENT_BYTES: usize = 63;
    let mut name = format!("{}_{column}_not_null", table.name);
    if name.len() > MAX_IDENT_BYTES {
        let mut cut = MAX_IDENT_BYTES;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
    }
    name
}

/// A default written as SQL, which may name an enum label.
fn sql_default(default: Option<&ColumnDefault>) -> Option<&str> {
    match default {
        Some(ColumnDefault::Sql(sql)) => Some(sql.as_str()),
        _ => None,
    }
}

/// Where `ALTER TYPE ... ADD VALUE` puts the new label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValuePosition {
    /// After every existing label (no clause).
    Last,
    /// `BEFORE 'label'`
    Before(String),
    /// `AFTER 'label'`
    After(String),
}

/// A column converted by [`EnumOp::Rebuild`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumColumn {
    /// The table.
    pub table: QualifiedName,
    /// The column.
    pub column: String,
    /// The column is an array of the enum.
    pub array: bool,
    /// The column has a default, typed with the old enum, so it is dropped before the
    /// conversion.
    pub had_default: bool,
    /// The default to restore after the conversion, when it stays.
    pub default: Option<ColumnDefault>,
}
