//! Orders operations by what they need, not by fixed phases.
//!
//! Every operation says which objects (`deps::Res`) it creates, drops, requires (must exist in
//! their new form before it runs) and releases (it uses them in their old form, so they may
//! only be dropped after it). Edges follow: creator → requirer, releaser → dropper, and
//! dropper → creator of the same name (a name freed before it is taken again). A stable
//! topological sort keeps generation order wherever the edges allow, and prefers to stay in
//! the current transaction mode, so that statements that must run outside a transaction
//! gather in as few sections as possible.

use super::deps::{
    deps, expressions_naming_rebuilt_types, uses_of_new_labels_in_expressions, Deps, Res,
};
use super::op::Op;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

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
