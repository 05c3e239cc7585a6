//! Model → SQL text. The only place SQL is written; identifiers and literals are quoted here.

pub mod alter;
mod create;
mod drop;
mod table;

pub use create::{render_create_schema, to_script};
pub use drop::render_drop_schema;

/// Quotes an identifier for PostgreSQL: always double-quoted, inner quotes doubled, so names
/// keep their case and reserved words (`user`, `order`) need no special handling.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `"schema"."name"`
pub fn quote_qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

/// Quotes a string literal: single quotes doubled. Backslashes stay as they are, which is
/// correct under `standard_conforming_strings = on`, PostgreSQL's default since 9.1.
pub fn quote_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_ident("user"), r#""user""#);
        assert_eq!(quote_ident(r#"a"b"#), r#""a""b""#);
        assert_eq!(quote_qualified("storage", "files"), r#""storage"."files""#);
        assert_eq!(quote_literal("it's \\ fine"), r"'it''s \ fine'");
    }
}
