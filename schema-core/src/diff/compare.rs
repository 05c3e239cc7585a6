//! Schema-level comparison: PostgreSQL schemas, enum types, and which tables are created,
//! dropped or changed. Operations come out in a natural order (creations of containers first,
//! drops of dependents first); [`super::order`] then enforces the real dependencies.

use super::changes::Changes;
use super::deps::names_type;
use super::find_table;
use super::op::{
    ColumnOp, ConstraintOp, DomainOp, EnumColumn, EnumOp, ExtensionOp, FunctionOp, IndexOp, Op,
    PolicyOp, RawOp, SchemaOp, SequenceOp, TableOp, TriggerOp, ValuePosition,
};
use super::order::creation_order;
use super::table_changes::{add_check_to_existing, add_foreign_key_to_existing, diff_table};
use crate::model::{
    clear_hints, ColumnDef, ColumnDefault, EnumDef, ForeignKey, QualifiedName, Schema, TableDef,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Compares `old` (canonical, renames already applied) with `new` (canonical).
/// `old_namespaces` are the PostgreSQL schemas of `old` before the renames.
pub(super) fn compare<'a>(
    old_namespaces: &BTreeSet<String>,
    old: &'a Schema,
    new: &'a Schema,
    renames: Vec<Op<'static>>,
) -> Changes<'a> {
    let mut changes = Changes {
        renames,
        ..Changes::default()
    };
    let new_namespaces: BTreeSet<String> =
        new.namespaces().into_iter().map(str::to_owned).collect();
    for name in new_namespaces.difference(old_namespaces) {
        changes
            .schemas
            .push(Op::Schema(SchemaOp::Create { name: name.clone() }));
    }
    for name in old_namespaces.difference(&new_namespaces) {
        changes
            .drop_schemas
            .push(Op::Schema(SchemaOp::Drop { name: name.clone() }));
    }
    super::compare_access::compare_roles(old, new, &mut changes);
    compare_extensions(old, new, &mut changes);
    compare_enums(old, new, &mut changes);
    compare_domains(old, new, &mut changes);
    compare_sequences(old, new, &mut changes);
    compare_functions(old, new, &mut changes);
    compare_raw_objects(old, new, &mut changes);
    // Borrowed: a first migration creates every table, and each is copied once, into its
    // operation.
    let mut created: Vec<&TableDef> = Vec::new();
    for table in &new.tables {
        match find_table(old, &table.qualified_name()) {
            None => created.push(table),
            Some(before) if !same_table(before, table) || runs_recreated(before, &changes) => {
                diff_table(before, table, &mut changes)
            }
            Some(_) => {}
        }
    }
    recreate_dependent_foreign_keys(old, new, &mut changes);
    create_tables(&created, &mut changes);
    drop_tables(old, new, &mut changes);
    super::compare_partitions::compare_partitions(old, new, &mut changes);
    super::compare_views::compare_views(old, new, &mut changes);
    super::compare_access::compare_grants(old, new, &mut changes);
    changes
}

/// The first item of each key: one hash lookup per object compared, where a scan of the
/// other side's list per object was quadratic on a database of thousands of sequences.
fn by_key<'s, T, K: std::hash::Hash + Eq>(
    items: &'s [T],
    key: impl Fn(&'s T) -> K,
) -> FxHashMap<K, &'s T> {
    let mut out = FxHashMap::with_capacity_and_hasher(items.len(), Default::default());
    for item in items {
        out.entry(key(item)).or_insert(item);
    }
    out
}

/// A trigger of `table` executes a function that is dropped and created again, so the
/// trigger goes and comes back with it.
fn runs_recreated(table: &TableDef, changes: &Changes) -> bool {
    !changes.recreated_functions.is_empty()
        && table
            .triggers
            .iter()
            .any(|t| changes.recreated_functions.contains(&t.function))
}

/// Domains by qualified name: created, dropped, or changed in place (`NOT NULL`, checks added
/// and dropped, a changed check dropped and added again). A changed base type has no
/// statement: PostgreSQL cannot alter it.
fn compare_domains(old: &Schema, new: &Schema, changes: &mut Changes) {
    for def in old.domains.iter().chain(&new.domains) {
        changes
            .domain_bases
            .insert(def.qualified_name(), def.base.clone());
    }
    let (old_domains, new_domains) = (
        by_key(&old.domains, |d| (&d.schema, &d.name)),
        by_key(&new.domains, |d| (&d.schema, &d.name)),
    );
    for def in &new.domains {
        let name = def.qualified_name();
        let Some(before) = old_domains.get(&(&def.schema, &def.name)) else {
            changes.domains.push(Op::Domain(DomainOp::Create {
                def: def.clone().without_rules(),
            }));
            continue;
        };
        if before.base != def.base {
            changes.unsupported.push(format!(
                "change the base type of domain `{name}` from {} to {}: PostgreSQL cannot alter it; declare a domain of another name and move the columns to it",
                before.base, def.base
            ));
            continue;
        }
        for check in &before.checks {
            if !def.checks.contains(check) {
                changes.domains.push(Op::Domain(DomainOp::DropCheck {
                    name: name.clone(),
                    check: check.name.clone(),
                }));
            }
        }
        if before.not_null != def.not_null {
            changes.domains.push(Op::Domain(DomainOp::SetNotNull {
                name: name.clone(),
                not_null: def.not_null,
            }));
        }
        for check in &def.checks {
            if !before.checks.contains(check) {
                changes.domains.push(Op::Domain(DomainOp::AddCheck {
                    name: name.clone(),
                    check: check.clone(),
                }));
            }
        }
    }
    for def in &old.domains {
        if !new_domains.contains_key(&(&def.schema, &def.name)) {
            changes.drop_domains.push(Op::Domain(DomainOp::Drop {
                name: def.qualified_name(),
            }));
        }
    }
}

/// Sequences by qualified name (renames are applied already): created, altered, given
/// another owner, dropped. One owned by a column that is dropped, or of a table that is, goes
/// with it, so no statement drops it.
fn compare_sequences(old: &Schema, new: &Schema, changes: &mut Changes) {
    use crate::model::Sequence;
    let (old_sequences, new_sequences) = (
        by_key(&old.sequences, |s| (&s.schema, &s.name)),
        by_key(&new.sequences, |s| (&s.schema, &s.name)),
    );
    let options = |s: &Sequence| Sequence {
        owned_by: None,
        renamed_from: None,
        ..s.clone()
    };
    for sequence in &new.sequences {
        let name = sequence.qualified_name();
        let owner_before = match old_sequences.get(&(&sequence.schema, &sequence.name)) {
            None => {
                changes.sequences.push(Op::Sequence(SequenceOp::Create {
                    sequence: options(sequence),
                }));
                None
            }
            Some(before) => {
                if options(before) != options(sequence) {
                    changes.sequences.push(Op::Sequence(SequenceOp::Alter {
                        from: options(before),
                        to: options(sequence),
                    }));
                }
                before.owned_by.clone()
            }
        };
        if owner_before != sequence.owned_by {
            // From one owner to another in two steps: released before the old owner may be
            // dropped (which would take the sequence along), owned once the new one exists,
            // whichever order the two tables' changes take.
            if let (Some(_), Some(_)) = (&owner_before, &sequence.owned_by) {
                changes.sequences.push(Op::Sequence(SequenceOp::SetOwner {
                    name: name.clone(),
                    from: owner_before,
                    to: None,
                }));
                changes
                    .sequence_owners
                    .push(Op::Sequence(SequenceOp::SetOwner {
                        name,
                        from: None,
                        to: sequence.owned_by.clone(),
                    }));
            } else {
                changes
                    .sequence_owners
                    .push(Op::Sequence(SequenceOp::SetOwner {
                        name,
                        from: owner_before,
                        to: sequence.owned_by.clone(),
                    }));
            }
        }
    }
    for sequence in &old.sequences {
        if new_sequences.contains_key(&(&sequence.schema, &sequence.name)) {
            continue;
        }
        let goes_with_its_owner = sequence.owned_by.as_ref().is_some_and(|owner| {
            find_table(new, &QualifiedName::new(&sequence.schema, &owner.table))
                .is_none_or(|table| table.column(&owner.column).is_none())
        });
        if !goes_with_its_owner {
            let reference = crate::render::regclass(sequence);
            let drawn_by = old
                .tables
                .iter()
                .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
                .filter(|(_, c)| {
                    matches!(&c.default, Some(ColumnDefault::Sql(sql)) if sql.contains(&reference))
                })
                .map(|(t, c)| (t.qualified_name(), c.name.clone()))
                .collect();
            changes.drop_sequences.push(Op::Sequence(SequenceOp::Drop {
                sequence: sequence.clone(),
                drawn_by,
            }));
        }
    }
}

/// Raw objects by kind, schema and name: created, dropped, or replaced (dropped with the old
/// statements, created with the new) when their statements change or something they depend
/// on is dropped and created again (a function whose arguments change, an enum type rebuilt,
/// another raw object replaced).
fn compare_raw_objects<'a>(old: &'a Schema, new: &'a Schema, changes: &mut Changes) {
    use crate::model::{RawDependency, RawObject};
    if old.raw_objects.is_empty() && new.raw_objects.is_empty() {
        return;
    }
    let (old_objects, new_objects) = (
        by_key(&old.raw_objects, RawObject::key),
        by_key(&new.raw_objects, RawObject::key),
    );
    let find =
        |objects: &FxHashMap<_, &'a RawObject>, o: &RawObject| objects.get(&o.key()).copied();
    let rebuilt: BTreeSet<QualifiedName> = changes
        .rebuilds
        .iter()
        .filter_map(|op| match op {
            Op::Enum(EnumOp::Rebuild { def, .. }) => Some(def.qualified_name()),
            _ => None,
        })
        .collect();
    // Old objects that go (replaced or dropped), grown until no kept object depends on one.
    let mut going: BTreeSet<QualifiedName> = old
        .raw_objects
        .iter()
        .filter(|o| find(&new_objects, o).is_none_or(|n| !n.same_as(o)))
        .map(RawObject::qualified_name)
        .collect();
    loop {
        let more: Vec<QualifiedName> = old
            .raw_objects
            .iter()
            .filter(|o| !going.contains(&o.qualified_name()))
            .filter(|o| {
                o.depends_on.iter().any(|d| match d {
                    RawDependency::Raw(q) => going.contains(q),
                    RawDependency::Function(q) => changes.recreated_functions.contains(q),
                    RawDependency::Type(q) => rebuilt.contains(q),
                    _ => false,
                })
            })
            .map(RawObject::qualified_name)
            .collect();
        if more.is_empty() {
            break;
        }
        going.extend(more);
    }
    for object in &old.raw_objects {
        if !going.contains(&object.qualified_name()) {
            continue;
        }
        let replaced = find(&new_objects, object).is_some();
        let drop = Op::Raw(RawOp::Drop {
            object: object.clone(),
            replaced,
        });
        if replaced {
            changes.raw.push(drop);
        } else {
            changes.drop_raw.push(drop);
        }
    }
    for object in &new.raw_objects {
        let kept = find(&old_objects, object).is_some_and(|o| !going.contains(&o.qualified_name()));
        if !kept {
            changes.raw.push(Op::Raw(RawOp::Create {
                object: object.clone(),
            }));
        }
    }
}

/// Functions by qualified name: one whose arguments or result type change is dropped and
/// created again (PostgreSQL's `CREATE OR REPLACE` keeps both), any other change replaces it.
fn compare_functions(old: &Schema, new: &Schema, changes: &mut Changes) {
    let (old_functions, new_functions) = (
        by_key(&old.functions, |f| (&f.schema, &f.name)),
        by_key(&new.functions, |f| (&f.schema, &f.name)),
    );
    for function in &new.functions {
        match old_functions
            .get(&(&function.schema, &function.name))
            .copied()
        {
            None => changes.functions.push(Op::Function(FunctionOp::Create {
                function: function.clone(),
            })),
            Some(before)
                if before.arguments != function.arguments || before.returns != function.returns =>
            {
                changes
                    .recreated_functions
                    .insert(function.qualified_name());
                changes.functions.push(Op::Function(FunctionOp::Drop {
                    function: before.clone(),
                }));
                changes.functions.push(Op::Function(FunctionOp::Create {
                    function: function.clone(),
                }));
            }
            Some(before) if before != function => {
                changes.functions.push(Op::Function(FunctionOp::Replace {
                    function: function.clone(),
                }))
            }
            Some(_) => {}
        }
    }
    for function in &old.functions {
        if !new_functions.contains_key(&(&function.schema, &function.name)) {
            changes.drop_functions.push(Op::Function(FunctionOp::Drop {
                function: function.clone(),
            }));
        }
    }
}

/// Equal but for hints.
fn same_table(a: &TableDef, b: &TableDef) -> bool {
    // Every field but the hints, destructured so that a field added to the model cannot be
    // left out of the comparison unnoticed.
    let same_column = |x: &ColumnDef, y: &ColumnDef| {
        let ColumnDef {
            name,
            ty,
            nullable,
            default,
            identity,
            generated,
            comment,
            renamed_from: _,
            using: _,
        } = x;
        *name == y.name
            && *ty == y.ty
            && *nullable == y.nullable
            && *default == y.default
            && *identity == y.identity
            && *generated == y.generated
            && *comment == y.comment
    };
    a.schema == b.schema
        && a.name == b.name
        && a.comment == b.comment
        && a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| same_column(x, y))
        && a.primary_key == b.primary_key
        && a.uniques == b.uniques
        && a.foreign_keys == b.foreign_keys
        && a.indexes == b.indexes
        && a.checks == b.checks
        && a.exclusions == b.exclusions
        && a.triggers == b.triggers
        && a.row_security == b.row_security
        && a.policies == b.policies
}

fn without_hints(def: &EnumDef) -> EnumDef {
    EnumDef {
        renamed_values: Vec::new(),
        ..def.clone()
    }
}

/// Extensions by name: one whose schema changes moves there.
fn compare_extensions(old: &Schema, new: &Schema, changes: &mut Changes) {
    let find =
        |schema: &Schema, name: &str| schema.extensions.iter().find(|e| e.name == name).cloned();
    for extension in &new.extensions {
        match find(old, &extension.name) {
            None => changes.extensions.push(Op::Extension(ExtensionOp::Create {
                extension: extension.clone(),
            })),
            Some(before) if before.schema != extension.schema => {
                changes
                    .extensions
                    .push(Op::Extension(ExtensionOp::SetSchema {
                        name: extension.name.clone(),
                        from: before.schema,
                        to: extension.schema.clone(),
                    }))
            }
            Some(_) => {}
        }
    }
    for extension in &old.extensions {
        if find(new, &extension.name).is_none() {
            changes
                .drop_extensions
                .push(Op::Extension(ExtensionOp::Drop {
                    extension: extension.clone(),
                }));
        }
    }
}

fn compare_enums(old: &Schema, new: &Schema, changes: &mut Changes) {
    for def in &new.enums {
        let name = def.qualified_name();
        let Some(before) = old.enums.iter().find(|e| e.qualified_name() == name) else {
            changes.enums.push(Op::Enum(EnumOp::Create {
                def: EnumDef {
                    comment: None,
                    ..without_hints(def)
                },
            }));
            if def.comment.is_some() {
                changes.comments.push(Op::Enum(EnumOp::Comment {
                    name,
                    comment: def.comment.clone(),
                }));
            }
            continue;
        };
        // A rebuilt type is a new type: the rebuild writes its comment.
        let rebuilt = before.values != def.values && enum_values(old, new, before, def, changes);
        if before.comment != def.comment && !rebuilt {
            changes.comments.push(Op::Enum(EnumOp::Comment {
                name,
                comment: def.comment.clone(),
            }));
        }
    }
    for def in &old.enums {
        if !new
            .enums
            .iter()
            .any(|e| e.qualified_name() == def.qualified_name())
        {
            changes.drop_enums.push(Op::Enum(EnumOp::Drop {
                name: def.qualified_name(),
            }));
        }
    }
}

/// Labels added in place when the old labels keep their order; otherwise a rebuild (and
/// `true`).
fn enum_values(
    old: &Schema,
    new: &Schema,
    before: &EnumDef,
    def: &EnumDef,
    changes: &mut Changes,
) -> bool {
    let name = def.qualified_name();
    let removed: Vec<String> = before
        .values
        .iter()
        .filter(|v| !def.values.contains(v))
        .cloned()
        .collect();
    let kept_in_new: Vec<&String> = def
        .values
        .iter()
        .filter(|v| before.values.contains(v))
        .collect();
    let kept_in_old: Vec<&String> = before
        .values
        .iter()
        .filter(|v| def.values.contains(v))
        .collect();
    if removed.is_empty() && kept_in_new == kept_in_old {
        for (i, value) in def.values.iter().enumerate() {
            if before.values.contains(value) {
                continue;
            }
            // Always placed by name (`AFTER` the label before it, else `BEFORE` the first that
            // exists), so that the order is explicit and labels added together keep theirs
            // even when some run outside the transaction. Only a type with no labels at all
            // is appended to.
            let position = if i > 0 {
                ValuePosition::After(def.values[i - 1].clone())
            } else {
                match def.values.iter().find(|v| before.values.contains(v)) {
                    Some(next) => ValuePosition::Before(next.clone()),
                    None => ValuePosition::Last,
                }
            };
            changes.enums.push(Op::Enum(EnumOp::AddValue {
                name: name.clone(),
                value: value.clone(),
                position,
                outside_transaction: false,
            }));
        }
        return false;
    }
    let mut columns = Vec::new();
    for table in &old.tables {
        let Some(after) = find_table(new, &table.qualified_name()) else {
            continue;
        };
        for column in &table.columns {
            let same_type = after
                .column(&column.name)
                .is_some_and(|c| c.ty == column.ty);
            if column.ty.referenced_enum().as_ref() == Some(&name) && same_type {
                let default_kept = after
                    .column(&column.name)
                    .is_some_and(|c| c.default == column.default);
                columns.push(EnumColumn {
                    table: table.qualified_name(),
                    column: column.name.clone(),
                    array: matches!(column.ty, crate::model::SqlType::Array { .. }),
                    had_default: column.default.is_some(),
                    default: column.default.clone().filter(|_| default_kept),
                });
            }
        }
    }
    changes.rebuilds.push(Op::Enum(EnumOp::Rebuild {
        def: without_hints(def),
        removed,
        columns,
    }));
    recreate_expressions_naming(old, new, &name, changes);
    true
}

/// A check or a partial index whose expression names the rebuilt type (`'open'::status`)
/// cannot be re-parsed while its column is converted to the new type (PostgreSQL finds no
/// operator between the two types), so the rebuild would fail: each one that stays is dropped
/// before the rebuild and created again after it, the way any changed check or index is (a
/// check `NOT VALID` then validated, an index concurrently).
fn recreate_expressions_naming(
    old: &Schema,
    new: &Schema,
    ty: &QualifiedName,
    changes: &mut Changes,
) {
    for table in &old.tables {
        let name = table.qualified_name();
        let Some(after) = find_table(new, &name) else {
            continue;
        };
        for check in &table.checks {
            if after.checks.contains(check) && names_type(&check.expression, ty) {
                changes
                    .drop_constraints
                    .push(Op::Constraint(ConstraintOp::DropCheck {
                        table: name.clone(),
                        check: check.clone(),
                    }));
                changes
                    .add_constraints
                    .extend(add_check_to_existing(&name, check));
            }
        }
        for index in &table.indexes {
            let named = index
                .predicate
                .as_deref()
                .is_some_and(|p| names_type(p, ty));
            if named && after.indexes.contains(index) {
                changes.drop_constraints.push(Op::Index(IndexOp::Drop {
                    table: name.clone(),
                    index: index.clone(),
                    concurrently: true,
                }));
                changes.indexes.push(Op::Index(IndexOp::Create {
                    table: name.clone(),
                    index: index.clone(),
                    concurrently: true,
                    partitioned: false,
                }));
            }
        }
    }
}

/// New tables in foreign-key order; keys that close a cycle (or reference the table itself)
/// are added once every table exists. Tables are new, so nothing needs `NOT VALID` or
/// `CONCURRENTLY`.
fn create_tables<'a>(created: &[&'a TableDef], changes: &mut Changes<'a>) {
    changes.create_tables.reserve(created.len());
    changes
        .indexes
        .reserve(created.iter().map(|t| t.indexes.len()).sum());
    let order = creation_order(created);
    let deferred_keys: BTreeSet<(usize, &str)> = order
        .deferred_foreign_keys
        .iter()
        .map(|(table, fk)| (*table, fk.as_str()))
        .collect();
    for &i in &order.tables {
        let table = created[i];
        let name = table.qualified_name();
        let deferred: Vec<_> = table
            .foreign_keys
            .iter()
            .filter(|fk| deferred_keys.contains(&(i, fk.name.as_str())))
            .cloned()
            .collect();
        for index in &table.indexes {
            changes.indexes.push(Op::Index(IndexOp::Create {
                table: name.clone(),
                index: index.clone(),
                concurrently: false,
                partitioned: false,
            }));
        }
        for trigger in &table.triggers {
            changes.triggers.push(Op::Trigger(TriggerOp::Create {
                table: name.clone(),
                trigger: trigger.clone(),
            }));
        }
        for policy in &table.policies {
            changes.triggers.push(Op::Policy(PolicyOp::Create {
                table: name.clone(),
                policy: policy.clone(),
            }));
        }
        if !table.row_security.is_off() {
            changes.triggers.push(Op::Policy(PolicyOp::SetRowSecurity {
                table: name.clone(),
                from: crate::model::RowSecurity::Off,
                to: table.row_security,
                new_table: true,
            }));
        }
        // `CREATE TABLE` writes neither indexes nor comments (separate steps) nor hints: the
        // table is taken as it is, unless a foreign key of it must wait for later.
        let table = if deferred.is_empty() {
            Cow::Borrowed(table)
        } else {
            let mut table = table.clone();
            clear_hints(&mut table);
            table.foreign_keys.retain(|fk| !deferred.contains(fk));
            table.indexes.clear();
            Cow::Owned(table)
        };
        for fk in deferred {
            changes
                .add_foreign_keys
                .push(Op::Constraint(ConstraintOp::AddForeignKey {
                    table: name.clone(),
                    fk,
                    not_valid: false,
                    partitioned: false,
                }));
        }
        changes.create_tables.push(Op::Table(TableOp::Create {
            table,
            restored: false,
        }));
    }
    // Comments wait for nothing but their table: in name order, as a reader looks them up.
    for table in created {
        let name = table.qualified_name();
        if let Some(comment) = &table.comment {
            changes.comments.push(Op::Table(TableOp::Comment {
                table: name.clone(),
                comment: Some(comment.clone()),
            }));
        }
        for column in &table.columns {
            if let Some(comment) = &column.comment {
                changes.comments.push(Op::Column(ColumnOp::Comment {
                    table: name.clone(),
                    column: column.name.clone(),
                    comment: Some(comment.clone()),
                }));
            }
        }
    }
}

/// The tables of `old` that `new` no longer has, in the reverse of the order they would be
/// created in: a table goes before the tables it references, its foreign keys with it. Only a
/// key that closes a cycle among the dropped tables (as [`creation_order`] picks it, the one a
/// first migration adds with `ALTER TABLE`) is dropped on its own, first.
fn drop_tables<'a>(old: &'a Schema, new: &Schema, changes: &mut Changes<'a>) {
    let dropped: Vec<&TableDef> = old
        .tables
        .iter()
        .filter(|table| find_table(new, &table.qualified_name()).is_none())
        .collect();
    changes.drop_tables.reserve(dropped.len());
    let order = creation_order(&dropped);
    let cycle_keys: BTreeSet<(usize, &str)> = order
        .deferred_foreign_keys
        .iter()
        .map(|(table, fk)| (*table, fk.as_str()))
        .collect();
    for (i, &table) in dropped.iter().enumerate() {
        let closes_cycle = |fk: &ForeignKey| {
            (fk.target.schema != table.schema || fk.target.name != table.name)
                && cycle_keys.contains(&(i, &fk.name))
        };
        for fk in table.foreign_keys.iter().filter(|fk| closes_cycle(fk)) {
            changes
                .drop_foreign_keys
                .push(Op::Constraint(ConstraintOp::DropForeignKey {
                    table: table.qualified_name(),
                    fk: fk.clone(),
                }));
        }
        // The keys dropped above no longer hold their targets.
        let table = if table.foreign_keys.iter().any(closes_cycle) {
            let mut table = table.clone();
            clear_hints(&mut table);
            table.foreign_keys.retain(|fk| !closes_cycle(fk));
            Cow::Owned(table)
        } else {
            Cow::Borrowed(table)
        };
        changes.drop_tables.push(Op::Table(TableOp::Drop { table }));
    }
}

/// A foreign key that stays depends on the index of the key it references; when that key is
/// dropped (to be replaced), the foreign key is dropped before and added again after.
fn recreate_dependent_foreign_keys(old: &Schema, new: &Schema, changes: &mut Changes) {
    if changes.dropped_keys.is_empty() {
        return;
    }
    for table in &old.tables {
        let name = table.qualified_name();
        let Some(after) = find_table(new, &name) else {
            continue;
        };
        for fk in &table.foreign_keys {
            let mut key = fk.target_columns.clone();
            key.sort();
            let kept = after.foreign_keys.contains(fk);
            if kept && changes.dropped_keys.contains(&(fk.target.clone(), key)) {
                changes
                    .drop_foreign_keys
                    .push(Op::Constraint(ConstraintOp::DropForeignKey {
                        table: name.clone(),
                        fk: fk.clone(),
                    }));
                changes
                    .add_foreign_keys
                    .extend(add_foreign_key_to_existing(&name, fk));
            }
        }
    }
}
