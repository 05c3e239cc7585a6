//! Partitions: `CREATE TABLE .. PARTITION OF .. FOR VALUES ..` and their drop.

use super::quote_qualified;
use crate::model::{Partition, PartitionBound, QualifiedName};

/// `FOR VALUES FROM (..) TO (..)`, `FOR VALUES IN (..)`, `FOR VALUES WITH (MODULUS m,
/// REMAINDER r)` or `DEFAULT`.
pub fn bound(bound: &PartitionBound) -> String {
    match bound {
        PartitionBound::Range { from, to } => format!(
            "FOR VALUES FROM ({}) TO ({})",
            from.join(", "),
            to.join(", ")
        ),
        PartitionBound::List { values } => format!("FOR VALUES IN ({})", values.join(", ")),
        PartitionBound::Hash { modulus, remainder } => {
            format!("FOR VALUES WITH (MODULUS {modulus}, REMAINDER {remainder})")
        }
        PartitionBound::Default => "DEFAULT".to_owned(),
    }
}

/// `CREATE TABLE "s"."partition" PARTITION OF "s"."parent" FOR VALUES ..`: the parent's
/// columns, keys and indexes are made on it.
pub fn create_partition(parent: &QualifiedName, partition: &Partition) -> String {
    format!(
        "CREATE TABLE {} PARTITION OF {} {}",
        quote_qualified(&parent.schema, &partition.name),
        quote_qualified(&parent.schema, &parent.name),
        bound(&partition.bound)
    )
}

/// `DROP TABLE "s"."partition"`: its rows go with it.
pub fn drop_partition(parent: &QualifiedName, name: &str) -> String {
    format!("DROP TABLE {}", quote_qualified(&parent.schema, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements() {
        let events = QualifiedName::new("audit", "events");
        assert_eq!(
            create_partition(
                &events,
                &Partition::range("events_2026", ["'2026-01-01'"], ["'2027-01-01'"])
            ),
            "CREATE TABLE \"audit\".\"events_2026\" PARTITION OF \"audit\".\"events\" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"
        );
        assert_eq!(
            bound(&Partition::list("eu", ["'de'", "'fr'"]).bound),
            "FOR VALUES IN ('de', 'fr')"
        );
        assert_eq!(
            bound(&Partition::hash("h0", 4, 1).bound),
            "FOR VALUES WITH (MODULUS 4, REMAINDER 1)"
        );
        assert_eq!(
            create_partition(&events, &Partition::default_partition("events_rest")),
            "CREATE TABLE \"audit\".\"events_rest\" PARTITION OF \"audit\".\"events\" DEFAULT"
        );
        assert_eq!(
            drop_partition(&events, "events_rest"),
            "DROP TABLE \"audit\".\"events_rest\""
        );
    }
}
