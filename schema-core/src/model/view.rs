use super::{Index, QualifiedName, SqlType, DEFAULT_SCHEMA};
use serde::{Deserialize, Serialize};

/// A view or materialized view: its query, and the columns its row struct reads
/// (`#[derive(View)]`). Registered with [`Schema::view`](crate::Schema::view).
///
/// Created with its column list (`CREATE VIEW v (a, b) AS ...`), so its columns are named as
/// the row struct's fields whatever the query calls them. The diff compares the query as text,
/// whitespace aside: a changed query, column list or kind drops the view and creates it again,
/// and so does a change to what it reads that PostgreSQL refuses under a view (a column it
/// reads retyped or dropped, an enum it uses rebuilt, a function it calls recreated, a view it
/// reads recreated). What it reads is found in its query's words: the registered tables, views
/// and functions it names, and their columns it names (all of them after a `*`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewDef {
    /// The PostgreSQL schema it lives in.
    pub schema: String,
    /// Its name, in the schema's relation namespace (shared with tables and indexes).
    pub name: String,
    /// `CREATE MATERIALIZED VIEW`: its rows are stored, and refreshed on demand.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materialized: bool,
    /// The query (`SELECT ...`), without a trailing `;`.
    pub query: String,
    /// Its columns, in order, with the type the row struct reads each as.
    pub columns: Vec<ViewColumn>,
    /// A materialized view created `WITH NO DATA`: empty and unreadable until its first
    /// refresh.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_no_data: bool,
    /// `WITH (security_invoker = true)`: the tables it reads are read with the privileges and
    /// row-level security of the role querying it, not of its owner (PostgreSQL 15). Without
    /// it, a view over a table with row-level security shows every row its owner sees.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_invoker: bool,
    /// A materialized view's indexes, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// `COMMENT ON VIEW`, from the row struct's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A column of a [`ViewDef`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewColumn {
    /// Its name.
    pub name: String,
    /// The type its values have, as the row struct reads them.
    #[serde(rename = "type")]
    pub ty: SqlType,
}

impl ViewDef {
    /// The view `schema.name`, defined by `query`, with no columns yet.
    pub fn new(
        schema: impl Into<String>,
        name: impl Into<String>,
        query: impl Into<String>,
    ) -> Self {
        ViewDef {
            schema: schema.into(),
            name: name.into(),
            materialized: false,
            query: query.into(),
            columns: Vec::new(),
            with_no_data: false,
            security_invoker: false,
            indexes: Vec::new(),
            comment: None,
        }
    }

    /// Its schema and name.
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }

    /// `view` or `materialized view`, for messages and statements.
    pub fn kind(&self) -> &'static str {
        if self.materialized {
            "materialized view"
        } else {
            "view"
        }
    }

    /// Whether the database object is the same: kind, query (whitespace aside), columns,
    /// `WITH NO DATA` and `security_invoker`. Indexes and the comment change without re-creating it.
    pub fn same_object(&self, other: &ViewDef) -> bool {
        self.schema == other.schema
            && self.name == other.name
            && self.materialized == other.materialized
            && self.columns == other.columns
            && self.with_no_data == other.with_no_data
            && self.security_invoker == other.security_invoker
            && (self.query == other.query
                || super::canonical::collapse_whitespace(&self.query)
                    == super::canonical::collapse_whitespace(&other.query))
    }

    /// The query's words that may name a relation, function or column, as PostgreSQL reads
    /// them (unquoted ones folded to lower case), sorted for [`ViewDef::names`].
    pub fn words(&self) -> Vec<String> {
        query_words(&self.query)
    }

    /// Whether `words` (of [`ViewDef::words`]) hold `word`.
    pub fn names(words: &[String], word: &str) -> bool {
        words.binary_search_by(|w| w.as_str().cmp(word)).is_ok()
    }

    /// Whether the query names `relation` (by name; its schema too unless it is `public`).
    pub fn names_relation(words: &[String], relation: &QualifiedName) -> bool {
        Self::names(words, &relation.name)
            && (relation.schema == DEFAULT_SCHEMA || Self::names(words, &relation.schema))
    }

    /// Whether the query reads every column of what it selects from (`SELECT *`, `t.*`,
    /// `, *`): not a `count(*)` nor a product.
    pub fn selects_all(&self) -> bool {
        let query = self.query.as_str();
        let mut in_literal = false;
        for (at, c) in query.char_indices() {
            match c {
                '\'' => in_literal = !in_literal,
                '*' if !in_literal => {
                    let before = query[..at].trim_end();
                    let word_start = before
                        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .map_or(0, |i| i + 1);
                    let word = before[word_start..].to_ascii_lowercase();
                    if before.ends_with([',', '.'])
                        || matches!(word.as_str(), "select" | "distinct" | "all")
                    {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// A unique index a `REFRESH MATERIALIZED VIEW CONCURRENTLY` can rely on: on plain
    /// columns, without a predicate.
    pub fn refresh_key(&self) -> Option<&Index> {
        self.indexes.iter().find(|index| {
            index.unique
                && index.predicate.is_none()
                && index
                    .columns
                    .iter()
                    .all(|key| key.is_plain() && key.column().is_some())
        })
    }
}

/// The words of `sql` outside string literals: quoted identifiers as written, the rest folded
/// to lower case.
fn query_words(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = sql.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            '\'' => {
                // Up to the closing quote that is not doubled.
                while let Some((_, c)) = chars.next() {
                    if c == '\'' {
                        if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
            }
            '"' => {
                let mut word = String::new();
                while let Some((_, c)) = chars.next() {
                    if c == '"' {
                        if chars.peek().is_some_and(|(_, n)| *n == '"') {
                            chars.next();
                            word.push('"');
                        } else {
                            break;
                        }
                    } else {
                        word.push(c);
                    }
                }
                out.push(word);
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut end = start + c.len_utf8();
                while let Some(&(at, n)) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '$' {
                        end = at + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(sql[start..end].to_lowercase());
            }
            c if c.is_ascii_digit() => {
                while chars
                    .peek()
                    .is_some_and(|(_, n)| n.is_alphanumeric() || *n == '_')
                {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_unquoted_names_and_skip_literals() {
        let view = ViewDef::new(
            "public",
            "v",
            r#"SELECT o."Total", C.name FROM shop.Orders o JOIN customers c ON c.id = o.customer_id WHERE o.note <> 'orders'"#,
        );
        let words = view.words();
        assert!(words.contains(&"Total".to_owned()));
        assert!(words.contains(&"orders".to_owned()));
        assert!(words.contains(&"shop".to_owned()));
        assert!(!words.contains(&"Orders".to_owned()));
        assert!(ViewDef::names_relation(
            &words,
            &QualifiedName::new("shop", "orders")
        ));
        assert!(!ViewDef::names_relation(
            &words,
            &QualifiedName::new("sales", "orders")
        ));
        assert!(ViewDef::names_relation(
            &words,
            &QualifiedName::new("public", "customers")
        ));
        assert!(!view.selects_all());
        assert!(ViewDef::new("public", "v", "SELECT t.* FROM t").selects_all());
        assert!(!ViewDef::new("public", "v", "SELECT '*' AS star FROM t").selects_all());
        assert!(ViewDef::new("public", "v", "SELECT * FROM t").selects_all());
        assert!(ViewDef::new("public", "v", "SELECT id, * FROM t").selects_all());
        assert!(!ViewDef::new("public", "v", "SELECT count(*), a * b FROM t").selects_all());
    }
}
