//! Partitioned tables: the partitions created and dropped, the changes no migration makes in
//! place (partitioning a table, changing a partition's bounds), and what PostgreSQL does not
//! do on a partitioned table that exists: build an index concurrently, add a key over an index
//! built first, add a foreign key `NOT VALID`.

use super::changes::Changes;
use super::find_table;
use super::op::{ConstraintOp, IndexOp, Op, PartitionOp, TableOp};
use crate::model::{PartitionBound, QualifiedName, Schema, TableDef};
use std::collections::BTreeSet;

/// The partitions of each table of `new`: all of a new table's created, an existing table's
/// added and removed ones created and dropped.
pub(super) fn compare_partitions(old: &Schema, new: &Schema, changes: &mut Changes) {
    // PostgreSQL moves a partitioned table to another schema without its partitions.
    let moved: Vec<String> = changes
        .renames
        .iter()
        .filter_map(|op| match op {
            Op::Table(TableOp::Move {
                from, to_schema, ..
            }) => find_table(old, &QualifiedName::new(to_schema, &from.name))
                .filter(|t| !t.partitions.is_empty())
                .map(|_| format!(
                    "partitioned table `{from}` moves to schema `{to_schema}`, where PostgreSQL would not move its partitions: move it back, or create it anew in `{to_schema}` and move the rows"
                )),
            _ => None,
        })
        .collect();
    changes.unsupported.extend(moved);
    for table in &new.tables {
        let name = table.qualified_name();
        let Some(before) = find_table(old, &name) else {
            for partition in &table.partitions {
                changes.partitions.push(Op::Partition(PartitionOp::Create {
                    table: name.clone(),
                    partition: partition.clone(),
                    new_table: true,
                    beside_default: None,
                }));
            }
            continue;
        };
        if before.partition_by != table.partition_by {
            let describe = |t: &TableDef| {
                t.partition_by
                    .as_ref()
                    .map_or("not partitioned".to_owned(), |by| format!("`{by}`"))
            };
            changes.unsupported.push(format!(
                "`{name}` changes its partitioning ({} to {}): a table is partitioned when it is created; create a new table and move the rows",
                describe(before),
                describe(table)
            ));
            continue;
        }
        let default = before
            .partitions
            .iter()
            .find(|p| p.bound == PartitionBound::Default)
            .map(|p| p.name.clone());
        for partition in &table.partitions {
            match before.partitions.iter().find(|p| p.name == partition.name) {
                None => changes.partitions.push(Op::Partition(PartitionOp::Create {
                    table: name.clone(),
                    partition: partition.clone(),
                    new_table: false,
                    beside_default: default
                        .clone()
                        .filter(|_| partition.bound != PartitionBound::Default),
                })),
                Some(was) if was.bound != partition.bound => changes.unsupported.push(format!(
                    "partition `{}` of `{name}` changes its bounds: declare a partition of another name, move the rows, and drop this one",
                    partition.name
                )),
                Some(_) => {}
            }
        }
        for partition in &before.partitions {
            if !table.partitions.iter().any(|p| p.name == partition.name) {
                changes
                    .drop_partitions
                    .push(Op::Partition(PartitionOp::Drop {
                        table: name.clone(),
                        partition: partition.clone(),
                    }));
            }
        }
    }
}

/// Rewrites the operations on partitioned tables that exist on both sides into what
/// PostgreSQL accepts on them: indexes built and dropped plainly (on every partition), keys
/// added with their own index, foreign keys added valid.
pub(super) fn adapt_to_partitioned(old: &Schema, new: &Schema, ops: &mut Vec<Op>) {
    let partitioned: BTreeSet<QualifiedName> = new
        .tables
        .iter()
        .filter(|t| t.partition_by.is_some())
        .map(TableDef::qualified_name)
        .filter(|name| find_table(old, name).is_some_and(|t| t.partition_by.is_some()))
        .collect();
    if partitioned.is_empty() {
        return;
    }
    // The indexes built for a key to take over, and the foreign keys validated after.
    let mut key_indexes = BTreeSet::new();
    let mut validated = BTreeSet::new();
    for op in ops.iter_mut() {
        match op {
            Op::Index(IndexOp::Create {
                table,
                concurrently,
                partitioned: on_partitions,
                ..
            }) if partitioned.contains(table) => {
                *concurrently = false;
                *on_partitions = true;
            }
            Op::Index(IndexOp::Drop {
                table,
                concurrently,
                ..
            }) if partitioned.contains(table) => *concurrently = false,
            Op::Constraint(ConstraintOp::AddPrimaryKey {
                table,
                key,
                using_index,
            }) if partitioned.contains(table) && *using_index => {
                *using_index = false;
                key_indexes.insert((table.clone(), key.name.clone()));
            }
            Op::Constraint(ConstraintOp::AddUnique {
                table,
                unique,
                using_index,
            }) if partitioned.contains(table) && *using_index => {
                *using_index = false;
                key_indexes.insert((table.clone(), unique.name.clone()));
            }
            Op::Constraint(ConstraintOp::AddForeignKey {
                table,
                fk,
                not_valid,
                partitioned: on_partitions,
            }) if partitioned.contains(table) && *not_valid => {
                *not_valid = false;
                *on_partitions = true;
                validated.insert((table.clone(), fk.name.clone()));
            }
            _ => {}
        }
    }
    ops.retain(|op| match op {
        Op::Index(IndexOp::Create { table, index, .. }) => {
            !key_indexes.contains(&(table.clone(), index.name.clone()))
        }
        Op::Constraint(ConstraintOp::Validate { table, name }) => {
            !validated.contains(&(table.clone(), name.clone()))
        }
        _ => true,
    });
}
