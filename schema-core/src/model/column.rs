use super::{ColumnDefault, SqlType};
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
    /// `COMMENT ON COLUMN` text; `#[derive(Table)]` takes it from the field's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl ColumnDef {
    /// A column with no default and no comment.
    pub fn new(name: impl Into<String>, ty: SqlType, nullable: bool) -> Self {
        Self {
            name: name.into(),
            ty,
            nullable,
            default: None,
            comment: None,
        }
    }

    /// Sets the column's `DEFAULT`.
    pub fn with_default(mut self, default: ColumnDefault) -> Self {
        self.default = Some(default);
        self
    }

    /// Sets the column's comment (`COMMENT ON COLUMN`).
    pub fn with_comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }
}
