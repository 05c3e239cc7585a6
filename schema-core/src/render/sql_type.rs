//! A column type as SQL: PostgreSQL's `format_type` spelling, the one spelling every statement
//! uses (`character varying(100)`, not `varchar(100)`), so a type reads the same in a
//! `CREATE TABLE`, an `ALTER TABLE` and the catalog.

use super::push_quoted;
use crate::model::SqlType;
use std::fmt;

/// How a type is written: a keyword for most, parameters or names for the rest.
enum Spelling<'a> {
    Keyword(&'static str),
    Varchar(u32),
    Numeric(u32, u32),
    Array(&'a SqlType),
    Enum(&'a str, &'a str),
    Custom(&'a str),
}

fn spelling(ty: &SqlType) -> Spelling<'_> {
    use Spelling::Keyword;
    match ty {
        SqlType::Boolean => Keyword("boolean"),
        SqlType::SmallInt => Keyword("smallint"),
        SqlType::Integer => Keyword("integer"),
        SqlType::BigInt => Keyword("bigint"),
        SqlType::Real => Keyword("real"),
        SqlType::DoublePrecision => Keyword("double precision"),
        SqlType::Text => Keyword("text"),
        SqlType::Varchar { length: None } => Keyword("character varying"),
        SqlType::Varchar { length: Some(n) } => Spelling::Varchar(*n),
        SqlType::Bytea => Keyword("bytea"),
        SqlType::Uuid => Keyword("uuid"),
        SqlType::Timestamptz => Keyword("timestamp with time zone"),
        SqlType::Timestamp => Keyword("timestamp without time zone"),
        SqlType::Date => Keyword("date"),
        SqlType::Time => Keyword("time without time zone"),
        SqlType::Json => Keyword("json"),
        SqlType::Jsonb => Keyword("jsonb"),
        SqlType::Numeric {
            precision: Some(p),
            scale,
        } => Spelling::Numeric(*p, scale.unwrap_or(0)),
        SqlType::Numeric {
            precision: None, ..
        } => Keyword("numeric"),
        SqlType::Array { element } => Spelling::Array(element),
        SqlType::Enum { schema, name } | SqlType::Domain { schema, name } => {
            Spelling::Enum(schema, name)
        }
        SqlType::Custom { sql } => Spelling::Custom(sql),
    }
}

#[cfg(feature = "migrate")]
/// Appends `ty` as SQL to `out`; a keyword without the formatting machinery, since most
/// columns of a migration have one.
pub(crate) fn push_type(out: &mut String, ty: &SqlType) {
    match spelling(ty) {
        Spelling::Keyword(keyword) => out.push_str(keyword),
        _ => {
            use fmt::Write as _;
            let _ = write!(out, "{ty}");
        }
    }
}

impl fmt::Display for SqlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match spelling(self) {
            Spelling::Keyword(keyword) => f.write_str(keyword),
            Spelling::Varchar(n) => write!(f, "character varying({n})"),
            Spelling::Numeric(p, s) => write!(f, "numeric({p},{s})"),
            Spelling::Array(element) => write!(f, "{element}[]"),
            Spelling::Enum(schema, name) => {
                let mut qualified = String::with_capacity(schema.len() + name.len() + 5);
                push_quoted(&mut qualified, schema, '"');
                qualified.push('.');
                push_quoted(&mut qualified, name, '"');
                f.write_str(&qualified)
            }
            Spelling::Custom(sql) => f.write_str(sql),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_type() {
        let cases = [
            (
                SqlType::Varchar { length: Some(100) },
                "character varying(100)",
            ),
            (SqlType::Varchar { length: None }, "character varying"),
            (
                SqlType::Numeric {
                    precision: Some(12),
                    scale: None,
                },
                "numeric(12,0)",
            ),
            (
                SqlType::array_of(SqlType::Timestamptz),
                "timestamp with time zone[]",
            ),
            (SqlType::enum_type("a\"b", "mood"), "\"a\"\"b\".\"mood\""),
            (
                SqlType::Custom {
                    sql: "citext".into(),
                },
                "citext",
            ),
        ];
        for (ty, sql) in cases {
            assert_eq!(ty.to_string(), sql);
            #[cfg(feature = "migrate")]
            {
                let mut pushed = String::new();
                push_type(&mut pushed, &ty);
                assert_eq!(pushed, sql);
            }
        }
    }
}
