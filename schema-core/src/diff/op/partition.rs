//! Partitions: created once their table exists (with it, or added to one that holds rows),
//! dropped with their rows only when confirmed. A partition of a dropped table goes with it.

use super::Operation;
use crate::diff::deps::{Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{Partition, QualifiedName};
use crate::render::partition as render;

/// An operation on a partition of a partitioned table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartitionOp {
    /// `CREATE TABLE .. PARTITION OF ..`
    Create {
        /// The partitioned table.
        table: QualifiedName,
        /// The partition.
        partition: Partition,
        /// The table is created by the same migration.
        new_table: bool,
        /// The table has a default partition, which PostgreSQL scans for rows the new
        /// partition would hold.
        beside_default: Option<String>,
    },
    /// `DROP TABLE` of a partition: its rows are deleted.
    Drop {
        /// The partitioned table.
        table: QualifiedName,
        /// The partition as it was.
        partition: Partition,
    },
}

impl Operation for PartitionOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create {
                table, partition, ..
            } => vec![render::create_partition(table, partition)],
            Self::Drop { table, partition } => vec![render::drop_partition(table, &partition.name)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            Self::Create {
                new_table: true, ..
            } => Vec::new(),
            Self::Create {
                table,
                partition,
                beside_default,
                ..
            } => {
                let mut hazards = vec![hazard(
                    Lock,
                    format!(
                        "ACCESS EXCLUSIVE lock on {table} while partition {} is added, brief",
                        partition.name
                    ),
                )];
                if let Some(default) = beside_default {
                    hazards.push(hazard(
                        MayFail,
                        format!(
                            "scans default partition {default} under its lock, and fails if it holds rows {} would hold: move them first",
                            partition.name
                        ),
                    ));
                }
                hazards
            }
            Self::Drop { table, partition } => vec![hazard(
                DataLoss,
                format!(
                    "drops partition {} of {table} and every row it holds",
                    partition.name
                ),
            )],
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Drop { table, partition } => vec![Refusal::new(
                format!("drop partition `{}` of `{table}`", partition.name),
                "the rows it holds are deleted",
            )],
            Self::Create { .. } => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create {
                table, partition, ..
            } => {
                d.on_table(table);
                d.creates
                    .push(Res::Relation(&table.schema, &partition.name));
            }
            Self::Drop { table, partition } => {
                d.on_table(table);
                d.drops.push(Res::Relation(&table.schema, &partition.name));
            }
        }
    }
}
