//! Declared renames: table, column, sequence and enum-label hints turned into rename operations, and the
//! old schema rewritten to the state those renames leave, so that the rest of the diff
//! compares by name only.
//!
//! A hint is honoured in either direction. `to` carrying `renamed_from = "old"` renames `old`
//! to the new name; `from` carrying it (the reverse diff that writes a down migration) renames
//! the new name back. A hint whose old name is not in the old schema, or whose new name is
//! already there, is ignored: a snapshot keeps its hints, and the next migration must not
//! rename again.

use super::op::{ColumnOp, EnumOp, Op, SequenceOp, TableOp};
use super::{find_table, table_position};
use crate::model::{ColumnDefault, GrantObject, QualifiedName, Schema, SqlType, TableDef};

/// Applies every declared rename to `from` (already canonical) and returns the operations.
pub(super) fn apply_renames(from: &mut Schema, to: &Schema) -> Vec<Op<'static>> {
    let mut ops = Vec::new();
    rename_enum_values(from, to, &mut ops);
    rename_tables(from, to, &mut ops);
    rename_columns(from, to, &mut ops);
    // After the tables: a sequence a moved table owns has moved with it, and is renamed where
    // it now is.
    rename_sequences(from, to, &mut ops);
    ops
}

fn rename_sequences(from: &mut Schema, to: &Schema, ops: &mut Vec<Op>) {
    let exists = |schema: &Schema, s: &str, n: &str| {
        schema
            .sequences
            .iter()
            .any(|q| q.schema == s && q.name == n)
    };
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for new in &to.sequences {
        if let Some(hint) = &new.renamed_from {
            pairs.push((new.schema.clone(), hint.clone(), new.name.clone()));
        }
    }
    for old in &from.sequences {
        if let Some(hint) = &old.renamed_from {
            pairs.push((old.schema.clone(), old.name.clone(), hint.clone()));
        }
    }
    for (schema, was, becomes) in pairs {
        let applies = exists(from, &schema, &was)
            && !exists(from, &schema, &becomes)
            && exists(to, &schema, &becomes)
            && !exists(to, &schema, &was);
        if !applies {
            continue;
        }
        let mut sequences = std::mem::take(&mut from.sequences);
        for sequence in &mut sequences {
            if sequence.schema == schema && sequence.name == was {
                let before = crate::render::nextval(sequence);
                sequence.name = becomes.clone();
                follow_sequence_in_defaults(from, &before, &crate::render::nextval(sequence));
            }
        }
        for sequence in sequences {
            from.add_sequence(sequence);
        }
        follow_in_grants(from, |on| {
            if let GrantObject::Sequence { schema: s, name } = on {
                if *s == schema && *name == was {
                    *name = becomes.clone();
                }
            }
        });
        ops.push(Op::Sequence(SequenceOp::Rename {
            schema,
            from: was,
            to: becomes,
        }));
    }
}

/// A default draws from a sequence by its identity, so it follows the sequence's new name
/// (and schema): PostgreSQL prints it with the new one.
fn follow_sequence_in_defaults(from: &mut Schema, before: &str, after: &str) {
    for table in &mut from.tables {
        for column in &mut table.columns {
            if matches!(&column.default, Some(ColumnDefault::Sql(sql)) if sql == before) {
                column.default = Some(ColumnDefault::Sql(after.to_owned()));
            }
        }
    }
}

/// Sequences owned by a column of a renamed (or moved) table stay owned by it, and move with it.
fn follow_table_in_sequences(from: &mut Schema, old: &QualifiedName, new: &QualifiedName) {
    let mut sequences = std::mem::take(&mut from.sequences);
    for sequence in &mut sequences {
        let owned = sequence.schema == old.schema
            && sequence
                .owned_by
                .as_ref()
                .is_some_and(|owner| owner.table == old.name);
        if !owned {
            continue;
        }
        let before = crate::render::nextval(sequence);
        let moved = (sequence.schema.clone(), sequence.name.clone());
        sequence.schema = new.schema.clone();
        if let Some(owner) = &mut sequence.owned_by {
            owner.table = new.name.clone();
        }
        follow_sequence_in_defaults(from, &before, &crate::render::nextval(sequence));
        follow_in_grants(from, |on| {
            if let GrantObject::Sequence { schema, name } = on {
                if (&*schema, &*name) == (&moved.0, &moved.1) {
                    *schema = new.schema.clone();
                }
            }
        });
    }
    for sequence in sequences {
        from.add_sequence(sequence);
    }
}

/// Privileges are held on an object, not on its name: they follow a rename.
fn follow_in_grants(from: &mut Schema, rename: impl Fn(&mut GrantObject)) {
    if from.grants.is_empty() {
        return;
    }
    for mut grant in std::mem::take(&mut from.grants) {
        rename(&mut grant.on);
        from.add_grant(grant);
    }
}

fn rename_enum_values(from: &mut Schema, to: &Schema, ops: &mut Vec<Op>) {
    for new in &to.enums {
        let Some(i) = from
            .enums
            .iter()
            .position(|e| e.qualified_name() == new.qualified_name())
        else {
            continue;
        };
        let old = &from.enums[i];
        let mut pairs: Vec<(String, String)> = Vec::new();
        // Forward: `to` says `new_label` was `old_label`.
        for (new_label, old_label) in &new.renamed_values {
            pairs.push((old_label.clone(), new_label.clone()));
        }
        // Reverse: `from` says its `label` was `earlier`, and `to` still has `earlier`.
        for (label, earlier) in &old.renamed_values {
            pairs.push((label.clone(), earlier.clone()));
        }
        let name = old.qualified_name();
        for (was, becomes) in pairs {
            let old = &from.enums[i];
            let applies = old.values.contains(&was)
                && !old.values.contains(&becomes)
                && new.values.contains(&becomes)
                && !new.values.contains(&was);
            if !applies {
                continue;
            }
            for value in &mut from.enums[i].values {
                if *value == was {
                    *value = becomes.clone();
                }
            }
            // PostgreSQL stores a default label by the label's identity, so it follows.
            for table in &mut from.tables {
                for column in &mut table.columns {
                    let of_type = matches!(&column.ty, SqlType::Enum { .. })
                        && column.ty.referenced_enum().as_ref() == Some(&name);
                    if of_type && column.default == Some(ColumnDefault::String(was.clone())) {
                        column.default = Some(ColumnDefault::String(becomes.clone()));
                    }
                }
            }
            ops.push(Op::Enum(EnumOp::RenameValue {
                name: name.clone(),
                from: was,
                to: becomes,
            }));
        }
    }
}

/// The old table a hint names: `"schema.name"` if such a table exists, else `"name"` in
/// `schema`.
fn resolve_table_hint(from: &Schema, schema: &str, hint: &str) -> Option<QualifiedName> {
    if let Some((s, n)) = hint.split_once('.') {
        let qualified = QualifiedName::new(s, n);
        if find_table(from, &qualified).is_some() {
            return Some(qualified);
        }
    }
    let local = QualifiedName::new(schema, hint);
    find_table(from, &local).is_some().then_some(local)
}

fn rename_tables(from: &mut Schema, to: &Schema, ops: &mut Vec<Op>) {
    let mut pairs: Vec<(QualifiedName, QualifiedName)> = Vec::new();
    let exists_in = |schema: &Schema, name: &QualifiedName| find_table(schema, name).is_some();
    for new in &to.tables {
        let target = new.qualified_name();
        if exists_in(from, &target) {
            continue;
        }
        let forward = new
            .renamed_from
            .as_deref()
            .and_then(|hint| resolve_table_hint(from, &new.schema, hint))
            .filter(|old| !exists_in(to, old));
        let reverse = || {
            from.tables
                .iter()
                .filter(|old| old.renamed_from.is_some())
                .filter(|old| !exists_in(to, &old.qualified_name()))
                .find(|old| {
                    old.renamed_from.as_deref().is_some_and(|hint| {
                        resolve_table_hint(to, &old.schema, hint).as_ref() == Some(&target)
                    })
                })
                .map(TableDef::qualified_name)
        };
        if let Some(old) = forward.or_else(reverse) {
            if !pairs.iter().any(|(o, _)| *o == old) {
                pairs.push((old, target));
            }
        }
    }
    for (old, new) in pairs {
        let mut current = old.clone();
        if old.schema != new.schema {
            let sequences = from
                .sequences
                .iter()
                .filter(|s| s.schema == old.schema)
                .filter(|s| s.owned_by.as_ref().is_some_and(|o| o.table == old.name))
                .map(|s| s.name.clone())
                .collect();
            ops.push(Op::Table(TableOp::Move {
                from: current.clone(),
                to_schema: new.schema.clone(),
                sequences,
            }));
            current.schema = new.schema.clone();
        }
        if old.name != new.name {
            ops.push(Op::Table(TableOp::Rename {
                from: current.clone(),
                to: new.name.clone(),
            }));
        }
        let mut tables = std::mem::take(&mut from.tables);
        for table in &mut tables {
            if table.qualified_name() == old {
                table.schema = new.schema.clone();
                table.name = new.name.clone();
            }
            for fk in &mut table.foreign_keys {
                if fk.target == old {
                    fk.target = new.clone();
                }
            }
        }
        for table in tables {
            from.add_table(table);
        }
        follow_in_grants(from, |on| match on {
            GrantObject::Table { schema, name }
            | GrantObject::Column {
                schema,
                table: name,
                ..
            } if *schema == old.schema && *name == old.name => {
                *schema = new.schema.clone();
                *name = new.name.clone();
            }
            _ => {}
        });
        follow_table_in_sequences(from, &old, &new);
    }
}

fn rename_columns(from: &mut Schema, to: &Schema, ops: &mut Vec<Op>) {
    for new in &to.tables {
        let name = new.qualified_name();
        let Some(ti) = table_position(from, &name) else {
            continue;
        };
        let mut pairs: Vec<(String, String)> = Vec::new();
        for column in &new.columns {
            if let Some(hint) = &column.renamed_from {
                pairs.push((hint.clone(), column.name.clone()));
            }
        }
        for column in &from.tables[ti].columns {
            if let Some(hint) = &column.renamed_from {
                pairs.push((column.name.clone(), hint.clone()));
            }
        }
        for (was, becomes) in pairs {
            let old = &from.tables[ti];
            let applies = old.column(&was).is_some()
                && old.column(&becomes).is_none()
                && new.column(&becomes).is_some()
                && new.column(&was).is_none();
            if !applies {
                continue;
            }
            rename_column_in(from, &name, ti, &was, &becomes);
            ops.push(Op::Column(ColumnOp::Rename {
                table: name.clone(),
                from: was,
                to: becomes,
            }));
        }
    }
}

/// Renames the column everywhere PostgreSQL would: the column, the table's keys and indexes,
/// and the foreign keys of every table that reference it.
fn rename_column_in(from: &mut Schema, table: &QualifiedName, ti: usize, was: &str, becomes: &str) {
    let rename = |names: &mut Vec<String>| {
        for n in names.iter_mut() {
            if n == was {
                *n = becomes.to_owned();
            }
        }
    };
    for sequence in &mut from.sequences {
        if let Some(owner) = &mut sequence.owned_by {
            let owned = sequence.schema == table.schema && owner.table == table.name;
            if owned && owner.column == was {
                owner.column = becomes.to_owned();
            }
        }
    }
    follow_in_grants(from, |on| {
        if let GrantObject::Column {
            schema,
            table: t,
            column,
        } = on
        {
            if *schema == table.schema && *t == table.name && column == was {
                *column = becomes.to_owned();
            }
        }
    });
    let t = &mut from.tables[ti];
    for column in &mut t.columns {
        if column.name == was {
            column.name = becomes.to_owned();
        }
    }
    if let Some(pk) = &mut t.primary_key {
        rename(&mut pk.columns);
    }
    for unique in &mut t.uniques {
        rename(&mut unique.columns);
    }
    for index in &mut t.indexes {
        // An expression that names the column is text: it changes with the rename in the
        // database, and compares unequal to the model's until the model says the same.
        for key in &mut index.columns {
            if let crate::model::KeyPart::Column(n) = &mut key.part {
                if n == was {
                    *n = becomes.to_owned();
                }
            }
        }
        rename(&mut index.include);
    }
    for fk in &mut t.foreign_keys {
        rename(&mut fk.columns);
    }
    for other in &mut from.tables {
        for fk in &mut other.foreign_keys {
            if &fk.target == table {
                rename(&mut fk.target_columns);
            }
        }
    }
}
