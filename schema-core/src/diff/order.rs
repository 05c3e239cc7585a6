//! Orders operations by what they need, not by fixed phases.
//!
//! Every operation says which objects (`deps::Res`) it creates, drops, requires (must exist in
//! their new form before it runs) and releases (it uses them in their old form, so they may
//! only be dropped after it). Edges follow: creator → requirer, releaser → dropper, and
//! dropper → creator of the same name (a name freed before it is taken again). A stable
//! topological sort keeps generation order wherever the edges allow, and prefers to stay in
//! the current transaction mode, so that statements that must run outside a transaction
//! gather in as few sections as possible.
//!
//! Edges cannot order what a cycle ties together: tables whose foreign keys reference each
//! other (or themselves). Before any edge is drawn, [`creation_order`] picks which of the new
//! tables' foreign keys wait for an `ALTER TABLE ... ADD CONSTRAINT` once every table exists,
//! so that the `CREATE TABLE`s themselves form no cycle.

use super::deps::{
    deps, expressions_naming_rebuilt_types, uses_of_new_labels_in_expressions, Deps, Res,
};
use super::op::Op;
use crate::model::{QualifiedName, TableDef};
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, HashMap};

/// Sorts `ops` (in generation order) so that every dependency is met; marks an
/// `ADD VALUE` whose label a later operation uses as running outside the transaction.
pub(super) fn order(mut ops: Vec<Op>) -> Vec<Op> {
    let (edges, label_used) = edges(&ops);
    for (i, op) in ops.iter_mut().enumerate() {
        if let Op::AddEnumValue {
            outside_transaction,
            ..
        } = op
        {
            *outside_transaction = label_used[i];
        }
    }
    let mut indegree = vec![0usize; ops.len()];
    for targets in &edges {
        for &t in targets {
            indegree[t] += 1;
        }
    }
    let outside: Vec<bool> = ops.iter().map(Op::runs_outside_transaction).collect();
    let mut ready: [BTreeSet<usize>; 2] = [BTreeSet::new(), BTreeSet::new()];
    for (i, &n) in indegree.iter().enumerate() {
        if n == 0 {
            ready[outside[i] as usize].insert(i);
        }
    }
    let mut sequence = Vec::with_capacity(ops.len());
    let mut done = vec![false; ops.len()];
    let mut mode = 0usize;
    while sequence.len() < ops.len() {
        if ready[mode].is_empty() {
            mode = 1 - mode;
        }
        let next = match ready[mode].pop_first() {
            Some(i) => i,
            // A cycle (no operation is ready): fall back to generation order.
            None => match (0..ops.len()).find(|&i| !done[i]) {
                Some(i) => {
                    ready[outside[i] as usize].remove(&i);
                    i
                }
                None => break,
            },
        };
        if done[next] {
            continue;
        }
        done[next] = true;
        sequence.push(next);
        for &t in &edges[next] {
            indegree[t] = indegree[t].saturating_sub(1);
            if indegree[t] == 0 && !done[t] {
                ready[outside[t] as usize].insert(t);
            }
        }
    }
    let mut slots: Vec<Option<Op>> = ops.into_iter().map(Some).collect();
    sequence
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect()
}

/// For each operation, the operations that must come after it (sorted, without repeats),
/// and for each `ADD VALUE`, whether a later operation uses its label.
fn edges(ops: &[Op]) -> (Vec<Vec<usize>>, Vec<bool>) {
    let mut deps: Vec<Deps<'_>> = ops.iter().map(deps).collect();
    uses_of_new_labels_in_expressions(ops, &mut deps);
    expressions_naming_rebuilt_types(ops, &mut deps);
    let created: usize = deps.iter().map(|d| d.creates.len()).sum();
    let dropped: usize = deps.iter().map(|d| d.drops.len()).sum();
    let mut creators: FxHashMap<&Res<'_>, Vec<usize>> =
        FxHashMap::with_capacity_and_hasher(created, Default::default());
    let mut droppers: FxHashMap<&Res<'_>, Vec<usize>> =
        FxHashMap::with_capacity_and_hasher(dropped, Default::default());
    for (i, d) in deps.iter().enumerate() {
        for r in &d.creates {
            creators.entry(r).or_default().push(i);
        }
        for r in &d.drops {
            droppers.entry(r).or_default().push(i);
        }
    }
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); ops.len()];
    let add = |from: usize, to: usize, edges: &mut Vec<Vec<usize>>| {
        if from != to {
            edges[from].push(to);
        }
    };
    let mut label_used: Vec<bool> = vec![false; ops.len()];
    for (i, d) in deps.iter().enumerate() {
        for r in &d.requires {
            for &c in creators.get(r).into_iter().flatten() {
                add(c, i, &mut edges);
                // Naming a new label as another new label's neighbour is not a use.
                let is_use = !matches!(ops[i], Op::AddEnumValue { .. });
                if is_use
                    && matches!(r, Res::Label(..))
                    && matches!(ops[c], Op::AddEnumValue { .. })
                {
                    label_used[c] = true;
                }
            }
        }
        for r in &d.releases {
            for &x in droppers.get(r).into_iter().flatten() {
                add(i, x, &mut edges);
            }
        }
        for r in &d.drops {
            for &c in creators.get(r).into_iter().flatten() {
                // A name dropped and created again: the drop goes first, unless the same
                // operation does both (a rebuild).
                if !deps[c].drops.contains(r) {
                    add(i, c, &mut edges);
                }
            }
        }
    }
    for targets in &mut edges {
        targets.sort_unstable();
        targets.dedup();
    }
    (edges, label_used)
}

/// The order in which a schema's tables can be created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct CreationOrder {
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
pub(super) fn creation_order(tables: &[&TableDef]) -> CreationOrder {
    let count = tables.len();
    // A reference to a table outside the schema cannot be ordered; it waits for nothing.
    // Keyed by borrowed names: no copy of every name, and one hash per foreign key.
    let index: HashMap<(&str, &str), usize> = tables
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
    for (i, table) in tables.iter().enumerate() {
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
        tables: Vec::with_capacity(count),
        deferred_foreign_keys: Vec::new(),
    };
    // Indexes are in qualified-name order, so the smallest ready index is the tie-break.
    while let Some(&first) = remaining.iter().next() {
        let next = ready.pop_first().unwrap_or(first);
        for fk in &tables[next].foreign_keys {
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
    use crate::model::{ColumnDef, ForeignKey, PrimaryKey, Schema, SqlType, TableDef};

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
        let tables: Vec<&TableDef> = schema.tables.iter().collect();
        let order = creation_order(&tables);
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
