use super::{Check, CheckConstraint, QualifiedName, SqlType};
use serde::{Deserialize, Serialize};

/// A domain (`CREATE DOMAIN`): a base type with `NOT NULL` and checks, which every column of
/// the type gets. `#[derive(PgDomain)]` declares one from a Rust newtype, its checks from the
/// inner field's `#[validate(..)]` rules (so the database, the Rust validators and Zod check
/// the same) plus checks written in SQL; a schema collects it from the columns that use it.
///
/// A check is named and compared as PostgreSQL prints it (`VALUE` for the value), as a table's
/// checks are. A check added to a domain whose columns hold values is added `NOT VALID` and
/// validated, which fails on a value that breaks it; `NOT NULL` likewise. A changed base type
/// has no migration (PostgreSQL cannot alter it): declare a new domain and move the columns.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DomainDef {
    /// PostgreSQL schema the domain lives in.
    pub schema: String,
    /// Domain name, unique among the types of its schema.
    pub name: String,
    /// The type it restricts.
    pub base: SqlType,
    /// `NOT NULL`: no column of the type holds NULL, `Option` or not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_null: bool,
    /// `CONSTRAINT name CHECK (expression)`, in name order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckConstraint>,
    /// The Rust rules the checks come from, for the validators and Zod. Not part of the
    /// database: never serialized, and left out by [`canonical`](super::canonical).
    #[serde(skip)]
    pub rules: DomainRules,
}

/// The `#[validate(..)]` rules of a domain's newtype.
#[derive(Clone, Copy, Debug, Default)]
pub struct DomainRules(pub &'static [Check]);

impl PartialEq for DomainRules {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for DomainRules {}

impl std::hash::Hash for DomainRules {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.len().hash(state);
    }
}

impl DomainDef {
    /// The domain `schema.name` over `base`, nullable, without checks.
    pub fn new(schema: impl Into<String>, name: impl Into<String>, base: SqlType) -> Self {
        DomainDef {
            schema: schema.into(),
            name: name.into(),
            base,
            not_null: false,
            checks: Vec::new(),
            rules: DomainRules::default(),
        }
    }

    /// The domain's schema and name.
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }

    /// The column type of the domain.
    pub fn sql_type(&self) -> SqlType {
        SqlType::Domain {
            schema: self.schema.clone(),
            name: self.name.clone(),
        }
    }

    /// The same domain with `NOT NULL`.
    pub fn not_null(mut self) -> Self {
        self.not_null = true;
        self
    }

    /// The same domain with the check `name`: `expression`, over `VALUE`.
    pub fn check(mut self, name: impl Into<String>, expression: impl Into<String>) -> Self {
        self.checks.push(CheckConstraint {
            name: name.into(),
            expression: expression.into(),
        });
        self.checks.sort_by(|a, b| a.name.cmp(&b.name));
        self
    }

    /// The same domain as the database knows it: without its Rust rules.
    pub fn without_rules(mut self) -> Self {
        self.rules = DomainRules::default();
        self
    }
}
