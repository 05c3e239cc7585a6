//! The dependencies of a whole plan: what each operation says of itself
//! ([`Op::add_deps`]), and the uses that only the expressions of other operations tell: enum
//! labels added in the same migration, enum types being rebuilt.

use super::deps::{names_type, qn, Deps, Found, Name, Res};
use super::op::{ColumnOp, ConstraintOp, EnumOp, ExtensionOp, IndexOp, Op, SequenceOp, TableOp};
use crate::model::QualifiedName;

/// The dependencies of every operation of `ops`, with the uses of new enum labels and of
/// rebuilt enum types that only the expressions tell.
pub(super) fn plan_deps<'a>(ops: &'a [Op<'_>]) -> Deps<'a> {
    // More than a table's creation or drop names: the vectors never grow (and copy
    // themselves) on the way, and room never written to costs no memory.
    let n = ops.len();
    let mut d = Deps {
        creates: Found::with_capacity(n * 8),
        drops: Found::with_capacity(n * 8),
        requires: Found::with_capacity(n * 8),
        releases: Found::with_capacity(n * 4),
    };
    for (i, op) in ops.iter().enumerate() {
        d.set_op(i);
        op.add_deps(&mut d);
    }
    extensions_first_and_last(ops, &mut d);
    uses_of_new_labels_in_expressions(ops, &mut d);
    expressions_naming_rebuilt_types(ops, &mut d);
    defaults_drawing_from_dropped_sequences(ops, &mut d);
    columns_under_views(ops, &mut d);
    d
}

/// PostgreSQL refuses to retype a column a view reads: a retyped column (by `ALTER COLUMN
/// TYPE` or an enum's rebuild) changes what the views reading it see, so that the views
/// dropped around it go before and those created come after.
fn columns_under_views<'a>(ops: &'a [Op], d: &mut Deps<'a>) {
    if !ops.iter().any(|op| matches!(op, Op::View(_))) {
        return;
    }
    for (i, op) in ops.iter().enumerate() {
        d.set_op(i);
        match op {
            Op::Column(ColumnOp::AlterType { table, column, .. }) => {
                let res = Res::ViewInput(qn(table), column.as_str());
                d.drops.push(res.clone());
                d.creates.push(res);
            }
            Op::Enum(EnumOp::Rebuild { columns, .. }) => {
                for c in columns {
                    let res = Res::ViewInput(qn(&c.table), c.column.as_str());
                    d.drops.push(res.clone());
                    d.creates.push(res);
                }
            }
            _ => {}
        }
    }
}

/// A sequence cannot be dropped while a default draws from it: every change to a column
/// whose default drew from a dropped sequence (the default dropped or replaced, the column
/// dropped or made an identity continuing the sequence), and the drop of its table, use the
/// sequence in its old form.
fn defaults_drawing_from_dropped_sequences<'a>(ops: &'a [Op], d: &mut Deps<'a>) {
    let dropped: Vec<(Name<'a>, &'a [(QualifiedName, String)])> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Sequence(SequenceOp::Drop { sequence, drawn_by }) if !drawn_by.is_empty() => {
                Some((
                    (sequence.schema.as_str(), sequence.name.as_str()),
                    drawn_by.as_slice(),
                ))
            }
            _ => None,
        })
        .collect();
    if dropped.is_empty() {
        return;
    }
    for (i, op) in ops.iter().enumerate() {
        let (table, column): (Name, Option<&str>) = match op {
            Op::Column(
                ColumnOp::DropDefault { table, column }
                | ColumnOp::SetDefault { table, column, .. }
                | ColumnOp::AddIdentity { table, column, .. }
                | ColumnOp::AlterType { table, column, .. },
            ) => (qn(table), Some(column.as_str())),
            Op::Column(ColumnOp::Drop { table, column }) => (qn(table), Some(column.name.as_str())),
            Op::Table(TableOp::Drop { table }) => ((&table.schema, &table.name), None),
            _ => continue,
        };
        d.set_op(i);
        for (sequence, drawn_by) in &dropped {
            let draws = drawn_by
                .iter()
                .any(|(t, c)| qn(t) == table && column.is_none_or(|column| column == c));
            if draws {
                d.releases.push(Res::Sequence(*sequence));
            }
        }
    }
}

/// Which objects come from an extension (a column of type `citext`, an index with
/// `gin_trgm_ops`, a default calling `gen_random_uuid()`) cannot be told from their names: every
/// operation of the plan but the schema and extension ones comes after the extensions the
/// plan creates and before those it drops, which never orders wrongly, since an extension
/// needs nothing of the plan but its schema.
fn extensions_first_and_last<'a>(ops: &'a [Op], d: &mut Deps<'a>) {
    let (mut created, mut dropped): (Vec<&'a str>, Vec<&'a str>) = (Vec::new(), Vec::new());
    for op in ops {
        match op {
            Op::Extension(ExtensionOp::Create { extension }) => created.push(&extension.name),
            Op::Extension(ExtensionOp::Drop { extension }) => dropped.push(&extension.name),
            _ => {}
        }
    }
    if created.is_empty() && dropped.is_empty() {
        return;
    }
    for (i, op) in ops.iter().enumerate() {
        if matches!(op, Op::Extension(_) | Op::Schema(_)) {
            continue;
        }
        d.set_op(i);
        d.requires
            .extend(created.iter().map(|&name| Res::Extension(name)));
        d.releases
            .extend(dropped.iter().map(|&name| Res::Extension(name)));
    }
}

/// A label added by `ALTER TYPE ... ADD VALUE` and written as a literal (`'archived'`) in an
/// expression of the same migration is taken as used there: PostgreSQL would reject the use
/// before the `ADD VALUE` commits. Text, not types: a literal that happens to match counts.
fn uses_of_new_labels_in_expressions<'a>(ops: &'a [Op], d: &mut Deps<'a>) {
    let added: Vec<(Name<'a>, &'a str, String)> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Enum(EnumOp::AddValue { name, value, .. }) => Some((
                qn(name),
                value.as_str(),
                crate::render::quote_literal(value),
            )),
            _ => None,
        })
        .collect();
    if added.is_empty() {
        return;
    }
    for (i, op) in ops.iter().enumerate() {
        d.set_op(i);
        for expression in op.expressions() {
            for (name, value, literal) in &added {
                if expression.contains(literal.as_str()) {
                    d.requires.push(Res::Label(*name, value));
                }
            }
        }
    }
}

/// A check or index predicate that casts to an enum being rebuilt is parsed against one type:
/// dropping it uses the old type (before the rebuild), creating it needs the new one (after).
fn expressions_naming_rebuilt_types<'a>(ops: &'a [Op], d: &mut Deps<'a>) {
    let rebuilt: Vec<(Name<'a>, QualifiedName)> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Enum(EnumOp::Rebuild { def, .. }) => Some((
                (def.schema.as_str(), def.name.as_str()),
                def.qualified_name(),
            )),
            _ => None,
        })
        .collect();
    if rebuilt.is_empty() {
        return;
    }
    for (i, op) in ops.iter().enumerate() {
        d.set_op(i);
        let (expression, creates) = match op {
            Op::Constraint(ConstraintOp::DropCheck { check, .. }) => {
                (Some(check.expression.as_str()), false)
            }
            Op::Index(IndexOp::Drop { index, .. }) => (index.predicate.as_deref(), false),
            Op::Constraint(ConstraintOp::AddCheck { check, .. }) => {
                (Some(check.expression.as_str()), true)
            }
            Op::Index(IndexOp::Create { index, .. }) => (index.predicate.as_deref(), true),
            _ => (None, false),
        };
        let Some(expression) = expression else {
            continue;
        };
        for (ty, _) in rebuilt.iter().filter(|(_, ty)| names_type(expression, ty)) {
            if creates {
                d.requires.push(Res::Type(*ty));
            } else {
                d.releases.push(Res::Type(*ty));
            }
        }
    }
}
