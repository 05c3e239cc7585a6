use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema every object lives in unless the model names another one.
pub const DEFAULT_SCHEMA: &str = "public";

/// A schema-qualified object name, e.g. `storage.files`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QualifiedName {
    /// PostgreSQL schema (namespace) the object lives in, e.g. `storage`.
    pub schema: String,
    /// Object name within that schema, e.g. `files`.
    pub name: String,
}

impl QualifiedName {
    /// The name `schema.name`.
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}
