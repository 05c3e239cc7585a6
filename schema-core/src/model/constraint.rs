use super::{IndexKey, IndexMethod, QualifiedName};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `PRIMARY KEY (...)`, single or composite.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PrimaryKey {
    /// Constraint name (`<table>_pkey` when generated). It also names the index behind the key,
    /// so it must be unique among the relations (tables, indexes) of the table's schema.
    pub name: String,
    /// Key columns, in key order.
    pub columns: Vec<String>,
    /// When the key is checked; a deferrable one cannot be the target of a foreign key
    /// (PostgreSQL's rule).
    #[serde(default, skip_serializing_if = "Deferrable::is_default")]
    pub deferrable: Deferrable,
}

/// `UNIQUE (...)`, single or multi-column.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UniqueConstraint {
    /// Constraint name (`<table>_<columns>_key` when generated). It also names the index behind
    /// the constraint, so it must be unique among the relations of the table's schema.
    pub name: String,
    /// Columns whose values, taken together, no two rows may share (NULLs count as distinct), in
    /// key order.
    pub columns: Vec<String>,
    /// When the constraint is checked; a deferrable one cannot be the target of a foreign key
    /// (PostgreSQL's rule).
    #[serde(default, skip_serializing_if = "Deferrable::is_default")]
    pub deferrable: Deferrable,
}

/// When PostgreSQL checks a constraint: `NOT DEFERRABLE` (the default), `DEFERRABLE`
/// (`INITIALLY IMMEDIATE`: at each statement, unless a transaction says
/// `SET CONSTRAINTS ... DEFERRED`), or `DEFERRABLE INITIALLY DEFERRED` (at commit).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Deferrable {
    /// `NOT DEFERRABLE`: checked at the end of each statement, always.
    #[default]
    Not,
    /// `DEFERRABLE INITIALLY IMMEDIATE`: at each statement unless deferred for a transaction.
    InitiallyImmediate,
    /// `DEFERRABLE INITIALLY DEFERRED`: at commit unless made immediate for a transaction.
    InitiallyDeferred,
}

impl Deferrable {
    /// `NOT DEFERRABLE`, which snapshots leave out.
    pub fn is_default(&self) -> bool {
        *self == Deferrable::Not
    }
}

/// `CHECK (...)`, always named so a migration can drop it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CheckConstraint {
    /// Constraint name, unique among the table's constraints.
    pub name: String,
    /// The boolean SQL expression inside `CHECK (...)`, verbatim; a row is rejected when it is
    /// false (NULL passes).
    pub expression: String,
}

/// `EXCLUDE USING method (element WITH operator, ...) [WHERE (predicate)]`: no two rows whose
/// elements all compare true under their operators. The booking case: two bookings of one
/// room (`room WITH =`) whose times overlap (`during WITH &&`), with `USING gist` (and the
/// `btree_gist` extension for the `=` on a plain column). Built on an index of the
/// constraint's name, as a unique constraint is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExclusionConstraint {
    /// Constraint name (`<table>_<columns>_excl` when generated). It also names its index, so
    /// it must be unique among the relations of the table's schema.
    pub name: String,
    /// The access method of its index; B-tree unless set (GiST for ranges).
    #[serde(default, skip_serializing_if = "IndexMethod::is_default")]
    pub method: IndexMethod,
    /// The elements, in order: each a column or expression, as an index key, with its
    /// operator.
    pub elements: Vec<ExclusionElement>,
    /// Only rows where this holds are compared, as SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
}

/// One element of an [`ExclusionConstraint`]: `key WITH operator`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExclusionElement {
    /// The column or expression, with its operator class and order as an index key has them.
    pub key: IndexKey,
    /// The operator two rows' values are compared with: `=`, `&&`, ...
    pub operator: String,
}

impl ExclusionElement {
    /// `column WITH operator`.
    pub fn new(key: impl Into<IndexKey>, operator: impl Into<String>) -> Self {
        ExclusionElement {
            key: key.into(),
            operator: operator.into(),
        }
    }
}

impl ExclusionConstraint {
    /// The columns its elements name, in order (not the expressions').
    pub fn key_columns(&self) -> impl Iterator<Item = &str> {
        self.elements.iter().filter_map(|e| e.key.column())
    }

    /// The expressions of its elements, and its predicate.
    pub fn expressions(&self) -> impl Iterator<Item = &str> {
        self.elements
            .iter()
            .filter_map(|e| match &e.key.part {
                super::KeyPart::Expression(sql) => Some(sql.as_str()),
                super::KeyPart::Column(_) => None,
            })
            .chain(self.predicate.as_deref())
    }
}

/// `FOREIGN KEY (...) REFERENCES target (...)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ForeignKey {
    /// Constraint name (`<table>_<column>_fkey` when generated; any other, e.g. another
    /// tool's, with `references(.., name = "...")`), unique among the table's constraints.
    pub name: String,
    /// Referencing columns of this table, paired in order with `target_columns`.
    pub columns: Vec<String>,
    /// The referenced table.
    pub target: QualifiedName,
    /// Referenced columns of `target`; PostgreSQL requires them to be its primary key or to
    /// carry a unique constraint.
    pub target_columns: Vec<String>,
    /// What PostgreSQL does to referencing rows when the referenced row is deleted (`ON DELETE`).
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_delete: ReferentialAction,
    /// What PostgreSQL does to referencing rows when the referenced key is updated (`ON UPDATE`).
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_update: ReferentialAction,
    /// When the constraint is checked.
    #[serde(default, skip_serializing_if = "Deferrable::is_default")]
    pub deferrable: Deferrable,
    /// `MATCH FULL`: a composite key's columns are all NULL or all set; by default (`MATCH
    /// SIMPLE`) a row with any NULL key column is not checked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub match_full: bool,
}

/// What a foreign key does when the referenced row is deleted or its key updated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferentialAction {
    /// `NO ACTION`, PostgreSQL's default: fail if referencing rows remain, checked at the end of
    /// the statement (or of the transaction, if the constraint is deferred).
    #[default]
    NoAction,
    /// `RESTRICT`: fail at once if referencing rows exist; cannot be deferred.
    Restrict,
    /// `CASCADE`: delete the referencing rows, or update their columns to the new key.
    Cascade,
    /// `SET NULL`: set the referencing columns to NULL.
    SetNull,
    /// `SET DEFAULT`: set the referencing columns to their column defaults.
    SetDefault,
}

impl ReferentialAction {
    /// True for `NO ACTION`, the action DDL leaves unwritten and snapshots omit.
    pub fn is_default(&self) -> bool {
        *self == ReferentialAction::NoAction
    }

    /// Reads the spelling used in attributes and SQL: `"set null"`, `"set_null"`, `"CASCADE"`.
    pub fn parse(text: &str) -> Option<Self> {
        let normalized = text.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        match normalized
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "no action" => Some(Self::NoAction),
            "restrict" => Some(Self::Restrict),
            "cascade" => Some(Self::Cascade),
            "set null" => Some(Self::SetNull),
            "set default" => Some(Self::SetDefault),
            _ => None,
        }
    }
}

impl fmt::Display for ReferentialAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoAction => "NO ACTION",
            Self::Restrict => "RESTRICT",
            Self::Cascade => "CASCADE",
            Self::SetNull => "SET NULL",
            Self::SetDefault => "SET DEFAULT",
        })
    }
}
