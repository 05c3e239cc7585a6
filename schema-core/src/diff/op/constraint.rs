//! Constraints of a table that stays: keys, foreign keys, checks and exclusion constraints
//! added, dropped, renamed, validated.

use super::Operation;
use crate::diff::deps::{constraint, key, qn, relation, words, Deps, Res};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{
    CheckConstraint, Deferrable, ExclusionConstraint, ForeignKey, PrimaryKey, QualifiedName,
    UniqueConstraint,
};
use crate::render::alter;
use std::borrow::Cow;

/// An operation on one constraint of a table that stays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstraintOp {
    /// `ALTER TABLE ... VALIDATE CONSTRAINT` of a constraint added `NOT VALID`: it scans the
    /// table without blocking reads and writes, and runs in a transaction of its own (outside
    /// the migration's transaction), since validating in the transaction that added the
    /// constraint would keep the add's lock for the whole scan.
    Validate {
        /// The table.
        table: QualifiedName,
        /// The constraint.
        name: String,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY`
    AddPrimaryKey {
        /// The table.
        table: QualifiedName,
        /// The key.
        key: PrimaryKey,
        /// `... PRIMARY KEY USING INDEX`, of a unique index of the key's name built before
        /// by a concurrent [`IndexOp::Create`](super::IndexOp::Create), so that writes are not blocked while it builds.
        using_index: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of the primary key.
    DropPrimaryKey {
        /// The table.
        table: QualifiedName,
        /// The key as it was.
        key: PrimaryKey,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE`
    AddUnique {
        /// The table.
        table: QualifiedName,
        /// The constraint.
        unique: UniqueConstraint,
        /// `... UNIQUE USING INDEX`, of a unique index of the constraint's name built before
        /// by a concurrent [`IndexOp::Create`](super::IndexOp::Create).
        using_index: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of a unique constraint.
    DropUnique {
        /// The table.
        table: QualifiedName,
        /// The constraint as it was.
        unique: UniqueConstraint,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`; on a table that already exists it is
    /// added `NOT VALID`, and a [`ConstraintOp::Validate`](super::ConstraintOp::Validate) follows. Without `NOT VALID` only
    /// on a table created by the same plan (a key that closes a cycle of new tables), which
    /// is empty: there is nothing to validate.
    AddForeignKey {
        /// The referencing table.
        table: QualifiedName,
        /// The key.
        fk: ForeignKey,
        /// `NOT VALID`: existing rows are not checked here.
        not_valid: bool,
        /// On a partitioned table that exists, which refuses `NOT VALID`: every row of every
        /// partition is checked while it is added.
        partitioned: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of a foreign key.
    DropForeignKey {
        /// The referencing table.
        table: QualifiedName,
        /// The key as it was.
        fk: ForeignKey,
    },
    /// `ALTER TABLE ... ALTER CONSTRAINT ... [NOT] DEFERRABLE ...` of a foreign key: when it is
    /// checked changes, without a scan or a window without the key.
    AlterForeignKeyDeferral {
        /// The referencing table.
        table: QualifiedName,
        /// The key's name.
        name: String,
        /// When it is checked from now on.
        deferrable: Deferrable,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... CHECK`; `NOT VALID` on existing tables, followed by
    /// a [`ConstraintOp::Validate`](super::ConstraintOp::Validate).
    AddCheck {
        /// The table.
        table: QualifiedName,
        /// The constraint.
        check: CheckConstraint,
        /// `NOT VALID`: existing rows are not checked here.
        not_valid: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of a check constraint.
    DropCheck {
        /// The table.
        table: QualifiedName,
        /// The constraint as it was.
        check: CheckConstraint,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... EXCLUDE`: its index is built under an
    /// `ACCESS EXCLUSIVE` lock (PostgreSQL has no `NOT VALID` or `USING INDEX` for it).
    AddExclusion {
        /// The table.
        table: QualifiedName,
        /// The constraint.
        exclusion: ExclusionConstraint,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of an exclusion constraint, with its index.
    DropExclusion {
        /// The table.
        table: QualifiedName,
        /// The constraint as it was.
        exclusion: ExclusionConstraint,
    },
    /// `ALTER TABLE ... RENAME CONSTRAINT` (a key's index is renamed with it).
    Rename {
        /// The table.
        table: QualifiedName,
        /// The current name.
        from: String,
        /// The new name.
        to: String,
        /// The constraint has an index of the same name (primary key, unique).
        has_index: bool,
    },
}

impl Operation for ConstraintOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Validate { table, name } => {
                vec![alter::validate_constraint(table, name)]
            }
            Self::AddPrimaryKey {
                table,
                key,
                using_index,
            } => vec![alter::add_primary_key(table, key, *using_index)],
            Self::DropPrimaryKey { table, key } => vec![alter::drop_constraint(table, &key.name)],
            Self::AddUnique {
                table,
                unique,
                using_index,
            } => vec![alter::add_unique(table, unique, *using_index)],
            Self::DropUnique { table, unique } => vec![alter::drop_constraint(table, &unique.name)],
            Self::AddForeignKey {
                table,
                fk,
                not_valid,
                ..
            } => {
                vec![alter::add_foreign_key(table, fk, *not_valid)]
            }
            Self::DropForeignKey { table, fk } => vec![alter::drop_constraint(table, &fk.name)],
            Self::AlterForeignKeyDeferral {
                table,
                name,
                deferrable,
            } => vec![alter::alter_constraint_deferral(table, name, *deferrable)],
            Self::AddCheck {
                table,
                check,
                not_valid,
            } => {
                vec![alter::add_check(table, check, *not_valid)]
            }
            Self::DropCheck { table, check } => vec![alter::drop_constraint(table, &check.name)],
            Self::AddExclusion { table, exclusion } => {
                vec![alter::add_exclusion(table, exclusion)]
            }
            Self::DropExclusion { table, exclusion } => {
                vec![alter::drop_constraint(table, &exclusion.name)]
            }
            Self::Rename {
                table, from, to, ..
            } => vec![alter::rename_constraint(table, from, to)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            Self::Validate { table, name } => vec![hazard(
                MayFail,
                format!("scans {table} (reads and writes go on); fails if a row violates {name}"),
            )],
            Self::AddForeignKey {
                table,
                fk,
                partitioned: true,
                ..
            } => vec![
                hazard(
                    Lock,
                    format!(
                        "checks every row of every partition of {table} while {} is added (a partitioned table refuses NOT VALID): writes wait until it finishes",
                        fk.name
                    ),
                ),
                hazard(MayFail, format!("fails if a row of {table} points at nothing")),
            ],
            Self::AddPrimaryKey {
                table,
                using_index: false,
                ..
            }
            | Self::AddUnique {
                table,
                using_index: false,
                ..
            } => vec![
                hazard(
                    Lock,
                    format!("builds the key's index on every partition of {table} under a SHARE lock (a partitioned table's key cannot take over an index built concurrently): writes wait"),
                ),
                hazard(
                    MayFail,
                    "fails if the key columns hold NULL or duplicate values",
                ),
            ],
            Self::AddPrimaryKey {
                table,
                using_index: true,
                ..
            } => vec![hazard(
                Lock,
                format!(
                    "ACCESS EXCLUSIVE lock on {table}, brief; a scan if a key column still allows NULL"
                ),
            )],
            Self::DropPrimaryKey { table, key } => vec![hazard(
                BreakingChange,
                format!(
                    "{table} loses its key {}: duplicates become possible",
                    key.name
                ),
            )],
            Self::DropUnique { table, unique } => vec![hazard(
                BreakingChange,
                format!("{table} loses {}: duplicates become possible", unique.name),
            )],
            Self::DropForeignKey { table, fk } => vec![hazard(
                BreakingChange,
                format!("{table} loses {}: rows may point at nothing", fk.name),
            )],
            Self::DropCheck { table, check } => vec![hazard(
                BreakingChange,
                format!(
                    "{table} loses {}: rows it refused become possible",
                    check.name
                ),
            )],
            Self::AddExclusion { table, exclusion } => vec![
                hazard(
                    Lock,
                    format!(
                        "builds the index of {} under an ACCESS EXCLUSIVE lock: reads and writes of {table} wait",
                        exclusion.name
                    ),
                ),
                hazard(MayFail, "fails if two existing rows conflict"),
            ],
            Self::DropExclusion { table, exclusion } => vec![hazard(
                BreakingChange,
                format!(
                    "{table} loses {}: rows it refused become possible",
                    exclusion.name
                ),
            )],
            Self::Rename {
                table, from, to, ..
            } => vec![hazard(
                BreakingChange,
                format!("clients that name constraint {from} of {table} need {to}"),
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Validate { table, name } => {
                d.on_table(table);
                d.requires.push(constraint(qn(table), name));
                d.creates
                    .push(Res::Validated(qn(table), Cow::Borrowed(name)));
            }
            Self::AddPrimaryKey {
                table,
                key: pk,
                using_index,
            } => {
                d.on_table(table);
                for column in &pk.columns {
                    d.needs_column(table, column);
                }
                d.creates.push(key(qn(table), &pk.columns));
                if *using_index {
                    d.requires.push(relation(qn(table), &pk.name));
                } else {
                    d.creates.push(relation(qn(table), &pk.name));
                }
                d.creates.push(constraint(qn(table), &pk.name));
            }
            Self::DropPrimaryKey { table, key: pk } => {
                d.on_table(table);
                for column in &pk.columns {
                    d.uses_column(table, column);
                }
                d.drops.push(key(qn(table), &pk.columns));
                d.drops.push(relation(qn(table), &pk.name));
                d.drops.push(constraint(qn(table), &pk.name));
            }
            Self::AddUnique {
                table,
                unique,
                using_index,
            } => {
                d.on_table(table);
                for column in &unique.columns {
                    d.needs_column(table, column);
                }
                d.creates.push(key(qn(table), &unique.columns));
                if *using_index {
                    d.requires.push(relation(qn(table), &unique.name));
                } else {
                    d.creates.push(relation(qn(table), &unique.name));
                }
                d.creates.push(constraint(qn(table), &unique.name));
            }
            Self::DropUnique { table, unique } => {
                d.on_table(table);
                for column in &unique.columns {
                    d.uses_column(table, column);
                }
                d.drops.push(key(qn(table), &unique.columns));
                d.drops.push(relation(qn(table), &unique.name));
                d.drops.push(constraint(qn(table), &unique.name));
            }
            Self::AddForeignKey { table, fk, .. } => {
                d.on_table(table);
                for column in &fk.columns {
                    d.needs_column(table, column);
                }
                d.requires.push(Res::Table(qn(&fk.target)));
                d.requires.push(key(qn(&fk.target), &fk.target_columns));
                for column in &fk.target_columns {
                    d.needs_column(&fk.target, column);
                }
                d.creates.push(constraint(qn(table), &fk.name));
            }
            Self::AlterForeignKeyDeferral { table, name, .. } => {
                d.on_table(table);
                d.requires.push(constraint(qn(table), name));
            }
            Self::DropForeignKey { table, fk } => {
                d.on_table(table);
                for column in &fk.columns {
                    d.uses_column(table, column);
                }
                d.releases.push(Res::Table(qn(&fk.target)));
                d.releases.push(key(qn(&fk.target), &fk.target_columns));
                for column in &fk.target_columns {
                    d.uses_column(&fk.target, column);
                }
                d.drops.push(constraint(qn(table), &fk.name));
            }
            Self::AddCheck { table, check, .. } => {
                d.on_table(table);
                for word in words(&check.expression) {
                    d.needs_column(table, word);
                }
                d.creates.push(constraint(qn(table), &check.name));
            }
            Self::DropCheck { table, check } => {
                d.on_table(table);
                for word in words(&check.expression) {
                    d.uses_column(table, word);
                }
                d.drops.push(constraint(qn(table), &check.name));
            }
            Self::AddExclusion { table, exclusion } => {
                d.on_table(table);
                for column in exclusion.key_columns() {
                    d.needs_column(table, column);
                }
                for word in exclusion.expressions().flat_map(words) {
                    d.needs_column(table, word);
                }
                d.creates.push(relation(qn(table), &exclusion.name));
                d.creates.push(constraint(qn(table), &exclusion.name));
            }
            Self::DropExclusion { table, exclusion } => {
                d.on_table(table);
                for column in exclusion.key_columns() {
                    d.uses_column(table, column);
                }
                for word in exclusion.expressions().flat_map(words) {
                    d.uses_column(table, word);
                }
                d.drops.push(relation(qn(table), &exclusion.name));
                d.drops.push(constraint(qn(table), &exclusion.name));
            }
            Self::Rename {
                table,
                from,
                to,
                has_index,
            } => {
                d.on_table(table);
                d.drops.push(constraint(qn(table), from));
                d.creates.push(constraint(qn(table), to));
                if *has_index {
                    d.drops.push(relation(qn(table), from));
                    d.creates.push(relation(qn(table), to));
                }
            }
        }
    }

    fn expressions(&self) -> Vec<&str> {
        match self {
            Self::AddCheck { check, .. } => vec![check.expression.as_str()],
            Self::AddExclusion { exclusion, .. } => exclusion.expressions().collect(),
            _ => Vec::new(),
        }
    }

    fn may_run_long(&self) -> bool {
        match self {
            Self::Validate { .. } => true,
            // Takes over a built index, but scans for NULL if a key column still allows it.
            Self::AddPrimaryKey { .. } => true,
            Self::AddUnique { using_index, .. } => !*using_index,
            Self::AddExclusion { .. } => true,
            // Added `NOT VALID` (no scan: the validation that follows is the long step), or,
            // without it, only to a table the same plan creates: empty, nothing to scan.
            Self::AddForeignKey { .. } | Self::AddCheck { .. } => false,
            _ => false,
        }
    }

    fn runs_outside_transaction(&self) -> bool {
        matches!(self, Self::Validate { .. })
    }
}
