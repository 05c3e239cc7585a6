//! `#[table(partition_by = "range (created_at)")]`: the method and the key columns, read from
//! the string with errors on it.

use super::super::ctxt::Ctxt;
use syn::LitStr;

/// A partition key as written: the method (`Range`, `List`, `Hash`, as the model's enum names
/// it) and the words naming its columns (a field or its column name).
pub struct PartitionKeyAttr {
    pub lit: LitStr,
    pub method: &'static str,
    pub columns: Vec<String>,
}

impl PartitionKeyAttr {
    /// Reads `method (column, ..)`, reporting what is not on the literal.
    pub fn parse(cx: &Ctxt, lit: LitStr) -> Option<Self> {
        let text = lit.value();
        let text = text.trim();
        let split = text
            .find(|c: char| c.is_whitespace() || c == '(')
            .unwrap_or(text.len());
        let (word, rest) = text.split_at(split);
        let method = match word.to_ascii_lowercase().as_str() {
            "range" => "Range",
            "list" => "List",
            "hash" => "Hash",
            _ => {
                cx.error_spanned_by(
                    &lit,
                    format!("`{word}` is not a partitioning method: write `range (column, ..)`, `list (column)` or `hash (column, ..)`"),
                );
                return None;
            }
        };
        let Some(inner) = rest
            .trim()
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
        else {
            cx.error_spanned_by(
                &lit,
                format!("the key columns go in parentheses: `{word} (column)`"),
            );
            return None;
        };
        let columns: Vec<String> = inner.split(',').map(|c| c.trim().to_owned()).collect();
        let plain =
            |c: &String| !c.is_empty() && c.chars().all(|c| c.is_alphanumeric() || c == '_');
        if let Some(bad) = columns.iter().find(|c| !plain(c)) {
            cx.error_spanned_by(
                &lit,
                format!("`{bad}` is not a column: a partition key lists columns (an expression key is not supported)"),
            );
            return None;
        }
        if method == "List" && columns.len() > 1 {
            cx.error_spanned_by(&lit, "a list partition key has one column");
            return None;
        }
        Some(PartitionKeyAttr {
            lit,
            method,
            columns,
        })
    }
}
