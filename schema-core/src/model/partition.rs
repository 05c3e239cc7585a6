use serde::{Deserialize, Serialize};
use std::fmt;

/// How a partitioned table splits its rows (`PARTITION BY RANGE (created_at)`): the method and
/// the key columns. `#[table(partition_by = "range (created_at)")]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartitionBy {
    /// Range, list or hash.
    pub method: PartitionMethod,
    /// The key columns, in key order.
    pub columns: Vec<String>,
}

/// The method of a [`PartitionBy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartitionMethod {
    /// Each partition holds a range of keys (`FROM (..) TO (..)`).
    Range,
    /// Each partition holds listed key values (`IN (..)`); one key column.
    List,
    /// Rows spread by the key's hash (`WITH (MODULUS m, REMAINDER r)`).
    Hash,
}

/// One partition of a partitioned table: a table of the parent's schema holding the rows its
/// bound admits. Its columns, keys and indexes are the parent's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Partition {
    /// Table name, in the parent's schema.
    pub name: String,
    /// The rows it holds.
    pub bound: PartitionBound,
}

/// The rows a [`Partition`] holds. Values are SQL literals (`'2026-01-01'`, `42`, and
/// `MINVALUE` / `MAXVALUE` in a range), compared with the catalog's by value: the catalog
/// prints `'2026-01-01 00:00:00+00'` for a `timestamptz` key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PartitionBound {
    /// `FOR VALUES FROM (..) TO (..)`: one value per key column each, `to` excluded.
    Range {
        /// The lowest keys held.
        from: Vec<String>,
        /// The first keys not held.
        to: Vec<String>,
    },
    /// `FOR VALUES IN (..)`
    List {
        /// The values held.
        values: Vec<String>,
    },
    /// `FOR VALUES WITH (MODULUS m, REMAINDER r)`
    Hash {
        /// How many partitions share the hash space.
        modulus: u32,
        /// Which of them this is.
        remainder: u32,
    },
    /// `DEFAULT`: the rows no other partition holds.
    Default,
}

impl PartitionMethod {
    /// The keyword, as `PARTITION BY` takes it.
    pub fn keyword(self) -> &'static str {
        match self {
            PartitionMethod::Range => "RANGE",
            PartitionMethod::List => "LIST",
            PartitionMethod::Hash => "HASH",
        }
    }
}

impl PartitionBy {
    /// Parses `range (created_at)`, `list (region)`, `hash (id, tenant_id)`: the method and
    /// the key columns, as `#[table(partition_by = "..")]` and the catalog
    /// (`pg_get_partkeydef`) write them. An expression key is not a column list: `None`.
    pub fn parse(text: &str) -> Result<PartitionBy, String> {
        let text = text.trim();
        let (method, rest) = text
            .split_once(|c: char| c.is_whitespace() || c == '(')
            .map(|(m, _)| (m, &text[m.len()..]))
            .ok_or_else(|| {
                "write it `range (column, ..)`, `list (column)` or `hash (column, ..)`".to_owned()
            })?;
        let method = match method.to_ascii_lowercase().as_str() {
            "range" => PartitionMethod::Range,
            "list" => PartitionMethod::List,
            "hash" => PartitionMethod::Hash,
            other => {
                return Err(format!(
                    "`{other}` is not a partitioning method: use `range`, `list` or `hash`"
                ))
            }
        };
        let inner = rest
            .trim()
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .ok_or_else(|| "the key columns go in parentheses: `range (created_at)`".to_owned())?;
        let mut columns = Vec::new();
        for column in inner.split(',') {
            let column = column.trim();
            let column = column
                .strip_prefix('"')
                .and_then(|c| c.strip_suffix('"'))
                .unwrap_or(column);
            let plain = !column.is_empty()
                && column
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
            if !plain {
                return Err(format!(
                    "`{column}` is not a column name: partition keys are columns (an expression key is not supported yet)"
                ));
            }
            columns.push(column.to_owned());
        }
        if method == PartitionMethod::List && columns.len() > 1 {
            return Err("a list partition key has one column".into());
        }
        Ok(PartitionBy { method, columns })
    }
}

impl fmt::Display for PartitionBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.method.keyword().to_ascii_lowercase(),
            self.columns.join(", ")
        )
    }
}

impl Partition {
    /// A range partition: `Partition::range("events_2026", ["'2026-01-01'"], ["'2027-01-01'"])`.
    pub fn range<S: Into<String>>(
        name: impl Into<String>,
        from: impl IntoIterator<Item = S>,
        to: impl IntoIterator<Item = S>,
    ) -> Self {
        Partition {
            name: name.into(),
            bound: PartitionBound::Range {
                from: from.into_iter().map(Into::into).collect(),
                to: to.into_iter().map(Into::into).collect(),
            },
        }
    }

    /// A list partition: `Partition::list("orders_eu", ["'de'", "'fr'"])`.
    pub fn list<S: Into<String>>(
        name: impl Into<String>,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        Partition {
            name: name.into(),
            bound: PartitionBound::List {
                values: values.into_iter().map(Into::into).collect(),
            },
        }
    }

    /// A hash partition: `Partition::hash("sessions_0", 4, 0)`.
    pub fn hash(name: impl Into<String>, modulus: u32, remainder: u32) -> Self {
        Partition {
            name: name.into(),
            bound: PartitionBound::Hash { modulus, remainder },
        }
    }

    /// The default partition.
    pub fn default_partition(name: impl Into<String>) -> Self {
        Partition {
            name: name.into(),
            bound: PartitionBound::Default,
        }
    }

    /// What PostgreSQL refuses of the partition under `by`, if anything.
    pub(super) fn problem(&self, by: &PartitionBy) -> Option<String> {
        let keys = by.columns.len();
        match (&self.bound, by.method) {
            (PartitionBound::Default, PartitionMethod::Hash) => {
                Some("is a default partition of a hash-partitioned table, which has none".into())
            }
            (PartitionBound::Default, _) => None,
            (PartitionBound::Range { from, to }, PartitionMethod::Range) => {
                (from.len() != keys || to.len() != keys).then(|| {
                    format!("has range bounds of {} and {} values for a key of {keys} columns", from.len(), to.len())
                })
            }
            (PartitionBound::List { values }, PartitionMethod::List) => values
                .is_empty()
                .then(|| "lists no values".into()),
            (PartitionBound::Hash { modulus, remainder }, PartitionMethod::Hash) => {
                (*modulus == 0 || remainder >= modulus).then(|| {
                    format!("has remainder {remainder} for modulus {modulus}: the remainder is below the modulus, which is above 0")
                })
            }
            (_, method) => Some(format!(
                "has a {} bound on a table partitioned by {}",
                self.bound.kind(),
                method.keyword().to_ascii_lowercase()
            )),
        }
    }
}

impl PartitionBound {
    /// `range`, `list`, `hash` or `default`.
    pub fn kind(&self) -> &'static str {
        match self {
            PartitionBound::Range { .. } => "range",
            PartitionBound::List { .. } => "list",
            PartitionBound::Hash { .. } => "hash",
            PartitionBound::Default => "default",
        }
    }

    /// The values of the bound, in order (`from` then `to` for a range): what is compared with
    /// the catalog's by value.
    pub fn values(&self) -> Vec<&str> {
        match self {
            PartitionBound::Range { from, to } => {
                from.iter().chain(to).map(String::as_str).collect()
            }
            PartitionBound::List { values } => values.iter().map(String::as_str).collect(),
            PartitionBound::Hash { .. } | PartitionBound::Default => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse() {
        assert_eq!(
            PartitionBy::parse("range (created_at)"),
            Ok(PartitionBy {
                method: PartitionMethod::Range,
                columns: vec!["created_at".into()]
            })
        );
        assert_eq!(
            PartitionBy::parse("HASH (id, \"tenant_id\")").map(|k| k.columns),
            Ok(vec!["id".to_owned(), "tenant_id".to_owned()])
        );
        assert!(PartitionBy::parse("range (date_trunc('day', at))").is_err());
        assert!(PartitionBy::parse("tree (a)").is_err());
        assert!(PartitionBy::parse("list (a, b)").is_err());
        assert!(PartitionBy::parse("range created_at").is_err());
    }
}
