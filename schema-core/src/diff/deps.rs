//! The vocabulary of dependencies: the objects ([`Res`]) an operation creates, drops, requires
//! (they must exist in their new form before it runs) and releases (it uses them in their old
//! form, so they may only be dropped after it). Each kind of operation says its own
//! (`op/<kind>.rs`), [`super::plan_deps`] gathers them for a plan and [`super::order`] turns
//! them into edges.

use crate::model::{ColumnDefault, QualifiedName, SqlType, TableDef, DEFAULT_SCHEMA};
use std::borrow::Cow;

/// A schema-qualified name, borrowed from the operation that names it.
pub(super) type Name<'a> = (&'a str, &'a str);

pub(super) fn qn(q: &QualifiedName) -> Name<'_> {
    (&q.schema, &q.name)
}

/// An object an operation can depend on. Borrowed from the operations being ordered: a
/// migration of thousands of tables names hundreds of thousands of them, and copying each
/// name was most of the ordering's cost.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Res<'a> {
    Extension(&'a str),
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
    /// A function, by schema and name.
    Function(Name<'a>),
    /// A sequence, by schema and name (its name is also a [`Res::Relation`]).
    Sequence(Name<'a>),
    /// An object declared by its SQL, by schema and name.
    Raw(Name<'a>),
    /// A row-level security policy of a table, by name.
    Policy(Name<'a>, &'a str),
    /// Every policy of a table: what switching row-level security on waits for.
    Policies(Name<'a>),
    /// A trigger of a table, by name.
    Trigger(Name<'a>, &'a str),
    /// A view, by schema and name.
    View(Name<'a>),
    /// A column as the views that read it see it: retyping or dropping it changes it, so a
    /// view reading it is dropped before and created after.
    ViewInput(Name<'a>, &'a str),
    /// A role, by name.
    Role(&'a str),
    /// The privileges of a role on a table and its columns.
    Privileges(Name<'a>, &'a str),
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
    pub fn with_capacity(capacity: usize) -> Self {
        Found {
            op: 0,
            items: Vec::with_capacity(capacity),
        }
    }

    pub fn push(&mut self, res: Res<'a>) {
        self.items.push((self.op, res));
    }

    pub fn extend(&mut self, objects: impl IntoIterator<Item = Res<'a>>) {
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
    pub fn set_op(&mut self, op: usize) {
        let op = u32::try_from(op).expect("fewer than 2^32 operations");
        self.creates.op = op;
        self.drops.op = op;
        self.requires.op = op;
        self.releases.op = op;
    }

    pub fn on_table(&mut self, table: &'a QualifiedName) {
        self.requires.push(Res::Table(qn(table)));
        self.releases.push(Res::Table(qn(table)));
    }

    /// Only together with requiring the table (and `uses_column` with releasing it): a created
    /// or dropped table orders its columns' users through the table alone
    /// ([`table_objects`]).
    pub fn needs_column(&mut self, table: &'a QualifiedName, column: &'a str) {
        self.requires.push(Res::Column(qn(table), column));
    }

    pub fn uses_column(&mut self, table: &'a QualifiedName, column: &'a str) {
        self.releases.push(Res::Column(qn(table), column));
    }

    pub fn needs_type(&mut self, ty: &'a SqlType, default: Option<&'a ColumnDefault>) {
        if let Some(name) = referenced_domain(ty) {
            self.requires.push(Res::Type(name));
        }
        if let Some(name) = referenced_enum(ty) {
            if let (SqlType::Enum { .. }, Some(ColumnDefault::String(label))) = (ty, default) {
                self.requires.push(Res::Label(name, label));
            }
            self.requires.push(Res::Type(name));
        }
    }

    pub fn releases_type(&mut self, ty: &'a SqlType) {
        if let Some(name) = referenced_enum(ty).or_else(|| referenced_domain(ty)) {
            self.releases.push(Res::Type(name));
        }
    }

    pub fn namespace(&mut self, schema: &'a str, create: bool) {
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

/// The domain `ty` is or holds the elements of.
pub(super) fn referenced_domain(ty: &SqlType) -> Option<Name<'_>> {
    match ty {
        SqlType::Domain { schema, name } => Some((schema, name)),
        SqlType::Array { element } => referenced_domain(element),
        _ => None,
    }
}

/// The enum type `ty` is or holds the elements of.
pub(super) fn referenced_enum(ty: &SqlType) -> Option<Name<'_>> {
    match ty {
        SqlType::Enum { schema, name } => Some((schema, name)),
        SqlType::Array { element } => referenced_enum(element),
        _ => None,
    }
}

pub(super) fn key<'a>(table: Name<'a>, columns: &'a [String]) -> Res<'a> {
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
pub(super) fn index_key<'a>(table: Name<'a>, index: &'a crate::model::Index) -> Option<Res<'a>> {
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

pub(super) fn relation<'a>(table: Name<'a>, name: &'a str) -> Res<'a> {
    Res::Relation(table.0, name)
}

pub(super) fn constraint<'a>(table: Name<'a>, name: &'a str) -> Res<'a> {
    Res::Constraint(table, Cow::Borrowed(name))
}

/// What a table's creation creates, or its drop drops, besides what it holds: its names in the
/// relation namespace (its own and its keys' indexes) and its constraints' names. Its columns
/// and keys are not listed: whatever needs or uses a column or key of a table also requires or
/// releases the table itself, so the table orders them, and a migration of thousands of new
/// tables would otherwise hash ten times as many objects.
pub(super) fn table_objects(table: &TableDef) -> impl Iterator<Item = Res<'_>> {
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
        .chain(
            table
                .exclusions
                .iter()
                .flat_map(move |x| [relation(name, &x.name), constraint(name, &x.name)]),
        )
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
