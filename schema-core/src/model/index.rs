use serde::{Deserialize, Serialize};
use std::fmt;

/// `CREATE [UNIQUE] INDEX name ON table USING method (columns) [WHERE predicate]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Index {
    /// Index name, unique among the relations (tables, indexes) of the table's schema.
    pub name: String,
    /// Column names in key order.
    pub columns: Vec<String>,
    /// `CREATE UNIQUE INDEX`: no two rows may share the same indexed values (NULLs count as
    /// distinct).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique: bool,
    /// The access method (`USING ...`); B-tree unless set.
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
    /// `btree`, the default: equality and range lookups, sorted scans.
    #[default]
    Btree,
    /// `hash`: equality lookups only.
    Hash,
    /// `gin`: inverted index over the elements of `jsonb`, arrays and `tsvector`.
    Gin,
    /// `gist`: generalized search tree for geometric types, ranges, full text and
    /// nearest-neighbour search.
    Gist,
    /// `brin`: per-block-range summaries; tiny, for columns that follow the physical row order.
    Brin,
    /// `spgist`: space-partitioned GiST, for non-balanced structures such as quadtrees and
    /// radix trees.
    Spgist,
}

impl IndexMethod {
    /// True for `btree`, the method DDL leaves unwritten and snapshots omit.
    pub fn is_default(&self) -> bool {
        *self == IndexMethod::Btree
    }

    /// Reads an access-method name, case-insensitively (`gin`, `GIN`).
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

    /// The method's name as written after `USING`.
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
