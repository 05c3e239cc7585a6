use crate::model::{QualifiedName, Schema};
use std::collections::{BTreeSet, HashMap};

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
    let count = schema.tables.len();
    // A reference to a table outside the schema cannot be ordered; it waits for nothing.
    // Keyed by borrowed names: no copy of every name, and one hash per foreign key.
    let index: HashMap<(&str, &str), usize> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.schema.as_str(), t.name.as_str()), i))
        .collect();
    let target_of = |target: &QualifiedName| {
        index
            .get(&(target.schema.as_str(), target.name.as_str()))
            .copied()
    };
    // For each table, the other tables it references (each once); and the reverse.
    let mut waits_for: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); count];
    let mut waited_by: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, table) in schema.tables.iter().enumerate() {
        for fk in &table.foreign_keys {
            if let Some(target) = target_of(&fk.target) {
                if target != i && waits_for[i].insert(target) {
                    waited_by[target].push(i);
                }
            }
        }
    }
    let mut pending: Vec<usize> = waits_for.iter().map(BTreeSet::len).collect();
    let mut ready: BTreeSet<usize> = (0..count).filter(|&i| pending[i] == 0).collect();
    let mut remaining: BTreeSet<usize> = (0..count).collect();
    let mut created = vec![false; count];
    let mut order = CreationOrder {
        tables: Vec::with_capacity(schema.tables.len()),
        deferred_foreign_keys: Vec::new(),
    };
    // Indexes are in qualified-name order, so the smallest ready index is the tie-break.
    while let Some(&first) = remaining.iter().next() {
        let next = ready.pop_first().unwrap_or(first);
        for fk in &schema.tables[next].foreign_keys {
            let is_pending = match target_of(&fk.target) {
                Some(target) => target == next || !created[target],
                None => false,
            };
            if is_pending {
                order.deferred_foreign_keys.push((next, fk.name.clone()));
            }
        }
        created[next] = true;
        remaining.remove(&next);
        ready.remove(&next);
        order.tables.push(next);
        for &waiting in &waited_by[next] {
            pending[waiting] -= 1;
            if pending[waiting] == 0 && !created[waiting] {
                ready.insert(waiting);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnDef, ForeignKey, PrimaryKey, SqlType, TableDef};

    fn table(name: &str, references: &[&str]) -> TableDef {
        let mut t = TableDef::new("public", name);
        t.columns
            .push(ColumnDef::new("id", SqlType::Integer, false));
        t.primary_key = Some(PrimaryKey {
            name: format!("{name}_pkey"),
            columns: vec!["id".into()],
        });
        for target in references {
            let column = format!("{target}_id");
            t.columns
                .push(ColumnDef::new(&column, SqlType::Integer, true));
            t.foreign_keys.push(ForeignKey {
                name: format!("{name}_{column}_fkey"),
                columns: vec![column],
                target: QualifiedName::new("public", *target),
                target_columns: vec!["id".into()],
                on_delete: Default::default(),
                on_update: Default::default(),
            });
        }
        t
    }

    fn order_of(schema: &Schema) -> (Vec<String>, Vec<String>) {
        let order = creation_order(schema);
        let tables = order
            .tables
            .iter()
            .map(|&i| schema.tables[i].name.clone())
            .collect();
        let deferred = order
            .deferred_foreign_keys
            .iter()
            .map(|(_, fk)| fk.clone())
            .collect();
        (tables, deferred)
    }

    #[test]
    fn referenced_tables_come_first() {
        let mut schema = Schema::new();
        schema.add_table(table("a_comments", &["b_posts", "c_users"]));
        schema.add_table(table("b_posts", &["c_users"]));
        schema.add_table(table("c_users", &[]));
        let (tables, deferred) = order_of(&schema);
        assert_eq!(tables, ["c_users", "b_posts", "a_comments"]);
        assert!(deferred.is_empty());
    }

    #[test]
    fn self_reference_is_deferred() {
        let mut schema = Schema::new();
        schema.add_table(table("folders", &["folders"]));
        let (tables, deferred) = order_of(&schema);
        assert_eq!(tables, ["folders"]);
        assert_eq!(deferred, ["folders_folders_id_fkey"]);
    }

    #[test]
    fn a_cycle_is_broken_at_its_lowest_name() {
        let mut schema = Schema::new();
        schema.add_table(table("x_teams", &["y_members"]));
        schema.add_table(table("y_members", &["x_teams"]));
        schema.add_table(table("z_logs", &["y_members"]));
        let (tables, deferred) = order_of(&schema);
        assert_eq!(tables, ["x_teams", "y_members", "z_logs"]);
        assert_eq!(deferred, ["x_teams_y_members_id_fkey"]);
    }
}
