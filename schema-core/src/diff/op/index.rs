//! Indexes: created, dropped, renamed, concurrently where the table may be in use.

use super::Operation;
use crate::diff::deps::{index_key, qn, relation, words, Deps};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{Index, QualifiedName};
use crate::render::alter;

/// An operation on one index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexOp {
    /// `CREATE INDEX`, `CONCURRENTLY` on a table that already exists.
    Create {
        /// The table.
        table: QualifiedName,
        /// The index.
        index: Index,
        /// `CREATE INDEX CONCURRENTLY`, which cannot run inside a transaction.
        concurrently: bool,
        /// On a partitioned table that exists: built on every partition, plainly (PostgreSQL
        /// cannot build it concurrently), while writes wait.
        partitioned: bool,
    },
    /// `DROP INDEX`, `CONCURRENTLY` (outside a transaction) on a table that stays.
    Drop {
        /// The table.
        table: QualifiedName,
        /// The index as it was.
        index: Index,
        /// `DROP INDEX CONCURRENTLY`, which does not block reads and writes but cannot run
        /// inside a transaction.
        concurrently: bool,
    },
    /// `ALTER INDEX ... RENAME TO`
    Rename {
        /// The table.
        table: QualifiedName,
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
}

impl Operation for IndexOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create {
                table,
                index,
                concurrently,
                ..
            } => vec![alter::create_index(table, index, *concurrently)],
            Self::Drop {
                table,
                index,
                concurrently,
            } => vec![alter::drop_index(&table.schema, &index.name, *concurrently)],
            Self::Rename { table, from, to } => {
                vec![alter::rename_index(&table.schema, from, to)]
            }
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            Self::Drop {
                table,
                index,
                concurrently: false,
            } => vec![hazard(
                Lock,
                format!(
                    "ACCESS EXCLUSIVE lock on {table} while {} is dropped, brief",
                    index.name
                ),
            )],
            Self::Create {
                index,
                concurrently: true,
                ..
            } => {
                let mut out = vec![hazard(
                    IndexBuild,
                    format!(
                        "built without blocking writes, outside a transaction; if it fails, drop \
                         the INVALID index {} before retrying",
                        index.name
                    ),
                )];
                if index.unique {
                    out.push(hazard(
                        MayFail,
                        if index.key_columns().count() < index.columns.len() {
                            "fails if two rows give its key expressions the same values"
                        } else if index.nulls_not_distinct {
                            "fails if the columns hold duplicate values, NULLs included"
                        } else {
                            "fails if the columns hold duplicate values"
                        },
                    ));
                }
                out
            }
            Self::Create {
                table,
                index,
                partitioned: true,
                ..
            } => vec![hazard(
                Lock,
                format!(
                    "{} is built on every partition of {table} under a SHARE lock (a partitioned table's index cannot be built concurrently): writes wait until it finishes{}",
                    index.name,
                    if index.unique { "; fails if the columns hold duplicate values" } else { "" }
                ),
            )],
            Self::Rename { table, from, to } => vec![hazard(
                BreakingChange,
                format!("clients that name index {from} of {table} need {to}"),
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { table, index, .. } => {
                d.on_table(table);
                for column in index
                    .key_columns()
                    .chain(index.include.iter().map(String::as_str))
                {
                    d.needs_column(table, column);
                }
                for word in index.expressions().flat_map(words) {
                    d.needs_column(table, word);
                }
                d.creates.push(relation(qn(table), &index.name));
                if let Some(key) = index_key(qn(table), index) {
                    d.creates.push(key);
                }
            }
            Self::Drop { table, index, .. } => {
                d.on_table(table);
                for column in index
                    .key_columns()
                    .chain(index.include.iter().map(String::as_str))
                {
                    d.uses_column(table, column);
                }
                for word in index.expressions().flat_map(words) {
                    d.uses_column(table, word);
                }
                d.drops.push(relation(qn(table), &index.name));
                if let Some(key) = index_key(qn(table), index) {
                    d.drops.push(key);
                }
            }
            Self::Rename { table, from, to } => {
                d.on_table(table);
                d.drops.push(relation(qn(table), from));
                d.creates.push(relation(qn(table), to));
            }
        }
    }

    fn expressions(&self) -> Vec<&str> {
        match self {
            Self::Create { index, .. } => index.predicate.as_deref().into_iter().collect(),
            _ => Vec::new(),
        }
    }

    fn may_run_long(&self) -> bool {
        match self {
            Self::Create { concurrently, .. } => *concurrently,
            _ => false,
        }
    }

    fn runs_outside_transaction(&self) -> bool {
        matches!(
            self,
            Self::Create {
                concurrently: true,
                ..
            } | Self::Drop {
                concurrently: true,
                ..
            }
        )
    }
}
