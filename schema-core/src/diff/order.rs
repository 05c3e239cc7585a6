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

use super::deps::Res;
use super::op::{EnumOp, Op};
use crate::model::{QualifiedName, TableDef};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Sorts `ops` (in generation order) so that every dependency is met; marks an
/// `ADD VALUE` whose label a later operation uses as running outside the transaction.
pub(super) fn order(mut ops: Vec<Op>) -> Vec<Op> {
    let (edges, label_used) = edges(&ops);
    for (i, op) in ops.iter_mut().enumerate() {
        if let Op::Enum(EnumOp::AddValue {
            outside_transaction,
            ..
        }) = op
        {
            *outside_transaction = label_used[i];
        }
    }
    let mut indegree = vec![0usize; ops.len()];
    for &t in &edges.targets {
        indegree[t as usize] += 1;
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
        for &t in edges.after(next) {
            let t = t as usize;
            indegree[t] = indegree[t].saturating_sub(1);
            if indegree[t] == 0 && !done[t] {
                ready[outside[t] as usize].insert(t);
            }
        }
    }
    permute(&mut ops, &sequence);
    ops
}

/// Puts `items[sequence[k]]` at position `k`, in place: a first migration of thousands of
/// tables has thousands of operations of a few hundred bytes each, and moving them into a
/// new list touched megabytes of fresh memory. `sequence` lists every position once.
fn permute<T>(items: &mut [T], sequence: &[usize]) {
    debug_assert_eq!(items.len(), sequence.len());
    // Where each item goes; each swap puts one item in its place.
    let mut target = vec![0usize; sequence.len()];
    for (k, &i) in sequence.iter().enumerate() {
        target[i] = k;
    }
    for i in 0..items.len() {
        while target[i] != i {
            let j = target[i];
            items.swap(i, j);
            target.swap(i, j);
        }
    }
}

/// For each operation, the operations that must come after it, sorted and without repeats:
/// those of operation `i` are `targets[starts[i]..starts[i + 1]]` (two vectors for the whole
/// plan rather than one per operation).
struct Edges {
    starts: Vec<u32>,
    targets: Vec<u32>,
}

impl Edges {
    /// From (before, after) pairs between `count` operations.
    fn from_pairs(count: usize, mut pairs: Vec<(u32, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        let mut starts = Vec::with_capacity(count + 1);
        let mut at = 0;
        for op in 0..count {
            starts.push(at as u32);
            while at < pairs.len() && pairs[at].0 as usize == op {
                at += 1;
            }
        }
        starts.push(at as u32);
        Edges {
            starts,
            targets: pairs.into_iter().map(|(_, to)| to).collect(),
        }
    }

    fn after(&self, op: usize) -> &[u32] {
        &self.targets[self.starts[op] as usize..self.starts[op + 1] as usize]
    }
}

/// The operations that create (or drop) each object: a hash map to the last one found, and a
/// chain from each to the one found before it.
struct ByObject<'d, 'a> {
    found: &'d [(u32, Res<'a>)],
    last: FxHashMap<&'d Res<'a>, u32>,
    previous: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl<'d, 'a> ByObject<'d, 'a> {
    fn new(found: &'d [(u32, Res<'a>)]) -> Self {
        let mut last: FxHashMap<&Res<'_>, u32> =
            FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
        let mut previous = Vec::with_capacity(found.len());
        for (at, (_, res)) in found.iter().enumerate() {
            previous.push(last.insert(res, at as u32).unwrap_or(NONE));
        }
        ByObject {
            found,
            last,
            previous,
        }
    }

    /// The operations that hold `res`, latest first (one per holding, repeats possible).
    fn ops<'s>(&'s self, res: &Res<'_>) -> impl Iterator<Item = u32> + 's {
        let mut at = self.last.get(res).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let op = self.found[at as usize].0;
                at = self.previous[at as usize];
                op
            })
        })
    }
}

/// The edges between `ops`, and for each `ADD VALUE`, whether a later operation uses its label.
fn edges(ops: &[Op]) -> (Edges, Vec<bool>) {
    let deps = super::plan_deps::plan_deps(ops);
    let creators = ByObject::new(&deps.creates.items);
    let droppers = ByObject::new(&deps.drops.items);
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(deps.requires.items.len() + ops.len());
    let mut add = |from: u32, to: u32| {
        if from != to {
            pairs.push((from, to));
        }
    };
    let mut label_used: Vec<bool> = vec![false; ops.len()];
    for (i, r) in &deps.requires.items {
        // Naming a new label as another new label's neighbour is not a use.
        let is_use = !matches!(ops[*i as usize], Op::Enum(EnumOp::AddValue { .. }));
        for c in creators.ops(r) {
            add(c, *i);
            if is_use
                && matches!(r, Res::Label(..))
                && matches!(ops[c as usize], Op::Enum(EnumOp::AddValue { .. }))
            {
                label_used[c as usize] = true;
            }
        }
    }
    for (i, r) in &deps.releases.items {
        for x in droppers.ops(r) {
            add(*i, x);
        }
    }
    // A name dropped and created again: the drop goes first, unless the same operation does
    // both (a rebuild), or the drop needs something the other operation creates (a table
    // renamed where its move puts it, a sequence dropped where the move of its table puts it).
    let mut recreated: Vec<(u32, u32)> = Vec::new();
    for (i, r) in &deps.drops.items {
        for c in creators.ops(r) {
            if !droppers.ops(r).any(|x| x == c) {
                recreated.push((*i, c));
            }
        }
    }
    if !recreated.is_empty() {
        // Rare: one pass over the requirements, only then.
        let droppers: rustc_hash::FxHashSet<u32> = recreated.iter().map(|(d, _)| *d).collect();
        let mut needs: rustc_hash::FxHashSet<(u32, u32)> = Default::default();
        for (i, r) in &deps.requires.items {
            if droppers.contains(i) {
                needs.extend(creators.ops(r).map(|c| (*i, c)));
            }
        }
        for (i, c) in recreated {
            if !needs.contains(&(i, c)) {
                add(i, c);
            }
        }
    }
    (Edges::from_pairs(ops.len(), pairs), label_used)
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
    let mut index: FxHashMap<(&str, &str), usize> =
        FxHashMap::with_capacity_and_hasher(count, Default::default());
    for (i, t) in tables.iter().enumerate() {
        index.insert((t.schema.as_str(), t.name.as_str()), i);
    }
    let target_of = |target: &QualifiedName| {
        index
            .get(&(target.schema.as_str(), target.name.as_str()))
            .copied()
    };
    // For each table, how many other tables it references (each once); and the reverse.
    let mut pending: Vec<usize> = vec![0; count];
    let mut waited_by: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut targets: Vec<usize> = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        targets.clear();
        targets.extend(
            table
                .foreign_keys
                .iter()
                .filter_map(|fk| target_of(&fk.target))
                .filter(|&target| target != i),
        );
        targets.sort_unstable();
        targets.dedup();
        pending[i] = targets.len();
        for &target in &targets {
            waited_by[target].push(i);
        }
    }
    let mut ready: BTreeSet<usize> = (0..count).filter(|&i| pending[i] == 0).collect();
    let mut created = vec![false; count];
    // Every table before this one is created: where a cycle is broken.
    let mut first_left = 0;
    let mut order = CreationOrder {
        tables: Vec::with_capacity(count),
        deferred_foreign_keys: Vec::new(),
    };
    // Indexes are in qualified-name order, so the smallest ready index is the tie-break.
    while order.tables.len() < count {
        while created[first_left] {
            first_left += 1;
        }
        let next = ready.pop_first().unwrap_or(first_left);
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
            deferrable: Default::default(),
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
                deferrable: Default::default(),
                match_full: false,
            });
        }
        t
    }

    #[test]
    fn permute_puts_each_item_where_the_sequence_says() {
        let sequences: [&[usize]; 5] =
            [&[], &[0], &[2, 0, 1], &[3, 2, 1, 0], &[1, 0, 4, 2, 3, 6, 5]];
        for sequence in sequences {
            let mut items: Vec<usize> = (0..sequence.len()).map(|i| 10 * i).collect();
            permute(&mut items, sequence);
            let expected: Vec<usize> = sequence.iter().map(|&i| 10 * i).collect();
            assert_eq!(items, expected, "{sequence:?}");
        }
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
