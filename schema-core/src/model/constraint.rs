use super::QualifiedName;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `PRIMARY KEY (...)`, single or composite.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PrimaryKey {
    pub name: String,
    pub columns: Vec<String>,
}

/// `UNIQUE (...)`, single or multi-column.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UniqueConstraint {
    pub name: String,
    pub columns: Vec<String>,
}

/// `CHECK (...)`, always named so a migration can drop it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CheckConstraint {
    pub name: String,
    pub expression: String,
}

/// `FOREIGN KEY (...) REFERENCES target (...)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub target: QualifiedName,
    pub target_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_delete: ReferentialAction,
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_update: ReferentialAction,
}

/// What a foreign key does when the referenced row is deleted or its key updated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferentialAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
    pub fn is_default(&self) -> bool {
        *self == ReferentialAction::NoAction
    }

    /// Reads the spelling used in attributes and SQL: `"set null"`, `"set_null"`, `"CASCADE"`.
    pub fn parse(text: &str) -> Option<Self> {
        let normalized = text.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        match normalized.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
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
