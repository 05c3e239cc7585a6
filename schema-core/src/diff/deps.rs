//! What each operation depends on: the objects ([`Res`]) it creates, drops, requires (they
//! must exist in their new form before it runs) and releases (it uses them in their old form,
//! so they may only be dropped after it). [`super::order`] turns these into edges.

use super::op::Op;
use crate::model::{ColumnDefault, QualifiedName, SqlType, TableDef, DEFAULT_SCHEMA};
use std::borrow::Cow;

/// A schema-qualified name, borrowed from the operation that names it.
pub(super) type Name<'a> = (&'a str, &'a str);

fn qn(q: &QualifiedName) -> Name<'_> {
    (&q.schema, &q.name)
}

/// An object an operation can depend on. Borrowed from the operations being ordered: a
/// migration of thousands of tables names hundreds of thousands of them, and copying each
/// name was most of the ordering's cost.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Res<'a> {
    Namespace(&'a str),
    Type(Name<'a>),
    Label(Name<'a>, &'a str),
    Table(Name<'a>),
    Column(Name<'a>, &'a str),
    /// A key (primary, unique constraint, unique index) by its sorted columns.
    Key(Name<'a>, Vec<&'a str>),
    Constraint(Name<'a>, Cow<'a, str>),
    /// A name in a schema's relation namespace (tables, indexes).
    Relation(&'a str, &'a str),
    /// A constraint that has been validated.
    Validated(Name<'a>, Cow<'a, str>),
}

/// The objects of one role (created, dropped, ...) of every operation of a plan, each with the
/// index of its operation: one vector per role for the whole plan, not four per operation, so
/// that ordering thousands of operations does not allocate per operation.
#[derive(Default)]
pub(super) struct Found<'a> {
    op: u32,
    pub items: Vec<(u32, Res<'a>)>,
}

impl<'a> Found<'a> {
    fn with_capacity(capacity: usize) -> Self {
        Found {
            op: 0,
            items: Vec::with_capacity(capacity),
        }
    }

    pub fn push(&mut self, res: Res<'a>) {
        self.items.push((self.op, res));
    }

    fn extend(&mut self, objects: impl IntoIterator<Item = Res<'a>>) {
        let op = self.op;
        self.items.extend(objects.into_iter().map(|res| (op, res)));
    }
}

/// What the operations of a plan create, drop, require and release.
#[derive(Default)]
pub(super) struct Deps<'a> {
    pub creates: Found<'a>,
    pub drops: Found<'a>,
    pub requires: Found<'a>,
    pub releases: Found<'a>,
}

impl<'a> Deps<'a> {
    /// The dependencies of every operation of `ops`, with the uses of new enum labels and of
    /// rebuilt enum types that only the expressions tell.
    pub fn of(ops: &'a [Op<'_>]) -> Self {
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
            add_deps(op, &mut d);
        }
        uses_of_new_labels_in_expressions(ops, &mut d);
        expressions_naming_rebuilt_types(ops, &mut d);
        d
    }

    fn set_op(&mut self, op: usize) {
        let op = u32::try_from(op).expect("fewer than 2^32 operations");
        self.creates.op = op;
        self.drops.op = op;
        self.requires.op = op;
        self.releases.op = op;
    }

    fn on_table(&mut self, table: &'a QualifiedName) {
        self.requires.push(Res::Table(qn(table)));
        self.releases.push(Res::Table(qn(table)));
    }

    /// Only together with requiring the table (and `uses_column` with releasing it): a created
    /// or dropped table orders its columns' users through the table alone
    /// ([`table_objects`]).
    fn needs_column(&mut self, table: &'a QualifiedName, column: &'a str) {
        self.requires.push(Res::Column(qn(table), column));
    }

    fn uses_column(&mut self, table: &'a QualifiedName, column: &'a str) {
        self.releases.push(Res::Column(qn(table), column));
    }

    fn needs_type(&mut self, ty: &'a SqlType, default: Option<&'a ColumnDefault>) {
        if let Some(name) = referenced_enum(ty) {
            if let (SqlType::Enum { .. }, Some(ColumnDefault::String(label))) = (ty, default) {
                self.requires.push(Res::Label(name, label));
            }
            self.requires.push(Res::Type(name));
        }
    }

    fn releases_type(&mut self, ty: &'a SqlType) {
        if let Some(name) = referenced_enum(ty) {
            self.releases.push(Res::Type(name));
        }
    }

    fn namespace(&mut self, schema: &'a str, create: bool) {
        if schema != DEFAULT_SCHEMA {
            let res = Res::Namespace(schema);
            if create {
                self.requires.push(res);
            } else {
                self.releases.push(res);
            }
        }
    }
}

/// The enum type `ty` is or holds the elements of.
fn referenced_enum(ty: &SqlType) -> Option<Name<'_>> {
    match ty {
        SqlType::Enum { schema, name } => Some((schema, name)),
        SqlType::Array { element } => referenced_enum(element),
        _ => None,
    }
}

fn key<'a>(table: Name<'a>, columns: &'a [String]) -> Res<'a> {
    let mut columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    columns.sort_unstable();
    Res::Key(table, columns)
}

/// The words of an SQL expression that may name columns: bare words, and quoted names
/// (`"Unit Price"`; one holding a doubled `""` is given as written, and names no column). A
/// check or an index expression waits for a column of that name added in the same migration,
/// and is dropped before one of that name is dropped (a generated column built again). Text,
/// not SQL: a word that names no column of the migration orders nothing.
pub(super) fn words(sql: &str) -> impl Iterator<Item = &str> {
    let mut rest = sql;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c == '"' || c.is_alphabetic() || c == '_')?;
        rest = &rest[start..];
        let (word, after) = match rest.strip_prefix('"') {
            // Up to the closing quote that is not doubled.
            Some(quoted) => {
                let bytes = quoted.as_bytes();
                let mut end = 0;
                while end < bytes.len() {
                    match (bytes[end], bytes.get(end + 1)) {
                        (b'"', Some(b'"')) => end += 2,
                        (b'"', _) => break,
                        _ => end += 1,
                    }
                }
                let end = end.min(quoted.len());
                (&quoted[..end], quoted.get(end + 1..).unwrap_or(""))
            }
            None => {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        rest = after;
        Some(word)
    })
}

/// The key a unique index makes, when a foreign key can reference it: no predicate, and every
/// key a plain column.
fn index_key<'a>(table: Name<'a>, index: &'a crate::model::Index) -> Option<Res<'a>> {
    if !index.unique || index.predicate.is_some() {
        return None;
    }
    let mut columns: Vec<&str> = index
        .columns
        .iter()
        .map(|key| key.column().filter(|_| key.is_plain()))
        .collect::<Option<_>>()?;
    columns.sort_unstable();
    Some(Res::Key(table, columns))
}

fn relation<'a>(table: Name<'a>, name: &'a str) -> Res<'a> {
    Res::Relation(table.0, name)
}

fn constraint<'a>(table: Name<'a>, name: &'a str) -> Res<'a> {
    Res::Constraint(table, Cow::Borrowed(name))
}

/// What a table's creation creates, or its drop drops, besides what it holds: its names in the
/// relation namespace (its own and its keys' indexes) and its constraints' names. Its columns
/// and keys are not listed: whatever needs or uses a column or key of a table also requires or
/// releases the table itself, so the table orders them, and a migration of thousands of new
/// tables would otherwise hash ten times as many objects.
fn table_objects(table: &TableDef) -> impl Iterator<Item = Res<'_>> {
    let name: Name<'_> = (&table.schema, &table.name);
    let keys = table
        .primary_key
        .iter()
        .map(|pk| &pk.name)
        .chain(table.uniques.iter().map(|u| &u.name));
    [Res::Table(name), relation(name, &table.name)]
        .into_iter()
        .chain(
            keys.flat_map(move |key_name| [relation(name, key_name), constraint(name, key_name)]),
        )
        .chain(
            table
                .foreign_keys
                .iter()
                .map(move |fk| constraint(name, &fk.name)),
        )
        .chain(table.checks.iter().map(move |c| constraint(name, &c.name)))
}

/// Adds the dependencies of `op` alone to `d`, under `d`'s current operation.
fn add_deps<'b>(op: &'b Op<'_>, d: &mut Deps<'b>) {
    match op {
        Op::CreateSchema { name } => d.creates.push(Res::Namespace(name)),
        Op::DropSchema { name } => d.drops.push(Res::Namespace(name)),
        Op::CreateEnum { def } => {
            d.namespace(&def.schema, true);
            d.creates
                .push(Res::Type((def.schema.as_str(), def.name.as_str())));
            for value in &def.values {
                d.creates
                    .push(Res::Label((def.schema.as_str(), def.name.as_str()), value));
            }
        }
        Op::DropEnum { name } => {
            d.namespace(&name.schema, false);
            d.drops.push(Res::Type(qn(name)));
        }
        Op::AddEnumValue {
            name,
            value,
            position,
            ..
        } => {
            d.requires.push(Res::Type(qn(name)));
            if let super::op::ValuePosition::Before(n) | super::op::ValuePosition::After(n) =
                position
            {
                d.requires.push(Res::Label(qn(name), n));
            }
            d.creates.push(Res::Label(qn(name), value));
        }
        Op::RenameEnumValue { name, from, to } => {
            d.drops.push(Res::Label(qn(name), from));
            d.creates.push(Res::Label(qn(name), to));
        }
        Op::RebuildEnum { def, columns, .. } => {
            let name = (def.schema.as_str(), def.name.as_str());
            // Replaces the type: columns leaving it go first, columns joining it come after.
            d.drops.push(Res::Type(name));
            d.creates.push(Res::Type(name));
            for value in &def.values {
                d.creates.push(Res::Label(name, value));
            }
            for column in columns {
                d.on_table(&column.table);
                d.needs_column(&column.table, &column.column);
                d.uses_column(&column.table, &column.column);
            }
        }
        Op::CommentOnEnum { name, .. } => d.requires.push(Res::Type(qn(name))),
        Op::CreateTable { table, .. } => {
            let name = (table.schema.as_str(), table.name.as_str());
            d.namespace(&table.schema, true);
            for column in &table.columns {
                d.needs_type(&column.ty, column.default.as_ref());
            }
            for fk in &table.foreign_keys {
                if qn(&fk.target) != name {
                    d.requires.push(Res::Table(qn(&fk.target)));
                    d.requires.push(key(qn(&fk.target), &fk.target_columns));
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
                if qn(&fk.target) != (table.schema.as_str(), table.name.as_str()) {
                    d.releases.push(Res::Table(qn(&fk.target)));
                    d.releases.push(key(qn(&fk.target), &fk.target_columns));
                }
            }
            d.drops.extend(table_objects(table));
            for index in &table.indexes {
                d.drops.push(relation(
                    (table.schema.as_str(), table.name.as_str()),
                    &index.name,
                ));
            }
        }
        Op::RenameTable { from, to } => {
            let new: Name<'_> = (&from.schema, to);
            d.requires.push(Res::Table(qn(from)));
            d.drops.push(Res::Table(qn(from)));
            d.drops.push(relation(qn(from), &from.name));
            d.creates.push(Res::Table(new));
            d.creates.push(relation(new, to));
        }
        Op::MoveTable { from, to_schema } => {
            let new: Name<'_> = (to_schema, &from.name);
            d.namespace(to_schema, true);
            d.namespace(&from.schema, false);
            d.requires.push(Res::Table(qn(from)));
            d.drops.push(Res::Table(qn(from)));
            d.drops.push(relation(qn(from), &from.name));
            d.creates.push(Res::Table(new));
            d.creates.push(relation(new, &from.name));
        }
        Op::CommentOnTable { table, .. } => d.on_table(table),
        Op::AddColumn { table, column, .. } => {
            d.on_table(table);
            d.needs_type(&column.ty, column.default.as_ref());
            d.creates.push(Res::Column(qn(table), &column.name));
        }
        Op::DropColumn { table, column } => {
            d.on_table(table);
            d.releases_type(&column.ty);
            d.drops.push(Res::Column(qn(table), &column.name));
        }
        Op::RenameColumn { table, from, to } => {
            d.on_table(table);
            d.drops.push(Res::Column(qn(table), from));
            d.creates.push(Res::Column(qn(table), to));
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
            d.creates
                .push(Res::Constraint(qn(table), Cow::Owned(check)));
        }
        Op::FinishSetNotNull { table, column } => {
            d.on_table(table);
            d.needs_column(table, column);
            let check = super::op::not_null_check_name(table, column);
            d.requires
                .push(Res::Validated(qn(table), Cow::Owned(check.clone())));
            d.drops.push(Res::Constraint(qn(table), Cow::Owned(check)));
        }
        Op::ValidateConstraint { table, name } => {
            d.on_table(table);
            d.requires.push(constraint(qn(table), name));
            d.creates
                .push(Res::Validated(qn(table), Cow::Borrowed(name)));
        }
        Op::DropNotNull { table, column }
        | Op::DropDefault { table, column }
        | Op::AddIdentity { table, column, .. }
        | Op::AlterIdentity { table, column, .. }
        | Op::DropIdentity { table, column }
        | Op::DropExpression { table, column }
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
            d.creates.push(key(qn(table), &pk.columns));
            if *using_index {
                d.requires.push(relation(qn(table), &pk.name));
            } else {
                d.creates.push(relation(qn(table), &pk.name));
            }
            d.creates.push(constraint(qn(table), &pk.name));
        }
        Op::DropPrimaryKey { table, key: pk } => {
            d.on_table(table);
            for column in &pk.columns {
                d.uses_column(table, column);
            }
            d.drops.push(key(qn(table), &pk.columns));
            d.drops.push(relation(qn(table), &pk.name));
            d.drops.push(constraint(qn(table), &pk.name));
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
            d.creates.push(key(qn(table), &unique.columns));
            if *using_index {
                d.requires.push(relation(qn(table), &unique.name));
            } else {
                d.creates.push(relation(qn(table), &unique.name));
            }
            d.creates.push(constraint(qn(table), &unique.name));
        }
        Op::DropUnique { table, unique } => {
            d.on_table(table);
            for column in &unique.columns {
                d.uses_column(table, column);
            }
            d.drops.push(key(qn(table), &unique.columns));
            d.drops.push(relation(qn(table), &unique.name));
            d.drops.push(constraint(qn(table), &unique.name));
        }
        Op::AddForeignKey { table, fk, .. } => {
            d.on_table(table);
            for column in &fk.columns {
                d.needs_column(table, column);
            }
            d.requires.push(Res::Table(qn(&fk.target)));
            d.requires.push(key(qn(&fk.target), &fk.target_columns));
            for column in &fk.target_columns {
                d.needs_column(&fk.target, column);
            }
            d.creates.push(constraint(qn(table), &fk.name));
        }
        Op::DropForeignKey { table, fk } => {
            d.on_table(table);
            for column in &fk.columns {
                d.uses_column(table, column);
            }
            d.releases.push(Res::Table(qn(&fk.target)));
            d.releases.push(key(qn(&fk.target), &fk.target_columns));
            for column in &fk.target_columns {
                d.uses_column(&fk.target, column);
            }
            d.drops.push(constraint(qn(table), &fk.name));
        }
        Op::AddCheck { table, check, .. } => {
            d.on_table(table);
            for word in words(&check.expression) {
                d.needs_column(table, word);
            }
            d.creates.push(constraint(qn(table), &check.name));
        }
        Op::DropCheck { table, check } => {
            d.on_table(table);
            for word in words(&check.expression) {
                d.uses_column(table, word);
            }
            d.drops.push(constraint(qn(table), &check.name));
        }
        Op::RenameConstraint {
            table,
            from,
            to,
            has_index,
        } => {
            d.on_table(table);
            d.drops.push(constraint(qn(table), from));
            d.creates.push(constraint(qn(table), to));
            if *has_index {
                d.drops.push(relation(qn(table), from));
                d.creates.push(relation(qn(table), to));
            }
        }
        Op::CreateIndex { table, index, .. } => {
            d.on_table(table);
            for column in index
                .key_columns()
                .chain(index.include.iter().map(String::as_str))
            {
                d.needs_column(table, column);
            }
            for word in index.expressions().flat_map(words) {
                d.needs_column(table, word);
            }
            d.creates.push(relation(qn(table), &index.name));
            if let Some(key) = index_key(qn(table), index) {
                d.creates.push(key);
            }
        }
        Op::DropIndex { table, index, .. } => {
            d.on_table(table);
            for column in index
                .key_columns()
                .chain(index.include.iter().map(String::as_str))
            {
                d.uses_column(table, column);
            }
            for word in index.expressions().flat_map(words) {
                d.uses_column(table, word);
            }
            d.drops.push(relation(qn(table), &index.name));
            if let Some(key) = index_key(qn(table), index) {
                d.drops.push(key);
            }
        }
        Op::RenameIndex { table, from, to } => {
            d.on_table(table);
            d.drops.push(relation(qn(table), from));
            d.creates.push(relation(qn(table), to));
        }
    }
}

/// SQL text of `op` that may name an enum label: checks, index predicates, SQL defaults.
fn expressions<'b>(op: &'b Op<'_>) -> Vec<&'b str> {
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
fn uses_of_new_labels_in_expressions<'a>(ops: &'a [Op], d: &mut Deps<'a>) {
    let added: Vec<(Name<'a>, &'a str, String)> = ops
        .iter()
        .filter_map(|op| match op {
            Op::AddEnumValue { name, value, .. } => Some((
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
        for expression in expressions(op) {
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
            Op::RebuildEnum { def, .. } => Some((
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
            Op::DropCheck { check, .. } => (Some(check.expression.as_str()), false),
            Op::DropIndex { index, .. } => (index.predicate.as_deref(), false),
            Op::AddCheck { check, .. } => (Some(check.expression.as_str()), true),
            Op::CreateIndex { index, .. } => (index.predicate.as_deref(), true),
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
