use super::SqlType;
use serde::{Deserialize, Serialize};

/// A column default.
///
/// Literals are kept as values, not SQL text, so that `'it''s'`, `'it''s'::text` and the model's
/// `"it's"` are one and the same default: PostgreSQL prints defaults back with casts, and a
/// textual comparison would re-create every such default on every migration.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ColumnDefault {
    /// A `boolean` literal: `true` or `false`.
    Bool(bool),
    /// A numeric literal, kept in its written form (`0`, `-1`, `1.5`).
    Number(String),
    /// A string literal (also used for enum values and `jsonb` literals such as `[]`).
    String(String),
    /// `now()`
    Now,
    /// `gen_random_uuid()`
    RandomUuid,
    /// Any other SQL expression, verbatim.
    Sql(String),
}

impl ColumnDefault {
    /// Reads a default expression as `pg_get_expr` prints it (or as a user wrote it in
    /// `default_sql`) back into the most specific variant.
    pub fn from_sql(expr: &str, column_type: &SqlType) -> Self {
        let expr = expr.trim();
        match expr.to_ascii_lowercase().as_str() {
            "true" => return ColumnDefault::Bool(true),
            "false" => return ColumnDefault::Bool(false),
            "now()" | "current_timestamp" => return ColumnDefault::Now,
            "gen_random_uuid()" => return ColumnDefault::RandomUuid,
            _ => {}
        }
        if is_number(expr) {
            return ColumnDefault::Number(expr.to_owned());
        }
        match string_literal_with_casts(expr) {
            Some(literal) => Self::from_literal(literal, column_type),
            None => ColumnDefault::Sql(nextval_as_printed(expr)),
        }
    }

    /// A string literal as a default of `column_type`: PostgreSQL reads `'1'` of a numeric
    /// column as a number and `'t'` of a boolean one as `true`.
    fn from_literal(literal: String, column_type: &SqlType) -> Self {
        if is_numeric_type(column_type) && is_number(&literal) {
            return ColumnDefault::Number(literal);
        }
        if column_type == &SqlType::Boolean {
            match literal.as_str() {
                "true" | "t" => return ColumnDefault::Bool(true),
                "false" | "f" => return ColumnDefault::Bool(false),
                _ => {}
            }
        }
        ColumnDefault::String(literal)
    }

    /// The form this default takes once PostgreSQL has stored it: two defaults are the same
    /// default exactly when their canonical forms are equal. What [`from_sql`](Self::from_sql)
    /// reads back from this default's SQL, without writing it.
    pub fn canonical(&self, column_type: &SqlType) -> Self {
        match self {
            ColumnDefault::String(literal) => Self::from_literal(literal.clone(), column_type),
            ColumnDefault::Number(sql) | ColumnDefault::Sql(sql) => {
                Self::from_sql(sql, column_type)
            }
            ColumnDefault::Bool(_) | ColumnDefault::Now | ColumnDefault::RandomUuid => self.clone(),
        }
    }
}

/// `nextval('name')` as PostgreSQL prints it back, `nextval('name'::regclass)`: the
/// argument is a `regclass`, which is what the call resolves its text to.
fn nextval_as_printed(expr: &str) -> String {
    let bare = expr
        .strip_prefix("nextval('")
        .and_then(|rest| rest.strip_suffix("')"))
        .filter(|name| !name.replace("''", "").contains('\''));
    match bare {
        Some(name) => format!("nextval('{name}'::regclass)"),
        None => expr.to_owned(),
    }
}

fn is_numeric_type(ty: &SqlType) -> bool {
    matches!(
        ty,
        SqlType::SmallInt
            | SqlType::Integer
            | SqlType::BigInt
            | SqlType::Real
            | SqlType::DoublePrecision
            | SqlType::Numeric { .. }
    )
}

fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, ['e', 'E']);
    let mantissa = parts.next().unwrap_or("");
    let exponent_ok = parts.next().is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    let mut halves = mantissa.splitn(2, '.');
    let whole = halves.next().unwrap_or("");
    let fraction = halves.next().unwrap_or("");
    exponent_ok
        && !(whole.is_empty() && fraction.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `'it''s'::text::character varying` → `it's`: one quoted literal followed only by casts.
fn string_literal_with_casts(expr: &str) -> Option<String> {
    let rest = expr.strip_prefix('\'')?;
    let mut value = String::new();
    let mut chars = rest.char_indices().peekable();
    let end = loop {
        let (i, c) = chars.next()?;
        if c == '\'' {
            if chars.peek().map(|&(_, c)| c) == Some('\'') {
                chars.next();
                value.push('\'');
            } else {
                break i + 1;
            }
        } else {
            value.push(c);
        }
    };
    let mut tail = rest[end..].trim();
    while let Some(after) = tail.strip_prefix("::") {
        tail = after[type_name_len(after)..].trim();
        if !(tail.is_empty() || tail.starts_with("::")) {
            return None;
        }
    }
    tail.is_empty().then_some(value)
}

/// The length of the type name `text` starts with: words, dots, a modifier like `(10,2)`,
/// `[]`, and quoted identifiers, which may hold any character (`"we""ird; 'x'"`). What follows
/// (an operator, another literal) means the expression is more than a literal.
fn type_name_len(text: &str) -> usize {
    let mut in_quotes = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (in_quotes, c) {
            (true, '"') if chars.peek().map(|&(_, c)| c) == Some('"') => {
                chars.next();
            }
            (true, '"') => in_quotes = false,
            (true, _) => {}
            (false, '"') => in_quotes = true,
            (false, c)
                if c.is_alphanumeric()
                    || matches!(c, '_' | '.' | ' ' | '(' | ')' | ',' | '[' | ']') => {}
            (false, _) => return i,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PostgreSQL quotes a type name that needs it; whatever the quotes hold is part of it.
    #[test]
    fn a_literal_cast_to_a_hostile_type_name() {
        let ty = SqlType::enum_type("S\"", "E\"';");
        assert_eq!(
            ColumnDefault::from_sql(r#"'l0''"'::"S"""."E""';""#, &ty),
            ColumnDefault::String("l0'\"".into())
        );
        assert_eq!(
            ColumnDefault::from_sql(r#"'a'::"x'y" || 'b'::text"#, &SqlType::Text),
            ColumnDefault::Sql(r#"'a'::"x'y" || 'b'::text"#.into())
        );
    }

    #[test]
    fn a_nextval_default_reads_as_postgres_prints_it() {
        let ty = SqlType::BigInt;
        let printed = ColumnDefault::Sql("nextval('invoice_numbers'::regclass)".into());
        assert_eq!(
            ColumnDefault::from_sql("nextval('invoice_numbers')", &ty),
            printed
        );
        assert_eq!(printed.canonical(&ty), printed);
        assert_eq!(
            ColumnDefault::from_sql("nextval('a') + nextval('b')", &ty),
            ColumnDefault::Sql("nextval('a') + nextval('b')".into())
        );
    }

    #[test]
    fn catalog_forms_read_back_as_values() {
        let text = SqlType::Text;
        assert_eq!(
            ColumnDefault::from_sql("'it''s'::text", &text),
            ColumnDefault::String("it's".into())
        );
        assert_eq!(
            ColumnDefault::from_sql("'[]'::jsonb", &SqlType::Jsonb),
            ColumnDefault::String("[]".into())
        );
        assert_eq!(
            ColumnDefault::from_sql("'-1'::integer", &SqlType::Integer),
            ColumnDefault::Number("-1".into())
        );
        assert_eq!(
            ColumnDefault::from_sql(
                "'purchase'::credits.transaction_type",
                &SqlType::enum_type("credits", "transaction_type")
            ),
            ColumnDefault::String("purchase".into())
        );
        assert_eq!(
            ColumnDefault::from_sql("CURRENT_TIMESTAMP", &SqlType::Timestamptz),
            ColumnDefault::Now
        );
        assert_eq!(
            ColumnDefault::from_sql("1.5", &SqlType::Real),
            ColumnDefault::Number("1.5".into())
        );
        assert_eq!(
            ColumnDefault::from_sql("'a'::text || 'b'::text", &text),
            ColumnDefault::Sql("'a'::text || 'b'::text".into())
        );
    }

    #[test]
    fn canonical_form_ignores_spelling() {
        let declared = ColumnDefault::Sql("'[]'::jsonb".into());
        assert_eq!(
            declared.canonical(&SqlType::Jsonb),
            ColumnDefault::String("[]".into())
        );
        let quoted = ColumnDefault::String("back\\slash 'quote' ünïcødé".into());
        assert_eq!(quoted.canonical(&SqlType::Text), quoted);
    }

    #[test]
    fn numbers() {
        for n in ["0", "-1", "1.5", ".5", "1e10", "2.5E-3"] {
            assert!(is_number(n), "{n}");
        }
        for n in ["", "-", "1.2.3", "e5", "1e", "abc", "0x10"] {
            assert!(!is_number(n), "{n}");
        }
    }
}
