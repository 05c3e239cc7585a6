//! Views by qualified name: created, dropped, or dropped and created again, when they change
//! or when the migration changes what they read in a way PostgreSQL refuses under a view (a
//! column retyped or dropped, an enum rebuilt, a function recreated, a view they read
//! recreated); a materialized view's indexes and a view's comment change in place.

use super::changes::Changes;
use super::op::{ColumnOp, EnumOp, IndexOp, Op, TableOp, ViewOp, ViewReads};
use crate::model::{QualifiedName, Schema, ViewDef};
use std::collections::{BTreeMap, BTreeSet};

/// The names objects had before this migration's renames, for the old views, whose queries
/// still say them.
#[derive(Default)]
struct Renames {
    /// A table's name now → its name before.
    tables: BTreeMap<QualifiedName, QualifiedName>,
    /// (table now, column now) → the column's name before.
    columns: BTreeMap<(QualifiedName, String), String>,
}

impl Renames {
    fn of(changes: &Changes) -> Self {
        let mut out = Renames::default();
        for op in &changes.renames {
            let (from, to) = match op {
                Op::Table(TableOp::Rename { from, to }) => {
                    (from.clone(), QualifiedName::new(&from.schema, to))
                }
                Op::Table(TableOp::Move {
                    from, to_schema, ..
                }) => (from.clone(), QualifiedName::new(to_schema, &from.name)),
                Op::Column(ColumnOp::Rename { table, from, to }) => {
                    out.columns
                        .insert((table.clone(), to.clone()), from.clone());
                    continue;
                }
                _ => continue,
            };
            // A move then a rename of one table: the first name is the one before both.
            let first = out.tables.remove(&from).unwrap_or(from);
            out.tables.insert(to, first);
        }
        out
    }
}

/// What `view` reads of `schema` (the old views read the old schema, renames applied, and
/// name what it held before them).
fn reads(view: &ViewDef, schema: &Schema, renames: Option<&Renames>) -> ViewReads {
    let words = view.words();
    let all = view.selects_all();
    let mut out = ViewReads::default();
    for table in &schema.tables {
        let now = table.qualified_name();
        let before = renames.and_then(|r| r.tables.get(&now));
        let named = ViewDef::names_relation(&words, &now)
            || before.is_some_and(|b| ViewDef::names_relation(&words, b));
        if !named {
            continue;
        }
        for column in &table.columns {
            let before = renames.and_then(|r| r.columns.get(&(now.clone(), column.name.clone())));
            if all || words.contains(&column.name) || before.is_some_and(|b| words.contains(b)) {
                out.columns.push((now.clone(), column.name.clone()));
            }
        }
        out.tables.push(now);
    }
    for other in &schema.views {
        let name = other.qualified_name();
        if (&other.schema, &other.name) != (&view.schema, &view.name)
            && ViewDef::names_relation(&words, &name)
        {
            out.views.push(name);
        }
    }
    for function in &schema.functions {
        let name = function.qualified_name();
        if ViewDef::names_relation(&words, &name) {
            out.functions.push(name);
        }
    }
    out
}

/// The columns whose type this migration changes or which it drops, the tables it drops and
/// the enum types it rebuilds: what no view may read while it happens.
struct Disturbed {
    columns: BTreeSet<(QualifiedName, String)>,
    tables: BTreeSet<QualifiedName>,
    types: BTreeSet<QualifiedName>,
}

impl Disturbed {
    fn of(changes: &Changes) -> Self {
        let mut out = Disturbed {
            columns: BTreeSet::new(),
            tables: BTreeSet::new(),
            types: BTreeSet::new(),
        };
        for op in changes.columns.iter().chain(&changes.rebuilds) {
            match op {
                Op::Column(ColumnOp::AlterType { table, column, .. }) => {
                    out.columns.insert((table.clone(), column.clone()));
                }
                Op::Column(ColumnOp::Drop { table, column }) => {
                    out.columns.insert((table.clone(), column.name.clone()));
                }
                Op::Enum(EnumOp::Rebuild { def, columns, .. }) => {
                    out.types.insert(def.qualified_name());
                    for c in columns {
                        out.columns.insert((c.table.clone(), c.column.clone()));
                    }
                }
                _ => {}
            }
        }
        for op in &changes.drop_tables {
            if let Op::Table(TableOp::Drop { table }) = op {
                out.tables.insert(table.qualified_name());
            }
        }
        out
    }
}

pub(super) fn compare_views<'a>(old: &Schema, new: &Schema, changes: &mut Changes<'a>) {
    if old.views.is_empty() && new.views.is_empty() {
        return;
    }
    let renames = Renames::of(changes);
    let disturbed = Disturbed::of(changes);
    let old_reads: Vec<ViewReads> = old
        .views
        .iter()
        .map(|v| reads(v, old, Some(&renames)))
        .collect();
    let mut going: BTreeSet<QualifiedName> = old
        .views
        .iter()
        .filter(|v| {
            new.find_view(&v.qualified_name())
                .is_none_or(|n| !n.same_object(v))
        })
        .map(ViewDef::qualified_name)
        .collect();
    // Grown until no view that stays reads one that goes, or what the migration disturbs.
    loop {
        let more: Vec<QualifiedName> = old
            .views
            .iter()
            .zip(&old_reads)
            .filter(|(v, _)| !going.contains(&v.qualified_name()))
            .filter(|(v, r)| {
                r.columns.iter().any(|c| disturbed.columns.contains(c))
                    || r.tables.iter().any(|t| disturbed.tables.contains(t))
                    || r.views.iter().any(|u| going.contains(u))
                    || r.functions
                        .iter()
                        .any(|f| changes.recreated_functions.contains(f))
                    || v.columns.iter().any(|c| {
                        c.ty.referenced_enum()
                            .is_some_and(|ty| disturbed.types.contains(&ty))
                    })
            })
            .map(|(v, _)| v.qualified_name())
            .collect();
        if more.is_empty() {
            break;
        }
        going.extend(more);
    }
    for (view, reads) in old.views.iter().zip(old_reads) {
        if going.contains(&view.qualified_name()) {
            let replaced = new.find_view(&view.qualified_name()).is_some();
            changes.drop_views.push(Op::View(ViewOp::Drop {
                view: view.clone(),
                replaced,
                reads,
            }));
        }
    }
    for view in &new.views {
        let name = view.qualified_name();
        match old.find_view(&name).filter(|_| !going.contains(&name)) {
            None => {
                let reads = reads(view, new, None);
                let fills_from_existing = view.materialized
                    && (reads
                        .tables
                        .iter()
                        .any(|t| super::find_table(old, t).is_some())
                        || reads.views.iter().any(|v| old.find_view(v).is_some()));
                changes.views.push(Op::View(ViewOp::Create {
                    view: view.clone(),
                    reads,
                    fills_from_existing,
                }));
                for index in &view.indexes {
                    changes.view_indexes.push(Op::Index(IndexOp::Create {
                        table: name.clone(),
                        index: index.clone(),
                        concurrently: false,
                        partitioned: false,
                    }));
                }
            }
            Some(before) => {
                if before.comment != view.comment {
                    changes
                        .comments
                        .push(Op::View(ViewOp::Comment { view: view.clone() }));
                }
                compare_indexes(&name, before, view, changes);
            }
        }
    }
}

/// A kept materialized view's indexes: dropped and built concurrently, as a table's, since
/// readers use the view meanwhile.
fn compare_indexes(name: &QualifiedName, before: &ViewDef, after: &ViewDef, changes: &mut Changes) {
    for index in &before.indexes {
        if !after.indexes.contains(index) {
            changes.drop_views.push(Op::Index(IndexOp::Drop {
                table: name.clone(),
                index: index.clone(),
                concurrently: true,
            }));
        }
    }
    for index in &after.indexes {
        if !before.indexes.contains(index) {
            changes.view_indexes.push(Op::Index(IndexOp::Create {
                table: name.clone(),
                index: index.clone(),
                concurrently: true,
                partitioned: false,
            }));
        }
    }
}
