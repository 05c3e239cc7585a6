use super::QualifiedName;
use serde::{Deserialize, Serialize};

/// A PostgreSQL enum type (`CREATE TYPE ... AS ENUM`). Values keep their declared order,
/// which is the order PostgreSQL sorts them in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EnumDef {
    /// PostgreSQL schema the type lives in.
    pub schema: String,
    /// Type name; it must be unique among the types of its schema, which include the row type
    /// of every table there.
    pub name: String,
    /// The labels, in declaration order (which is their sort order).
    pub values: Vec<String>,
    /// `COMMENT ON TYPE` text; `#[derive(PgEnum)]` takes it from the enum's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Rename hints for the diff engine, as `(new label, old label)` pairs: the migration
    /// renames the old label (`ALTER TYPE ... RENAME VALUE`) instead of dropping it and adding
    /// the new one. Hints only: [`canonical`](super::canonical) clears them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renamed_values: Vec<(String, String)>,
}

impl EnumDef {
    /// The enum type `schema.name` with these labels, in order, and no comment.
    pub fn new(
        schema: impl Into<String>,
        name: impl Into<String>,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self {
            schema: schema.into(),
            name: name.into(),
            values: values.into_iter().map(Into::into).collect(),
            comment: None,
            renamed_values: Vec::new(),
        }
    }

    /// The type's schema-qualified name.
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }
}
