use super::QualifiedName;
use serde::{Deserialize, Serialize};

/// An object the model has no type for (an aggregate, a cast, an operator, a collation, a text
/// search configuration, ...), declared with the SQL that creates it and the SQL that drops
/// it, so that a schema that needs one is still migrated from the models alone. Declared with
/// [`Schema::raw`](super::Schema::raw).
///
/// The diff knows it by its kind, schema and name and compares its statements as text,
/// whitespace aside: a changed statement drops the object (with the old drop statement) and
/// creates it again. It is created after the extensions, sequences, functions and the objects
/// it [depends on](RawObject::depends_on), and dropped before them. Removing one from the
/// models runs its drop statement, which is refused without `--allow-destructive`: the crate
/// cannot tell what it held.
///
/// The catalog cannot give its statements back: [`introspect`](crate::introspect) takes a
/// declared object as it is when the catalog has an object of its kind and name (an
/// aggregate, function or procedure by its signature, an operator, a type, a cast, a
/// collation), and reports its absence as a difference.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RawObject {
    /// What it is, which says how the catalog is asked for it.
    pub kind: RawKind,
    /// The schema it lives in (for a cast, which belongs to none, the schema of its
    /// declaration only).
    pub schema: String,
    /// Its name, with what tells it from another of the name: an aggregate's or function's
    /// argument types (`array_cat_agg(anyarray)`), an operator's operand types
    /// (`===(integer,integer)`), a cast's (`text AS money_pair`), written as PostgreSQL
    /// prints them (`regprocedure`, `regoperator`, `format_type`) for the catalog to find it.
    pub name: String,
    /// The statements that create it, `;`-separated.
    pub create: String,
    /// The statements that drop it.
    pub drop: String,
    /// The objects it needs, created before it and dropped after it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<RawDependency>,
}

/// The kind of a [`RawObject`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawKind {
    /// `CREATE AGGREGATE`, named with its argument types.
    Aggregate,
    /// `CREATE CAST (source AS target)`, named `source AS target`.
    Cast,
    /// `CREATE COLLATION`.
    Collation,
    /// A function or procedure the model's [`Function`](super::Function) cannot hold (an
    /// overload, a procedure, a window function), named with its argument types.
    Routine,
    /// `CREATE OPERATOR`, named with its operand types: `===(integer,integer)`.
    Operator,
    /// `CREATE TYPE` (a composite, range or base type), named as the type.
    Type,
    /// Anything else (an operator class, a text search configuration, ...): the catalog
    /// is not asked for it, so `introspect` takes it as present.
    Other,
}

impl RawKind {
    /// The kind, in words.
    pub fn word(self) -> &'static str {
        match self {
            RawKind::Aggregate => "aggregate",
            RawKind::Cast => "cast",
            RawKind::Collation => "collation",
            RawKind::Routine => "routine",
            RawKind::Operator => "operator",
            RawKind::Type => "type",
            RawKind::Other => "object",
        }
    }
}

/// What a [`RawObject`] needs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum RawDependency {
    /// A table.
    Table(QualifiedName),
    /// A function of the schema.
    Function(QualifiedName),
    /// An enum type of the schema.
    Type(QualifiedName),
    /// A sequence of the schema.
    Sequence(QualifiedName),
    /// An extension.
    Extension(String),
    /// Another raw object, by schema and name.
    Raw(QualifiedName),
}

impl std::fmt::Display for RawDependency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RawDependency::Table(q) => write!(f, "table `{q}`"),
            RawDependency::Function(q) => write!(f, "function `{q}`"),
            RawDependency::Type(q) => write!(f, "type `{q}`"),
            RawDependency::Sequence(q) => write!(f, "sequence `{q}`"),
            RawDependency::Extension(name) => write!(f, "extension `{name}`"),
            RawDependency::Raw(q) => write!(f, "object `{q}`"),
        }
    }
}

/// `aggregate public.total(bigint)`, `cast text AS pair` (a cast belongs to no schema).
impl std::fmt::Display for RawObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind.word(), self.described_name())
    }
}

impl RawObject {
    /// Its name as messages give it: qualified, but for a cast.
    pub fn described_name(&self) -> String {
        if self.kind == RawKind::Cast {
            self.name.clone()
        } else {
            format!("{}.{}", self.schema, self.name)
        }
    }

    /// The `kind` object `schema.name`, made by `create` and removed by `drop`.
    pub fn new(
        kind: RawKind,
        schema: impl Into<String>,
        name: impl Into<String>,
        create: impl Into<String>,
        drop: impl Into<String>,
    ) -> Self {
        RawObject {
            kind,
            schema: schema.into(),
            name: name.into(),
            create: create.into(),
            drop: drop.into(),
            depends_on: Vec::new(),
        }
    }

    /// The identity the diff knows it by: kind, schema and name, the name without spaces
    /// (`f(integer, text)` and `f(integer,text)` are one signature).
    pub fn key(&self) -> (RawKind, &str, String) {
        (
            self.kind,
            &self.schema,
            self.name.split_whitespace().collect::<String>(),
        )
    }

    /// The same object, needing `dependency` too.
    pub fn depends_on(mut self, dependency: RawDependency) -> Self {
        if !self.depends_on.contains(&dependency) {
            self.depends_on.push(dependency);
            self.depends_on.sort();
        }
        self
    }

    /// Its schema and name.
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }

    /// Whether `other` is the same object with the same statements, whitespace outside
    /// quotes aside.
    pub fn same_as(&self, other: &RawObject) -> bool {
        self.kind == other.kind
            && self.schema == other.schema
            && self.name == other.name
            && self.depends_on == other.depends_on
            && same_text(&self.create, &other.create)
            && same_text(&self.drop, &other.drop)
    }
}

/// Equal once every run of whitespace outside quotes is one space: what "compared by
/// normalized text" means (inside a literal, whitespace is data). The statements themselves
/// are run as written.
fn same_text(a: &str, b: &str) -> bool {
    a == b || super::canonical::collapse_whitespace(a) == super::canonical::collapse_whitespace(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agg(create: &str) -> RawObject {
        RawObject::new(
            RawKind::Aggregate,
            "public",
            "array_cat_agg(anyarray)",
            create,
            "DROP AGGREGATE public.array_cat_agg(anyarray)",
        )
    }

    #[test]
    fn statements_compare_whitespace_aside() {
        let a = agg(
            "CREATE AGGREGATE public.array_cat_agg(anyarray) (SFUNC = array_cat, STYPE = anyarray)",
        );
        let b = agg("CREATE AGGREGATE public.array_cat_agg(anyarray) (\n    SFUNC = array_cat,\n    STYPE = anyarray\n)");
        assert!(a.same_as(&b));
        let c = agg("CREATE AGGREGATE public.array_cat_agg(anyarray) (SFUNC = array_cat, STYPE = anyarray, INITCOND = '{}')");
        assert!(!a.same_as(&c));
        let spaced = agg("CREATE AGGREGATE public.array_cat_agg(anyarray) (SFUNC = array_cat, STYPE = anyarray, INITCOND = '{ }')");
        assert!(!c.same_as(&spaced), "whitespace inside a literal is data");
        let needing = a
            .clone()
            .depends_on(RawDependency::Extension("intarray".into()));
        assert!(!a.same_as(&needing));
    }
}
