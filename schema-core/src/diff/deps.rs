//! What each operation depends on: the objects ([`Res`]) it creates, drops, requires (they
//! must exist in their new form before it runs) and releases (it uses them in their old form,
//! so they may only be dropped after it). [`super::order`] turns these into edges.

use super::op::Op;
use crate::model::{ColumnDefault, QualifiedName, SqlType, TableDef, DEFAULT_SCHEMA};

/// An object an operation can depend on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Res {
    Namespace(String),
    Type(QualifiedName),
    Label(QualifiedName, String),
    Table(QualifiedName),
    Column(QualifiedName, String),
    /// A key (primary, unique constraint, unique index) by its sorted columns.
    Key(QualifiedName, Vec<String>),
    Constraint(QualifiedName, String),
    /// A name in a schema's relation namespace (tables, indexes).
    Relation(String, String),
    /// A constraint that has been validated.
    Validated(QualifiedName, String),
}

#[derive(Default)]
pub(super) struct Deps {
    pub creates: Vec<Res>,
    pub drops: Vec<Res>,
    pub requires: Vec<Res>,
    pub releases: Vec<Res>,
}

impl Deps {
    fn on_table(&mut self, table: &QualifiedName) {
        self.requires.push(Res::Table(table.clone()));
        self.releases.push(Res::Table(table.clone()));
    }

    fn needs_column(&mut self, table: &QualifiedName, column: &str) {
        self.requires
            .push(Res::Column(table.clone(), column.to_owned()));
    }

    fn uses_column(&mut self, table: &QualifiedName, column: &str) {
        self.releases
            .push(Res::Column(table.clone(), column.to_owned()));
    }

    fn needs_type(&mut self, ty: &SqlType, default: Option<&ColumnDefault>) {
        if let Some(name) = ty.referenced_enum() {
            if let (SqlType::Enum { .. }, Some(ColumnDefault::String(label))) = (ty, default) {
                self.requires.push(Res::Label(name.clone(), label.clone()));
            }
            self.requires.push(Res::Type(name));
        }
    }

    fn releases_type(&mut self, ty: &SqlType) {
        if let Some(name) = ty.referenced_enum() {
            self.releases.push(Res::Type(name));
        }
    }

    fn namespace(&mut self, schema: &str, create: bool) {
        if schema != DEFAULT_SCHEMA {
            let res = Res::Namespace(schema.to_owned());
            if create {
                self.requires.push(res);
            } else {
                self.releases.push(res);
            }
        }
    }
}

fn key(table: &QualifiedName, columns: &[String]) -> Res {
    let mut columns = columns.to_vec();
    columns.sort();
    Res::Key(table.clone(), columns)
}

fn relation(table: &QualifiedName, name: &str) -> Res {
    Res::Relation(table.schema.clone(), name.to_owned())
}

fn table_objects(table: &TableDef) -> Vec<Res> {
    let name = table.qualified_name();
    let mut out = vec![Res::Table(name.clone()), relation(&name, &table.name)];
    for column in &table.columns {
        out.push(Res::Column(name.clone(), column.name.clone()));
    }
    if let Some(pk) = &table.primary_key {
        out.push(key(&name, &pk.columns));
        out.push(relation(&name, &pk.name));
        out.push(Res::Constraint(name.clone(), pk.name.clone()));
    }
    for unique in &table.uniques {
        out.push(key(&name, &unique.columns));
        out.push(relation(&name, &unique.name));
        out.push(Res::Constraint(name.clone(), unique.name.clone()));
    }
    for fk in &table.foreign_keys {
        out.push(Res::Constraint(name.clone(), fk.name.clone()));
    }
    for check in &table.checks {
        out.push(Res::Constraint(name.clone(), check.name.clone()));
    }
    out
}

/// The dependencies of `op` alone.
pub(super) fn deps(op: &Op) -> Deps {
    let mut d = Deps::default();
    match op {
        Op::CreateSchema { name } => d.creates.push(Res::Namespace(name.clone())),
        Op::DropSchema { name } => d.drops.push(Res::Namespace(name.clone())),
        Op::CreateEnum { def } => {
            d.namespace(&def.schema, true);
            d.creates.push(Res::Type(def.qualified_name()));
            for value in &def.values {
                d.creates
                    .push(Res::Label(def.qualified_name(), value.clone()));
            }
        }
        Op::DropEnum { name } => {
            d.namespace(&name.schema, false);
            d.drops.push(Res::Type(name.clone()));
        }
        Op::AddEnumValue {
            name,
            value,
            position,
            ..
        } => {
            d.requires.push(Res::Type(name.clone()));
            if let super::op::ValuePosition::Before(n) | super::op::ValuePosition::After(n) =
                position
            {
                d.requires.push(Res::Label(name.clone(), n.clone()));
            }
            d.creates.push(Res::Label(name.clone(), value.clone()));
        }
        Op::RenameEnumValue { name, from, to } => {
            d.drops.push(Res::Label(name.clone(), from.clone()));
            d.creates.push(Res::Label(name.clone(), to.clone()));
        }
        Op::RebuildEnum { def, columns, .. } => {
            let name = def.qualified_name();
            // Replaces the type: columns leaving it go first, columns joining it come after.
            d.drops.push(Res::Type(name.clone()));
            d.creates.push(Res::Type(name.clone()));
            for value in &def.values {
                d.creates.push(Res::Label(name.clone(), value.clone()));
            }
            for column in columns {
                d.on_table(&column.table);
                d.needs_column(&column.table, &column.column);
                d.uses_column(&column.table, &column.column);
            }
        }
        Op::CommentOnEnum { name, .. } => d.requires.push(Res::Type(name.clone())),
        Op::CreateTable { table, .. } => {
            let name = table.qualified_name();
            d.namespace(&table.schema, true);
            for column in &table.columns {
                d.needs_type(&column.ty, column.default.as_ref());
            }
            for fk in &table.foreign_keys {
                if fk.target != name {
                    d.requires.push(Res::Table(fk.target.clone()));
                    d.requires.push(key(&fk.target, &fk.target_columns));
                    for column in &fk.target_columns {
                        d.needs_column(&fk.target, column);
                    }
                }
            }
            d.creates.extend(table_objects(table));
        }
        Op::DropTable { table } => {
            d.namespace(&table.schema, false);
            for column in &table.columns {
                d.releases_type(&column.ty);
            }
            // Its own foreign keys go with it: until then they hold their targets.
            for fk in &table.foreign_keys {
                if fk.target != table.qualified_name() {
                    d.releases.push(Res::Table(fk.target.clone()));
                    d.releases.push(key(&fk.target, &fk.target_columns));
                }
            }
            d.drops.extend(table_objects(table));
            for index in &table.indexes {
                d.drops.push(relation(&table.qualified_name(), &index.name));
            }
        }
        Op::RenameTable { from, to } => {
            let new = QualifiedName::new(&from.schema, to);
            d.requires.push(Res::Table(from.clone()));
            d.drops.push(Res::Table(from.clone()));
            d.drops.push(relation(from, &from.name));
            d.creates.push(Res::Table(new.clone()));
            d.creates.push(relation(&new, to));
        }
        Op::MoveTable { from, to_schema } => {
            let new = QualifiedName::new(to_schema, &from.name);
            d.namespace(to_schema, true);
            d.namespace(&from.schema, false);
            d.requires.push(Res::Table(from.clone()));
            d.drops.push(Res::Table(from.clone()));
            d.drops.push(relation(from, &from.name));
            d.creates.push(Res::Table(new.clone()));
            d.creates.push(relation(&new, &from.name));
        }
        Op::CommentOnTable { table, .. } => d.on_table(table),
        Op::AddColumn { table, column, .. } => {
            d.on_table(table);
            d.needs_type(&column.ty, column.default.as_ref());
            d.creates
                .push(Res::Column(table.clone(), column.name.clone()));
        }
        Op::DropColumn { table, column } => {
            d.on_table(table);
            d.releases_type(&column.ty);
            d.drops
                .push(Res::Column(table.clone(), column.name.clone()));
        }
        Op::RenameColumn { table, from, to } => {
            d.on_table(table);
            d.drops.push(Res::Column(table.clone(), from.clone()));
            d.creates.push(Res::Column(table.clone(), to.clone()));
        }
        Op::AlterColumnType {
            table,
            column,
            from,
            to,
            ..
        } => {
            d.on_table(table);
            d.needs_column(table, column);
            d.needs_type(to, None);
            d.releases_type(from);
        }
        Op::SetNotNull {
            table,
            column,
            ty,
            backfill,
        } => {
            d.on_table(table);
            d.needs_column(table, column);
            d.needs_type(ty, backfill.as_ref());
            let check = super::op::not_null_check_name(table, column);
            d.creates.push(Res::Constraint(table.clone(), check));
        }
        Op::FinishSetNotNull { table, column } => {
            d.on_table(table);
            d.needs_column(table, column);
            let check = super::op::not_null_check_name(table, column);
            d.requires
                .push(Res::Validated(table.clone(), check.clone()));
            d.drops.push(Res::Constraint(table.clone(), check));
        }
        Op::ValidateConstraint { table, name } => {
            d.on_table(table);
            d.requires
                .push(Res::Constraint(table.clone(), name.clone()));
            d.creates.push(Res::Validated(table.clone(), name.clone()));
        }
        Op::DropNotNull { table, column }
        | Op::DropDefault { table, column }
        | Op::CommentOnColumn { table, column, .. } => {
            d.on_table(table);
            d.needs_column(table, column);
            d.uses_column(table, column);
        }
        Op::SetDefault {
            table,
            column,
            ty,
            default,
        } => {
            d.on_table(table);
            d.needs_column(table, column);
            d.needs_type(ty, Some(default));
        }
        Op::AddPrimaryKey {
            table,
            key: pk,
            using_index,
        } => {
            d.on_table(table);
            for column in &pk.columns {
                d.needs_column(table, column);
            }
            d.creates.push(key(table, &pk.columns));
            if *using_index {
                d.requires.push(relation(table, &pk.name));
            } else {
                d.creates.push(relation(table, &pk.name));
            }
            d.creates
                .push(Res::Constraint(table.clone(), pk.name.clone()));
        }
        Op::DropPrimaryKey { table, key: pk } => {
            d.on_table(table);
            for column in &pk.columns {
                d.uses_column(table, column);
            }
            d.drops.push(key(table, &pk.columns));
            d.drops.push(relation(table, &pk.name));
            d.drops
                .push(Res::Constraint(table.clone(), pk.name.clone()));
        }
        Op::AddUnique {
            table,
            unique,
            using_index,
        } => {
            d.on_table(table);
            for column in &unique.columns {
                d.needs_column(table, column);
            }
            d.creates.push(key(table, &unique.columns));
            if *using_index {
                d.requires.push(relation(table, &unique.name));
            } else {
                d.creates.push(relation(table, &unique.name));
            }
            d.creates
                .push(Res::Constraint(table.clone(), unique.name.clone()));
        }
        Op::DropUnique { table, unique } => {
            d.on_table(table);
            for column in &unique.columns {
                d.uses_column(table, column);
            }
            d.drops.push(key(table, &unique.columns));
            d.drops.push(relation(table, &unique.name));
            d.drops
                .push(Res::Constraint(table.clone(), unique.name.clone()));
        }
        Op::AddForeignKey { table, fk, .. } => {
            d.on_table(table);
            for column in &fk.columns {
                d.needs_column(table, column);
            }
            d.requires.push(Res::Table(fk.target.clone()));
            d.requires.push(key(&fk.target, &fk.target_columns));
            for column in &fk.target_columns {
                d.needs_column(&fk.target, column);
            }
            d.creates
                .push(Res::Constraint(table.clone(), fk.name.clone()));
        }
        Op::DropForeignKey { table, fk } => {
            d.on_table(table);
            for column in &fk.columns {
                d.uses_column(table, column);
            }
            d.releases.push(Res::Table(fk.target.clone()));
            d.releases.push(key(&fk.target, &fk.target_columns));
            for column in &fk.target_columns {
                d.uses_column(&fk.target, column);
            }
            d.drops
                .push(Res::Constraint(table.clone(), fk.name.clone()));
        }
        Op::AddCheck { table, check, .. } => {
            d.on_table(table);
            d.creates
                .push(Res::Constraint(table.clone(), check.name.clone()));
        }
        Op::DropCheck { table, check } => {
            d.on_table(table);
            d.drops
                .push(Res::Constraint(table.clone(), check.name.clone()));
        }
        Op::RenameConstraint {
            table,
            from,
            to,
            has_index,
        } => {
            d.on_table(table);
            d.drops.push(Res::Constraint(table.clone(), from.clone()));
            d.creates.push(Res::Constraint(table.clone(), to.clone()));
            if *has_index {
                d.drops.push(relation(table, from));
                d.creates.push(relation(table, to));
            }
        }
        Op::CreateIndex { table, index, .. } => {
            d.on_table(table);
            for column in &index.columns {
                d.needs_column(table, column);
            }
            d.creates.push(relation(table, &index.name));
            if index.unique && index.predicate.is_none() {
                d.creates.push(key(table, &index.columns));
            }
        }
        Op::DropIndex { table, index, .. } => {
            d.on_table(table);
            for column in &index.columns {
                d.uses_column(table, column);
            }
            d.drops.push(relation(table, &index.name));
            if index.unique && index.predicate.is_none() {
                d.drops.push(key(table, &index.columns));
            }
        }
        Op::RenameIndex { table, from, to } => {
            d.on_table(table);
            d.drops.push(relation(table, from));
            d.creates.push(relation(table, to));
        }
    }
    d
}

/// SQL text of `op` that may name an enum label: checks, index predicates, SQL defaults.
fn expressions(op: &Op) -> Vec<&str> {
    fn sql_default(d: Option<&ColumnDefault>) -> Option<&str> {
        match d {
            Some(ColumnDefault::Sql(sql)) => Some(sql.as_str()),
            _ => None,
        }
    }
    match op {
        Op::AddCheck { check, .. } => vec![check.expression.as_str()],
        Op::CreateIndex { index, .. } => index.predicate.as_deref().into_iter().collect(),
        Op::CreateTable { table, .. } => table
            .checks
            .iter()
            .map(|c| c.expression.as_str())
            .chain(
                table
                    .columns
                    .iter()
                    .filter_map(|c| sql_default(c.default.as_ref())),
            )
            .collect(),
        Op::AddColumn { column, .. } => sql_default(column.default.as_ref()).into_iter().collect(),
        Op::SetDefault { default, .. } => sql_default(Some(default)).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// A label added by `ALTER TYPE ... ADD VALUE` and written as a literal (`'archived'`) in an
/// expression of the same migration is taken as used there: PostgreSQL would reject the use
/// before the `ADD VALUE` commits. Text, not types: a literal that happens to match counts.
pub(super) fn uses_of_new_labels_in_expressions(ops: &[Op], deps: &mut [Deps]) {
    let added: Vec<(QualifiedName, String, String)> = ops
        .iter()
        .filter_map(|op| match op {
            Op::AddEnumValue { name, value, .. } => Some((
                name.clone(),
                value.clone(),
                crate::render::quote_literal(value),
            )),
            _ => None,
        })
        .collect();
    if added.is_empty() {
        return;
    }
    for (op, d) in ops.iter().zip(deps.iter_mut()) {
        for expression in expressions(op) {
            for (name, value, literal) in &added {
                if expression.contains(literal.as_str()) {
                    d.requires.push(Res::Label(name.clone(), value.clone()));
                }
            }
        }
    }
}

/// A check or index predicate that casts to an enum being rebuilt is parsed against one type:
/// dropping it uses the old type (before the rebuild), creating it needs the new one (after).
pub(super) fn expressions_naming_rebuilt_types(ops: &[Op], deps: &mut [Deps]) {
    let rebuilt: Vec<QualifiedName> = ops
        .iter()
        .filter_map(|op| match op {
            Op::RebuildEnum { def, .. } => Some(def.qualified_name()),
            _ => None,
        })
        .collect();
    if rebuilt.is_empty() {
        return;
    }
    for (op, d) in ops.iter().zip(deps.iter_mut()) {
        let (expression, creates) = match op {
            Op::DropCheck { check, .. } => (Some(check.expression.as_str()), false),
            Op::DropIndex { index, .. } => (index.predicate.as_deref(), false),
            Op::AddCheck { check, .. } => (Some(check.expression.as_str()), true),
            Op::CreateIndex { index, .. } => (index.predicate.as_deref(), true),
            _ => (None, false),
        };
        let Some(expression) = expression else {
            continue;
        };
        for ty in rebuilt.iter().filter(|ty| names_type(expression, ty)) {
            if creates {
                d.requires.push(Res::Type(ty.clone()));
            } else {
                d.releases.push(Res::Type(ty.clone()));
            }
        }
    }
}

/// Whether `expression` casts to `ty` (`::status`, `::public.status`, `::"public"."status"`,
/// `::status[]`), as PostgreSQL prints a literal of the type. Text, not SQL: a cast inside a
/// string literal counts too, which costs only a needless drop and re-create.
pub(super) fn names_type(expression: &str, ty: &QualifiedName) -> bool {
    let ident = |s: &str| crate::render::quote_ident(s);
    let spellings = [
        ty.name.clone(),
        ident(&ty.name),
        format!("{}.{}", ty.schema, ty.name),
        format!("{}.{}", ident(&ty.schema), ident(&ty.name)),
    ];
    expression.match_indices("::").any(|(i, _)| {
        let rest = expression[i + 2..].trim_start();
        spellings.iter().any(|s| {
            rest.strip_prefix(s.as_str()).is_some_and(|after| {
                !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
            })
        })
    })
}
