//! The checks of a partitioned table: its key, the keys that must include it, and its
//! partitions.

use super::{PartitionBound, SchemaError, TableDef};
use rustc_hash::FxHashSet;

/// What PostgreSQL refuses of a table's partitioning: a key column the table lacks, a primary
/// key, unique constraint or unique index without every key column (each partition checks
/// uniqueness alone), partitions of a table that is not partitioned, a bound of another method
/// or shape, two default partitions. Partition names are claimed in the schema's relations.
pub(super) fn check_partitioning<'a>(
    table: &'a TableDef,
    relations: &mut FxHashSet<(&'a str, &'a str)>,
    errors: &mut Vec<SchemaError>,
) {
    let invalid = |problem: String| SchemaError::InvalidPartitioning {
        table: table.qualified_name(),
        problem,
    };
    for partition in &table.partitions {
        if !relations.insert((&table.schema, &partition.name)) {
            errors.push(SchemaError::DuplicateRelationName {
                schema: table.schema.clone(),
                name: partition.name.clone(),
            });
        }
    }
    let Some(by) = &table.partition_by else {
        if let Some(partition) = table.partitions.first() {
            errors.push(invalid(format!(
                "has partition `{}` but no `partition_by`",
                partition.name
            )));
        }
        return;
    };
    for column in &by.columns {
        if table.column(column).is_none() {
            errors.push(invalid(format!(
                "is partitioned by column `{column}`, which it does not have"
            )));
        }
    }
    let lacking = |columns: &[String]| -> Vec<&str> {
        by.columns
            .iter()
            .filter(|c| !columns.contains(c))
            .map(String::as_str)
            .collect()
    };
    let keys = table
        .primary_key
        .iter()
        .map(|pk| (&pk.name, pk.columns.clone()))
        .chain(table.uniques.iter().map(|u| (&u.name, u.columns.clone())))
        .chain(table.indexes.iter().filter(|i| i.unique).map(|i| {
            (
                &i.name,
                i.key_columns().map(str::to_owned).collect::<Vec<String>>(),
            )
        }));
    for (name, columns) in keys {
        let missing = lacking(&columns);
        if !missing.is_empty() {
            errors.push(invalid(format!(
                "has unique key `{name}` without partition key column {}: each partition checks uniqueness alone, so a unique key includes the partition key",
                missing.join(", ")
            )));
        }
    }
    let mut defaults = 0;
    for (i, partition) in table.partitions.iter().enumerate() {
        if table.partitions[..i]
            .iter()
            .any(|p| p.name == partition.name)
        {
            errors.push(invalid(format!(
                "declares partition `{}` twice",
                partition.name
            )));
        }
        if partition.bound == PartitionBound::Default {
            defaults += 1;
        }
        if let Some(problem) = partition.problem(by) {
            errors.push(invalid(format!("partition `{}` {problem}", partition.name)));
        }
    }
    if defaults > 1 {
        errors.push(invalid("has two default partitions".into()));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{
        ColumnDef, Index, Partition, PartitionBy, PrimaryKey, Schema, SqlType, TableDef,
    };

    #[test]
    fn what_postgresql_refuses_is_reported() {
        let mut table = TableDef::new("public", "events");
        table.columns = vec![
            ColumnDef::new("id", SqlType::BigInt, false),
            ColumnDef::new("at", SqlType::Date, false),
        ];
        table.primary_key = Some(PrimaryKey {
            name: "events_pkey".into(),
            columns: vec!["id".into()],
            deferrable: Default::default(),
        });
        table.indexes.push(Index {
            name: "events_id".into(),
            columns: vec!["id".into()],
            unique: true,
            ..Default::default()
        });
        table.partition_by = Some(PartitionBy::parse("range (at, missing)").unwrap());
        table.partitions = vec![
            Partition::range("e1", ["'2026-01-01'"], ["'2027-01-01'"]),
            Partition::list("e2", ["'x'"]),
            Partition::default_partition("e3"),
            Partition::default_partition("e4"),
            Partition::hash("id", 0, 0),
        ];
        let mut plain = TableDef::new("public", "plain");
        plain.columns = vec![ColumnDef::new("id", SqlType::BigInt, false)];
        plain.partitions = vec![Partition::hash("p0", 2, 0)];
        let mut schema = Schema::new();
        schema.add_table(table);
        schema.add_table(plain);
        let errors: Vec<String> = schema
            .validate()
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        for expected in [
            "`public.events` is partitioned by column `missing`, which it does not have",
            "`public.events` has unique key `events_pkey` without partition key column at, missing",
            "`public.events` has unique key `events_id` without partition key column at, missing",
            "`public.events` partition `e1` has range bounds of 1 and 1 values for a key of 2 columns",
            "`public.events` partition `e2` has a list bound on a table partitioned by range",
            "`public.events` has two default partitions",
            "`public.events` partition `id` has a hash bound on a table partitioned by range",
            "`public.plain` has partition `p0` but no `partition_by`",
        ] {
            assert!(
                errors.iter().any(|e| e.starts_with(expected)),
                "missing {expected:?} in {errors:#?}"
            );
        }
    }
}
