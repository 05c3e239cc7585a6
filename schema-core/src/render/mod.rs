//! Model → SQL text. The only place SQL is written; identifiers and literals are quoted here.

#[cfg(feature = "migrate")]
pub mod alter;
mod default;
pub mod function;
#[cfg(feature = "migrate")]
mod session;
mod sql_type;
#[cfg(feature = "migrate")]
mod table;

#[cfg(feature = "migrate")]
pub use session::{segment_settings, segment_settings_block};

/// Quotes an identifier for PostgreSQL: always double-quoted, inner quotes doubled, so names
/// keep their case and reserved words (`user`, `order`) need no special handling.
pub fn quote_ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    push_quoted(&mut out, name, '"');
    out
}

/// `"schema"."name"`
pub fn quote_qualified(schema: &str, name: &str) -> String {
    let mut out = String::with_capacity(schema.len() + name.len() + 5);
    push_quoted(&mut out, schema, '"');
    out.push('.');
    push_quoted(&mut out, name, '"');
    out
}

/// Quotes a string literal: single quotes doubled. Backslashes stay as they are, which is
/// correct under `standard_conforming_strings = on`, PostgreSQL's default since 9.1.
pub fn quote_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    push_quoted(&mut out, value, '\'');
    out
}

/// Appends `text` between `quote`s, each `quote` inside it doubled: one buffer, as a
/// migration of thousands of tables quotes hundreds of thousands of names.
pub(crate) fn push_quoted(out: &mut String, text: &str, quote: char) {
    out.push(quote);
    // Most names hold no quote: one search, one copy.
    if !text.contains(quote) {
        out.push_str(text);
        out.push(quote);
        return;
    }
    for (i, part) in text.split(quote).enumerate() {
        if i > 0 {
            out.push(quote);
            out.push(quote);
        }
        out.push_str(part);
    }
    out.push(quote);
}

#[cfg(feature = "migrate")]
/// Joins statements into a migration file: each ends with `;` and stands apart by a blank line.
pub fn to_script(statements: &[String]) -> String {
    let mut script = String::new();
    for statement in statements {
        script.push_str(statement);
        script.push_str(";\n\n");
    }
    script.truncate(script.trim_end().len());
    script.push('\n');
    script
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
        assert_eq!(quote_ident(""), r#""""#);
        assert_eq!(quote_ident(r#"""#), r#""""""#);
        assert_eq!(quote_literal("''"), "''''''");
        assert_eq!(quote_qualified(r#"a""#, "b"), r#""a"""."b""#);
    }
}
