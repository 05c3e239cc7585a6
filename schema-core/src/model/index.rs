use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// `CREATE [UNIQUE] INDEX name ON table USING method (keys) [INCLUDE (columns)]
/// [NULLS NOT DISTINCT] [WITH (parameters)] [WHERE predicate]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Index {
    /// Index name, unique among the relations (tables, indexes) of the table's schema.
    pub name: String,
    /// The keys in order: columns (`"email".into()`) or expressions ([`IndexKey::expression`]),
    /// each with its sort order and operator class. Called `columns` since most are.
    pub columns: Vec<IndexKey>,
    /// Columns stored in the index without being keys (`INCLUDE`), so that a query reading
    /// only them and the keys is answered from the index alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// For a unique index, NULLs count as equal (`NULLS NOT DISTINCT`, PostgreSQL 15): at most
    /// one row may hold NULL in the keys.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
    /// Storage parameters (`WITH (fillfactor = 70)`), by name, each value as PostgreSQL keeps
    /// it (`70`, `off`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub with: BTreeMap<String, String>,
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

impl Index {
    /// The columns its keys name, in order; expression keys name none that the model knows.
    pub fn key_columns(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().filter_map(IndexKey::column)
    }

    /// The SQL it holds: its key expressions, then its predicate.
    pub fn expressions(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .filter_map(|key| match &key.part {
                KeyPart::Expression(sql) => Some(sql.as_str()),
                KeyPart::Column(_) => None,
            })
            .chain(self.predicate.as_deref())
    }

    /// Its keys as plain column names, when every key is a column in ascending order with the
    /// default operator class: only then can it stand for a key (a foreign key's target, a
    /// constraint built on it).
    pub fn plain_columns(&self) -> Option<Vec<String>> {
        self.columns
            .iter()
            .map(|key| key.column().filter(|_| key.is_plain()).map(str::to_owned))
            .collect()
    }
}

/// One key of an index: a column or an expression, its order and its operator class.
///
/// Serialized as the column's name alone when it is a plain ascending column, so snapshots of
/// indexes without these options read as they always did.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "KeyForm", into = "KeyForm")]
pub struct IndexKey {
    /// What is indexed.
    pub part: KeyPart,
    /// `DESC`: sorted from the largest value.
    pub descending: bool,
    /// `NULLS FIRST` / `NULLS LAST`; `None` is PostgreSQL's default (last when ascending,
    /// first when descending).
    pub nulls: Option<NullsOrder>,
    /// The operator class (`gin_trgm_ops`, `text_pattern_ops`); the type's default if `None`.
    pub opclass: Option<String>,
}

/// What an index key indexes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyPart {
    /// A column, by name.
    Column(String),
    /// An SQL expression (`lower(email)`), written without the parentheses `CREATE INDEX`
    /// puts around it. Compared as text, as PostgreSQL prints it back (`lower(email)` of a
    /// `text` column; `lower((email)::text)` of a `varchar` one).
    Expression(String),
}

/// Where NULLs sort in an index key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NullsOrder {
    /// `NULLS FIRST`
    First,
    /// `NULLS LAST`
    Last,
}

impl IndexKey {
    /// A column in ascending order.
    pub fn column_key(name: impl Into<String>) -> Self {
        IndexKey {
            part: KeyPart::Column(name.into()),
            descending: false,
            nulls: None,
            opclass: None,
        }
    }

    /// An expression (`lower(email)`) in ascending order.
    pub fn expression(sql: impl Into<String>) -> Self {
        IndexKey {
            part: KeyPart::Expression(sql.into()),
            ..Self::column_key(String::new())
        }
    }

    /// The same key sorted from the largest value (`DESC`).
    pub fn desc(mut self) -> Self {
        self.descending = true;
        self
    }

    /// The same key with NULLs sorted `first` or last.
    pub fn nulls(mut self, order: NullsOrder) -> Self {
        self.nulls = Some(order);
        self
    }

    /// The same key with operator class `opclass`.
    pub fn opclass(mut self, opclass: impl Into<String>) -> Self {
        self.opclass = Some(opclass.into());
        self
    }

    /// The column it indexes, if it is a column key.
    pub fn column(&self) -> Option<&str> {
        match &self.part {
            KeyPart::Column(name) => Some(name),
            KeyPart::Expression(_) => None,
        }
    }

    /// A column or expression in ascending order, with PostgreSQL's default NULLs order and
    /// operator class.
    pub fn is_plain(&self) -> bool {
        !self.descending && self.nulls.is_none() && self.opclass.is_none()
    }

    /// The NULLs order written explicitly only where it differs from the default for the sort
    /// order, as PostgreSQL reads it back: `DESC NULLS FIRST` is `DESC`.
    pub fn normalized(mut self) -> Self {
        if self.nulls
            == Some(if self.descending {
                NullsOrder::First
            } else {
                NullsOrder::Last
            })
        {
            self.nulls = None;
        }
        self
    }
}

impl From<&str> for IndexKey {
    fn from(column: &str) -> Self {
        IndexKey::column_key(column)
    }
}

impl From<String> for IndexKey {
    fn from(column: String) -> Self {
        IndexKey::column_key(column)
    }
}

/// How a key is written in a snapshot: a plain column as its name, anything else as an object.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum KeyForm {
    Column(String),
    Key {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expression: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        desc: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        nulls: Option<NullsOrder>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        opclass: Option<String>,
    },
}

impl From<KeyForm> for IndexKey {
    fn from(form: KeyForm) -> Self {
        match form {
            KeyForm::Column(name) => IndexKey::column_key(name),
            KeyForm::Key {
                column,
                expression,
                desc,
                nulls,
                opclass,
            } => IndexKey {
                // A key with neither is not written by this version; read as an empty column
                // name, which `Schema::validate` reports.
                part: match (expression, column) {
                    (Some(sql), _) => KeyPart::Expression(sql),
                    (None, column) => KeyPart::Column(column.unwrap_or_default()),
                },
                descending: desc,
                nulls,
                opclass,
            },
        }
    }
}

impl From<IndexKey> for KeyForm {
    fn from(key: IndexKey) -> Self {
        let plain = key.is_plain();
        match key.part {
            KeyPart::Column(name) if plain => KeyForm::Column(name),
            part => {
                let (column, expression) = match part {
                    KeyPart::Column(name) => (Some(name), None),
                    KeyPart::Expression(sql) => (None, Some(sql)),
                };
                KeyForm::Key {
                    column,
                    expression,
                    desc: key.descending,
                    nulls: key.nulls,
                    opclass: key.opclass,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_key_is_its_column_name_and_a_richer_one_an_object() {
        let keys = vec![
            IndexKey::column_key("email"),
            IndexKey::column_key("created_at")
                .desc()
                .nulls(NullsOrder::Last),
            IndexKey::expression("lower(email)").opclass("text_pattern_ops"),
        ];
        let json = serde_json::to_string(&keys).unwrap();
        assert_eq!(
            json,
            r#"["email",{"column":"created_at","desc":true,"nulls":"last"},{"expression":"lower(email)","opclass":"text_pattern_ops"}]"#
        );
        assert_eq!(serde_json::from_str::<Vec<IndexKey>>(&json).unwrap(), keys);
        // What every snapshot before index keys holds.
        let index: Index = serde_json::from_str(r#"{"name": "i", "columns": ["a", "b"]}"#).unwrap();
        assert_eq!(
            index.plain_columns(),
            Some(vec!["a".to_owned(), "b".to_owned()])
        );
    }

    #[test]
    fn the_default_nulls_order_is_no_order() {
        let key = IndexKey::column_key("a").desc().nulls(NullsOrder::First);
        assert_eq!(key.normalized(), IndexKey::column_key("a").desc());
        let key = IndexKey::column_key("a").nulls(NullsOrder::First);
        assert_eq!(key.clone().normalized(), key);
    }
}
