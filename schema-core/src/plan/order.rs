use crate::model::{QualifiedName, Schema};
use std::collections::BTreeSet;

/// The order in which a schema's tables can be created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreationOrder {
    /// Indexes into `schema.tables`, referenced tables before the tables referencing them.
    pub tables: Vec<usize>,
    /// Foreign keys that cannot be written inside their `CREATE TABLE`, as
    /// (table index, foreign key name): self-references and the keys that close a cycle.
    /// They are added with `ALTER TABLE` once every table exists.
    pub deferred_foreign_keys: Vec<(usize, String)>,
}

/// Orders tables by their foreign keys (Kahn's algorithm, ties broken by qualified name so the
/// result is deterministic). A cycle is broken at its lowest-named table, whose keys into the
/// tables not yet created are deferred.
pub fn creation_order(schema: &Schema) -> CreationOrder {
    let names: Vec<QualifiedName> = schema.tables.iter().map(|t| t.qualified_name()).collect();
    let mut created: BTreeSet<&QualifiedName> = BTreeSet::new();
    let mut remaining: BTreeSet<usize> = (0..schema.tables.len()).collect();
    let mut order = CreationOrder {
        tables: Vec::with_capacity(schema.tables.len()),
        deferred_foreign_keys: Vec::new(),
    };
    // A reference to a table outside the schema cannot be ordered; it waits for nothing.
    let known: BTreeSet<&QualifiedName> = names.iter().collect();
    let waits_for = |i: usize, created: &BTreeSet<&QualifiedName>| {
        schema.tables[i].foreign_keys.iter().any(|fk| {
            fk.target != names[i] && known.contains(&fk.target) && !created.contains(&fk.target)
        })
    };
    while let Some(&first) = remaining.iter().next() {
        // `remaining` iterates in index order, which is qualified-name order.
        let next = remaining
            .iter()
            .copied()
            .find(|&i| !waits_for(i, &created))
            .unwrap_or(first);
        for fk in &schema.tables[next].foreign_keys {
            let pending = fk.target == names[next]
                || (known.contains(&fk.target) && !created.contains(&fk.target));
            if pending {
                order.deferred_foreign_keys.push((next, fk.name.clone()));
            }
        }
        created.insert(&names[next]);
        remaining.remove(&next);
        order.tables.push(next);
    }
    order
}
