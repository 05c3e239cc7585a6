use super::{ColumnDefault, Identity, SqlType};
use serde::{Deserialize, Serialize};

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ColumnDef {
    /// Column name, unique within the table.
    pub name: String,
    /// Column data type.
    #[serde(rename = "type")]
    pub ty: SqlType,
    /// Whether the column accepts NULL; `false` renders `NOT NULL`.
    pub nullable: bool,
    /// Value PostgreSQL stores when an `INSERT` omits the column (`DEFAULT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<ColumnDefault>,
    /// `GENERATED ... AS IDENTITY`: values numbered by PostgreSQL. An identity column is
    /// `NOT NULL`, of type `smallint`, `integer` or `bigint`, and has no `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// `GENERATED ALWAYS AS (expression) STORED`: a value PostgreSQL computes from the row's
    /// other columns on every write; it has no `default` and is never written by a query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// `COMMENT ON COLUMN` text; `#[derive(Table)]` takes it from the field's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Rename hint for the diff engine: the column's previous name. When the previous
    /// snapshot has a column of that name and no column of this name, the migration renames
    /// it (`ALTER TABLE ... RENAME COLUMN`) instead of dropping one and adding the other.
    /// A hint only: [`canonical`](super::canonical) clears it, so it never makes a schema look
    /// changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Override of the cast the diff engine writes when the column's type changes:
    /// the SQL expression after `USING` (default: none where PostgreSQL has an assignment cast,
    /// else `"column"::new_type`). A hint only, cleared by
    /// [`canonical`](super::canonical).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
}

impl ColumnDef {
    /// A column with no default and no comment.
    pub fn new(name: impl Into<String>, ty: SqlType, nullable: bool) -> Self {
        Self {
            name: name.into(),
            ty,
            nullable,
            default: None,
            identity: None,
            generated: None,
            comment: None,
            renamed_from: None,
            using: None,
        }
    }

    /// Sets the column's `DEFAULT`.
    pub fn with_default(mut self, default: ColumnDefault) -> Self {
        self.default = Some(default);
        self
    }

    /// Makes it an identity column (`GENERATED ... AS IDENTITY`).
    pub fn with_identity(mut self, identity: Identity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Makes it a stored generated column computed by `expression`.
    pub fn with_generated(mut self, expression: impl Into<String>) -> Self {
        self.generated = Some(expression.into());
        self
    }

    /// Whether a query may give it a value: not when PostgreSQL computes it (a generated
    /// column) or numbers it and refuses one (`identity(always)`).
    pub fn is_writable(&self) -> bool {
        self.generated.is_none() && !self.identity.is_some_and(|i| i.always)
    }

    /// Declares that this column was called `old_name` in the previous migration.
    pub fn with_renamed_from(mut self, old_name: impl Into<String>) -> Self {
        self.renamed_from = Some(old_name.into());
        self
    }

    /// Sets the `USING` expression for a change of this column's type.
    pub fn with_using(mut self, expression: impl Into<String>) -> Self {
        self.using = Some(expression.into());
        self
    }

    /// Sets the column's comment (`COMMENT ON COLUMN`).
    pub fn with_comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }
}
