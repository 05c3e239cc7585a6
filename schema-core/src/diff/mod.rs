//! The migration diff engine: what changed between two schemas, as typed operations in an
//! order PostgreSQL accepts, and the SQL script that performs them.
//!
//! ```
//! use schema_core::diff::{diff, DiffOptions};
//! use schema_core::model::{ColumnDef, SqlType};
//! use schema_core::{Schema, TableDef};
//!
//! let mut users = TableDef::new("public", "users");
//! users.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
//! let mut before = Schema::new();
//! before.add_table(users.clone());
//!
//! users.columns.push(ColumnDef::new("email", SqlType::Text, true));
//! let mut after = Schema::new();
//! after.add_table(users);
//!
//! let up = diff(&before, &after, &DiffOptions::default()).unwrap();
//! assert_eq!(
//!     up.to_sql(),
//!     "SET lock_timeout = '5s';\nSET statement_timeout = '1min';\n\n\
//!      ALTER TABLE \"public\".\"users\" ADD COLUMN \"email\" text;\n"
//! );
//! // The down migration is the diff the other way; it drops a column, which must be confirmed.
//! assert!(diff(&after, &before, &DiffOptions::default()).is_err());
//! let down = diff(&after, &before, &DiffOptions { allow_destructive: true }).unwrap();
//! assert!(down.to_sql().contains("DROP COLUMN \"email\""));
//! ```
//!
//! How it works: both schemas are put in [canonical](crate::model::canonical) form; declared
//! renames (`renamed_from` hints, read in both directions) are applied to the old one; the two
//! are then compared by name, object kind by object kind, into operations ([`Op`]); the
//! operations that lose data give [`Refusal`]s, decided with their hazards in [`hazard`];
//! finally the operations are ordered by their
//! dependencies, and [`Plan::to_sql`] writes the script ([`script`] describes its format),
//! each segment starting with its [`timeouts`].
//!
//! Limits: PostgreSQL appends added columns, so a column added (or re-added by a down
//! migration) lands last whatever its position in the model; check expressions, index
//! predicates and index key expressions are compared as text, so one that names a renamed
//! column is dropped and added again; an index that changes in anything but its name is
//! dropped before it is built again, so queries go without it for the time of the build; a label added to an enum counts as used in the same migration when a column default
//! names it or a check, predicate or SQL default contains it as a quoted literal (any other
//! use is not seen); a check or partial-index predicate counts as naming a rebuilt enum when it
//! casts to it as text (`::status`), and is then dropped and re-created around the rebuild;
//! enum types are never renamed (an index or constraint is renamed when only
//! its name changed).

mod changes;
mod compare;
mod compare_access;
mod compare_partitions;
mod compare_views;
mod ddl;
mod deps;
mod error;
pub mod hazard;
mod op;
mod order;
mod plan;
mod plan_deps;
mod possible_rename;
mod rename;
pub mod script;
mod table_changes;
pub mod timeouts;
mod type_change;

pub use ddl::{create_schema_ddl, drop_schema_ddl};
pub use error::{DiffError, Refusal};
pub use hazard::{Hazard, HazardKind};
pub use op::{
    ColumnOp, ConstraintOp, EnumColumn, EnumOp, ExtensionOp, FunctionOp, GrantOp, IndexOp, Op,
    PartitionOp, RoleOp, SchemaOp, TableOp, TriggerOp, ValuePosition, ViewOp, ViewReads,
};
pub use plan::{Plan, Step};
pub use possible_rename::PossibleRename;
pub use timeouts::{InvalidTimeout, Timeout, Timeouts};

use crate::model::{canonical_keeping_hints, has_hints, Schema};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// How [`diff`] treats changes that lose data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Plan destructive changes (drop of a table, column or enum value; narrowing type
    /// change; `SET NOT NULL` with no default) instead of refusing them. `--allow-destructive`
    /// on the command line.
    pub allow_destructive: bool,
}

/// The migration from `from` to `to`.
///
/// Equal schemas (in canonical form, hints aside) give an empty plan. A destructive change is
/// refused with [`DiffError::Refused`], which lists every such change, unless
/// `options.allow_destructive` is set. The down migration of a plan is
/// `diff(to, from, &DiffOptions { allow_destructive: true })`: rename hints work in both
/// directions.
pub fn diff(from: &Schema, to: &Schema, options: &DiffOptions) -> Result<Plan<'static>, DiffError> {
    let old = canonical_keeping_hints(from);
    let new = canonical_keeping_hints(to);
    diff_canonical(Cow::Owned(old), &new, options).map(Plan::into_owned)
}

/// [`diff`] of two schemas already in [`canonical_keeping_hints`] form: `migrate-gen` puts
/// each side in that form once for the up and the down migration. `old` is copied only when
/// a rename hint (on either side) rewrites it.
///
/// The plan borrows the tables it creates from `new` and those it drops from `old` when `old`
/// is borrowed and no rename rewrites it; otherwise it owns copies.
pub(crate) fn diff_canonical<'a>(
    old: Cow<'a, Schema>,
    new: &'a Schema,
    options: &DiffOptions,
) -> Result<Plan<'a>, DiffError> {
    diff_canonical_as(old, new, options, Direction::Up)
}

/// Which way a plan goes: a down file restores what its up migration removed, which its
/// steps' hazards say.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// [`diff_canonical`], planned as an up or a down migration.
fn diff_canonical_as<'a>(
    old: Cow<'a, Schema>,
    new: &'a Schema,
    options: &DiffOptions,
    direction: Direction,
) -> Result<Plan<'a>, DiffError> {
    // Before the renames: a table moved out of a schema does not keep it alive.
    let old_namespaces: BTreeSet<String> =
        old.namespaces().into_iter().map(str::to_owned).collect();
    // Without a hint on either side there is nothing to rename, and nothing to copy.
    if has_hints(&old) || has_hints(new) {
        let mut old = old.into_owned();
        let renames = rename::apply_renames(&mut old, new);
        return plan(&old_namespaces, &old, new, renames, options, direction).map(Plan::into_owned);
    }
    match old {
        Cow::Borrowed(old) => plan(&old_namespaces, old, new, Vec::new(), options, direction),
        Cow::Owned(old) => {
            plan(&old_namespaces, &old, new, Vec::new(), options, direction).map(Plan::into_owned)
        }
    }
}

/// The plan from `old` (renames applied, `renames` their operations) to `new`, refused when it
/// loses data without `options` allowing it.
fn plan<'a>(
    old_namespaces: &BTreeSet<String>,
    old: &'a Schema,
    new: &'a Schema,
    renames: Vec<Op<'static>>,
    options: &DiffOptions,
    direction: Direction,
) -> Result<Plan<'a>, DiffError> {
    let (mut ops, unsupported) = compare_canonical(old_namespaces, old, new, renames);
    if !unsupported.is_empty() {
        return Err(DiffError::Unsupported {
            changes: unsupported,
        });
    }
    // Decided only when they would refuse the plan: a down migration drops every table a first
    // migration made, and each refusal is a sentence.
    let refusals: Vec<Refusal> = if options.allow_destructive {
        Vec::new()
    } else {
        ops.iter().flat_map(Op::refusals).collect()
    };
    if !refusals.is_empty() {
        return Err(DiffError::Refused {
            refusals,
            renames: possible_rename::possible_renames(old, new),
        });
    }
    if direction == Direction::Down {
        ops.retain(|op| !compare_access::is_role_drop(op));
        for op in &mut ops {
            if let Op::Column(ColumnOp::Add { restored, .. })
            | Op::Table(TableOp::Create { restored, .. })
            | Op::Column(ColumnOp::AlterType { restored, .. }) = op
            {
                *restored = true;
            }
        }
    }
    Ok(Plan::new(order::order(ops)))
}

/// The operations from `old` to `new` in generation order, and the changes no migration
/// writes.
fn compare_canonical<'a>(
    old_namespaces: &BTreeSet<String>,
    old: &'a Schema,
    new: &'a Schema,
    renames: Vec<Op<'static>>,
) -> (Vec<Op<'a>>, Vec<String>) {
    let mut changes = compare::compare(old_namespaces, old, new, renames);
    let unsupported = std::mem::take(&mut changes.unsupported);
    let mut ops = changes.into_ops();
    compare_partitions::adapt_to_partitioned(old, new, &mut ops);
    (ops, unsupported)
}

/// The migration that creates `to` in an empty database: `diff(&Schema::new(), to, ..)`, the
/// first migration of a folder. Nothing exists yet, so nothing is lost and nothing refused;
/// every table is new, so its foreign keys need no validation and its indexes no
/// `CONCURRENTLY`.
pub fn diff_from_empty(to: &Schema) -> Plan<'static> {
    let (empty, to) = (Schema::new(), canonical_keeping_hints(to));
    // Nothing exists, so nothing is changed in a way no migration writes.
    let (ops, _) = compare_canonical(&BTreeSet::new(), &empty, &to, Vec::new());
    Plan::new(order::order(ops)).into_owned()
}

/// The migration that drops everything of `from`: [`diff_down`]`(from, &Schema::new())`, the
/// down file of the first migration. Every drop is destructive; undoing the first migration is
/// the point, so, as for every down file, nothing is refused. Roles are kept, as by every down
/// file: they belong to the cluster.
pub fn diff_to_empty(from: &Schema) -> Plan<'static> {
    let (from, empty) = (canonical_keeping_hints(from), Schema::new());
    let namespaces: BTreeSet<String> = from.namespaces().into_iter().map(str::to_owned).collect();
    let (mut ops, _) = compare_canonical(&namespaces, &from, &empty, Vec::new());
    ops.retain(|op| !compare_access::is_role_drop(op));
    Plan::new(order::order(ops)).into_owned()
}

/// The migration from `from` back to `to`, as the down file of the up migration
/// `diff(to, from, ..)`: destructive changes allowed, since undoing the up migration is the
/// point. A column or table the up migration dropped comes back empty, and
/// a type change that rounded or cut values goes back without them: those operations carry a
/// hazard saying so.
pub fn diff_down(from: &Schema, to: &Schema) -> Result<Plan<'static>, DiffError> {
    let old = canonical_keeping_hints(from);
    let new = canonical_keeping_hints(to);
    diff_down_canonical(Cow::Owned(old), &new).map(Plan::into_owned)
}

/// [`diff_down`] of two schemas already in [`canonical_keeping_hints`] form, as
/// [`diff_canonical`].
pub(crate) fn diff_down_canonical<'a>(
    from: Cow<'a, Schema>,
    to: &'a Schema,
) -> Result<Plan<'a>, DiffError> {
    diff_canonical_as(
        from,
        to,
        &DiffOptions {
            allow_destructive: true,
        },
        Direction::Down,
    )
}

/// The position of table `name` in `schema`, whose tables are in qualified-name order (as
/// [`canonical`](crate::model::canonical) leaves them): a binary search, so that diffing
/// thousands of tables stays fast.
fn table_position(schema: &Schema, name: &crate::model::QualifiedName) -> Option<usize> {
    schema
        .tables
        .binary_search_by(|t| {
            (t.schema.as_str(), t.name.as_str()).cmp(&(name.schema.as_str(), name.name.as_str()))
        })
        .ok()
}

/// The table `name` of `schema` (tables in qualified-name order).
fn find_table<'a>(
    schema: &'a Schema,
    name: &crate::model::QualifiedName,
) -> Option<&'a crate::model::TableDef> {
    table_position(schema, name).map(|i| &schema.tables[i])
}

#[cfg(test)]
mod tests;
