use serde::{Deserialize, Serialize};
use std::fmt;

/// `CREATE [UNIQUE] INDEX name ON table USING method (columns) [WHERE predicate]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    /// Column names in key order.
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique: bool,
    #[serde(default, skip_serializing_if = "IndexMethod::is_default")]
    pub method: IndexMethod,
    /// The partial-index predicate, as SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
}

/// The access method of an index (`USING ...`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexMethod {
    #[default]
    Btree,
    Hash,
    Gin,
    Gist,
    Brin,
    Spgist,
}

impl IndexMethod {
    pub fn is_default(&self) -> bool {
        *self == IndexMethod::Btree
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "btree" => Some(Self::Btree),
            "hash" => Some(Self::Hash),
            "gin" => Some(Self::Gin),
            "gist" => Some(Self::Gist),
            "brin" => Some(Self::Brin),
            "spgist" => Some(Self::Spgist),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Btree => "btree",
            Self::Hash => "hash",
            Self::Gin => "gin",
            Self::Gist => "gist",
            Self::Brin => "brin",
            Self::Spgist => "spgist",
        }
    }
}

impl fmt::Display for IndexMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
