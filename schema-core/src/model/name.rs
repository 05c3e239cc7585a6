use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema every object lives in unless the model names another one.
pub const DEFAULT_SCHEMA: &str = "public";

/// A schema-qualified object name, e.g. `storage.files`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QualifiedName {
    /// PostgreSQL schema (namespace) the object lives in, e.g. `storage`.
    pub schema: String,
    /// Object name within that schema, e.g. `files`.
    pub name: String,
}

impl QualifiedName {
    /// The name `schema.name`.
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// PostgreSQL keeps this many bytes of a name (NAMEDATALEN - 1) and silently truncates the rest.
pub const MAX_IDENT_BYTES: usize = 63;

/// Why `name` cannot name an object, if it cannot: empty, a NUL byte (which no PostgreSQL
/// string can hold), a control character, or longer than [`MAX_IDENT_BYTES`], which PostgreSQL cuts
/// to the last whole character that fits, so the catalog would name the object differently
/// from the model and every later diff would see a change.
pub fn name_problem(name: &str) -> Option<String> {
    // Printable ASCII, as nearly every name is, has neither NUL nor control characters: one
    // pass over the bytes instead of decoding characters.
    let printable_ascii = name.bytes().all(|b| matches!(b, b' '..=b'~'));
    if name.is_empty() {
        Some("a PostgreSQL name cannot be empty".to_owned())
    } else if !printable_ascii && name.contains('\0') {
        Some("a PostgreSQL name cannot contain a NUL character".to_owned())
    } else if !printable_ascii && name.chars().any(char::is_control) {
        // PostgreSQL would take it, quoted; but a migration names objects in `--` comment
        // lines (hazards), which a line break would end, turning the rest of the name into SQL.
        Some("a name with a line break or another control character cannot be written into a migration's comments".to_owned())
    } else if name.len() > MAX_IDENT_BYTES {
        Some(format!(
            "it is {} bytes long, and PostgreSQL truncates names to {MAX_IDENT_BYTES} bytes",
            name.len()
        ))
    } else {
        None
    }
}

/// A generated name (`{table}_pkey`, `{table}_{column}_fkey`, `idx_{table}_{columns}`): the
/// parts joined by `_`, shortened to fit [`MAX_IDENT_BYTES`] the way PostgreSQL shortens its own
/// generated names, the longest part losing characters first. Whole characters are removed, so
/// a multi-byte character is never cut in half. The derive (`schema-derive`'s
/// `internals/resolve.rs`) names keys and indexes the same way at compile time; use this for
/// tables built at run time.
pub fn generated_name(parts: &[&str]) -> String {
    let mut parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
    let total = |parts: &[String]| parts.iter().map(String::len).sum::<usize>() + parts.len() - 1;
    while total(&parts) > MAX_IDENT_BYTES {
        let longest = (0..parts.len())
            .max_by_key(|&i| (parts[i].len(), std::cmp::Reverse(i)))
            .expect("at least one part");
        parts[longest].pop();
    }
    parts.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_fit_without_cutting_a_character() {
        assert_eq!(generated_name(&["files", "id", "fkey"]), "files_id_fkey");
        // 61 ASCII bytes and a 2-byte `é`: 63 bytes, plus `_pkey`.
        let table = format!("{}é", "a".repeat(61));
        let name = generated_name(&[&table, "pkey"]);
        assert!(name.len() <= MAX_IDENT_BYTES, "{name}");
        assert!(name.ends_with("_pkey"));
        assert_eq!(name_problem(&name), None);
        // The cut falls inside `✓` (3 bytes): the whole character goes.
        let name = generated_name(&[&format!("{}✓✓", "b".repeat(56)), "key"]);
        assert_eq!(name, format!("{}✓_key", "b".repeat(56)));
    }

    #[test]
    fn names_postgresql_would_not_keep() {
        assert_eq!(name_problem("we\"ird; --"), None);
        assert_eq!(name_problem(&"é".repeat(31)), None);
        assert!(name_problem(&format!("{}é", "a".repeat(62))).is_some());
        assert!(name_problem("").is_some());
        assert!(name_problem("a\0b").is_some());
        assert!(name_problem("x\nDROP TABLE users; --").is_some());
    }
}
