use super::QualifiedName;
use serde::{Deserialize, Serialize};

/// A PostgreSQL column type.
///
/// Built-in types have their own variant so that every spelling PostgreSQL accepts
/// (`int4`, `integer`, `int`) compares equal; anything else is kept as [`SqlType::Custom`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SqlType {
    /// `boolean` (`bool`).
    Boolean,
    /// `smallint` (`int2`): 2-byte signed integer.
    SmallInt,
    /// `integer` (`int`, `int4`): 4-byte signed integer.
    Integer,
    /// `bigint` (`int8`): 8-byte signed integer.
    BigInt,
    /// `real` (`float4`): 4-byte floating point.
    Real,
    /// `double precision` (`float8`): 8-byte floating point.
    DoublePrecision,
    /// `text`: character string of any length.
    Text,
    /// `character varying(n)` (`varchar`).
    Varchar {
        /// Maximum length in characters; `None` for `varchar` without a limit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    /// `bytea`: binary string.
    Bytea,
    /// `uuid`.
    Uuid,
    /// `timestamp with time zone`
    Timestamptz,
    /// `timestamp without time zone`
    Timestamp,
    /// `date`: calendar date, no time of day.
    Date,
    /// `time without time zone`
    Time,
    /// `json`: JSON kept as the text it was given.
    Json,
    /// `jsonb`: JSON stored decomposed; indexable, keys deduplicated and unordered.
    Jsonb,
    /// `numeric(precision, scale)` (`decimal`): exact decimal number.
    Numeric {
        /// Total number of significant digits; `None` for unconstrained `numeric`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        /// Digits after the decimal point; with a precision, `None` means 0 as in PostgreSQL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<u32>,
    },
    /// `element[]`: an array of another type.
    Array {
        /// The type of the array's elements.
        element: Box<SqlType>,
    },
    /// A user enum type, by its qualified name.
    Enum {
        /// PostgreSQL schema of the enum type.
        schema: String,
        /// Name of the enum type within its schema.
        name: String,
    },
    /// A domain of the schema, by its qualified name ([`DomainDef`](super::DomainDef)).
    Domain {
        /// PostgreSQL schema of the domain.
        schema: String,
        /// Name of the domain within its schema.
        name: String,
    },
    /// Any other type, in PostgreSQL's own spelling (`inet`, `tsvector`, `citext`).
    Custom {
        /// The type as written in DDL, modifiers included (`vector(3)`); lower-cased, with
        /// whitespace collapsed, when read by [`SqlType::parse`].
        sql: String,
    },
}

impl SqlType {
    /// The array type `element[]`.
    pub fn array_of(element: SqlType) -> Self {
        SqlType::Array {
            element: Box::new(element),
        }
    }

    /// The user enum type `schema.name`.
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

    /// The domain this column's type is, looking through arrays.
    pub fn referenced_domain(&self) -> Option<QualifiedName> {
        match self {
            SqlType::Domain { schema, name } => Some(QualifiedName::new(schema, name)),
            SqlType::Array { element } => element.referenced_domain(),
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
        // `name(args) more words`: a modifier may sit inside the name, as in
        // `timestamp(3) with time zone`, so the words after `)` belong to the name.
        let (base, args) = match collapsed.split_once('(') {
            Some((name, rest)) => {
                let (args, after) = rest.split_once(')').unwrap_or((rest, ""));
                let base = format!("{} {}", name.trim(), after.trim());
                (base.trim().to_owned(), Some(args.trim()))
            }
            None => (collapsed.clone(), None),
        };
        let numbers: Vec<u32> = args
            .map(|a| a.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_default();
        match (base.as_str(), numbers.as_slice()) {
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
            // Fractional-second precision has no variant: PostgreSQL's spelling, as `Custom`.
            ("timestamptz" | "timestamp with time zone", [p]) => SqlType::Custom {
                sql: format!("timestamp({p}) with time zone"),
            },
            ("timestamp" | "timestamp without time zone", [p]) => SqlType::Custom {
                sql: format!("timestamp({p}) without time zone"),
            },
            ("time" | "time without time zone", [p]) => SqlType::Custom {
                sql: format!("time({p}) without time zone"),
            },
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
        assert_eq!(SqlType::parse("text[]"), SqlType::array_of(SqlType::Text));
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

    #[test]
    fn a_modifier_inside_the_name_is_not_lost() {
        for (written, printed) in [
            ("timestamp(3) with time zone", "timestamp(3) with time zone"),
            ("timestamptz(3)", "timestamp(3) with time zone"),
            ("timestamp(6)", "timestamp(6) without time zone"),
            ("time(2)", "time(2) without time zone"),
        ] {
            let ty = SqlType::Custom {
                sql: printed.into(),
            };
            assert_eq!(SqlType::parse(written), ty, "{written}");
            assert_eq!(SqlType::parse(printed), ty, "{printed}");
        }
        assert_eq!(
            SqlType::parse("timestamp(3) with time zone[]"),
            SqlType::array_of(SqlType::Custom {
                sql: "timestamp(3) with time zone".into()
            })
        );
    }
}
