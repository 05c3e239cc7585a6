//! Model → SQL text. The only place SQL is written; identifiers and literals are quoted here.

#[cfg(feature = "migrate")]
pub mod alter;
mod default;
#[cfg(feature = "migrate")]
pub mod domain;
pub mod function;
#[cfg(feature = "migrate")]
pub mod grant;
#[cfg(feature = "migrate")]
pub mod partition;
#[cfg(feature = "migrate")]
pub mod policy;
#[cfg(feature = "migrate")]
pub mod raw;
#[cfg(feature = "migrate")]
pub mod role;
#[cfg(feature = "migrate")]
pub mod sequence;
#[cfg(feature = "migrate")]
mod session;
mod sql_type;
#[cfg(feature = "migrate")]
mod table;
pub mod view;

#[cfg(feature = "migrate")]
pub use session::{segment_settings, segment_settings_block};

/// Quotes an identifier for PostgreSQL: always double-quoted, inner quotes doubled, so names
/// keep their case and reserved words (`user`, `order`) need no special handling.
pub fn quote_ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    push_quoted(&mut out, name, '"');
    out
}

/// An identifier as PostgreSQL prints it (`quote_ident`, `regclass` output): bare when it is
/// a lower-case name that is not a keyword PostgreSQL reserves, double-quoted otherwise.
pub fn quote_ident_if_needed(name: &str) -> String {
    let simple = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if simple && RESERVED.binary_search(&name).is_err() {
        name.to_owned()
    } else {
        quote_ident(name)
    }
}

/// The default that draws a sequence's next value, `nextval('name'::regclass)`, as PostgreSQL
/// prints it (the schema left out for `public`): for a column's default built at run time.
pub fn nextval(sequence: &crate::model::Sequence) -> String {
    format!("nextval({})", regclass(sequence))
}

/// A sequence as PostgreSQL prints a reference to it in an expression: `'name'::regclass`,
/// `'billing.name'::regclass`.
pub fn regclass(sequence: &crate::model::Sequence) -> String {
    let name = quote_ident_if_needed(&sequence.name);
    let qualified = if sequence.schema == crate::model::DEFAULT_SCHEMA {
        name
    } else {
        format!("{}.{name}", quote_ident_if_needed(&sequence.schema))
    };
    format!("{}::regclass", quote_literal(&qualified))
}

/// The keywords PostgreSQL quotes in names it prints: reserved ones, and those that may name
/// a type or function or a column only (PostgreSQL's `RESERVED_KEYWORD`,
/// `TYPE_FUNC_NAME_KEYWORD` and `COL_NAME_KEYWORD`), sorted.
#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
    "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
    "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having",
    "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval",
    "into", "is", "isnull", "join", "json", "json_array", "json_arrayagg", "json_object",
    "json_objectagg", "lateral", "leading", "least", "left", "like", "limit", "localtime",
    "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull",
    "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps",
    "overlay", "placing", "position", "precision", "primary", "real", "references", "returning",
    "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring",
    "symmetric", "system_user", "table", "tablesample", "then", "time", "timestamp", "to",
    "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar",
    "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat",
    "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
    "xmlserialize", "xmltable",
];

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
        assert_eq!(quote_ident_if_needed("invoice_seq"), "invoice_seq");
        assert_eq!(quote_ident_if_needed("user"), r#""user""#);
        assert_eq!(quote_ident_if_needed("Odd"), r#""Odd""#);
        assert_eq!(quote_ident_if_needed("1st"), r#""1st""#);
        assert!(
            RESERVED.windows(2).all(|w| w[0] < w[1]),
            "sorted, for the search"
        );
    }
}
