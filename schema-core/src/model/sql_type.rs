use super::QualifiedName;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A PostgreSQL column type.
///
/// Built-in types have their own variant so that every spelling PostgreSQL accepts
/// (`int4`, `integer`, `int`) compares equal; anything else is kept as [`SqlType::Custom`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SqlType {
    Boolean,
    SmallInt,
    Integer,
    BigInt,
    Real,
    DoublePrecision,
    Text,
    Varchar {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    Bytea,
    Uuid,
    /// `timestamp with time zone`
    Timestamptz,
    /// `timestamp without time zone`
    Timestamp,
    Date,
    /// `time without time zone`
    Time,
    Json,
    Jsonb,
    Numeric {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<u32>,
    },
    Array {
        element: Box<SqlType>,
    },
    /// A user enum type, by its qualified name.
    Enum {
        schema: String,
        name: String,
    },
    /// Any other type, in PostgreSQL's own spelling (`inet`, `tsvector`, `citext`).
    Custom {
        sql: String,
    },
}

impl SqlType {
    pub fn array_of(element: SqlType) -> Self {
        SqlType::Array {
            element: Box::new(element),
        }
    }

    pub fn enum_type(schema: impl Into<String>, name: impl Into<String>) -> Self {
        SqlType::Enum {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// The enum type this column depends on, looking through arrays.
    pub fn referenced_enum(&self) -> Option<QualifiedName> {
        match self {
            SqlType::Enum { schema, name } => Some(QualifiedName::new(schema, name)),
            SqlType::Array { element } => element.referenced_enum(),
            _ => None,
        }
    }

    /// Reads a type as PostgreSQL or a user writes it (`int4`, `character varying(20)`,
    /// `timestamptz`, `text[]`) into its canonical variant. Names that are not built-in types
    /// become [`SqlType::Custom`] with whitespace normalised and case lowered, since PostgreSQL
    /// folds unquoted type names to lower case.
    pub fn parse(sql: &str) -> Self {
        let sql = sql.trim();
        if let Some(element) = sql.strip_suffix("[]") {
            return SqlType::array_of(SqlType::parse(element));
        }
        let lowered = sql.to_ascii_lowercase();
        let collapsed = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
        let (base, args) = match collapsed.split_once('(') {
            Some((base, rest)) => (base.trim(), Some(rest.trim_end_matches(')').trim())),
            None => (collapsed.as_str(), None),
        };
        let numbers: Vec<u32> = args
            .map(|a| a.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_default();
        match (base, numbers.as_slice()) {
            ("boolean" | "bool", []) => SqlType::Boolean,
            ("smallint" | "int2", []) => SqlType::SmallInt,
            ("integer" | "int" | "int4", []) => SqlType::Integer,
            ("bigint" | "int8", []) => SqlType::BigInt,
            ("real" | "float4", []) => SqlType::Real,
            ("double precision" | "float8", []) => SqlType::DoublePrecision,
            ("text", []) => SqlType::Text,
            ("varchar" | "character varying", []) => SqlType::Varchar { length: None },
            ("varchar" | "character varying", [n]) => SqlType::Varchar { length: Some(*n) },
            ("bytea", []) => SqlType::Bytea,
            ("uuid", []) => SqlType::Uuid,
            ("timestamptz" | "timestamp with time zone", []) => SqlType::Timestamptz,
            ("timestamp" | "timestamp without time zone", []) => SqlType::Timestamp,
            ("date", []) => SqlType::Date,
            ("time" | "time without time zone", []) => SqlType::Time,
            ("json", []) => SqlType::Json,
            ("jsonb", []) => SqlType::Jsonb,
            ("numeric" | "decimal", []) => SqlType::Numeric {
                precision: None,
                scale: None,
            },
            ("numeric" | "decimal", [p]) => SqlType::Numeric {
                precision: Some(*p),
                scale: Some(0),
            },
            ("numeric" | "decimal", [p, s]) => SqlType::Numeric {
                precision: Some(*p),
                scale: Some(*s),
            },
            _ => SqlType::Custom { sql: collapsed },
        }
    }
}

/// PostgreSQL's canonical spelling, as `format_type()` prints it (enum names are quoted and
/// schema-qualified so the text is valid DDL whatever the `search_path`).
impl fmt::Display for SqlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlType::Boolean => f.write_str("boolean"),
            SqlType::SmallInt => f.write_str("smallint"),
            SqlType::Integer => f.write_str("integer"),
            SqlType::BigInt => f.write_str("bigint"),
            SqlType::Real => f.write_str("real"),
            SqlType::DoublePrecision => f.write_str("double precision"),
            SqlType::Text => f.write_str("text"),
            SqlType::Varchar { length: None } => f.write_str("character varying"),
            SqlType::Varchar { length: Some(n) } => write!(f, "character varying({n})"),
            SqlType::Bytea => f.write_str("bytea"),
            SqlType::Uuid => f.write_str("uuid"),
            SqlType::Timestamptz => f.write_str("timestamp with time zone"),
            SqlType::Timestamp => f.write_str("timestamp without time zone"),
            SqlType::Date => f.write_str("date"),
            SqlType::Time => f.write_str("time without time zone"),
            SqlType::Json => f.write_str("json"),
            SqlType::Jsonb => f.write_str("jsonb"),
            SqlType::Numeric {
                precision: Some(p),
                scale,
            } => write!(f, "numeric({p},{})", scale.unwrap_or(0)),
            SqlType::Numeric { .. } => f.write_str("numeric"),
            SqlType::Array { element } => write!(f, "{element}[]"),
            SqlType::Enum { schema, name } => write!(
                f,
                "{}.{}",
                crate::render::quote_ident(schema),
                crate::render::quote_ident(name)
            ),
            SqlType::Custom { sql } => f.write_str(sql),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling_of_builtins() {
        assert_eq!(SqlType::parse("int4"), SqlType::Integer);
        assert_eq!(SqlType::parse("INTEGER"), SqlType::Integer);
        assert_eq!(SqlType::parse("timestamptz"), SqlType::Timestamptz);
        assert_eq!(
            SqlType::parse("character varying(500)"),
            SqlType::Varchar { length: Some(500) }
        );
        assert_eq!(
            SqlType::parse("varchar( 20 )"),
            SqlType::Varchar { length: Some(20) }
        );
        assert_eq!(
            SqlType::parse("numeric(12, 2)"),
            SqlType::Numeric {
                precision: Some(12),
                scale: Some(2)
            }
        );
        assert_eq!(
            SqlType::parse("text[]"),
            SqlType::array_of(SqlType::Text)
        );
        assert_eq!(
            SqlType::parse("INET"),
            SqlType::Custom { sql: "inet".into() }
        );
    }

    #[test]
    fn display_round_trips_through_parse() {
        for ty in [
            SqlType::Boolean,
            SqlType::DoublePrecision,
            SqlType::Varchar { length: Some(7) },
            SqlType::Numeric {
                precision: Some(10),
                scale: Some(3),
            },
            SqlType::array_of(SqlType::Uuid),
            SqlType::Time,
        ] {
            assert_eq!(SqlType::parse(&ty.to_string()), ty);
        }
    }
}
