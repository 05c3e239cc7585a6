//! PostgreSQL domains from Rust newtypes (`#[derive(PgDomain)]`): the domain's definition, its
//! checks as SQL from the newtype's `#[validate(..)]` rules, and the `ToSql`/`FromSql` of a
//! value whose column type is a domain.

use crate::model::{generated_name, Check, DomainDef, DomainRules, SqlType};
use crate::render::quote_literal;
use postgres_types::{FromSql, IsNull, Kind, ToSql, Type};
use std::error::Error;

/// A Rust newtype stored as a PostgreSQL domain. Implemented by `#[derive(PgDomain)]`, which
/// also implements [`crate::PgType`], [`crate::Validate`], `ToSql`, `FromSql` and serde's
/// traits (as the inner value).
pub trait PgDomain: 'static {
    /// The PostgreSQL schema of the domain.
    const SCHEMA: &'static str;
    /// The domain name (`#[pg_domain(name = "...")]`, else the snake_case type name).
    const NAME: &'static str;
    /// The inner field's `#[validate(..)]` rules: checked by the validators and Zod, and
    /// written as the domain's checks where PostgreSQL can say the same ([`sql_check`]).
    fn rules() -> &'static [Check];

    /// The domain's definition.
    fn domain_def() -> DomainDef;
}

/// A domain's definition from what `#[derive(PgDomain)]` read: the rules that PostgreSQL can
/// check become checks named `<domain>_<rule>` (a second of one kind `<domain>_<rule>_2`),
/// then the checks written in SQL.
#[doc(hidden)]
pub fn domain_def(
    schema: &str,
    name: &str,
    base: SqlType,
    not_null: bool,
    rules: &'static [Check],
    sql_checks: &[(&str, &str)],
) -> DomainDef {
    let mut def = DomainDef::new(schema, name, base);
    def.not_null = not_null;
    def.rules = DomainRules(rules);
    let mut taken: Vec<String> = Vec::new();
    for rule in rules {
        let Some((kind, expression)) = sql_check(rule, &def.base) else {
            continue;
        };
        let mut check_name = generated_name(&[name, kind]);
        let mut n = 1;
        while taken.contains(&check_name) {
            n += 1;
            check_name = generated_name(&[name, kind, &n.to_string()]);
        }
        taken.push(check_name.clone());
        def = def.check(check_name, expression);
    }
    for (check_name, expression) in sql_checks {
        def = def.check(*check_name, *expression);
    }
    def
}

/// What a rule is as a domain check over `VALUE` of type `base`, written as PostgreSQL prints
/// it back (so the catalog compares equal), with the rule's name in the check's: `None` for a
/// rule PostgreSQL has no plain check for (the formats, `email`, `url`, `uuid`; list rules;
/// a rule of another kind than the base type), which the validators and Zod check alone.
pub fn sql_check(rule: &Check, base: &SqlType) -> Option<(&'static str, String)> {
    let text = matches!(base, SqlType::Text);
    let integer = matches!(base, SqlType::SmallInt | SqlType::Integer | SqlType::BigInt);
    let literal = |s: &str| format!("{}::text", quote_literal(s));
    let number = |x: f64| -> Option<String> {
        // Integers only: PostgreSQL prints a fraction against an integer with casts.
        if x.fract() != 0.0 || x.abs() > 9.0e15 {
            return None;
        }
        let n = x as i64;
        Some(match (n < 0, i32::try_from(n).is_ok()) {
            (false, _) => n.to_string(),
            (true, true) => format!("'{n}'::integer"),
            (true, false) => format!("'{n}'::bigint"),
        })
    };
    let check = match *rule {
        Check::MinLen(n) if text => ("min_len", format!("char_length(VALUE) >= {n}")),
        Check::MaxLen(n) if text => ("max_len", format!("char_length(VALUE) <= {n}")),
        Check::Len(n) if text => ("len", format!("char_length(VALUE) = {n}")),
        Check::NonEmpty if text => ("non_empty", format!("VALUE <> {}", literal(""))),
        Check::Regex(pattern) if text => {
            ("regex", format!("VALUE ~ {}", literal(pattern.pattern())))
        }
        Check::StartsWith(s) if text => {
            ("starts_with", format!("starts_with(VALUE, {})", literal(s)))
        }
        Check::EndsWith(s) if text => (
            "ends_with",
            format!("\"right\"(VALUE, {}) = {}", s.chars().count(), literal(s)),
        ),
        Check::Includes(s) if text => ("includes", format!("strpos(VALUE, {}) > 0", literal(s))),
        Check::Lowercase if text => ("lowercase", format!("VALUE !~ {}", literal("[A-Z]"))),
        Check::Uppercase if text => ("uppercase", format!("VALUE !~ {}", literal("[a-z]"))),
        Check::Min(x) if integer => ("min", format!("VALUE >= {}", number(x)?)),
        Check::Max(x) if integer => ("max", format!("VALUE <= {}", number(x)?)),
        Check::Gt(x) if integer => ("gt", format!("VALUE > {}", number(x)?)),
        Check::Lt(x) if integer => ("lt", format!("VALUE < {}", number(x)?)),
        Check::MultipleOf(x) if integer && x > 0.0 => {
            ("multiple_of", format!("(VALUE % {}) = 0", number(x)?))
        }
        _ => return None,
    };
    Some(check)
}

/// The type a domain restricts, for the inner value's `ToSql`/`FromSql`: PostgreSQL describes
/// a parameter or a result of a domain type by the domain, whose values are the base type's.
fn base(ty: &Type) -> &Type {
    match ty.kind() {
        Kind::Domain(inner) => base(inner),
        _ => ty,
    }
}

/// `ToSql::accepts` of a domain newtype over `T`.
#[doc(hidden)]
pub fn accepts_to<T: ToSql>(ty: &Type) -> bool {
    T::accepts(base(ty))
}

/// `FromSql::accepts` of a domain newtype over `T`.
#[doc(hidden)]
pub fn accepts_from<'a, T: FromSql<'a>>(ty: &Type) -> bool {
    T::accepts(base(ty))
}

/// `ToSql::to_sql` of a domain newtype over `T`.
#[doc(hidden)]
pub fn to_sql<T: ToSql>(
    value: &T,
    ty: &Type,
    out: &mut bytes::BytesMut,
) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
    value.to_sql(base(ty), out)
}

/// `FromSql::from_sql` of a domain newtype over `T`.
#[doc(hidden)]
pub fn from_sql<'a, T: FromSql<'a>>(
    ty: &Type,
    raw: &'a [u8],
) -> Result<T, Box<dyn Error + Sync + Send>> {
    T::from_sql(base(ty), raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LazyRegex;

    static SLUG: LazyRegex = LazyRegex::new("^[a-z0-9-]+$");
    static RULES: [Check; 5] = [
        Check::MaxLen(40),
        Check::Regex(&SLUG),
        Check::Email,
        Check::Regex(&SLUG),
        Check::MinLen(1),
    ];

    #[test]
    fn rules_postgres_can_check_become_named_checks() {
        let def = domain_def(
            "public",
            "slug",
            SqlType::Text,
            true,
            &RULES,
            &[("slug_no_double_dash", "VALUE !~~ '%--%'::text")],
        );
        let checks: Vec<(&str, &str)> = def
            .checks
            .iter()
            .map(|c| (c.name.as_str(), c.expression.as_str()))
            .collect();
        assert_eq!(
            checks,
            [
                ("slug_max_len", "char_length(VALUE) <= 40"),
                ("slug_min_len", "char_length(VALUE) >= 1"),
                ("slug_no_double_dash", "VALUE !~~ '%--%'::text"),
                ("slug_regex", "VALUE ~ '^[a-z0-9-]+$'::text"),
                ("slug_regex_2", "VALUE ~ '^[a-z0-9-]+$'::text"),
            ]
        );
        assert!(def.not_null);
        assert_eq!(def.rules.0.len(), 5, "every rule stays a validator's");
    }

    #[test]
    fn numbers_are_written_as_postgres_prints_them() {
        let check = |rule: Check| sql_check(&rule, &SqlType::Integer).map(|(_, sql)| sql);
        assert_eq!(check(Check::Min(0.0)).as_deref(), Some("VALUE >= 0"));
        assert_eq!(
            check(Check::Gt(-5.0)).as_deref(),
            Some("VALUE > '-5'::integer")
        );
        assert_eq!(
            check(Check::Lt(-3e9)).as_deref(),
            Some("VALUE < '-3000000000'::bigint")
        );
        assert_eq!(
            check(Check::MultipleOf(5.0)).as_deref(),
            Some("(VALUE % 5) = 0")
        );
        assert_eq!(
            check(Check::Max(1.5)),
            None,
            "a fraction: the validators only"
        );
        assert_eq!(check(Check::MaxLen(3)), None, "a text rule on a number");
    }
}
