//! Changes inside one table that exists before and after: columns, keys, constraints,
//! indexes, triggers and comments.

use super::changes::Changes;
use super::deps::words;
use super::op::{
    not_null_check_name, ColumnOp, ConstraintOp, IndexOp, Op, PolicyOp, TableOp, TriggerOp,
};
use super::type_change::{has_assignment_cast, is_widening};
use crate::model::{
    CheckConstraint, ColumnDef, ColumnDefault, ExclusionConstraint, ForeignKey, Index, IndexKey,
    IndexMethod, PrimaryKey, QualifiedName, SqlType, TableDef, Trigger, UniqueConstraint,
};
use crate::render::quote_ident;

/// Compares one table as it is (`old`, renames applied) with how it should be (`new`).
pub(super) fn diff_table(old: &TableDef, new: &TableDef, changes: &mut Changes) {
    let rebuilt = rebuilt_generated_columns(old, new);
    if !rebuilt.is_empty() {
        let old = without_rebuilt_columns(old, new, &rebuilt, changes);
        return diff_table_as_it_is(&old, new, changes);
    }
    diff_table_as_it_is(old, new, changes)
}

/// The generated columns whose expression changes: PostgreSQL before 17 cannot change it in
/// place, so each is dropped and added again. Their values are computed, so nothing is lost.
fn rebuilt_generated_columns<'t>(old: &TableDef, new: &'t TableDef) -> Vec<&'t str> {
    new.columns
        .iter()
        .filter(|c| {
            c.generated.is_some()
                && old
                    .column(&c.name)
                    .is_some_and(|o| o.generated.is_some() && o.generated != c.generated)
        })
        .map(|c| c.name.as_str())
        .collect()
}

/// `old` as it is once its `rebuilt` columns are dropped, with the operations that drop them:
/// first what names them (keys, foreign keys, checks, indexes, exclusion constraints), explicitly, since PostgreSQL
/// would drop only what depends on them and an expression is matched as text; then the
/// columns. The rest of the diff then adds the columns and builds what names them again.
fn without_rebuilt_columns(
    old: &TableDef,
    new: &TableDef,
    rebuilt: &[&str],
    changes: &mut Changes,
) -> TableDef {
    let name = new.qualified_name();
    let named = |columns: &[String]| columns.iter().any(|c| rebuilt.contains(&c.as_str()));
    // A word of the text (bare or quoted) is one of the columns, as the ordering reads
    // expressions; a name with a quote in it is looked for as written. What is missed here
    // would be dropped by PostgreSQL with the column and not made again.
    let mentions = |sql: &str| {
        words(sql).any(|word| rebuilt.contains(&word))
            || rebuilt.iter().any(|c| sql.contains(&quote_ident(c)))
    };
    let mut table = old.clone();
    table
        .columns
        .retain(|c| !rebuilt.contains(&c.name.as_str()));
    if let Some(pk) = table.primary_key.take_if(|pk| named(&pk.columns)) {
        changes
            .dropped_keys
            .insert((name.clone(), sorted(&pk.columns)));
        changes
            .drop_constraints
            .push(Op::Constraint(ConstraintOp::DropPrimaryKey {
                table: name.clone(),
                key: pk,
            }));
    }
    for unique in take_matching(&mut table.uniques, |u| named(&u.columns)) {
        drop_unique(&name, unique, changes);
    }
    for fk in take_matching(&mut table.foreign_keys, |f| named(&f.columns)) {
        changes
            .drop_foreign_keys
            .push(Op::Constraint(ConstraintOp::DropForeignKey {
                table: name.clone(),
                fk,
            }));
    }
    for check in take_matching(&mut table.checks, |c| mentions(&c.expression)) {
        changes
            .drop_constraints
            .push(Op::Constraint(ConstraintOp::DropCheck {
                table: name.clone(),
                check,
            }));
    }
    let involves = |i: &Index| {
        i.key_columns().any(|c| rebuilt.contains(&c))
            || named(&i.include)
            || i.expressions().any(mentions)
    };
    for index in take_matching(&mut table.indexes, |i| involves(i)) {
        drop_index(&name, index, changes);
    }
    let excludes = |x: &ExclusionConstraint| {
        x.key_columns().any(|c| rebuilt.contains(&c)) || x.expressions().any(mentions)
    };
    for exclusion in take_matching(&mut table.exclusions, |x| excludes(x)) {
        changes
            .drop_constraints
            .push(Op::Constraint(ConstraintOp::DropExclusion {
                table: name.clone(),
                exclusion,
            }));
    }
    for column in old
        .columns
        .iter()
        .filter(|c| rebuilt.contains(&c.name.as_str()))
    {
        changes.columns.push(Op::Column(ColumnOp::Drop {
            table: name.clone(),
            column: ColumnDef {
                renamed_from: None,
                using: None,
                ..column.clone()
            },
        }));
    }
    table
}

/// Drops a unique constraint of a table that stays; the foreign keys that reference its key
/// are dropped before and added again after (`dropped_keys`).
fn drop_unique(name: &QualifiedName, unique: UniqueConstraint, changes: &mut Changes) {
    changes
        .dropped_keys
        .insert((name.clone(), sorted(&unique.columns)));
    changes
        .drop_constraints
        .push(Op::Constraint(ConstraintOp::DropUnique {
            table: name.clone(),
            unique,
        }));
}

/// Drops an index of a table that stays, concurrently; a unique one that a foreign key can
/// reference is a key, like a unique constraint.
fn drop_index(name: &QualifiedName, index: Index, changes: &mut Changes) {
    if let (true, None, Some(columns)) = (index.unique, &index.predicate, index.plain_columns()) {
        changes
            .dropped_keys
            .insert((name.clone(), sorted(&columns)));
    }
    changes.drop_constraints.push(Op::Index(IndexOp::Drop {
        table: name.clone(),
        index,
        concurrently: true,
    }));
}

/// Removes from `items` those that match, and gives them back in their order.
fn take_matching<T>(items: &mut Vec<T>, matches: impl Fn(&T) -> bool) -> Vec<T> {
    let (taken, kept) = std::mem::take(items)
        .into_iter()
        .partition(|item| matches(item));
    *items = kept;
    taken
}

fn diff_table_as_it_is(old: &TableDef, new: &TableDef, changes: &mut Changes) {
    let name = new.qualified_name();
    columns(&name, old, new, changes);
    primary_key(&name, old, new, changes);
    let matched = match_named(
        &old.uniques,
        &new.uniques,
        |u| &u.name,
        // Everything but the name, destructured so that no field is left out unnoticed.
        |a, b| {
            let UniqueConstraint {
                name: _,
                columns,
                deferrable,
            } = a;
            *columns == b.columns && *deferrable == b.deferrable
        },
    );
    for unique in matched.dropped {
        drop_unique(&name, unique.clone(), changes);
    }
    for (from, to) in matched.renamed {
        changes
            .drop_constraints
            .push(rename_constraint(&name, &from.name, &to.name, true));
    }
    for unique in matched.added {
        build_key_index(&name, &unique.name, &unique.columns, changes);
        changes
            .add_constraints
            .push(Op::Constraint(ConstraintOp::AddUnique {
                table: name.clone(),
                unique: unique.clone(),
                using_index: true,
            }));
    }
    // Everything but the name and when it is checked, destructured so that no field is left
    // out unnoticed: a key that only changes its deferral is altered in place.
    let same_key = |a: &ForeignKey, b: &ForeignKey| {
        let ForeignKey {
            name: _,
            columns,
            target,
            target_columns,
            on_delete,
            on_update,
            deferrable: _,
            match_full,
        } = a;
        *columns == b.columns
            && *target == b.target
            && *target_columns == b.target_columns
            && *on_delete == b.on_delete
            && *on_update == b.on_update
            && *match_full == b.match_full
    };
    for fk in &new.foreign_keys {
        let before = old.foreign_keys.iter().find(|f| f.name == fk.name);
        if let Some(before) = before.filter(|b| same_key(b, fk) && b.deferrable != fk.deferrable) {
            changes
                .add_foreign_keys
                .push(Op::Constraint(ConstraintOp::AlterForeignKeyDeferral {
                    table: name.clone(),
                    name: before.name.clone(),
                    deferrable: fk.deferrable,
                }));
        }
    }
    // Keys of another name are only renamed when they are checked alike.
    let matched = match_named(
        &old.foreign_keys,
        &new.foreign_keys,
        |f| &f.name,
        |a, b| same_key(a, b) && (a.name == b.name || a.deferrable == b.deferrable),
    );
    for fk in matched.dropped {
        changes
            .drop_foreign_keys
            .push(Op::Constraint(ConstraintOp::DropForeignKey {
                table: name.clone(),
                fk: fk.clone(),
            }));
    }
    for (from, to) in matched.renamed {
        changes
            .drop_constraints
            .push(rename_constraint(&name, &from.name, &to.name, false));
    }
    for fk in matched.added {
        changes
            .add_foreign_keys
            .extend(add_foreign_key_to_existing(&name, fk));
    }
    let matched = match_named(
        &old.checks,
        &new.checks,
        |c| &c.name,
        |a, b| a.expression == b.expression,
    );
    for check in matched.dropped {
        changes
            .drop_constraints
            .push(Op::Constraint(ConstraintOp::DropCheck {
                table: name.clone(),
                check: check.clone(),
            }));
    }
    for (from, to) in matched.renamed {
        changes
            .drop_constraints
            .push(rename_constraint(&name, &from.name, &to.name, false));
    }
    for check in matched.added {
        changes
            .add_constraints
            .extend(add_check_to_existing(&name, check));
    }
    let matched = match_named(
        &old.indexes,
        &new.indexes,
        |i| &i.name,
        // Everything but the name: an index that only changed its name is renamed.
        |a, b| {
            Index {
                name: String::new(),
                ..a.clone()
            } == Index {
                name: String::new(),
                ..b.clone()
            }
        },
    );
    for index in matched.dropped {
        drop_index(&name, index.clone(), changes);
    }
    for (from, to) in matched.renamed {
        changes.drop_constraints.push(Op::Index(IndexOp::Rename {
            table: name.clone(),
            from: from.name.clone(),
            to: to.name.clone(),
        }));
    }
    for index in matched.added {
        changes.indexes.push(Op::Index(IndexOp::Create {
            table: name.clone(),
            index: index.clone(),
            concurrently: true,
            partitioned: false,
        }));
    }
    // Everything but the name: one that only changed its name is renamed, with its index.
    let matched = match_named(
        &old.exclusions,
        &new.exclusions,
        |x| &x.name,
        |a, b| {
            let ExclusionConstraint {
                name: _,
                method,
                elements,
                predicate,
            } = a;
            *method == b.method && *elements == b.elements && *predicate == b.predicate
        },
    );
    for exclusion in matched.dropped {
        changes
            .drop_constraints
            .push(Op::Constraint(ConstraintOp::DropExclusion {
                table: name.clone(),
                exclusion: exclusion.clone(),
            }));
    }
    for (from, to) in matched.renamed {
        changes
            .drop_constraints
            .push(rename_constraint(&name, &from.name, &to.name, true));
    }
    for exclusion in matched.added {
        changes
            .add_constraints
            .push(Op::Constraint(ConstraintOp::AddExclusion {
                table: name.clone(),
                exclusion: exclusion.clone(),
            }));
    }
    triggers(&name, old, new, changes);
    policies(&name, old, new, changes);
    if old.comment != new.comment {
        changes.comments.push(Op::Table(TableOp::Comment {
            table: name,
            comment: new.comment.clone(),
        }));
    }
}

/// Triggers by name: one that changes is replaced in one statement, but one whose function is
/// dropped and created again goes before and comes back after, since it would hold the drop
/// back.
fn triggers(name: &QualifiedName, old: &TableDef, new: &TableDef, changes: &mut Changes) {
    let drop = |trigger: &Trigger| {
        Op::Trigger(TriggerOp::Drop {
            table: name.clone(),
            trigger: trigger.clone(),
        })
    };
    let create = |trigger: &Trigger| {
        Op::Trigger(TriggerOp::Create {
            table: name.clone(),
            trigger: trigger.clone(),
        })
    };
    for trigger in &new.triggers {
        match old.triggers.iter().find(|t| t.name == trigger.name) {
            None => changes.triggers.push(create(trigger)),
            Some(before) if changes.recreated_functions.contains(&before.function) => {
                changes.drop_triggers.push(drop(before));
                changes.triggers.push(create(trigger));
            }
            Some(before) if before != trigger => {
                changes.triggers.push(Op::Trigger(TriggerOp::Replace {
                    table: name.clone(),
                    from: before.clone(),
                    to: trigger.clone(),
                }))
            }
            Some(_) => {}
        }
    }
    for trigger in &old.triggers {
        if !new.triggers.iter().any(|t| t.name == trigger.name) {
            changes.drop_triggers.push(drop(trigger));
        }
    }
}

/// Policies by name: one whose command or kind changes, or that loses an expression, is
/// dropped and created again (`ALTER POLICY` cannot); any other change is `ALTER POLICY`. Row
/// security is switched on after the policies are in place, and off before they go.
fn policies(name: &QualifiedName, old: &TableDef, new: &TableDef, changes: &mut Changes) {
    use crate::model::Policy;
    let op = |op: PolicyOp| Op::Policy(op);
    let altered_in_place = |before: &Policy, after: &Policy| {
        before.command == after.command
            && before.restrictive == after.restrictive
            && (before.using.is_none() || after.using.is_some())
            && (before.with_check.is_none() || after.with_check.is_some())
    };
    if old.row_security != new.row_security && new.row_security.is_off() {
        changes.drop_triggers.push(op(PolicyOp::SetRowSecurity {
            table: name.clone(),
            from: old.row_security,
            to: new.row_security,
            new_table: false,
        }));
    }
    for policy in &old.policies {
        let kept = new.policies.iter().find(|p| p.name == policy.name);
        if kept.is_none_or(|after| !altered_in_place(policy, after)) {
            changes.drop_triggers.push(op(PolicyOp::Drop {
                table: name.clone(),
                policy: policy.clone(),
            }));
        }
    }
    for policy in &new.policies {
        match old.policies.iter().find(|p| p.name == policy.name) {
            Some(before) if before == policy => {}
            Some(before) if altered_in_place(before, policy) => {
                changes.triggers.push(op(PolicyOp::Alter {
                    table: name.clone(),
                    policy: policy.clone(),
                }))
            }
            _ => changes.triggers.push(op(PolicyOp::Create {
                table: name.clone(),
                policy: policy.clone(),
            })),
        }
    }
    if old.row_security != new.row_security && !new.row_security.is_off() {
        changes.triggers.push(op(PolicyOp::SetRowSecurity {
            table: name.clone(),
            from: old.row_security,
            to: new.row_security,
            new_table: false,
        }));
    }
}

/// A check on a table that already holds rows: added `NOT VALID`, then validated.
pub(super) fn add_check_to_existing(
    table: &QualifiedName,
    check: &CheckConstraint,
) -> [Op<'static>; 2] {
    [
        Op::Constraint(ConstraintOp::AddCheck {
            table: table.clone(),
            check: check.clone(),
            not_valid: true,
        }),
        Op::Constraint(ConstraintOp::Validate {
            table: table.clone(),
            name: check.name.clone(),
        }),
    ]
}

/// A foreign key on a table that already holds rows: added `NOT VALID`, then validated.
pub(super) fn add_foreign_key_to_existing(
    table: &QualifiedName,
    fk: &ForeignKey,
) -> [Op<'static>; 2] {
    [
        Op::Constraint(ConstraintOp::AddForeignKey {
            table: table.clone(),
            fk: fk.clone(),
            not_valid: true,
            partitioned: false,
        }),
        Op::Constraint(ConstraintOp::Validate {
            table: table.clone(),
            name: fk.name.clone(),
        }),
    ]
}

fn sorted(columns: &[String]) -> Vec<String> {
    let mut columns = columns.to_vec();
    columns.sort();
    columns
}

fn rename_constraint(table: &QualifiedName, from: &str, to: &str, has_index: bool) -> Op<'static> {
    Op::Constraint(ConstraintOp::Rename {
        table: table.clone(),
        from: from.to_owned(),
        to: to.to_owned(),
        has_index,
    })
}

fn primary_key(name: &QualifiedName, old: &TableDef, new: &TableDef, changes: &mut Changes) {
    // Everything but the name, destructured so that no field is left out unnoticed: a key that
    // only changed its name is renamed, any other change drops and adds it.
    let same_key = |a: &PrimaryKey, b: &PrimaryKey| {
        let PrimaryKey {
            name: _,
            columns,
            deferrable,
        } = a;
        *columns == b.columns && *deferrable == b.deferrable
    };
    match (&old.primary_key, &new.primary_key) {
        (Some(a), Some(b)) if same_key(a, b) => {
            if a.name != b.name {
                changes
                    .drop_constraints
                    .push(rename_constraint(name, &a.name, &b.name, true));
            }
            return;
        }
        (None, None) => return,
        _ => {}
    }
    if let Some(key) = &old.primary_key {
        changes
            .dropped_keys
            .insert((name.clone(), sorted(&key.columns)));
        changes
            .drop_constraints
            .push(Op::Constraint(ConstraintOp::DropPrimaryKey {
                table: name.clone(),
                key: key.clone(),
            }));
    }
    if let Some(key) = &new.primary_key {
        build_key_index(name, &key.name, &key.columns, changes);
        changes
            .add_constraints
            .push(Op::Constraint(ConstraintOp::AddPrimaryKey {
                table: name.clone(),
                key: key.clone(),
                using_index: true,
            }));
    }
}

/// The unique index behind a key added to an existing table, built concurrently so that
/// writes go on; the key then takes it over (`USING INDEX`).
fn build_key_index(table: &QualifiedName, name: &str, columns: &[String], changes: &mut Changes) {
    changes.indexes.push(Op::Index(IndexOp::Create {
        table: table.clone(),
        index: Index {
            name: name.to_owned(),
            columns: columns.iter().map(IndexKey::column_key).collect(),
            unique: true,
            method: IndexMethod::Btree,
            ..Index::default()
        },
        concurrently: true,
        partitioned: false,
    }));
}

fn columns(name: &QualifiedName, old: &TableDef, new: &TableDef, changes: &mut Changes) {
    for column in &new.columns {
        match old.column(&column.name) {
            Some(before) => column_changes(name, before, column, changes),
            None => {
                changes.columns.push(Op::Column(ColumnOp::Add {
                    table: name.clone(),
                    column: ColumnDef {
                        comment: None,
                        renamed_from: None,
                        using: None,
                        ..column.clone()
                    },
                    restored: false,
                }));
                if column.comment.is_some() {
                    changes.comments.push(Op::Column(ColumnOp::Comment {
                        table: name.clone(),
                        column: column.name.clone(),
                        comment: column.comment.clone(),
                    }));
                }
            }
        }
    }
    for column in &old.columns {
        if new.column(&column.name).is_none() {
            changes.columns.push(Op::Column(ColumnOp::Drop {
                table: name.clone(),
                column: ColumnDef {
                    renamed_from: None,
                    using: None,
                    ..column.clone()
                },
            }));
        }
    }
}

fn column_changes(name: &QualifiedName, old: &ColumnDef, new: &ColumnDef, changes: &mut Changes) {
    let table = name.clone();
    let column = new.name.clone();
    // What the column stops being goes first: a default it gets instead is set after.
    if old.identity.is_some() && new.identity.is_none() {
        changes.columns.push(Op::Column(ColumnOp::DropIdentity {
            table: table.clone(),
            column: column.clone(),
        }));
    }
    match (&old.generated, &new.generated) {
        (Some(_), None) => changes.columns.push(Op::Column(ColumnOp::DropExpression {
            table: table.clone(),
            column: column.clone(),
        })),
        // A change of expression is a drop and an add (`diff_table`); a column that holds
        // values cannot become computed without losing them.
        (None, Some(_)) => {
            changes.unsupported.push(format!(
                "make generated column `{column}` of `{name}`: its values would be replaced by \
                 computed ones, so drop the column in one migration and add it as generated in \
                 the next"
            ));
        }
        _ => {}
    }
    // A domain's values are its base type's, checked.
    let retyped = (old.ty != new.ty).then(|| {
        (
            changes.value_type(&old.ty).clone(),
            changes.value_type(&new.ty).clone(),
        )
    });
    let ops = &mut changes.columns;
    if let Some(values) = retyped {
        let narrowing = !is_widening(&values.0, &values.1);
        // The old default is typed with the old type and may not cast: drop it around the
        // change and set the new one after.
        if old.default.is_some() {
            ops.push(Op::Column(ColumnOp::DropDefault {
                table: table.clone(),
                column: column.clone(),
            }));
        }
        let using = match &new.using {
            Some(expression) => Some(expression.clone()),
            None if has_assignment_cast(&values.0, &values.1) => None,
            None => Some(default_using(&column, &old.ty, &new.ty)),
        };
        ops.push(Op::Column(ColumnOp::AlterType {
            table: table.clone(),
            column: column.clone(),
            from: old.ty.clone(),
            to: new.ty.clone(),
            using,
            using_from_model: new.using.is_some(),
            narrowing,
            values,
            restored: false,
        }));
        if let Some(default) = &new.default {
            ops.push(Op::Column(ColumnOp::SetDefault {
                table: table.clone(),
                column: column.clone(),
                ty: new.ty.clone(),
                default: default.clone(),
            }));
        }
    } else if old.default != new.default {
        ops.push(match &new.default {
            Some(default) => Op::Column(ColumnOp::SetDefault {
                table: table.clone(),
                column: column.clone(),
                ty: new.ty.clone(),
                default: default.clone(),
            }),
            None => Op::Column(ColumnOp::DropDefault {
                table: table.clone(),
                column: column.clone(),
            }),
        });
    }
    if old.nullable && !new.nullable {
        ops.push(Op::Column(ColumnOp::SetNotNull {
            table: table.clone(),
            column: column.clone(),
            ty: new.ty.clone(),
            backfill: new.default.clone(),
        }));
        ops.push(Op::Constraint(ConstraintOp::Validate {
            table: table.clone(),
            name: not_null_check_name(&table, &column),
        }));
        ops.push(Op::Column(ColumnOp::FinishSetNotNull {
            table: table.clone(),
            column: column.clone(),
        }));
    } else if !old.nullable && new.nullable {
        ops.push(Op::Column(ColumnOp::DropNotNull {
            table: table.clone(),
            column: column.clone(),
        }));
    }
    match (&old.identity, &new.identity) {
        (None, Some(identity)) => changes.columns.push(Op::Column(ColumnOp::AddIdentity {
            table: table.clone(),
            column: column.clone(),
            identity: *identity,
            continues: match &old.default {
                Some(ColumnDefault::Sql(sql)) => nextval_sequence(sql),
                _ => None,
            },
        })),
        (Some(before), Some(identity)) if before != identity => {
            changes.columns.push(Op::Column(ColumnOp::AlterIdentity {
                table: table.clone(),
                column: column.clone(),
                identity: *identity,
            }))
        }
        _ => {}
    }
    if old.comment != new.comment {
        changes.comments.push(Op::Column(ColumnOp::Comment {
            table,
            column,
            comment: new.comment.clone(),
        }));
    }
}

/// The sequence of a `nextval('name'::regclass)` default, as PostgreSQL prints a `serial`'s:
/// the literal's text, itself an SQL name (`public."Odd seq"`); `None` for any other default.
fn nextval_sequence(default: &str) -> Option<String> {
    let literal = default
        .trim()
        .strip_prefix("nextval('")?
        .strip_suffix("'::regclass)")?;
    // Inside the literal every quote is doubled; a lone one means the text is something else.
    let lone_quote = literal.replace("''", "").contains('\'');
    (!literal.is_empty() && !lone_quote).then(|| literal.replace("''", "'"))
}

/// `"column"::new_type`; into an enum (or an array of one) through `text`, since PostgreSQL
/// has no cast from another enum or from most types straight into an enum.
fn default_using(column: &str, from: &SqlType, to: &SqlType) -> String {
    let column = quote_ident(column);
    let text_like = |ty: &SqlType| matches!(ty, SqlType::Text | SqlType::Varchar { .. });
    match (from, to) {
        (SqlType::Array { element }, SqlType::Array { .. })
            if to.referenced_enum().is_some() && !text_like(element) =>
        {
            format!("{column}::text[]::{to}")
        }
        (_, SqlType::Enum { .. }) if !text_like(from) => format!("{column}::text::{to}"),
        _ => format!("{column}::{to}"),
    }
}

/// Items of one kind matched by name, then leftovers matched by definition (a rename).
struct Matched<'a, T> {
    dropped: Vec<&'a T>,
    renamed: Vec<(&'a T, &'a T)>,
    added: Vec<&'a T>,
}

fn match_named<'a, T>(
    old: &'a [T],
    new: &'a [T],
    name: impl Fn(&T) -> &String,
    same: impl Fn(&T, &T) -> bool,
) -> Matched<'a, T> {
    let mut dropped = Vec::new();
    let mut added = Vec::new();
    for item in old {
        match new.iter().find(|n| name(n) == name(item)) {
            Some(n) if same(item, n) => {}
            _ => dropped.push(item),
        }
    }
    for item in new {
        match old.iter().find(|o| name(o) == name(item)) {
            Some(o) if same(o, item) => {}
            _ => added.push(item),
        }
    }
    // A leftover pair with the same definition under different names is a rename, unless one
    // of the names is still taken by the other side.
    let mut renamed = Vec::new();
    dropped.retain(|o: &&T| {
        let free = !new.iter().any(|n| name(n) == name(o));
        let found = added
            .iter()
            .position(|n| free && same(o, n) && !old.iter().any(|x| name(x) == name(n)));
        match found {
            Some(i) => {
                renamed.push((*o, added.remove(i)));
                false
            }
            None => true,
        }
    });
    Matched {
        dropped,
        renamed,
        added,
    }
}
