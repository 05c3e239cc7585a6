//! Which literals `#[column(default = ..)]` may give a column, decided by the field's type
//! through [`PgType::DEFAULT_LITERAL`](super::PgType::DEFAULT_LITERAL).
//!
//! The derive emits one `const _: () = check_default(<FieldType as PgType>::DEFAULT_LITERAL,
//! literal);` per literal default, spanned on the literal, so a default PostgreSQL would refuse
//! at insert time or silently change (`300000` on `smallint`, `1.5` on `bigint`, `"maybe"` on `boolean`) is a
//! compile error on the literal. Messages are fixed strings: a const panic cannot format.

use crate::PgEnum;

/// The literal defaults a column type accepts.
#[derive(Clone, Copy, Debug)]
pub enum DefaultLiteral {
    /// Not checked: the type says nothing about its literals (the default for a user's type).
    Any,
    /// `true` or `false`.
    Bool,
    /// Whole numbers from `min` to `max`; `out_of_range` is the message for any other.
    Integer {
        /// The smallest value the column holds.
        min: i128,
        /// The largest value the column holds.
        max: i128,
        /// The error for a literal outside `min..=max`.
        out_of_range: &'static str,
    },
    /// Any number: a floating-point or `numeric` column.
    Number,
    /// A string, the column type's PostgreSQL literal (text, `uuid`, `jsonb`, `bytea`, arrays).
    /// PostgreSQL parses it when the table is created, so a malformed one fails the migration.
    Text,
    /// A string naming a date or time, but not one of the words PostgreSQL reads once, when
    /// the table is created (`'now'`, `'today'`, ...): every row would get that moment.
    Temporal,
    /// One of an enum type's labels.
    Label(&'static [&'static str]),
}

impl DefaultLiteral {
    /// `smallint` (`i16`).
    pub const SMALLINT: Self = Self::integer(
        i16::MIN as i128,
        i16::MAX as i128,
        "this default does not fit `smallint` (-32768 to 32767): PostgreSQL creates the table but rejects every insert that uses the default",
    );
    /// `integer` (`i32`).
    pub const INTEGER: Self = Self::integer(
        i32::MIN as i128,
        i32::MAX as i128,
        "this default does not fit `integer` (-2147483648 to 2147483647): PostgreSQL creates the table but rejects every insert that uses the default",
    );
    /// `bigint` (`i64`).
    pub const BIGINT: Self = Self::integer(
        i64::MIN as i128,
        i64::MAX as i128,
        "this default does not fit `bigint` (-9223372036854775808 to 9223372036854775807): PostgreSQL creates the table but rejects every insert that uses the default",
    );

    const fn integer(min: i128, max: i128, out_of_range: &'static str) -> Self {
        Self::Integer {
            min,
            max,
            out_of_range,
        }
    }
}

/// The column types a `default = Enum::Variant` of enum `E` fits: `E` itself and `Option<E>`.
#[diagnostic::on_unimplemented(
    message = "a `{E}` variant cannot be the default of a `{Self}` column",
    label = "this variant is a `{E}`",
    note = "write a variant of the column's own enum type"
)]
pub trait VariantColumn<E> {}
impl<E: PgEnum> VariantColumn<E> for E {}
impl<E: PgEnum> VariantColumn<E> for Option<E> {}

/// The label of `variant`, the default of a column of type `C`.
#[doc(hidden)]
pub fn variant_label<C: VariantColumn<E>, E: PgEnum>(variant: &E) -> &'static str {
    variant.label()
}

/// A literal as written in `default = ..`, built by the derive.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Literal {
    Bool(bool),
    /// An integer literal, with its sign.
    Int(i128),
    /// A literal with a fraction or an exponent (`1.5`, `1e3`).
    Float,
    Str(&'static str),
}

/// Fails the constant evaluation, at the caller (the literal), when a column whose type
/// `accepts` these literals cannot take `literal` as its default.
#[doc(hidden)]
#[track_caller]
pub const fn check_default(accepts: DefaultLiteral, literal: Literal) {
    if let Some(message) = mismatch(accepts, literal) {
        panic!("{}", message);
    }
}

const fn mismatch(accepts: DefaultLiteral, literal: Literal) -> Option<&'static str> {
    use DefaultLiteral as A;
    use Literal as L;
    match (accepts, literal) {
        (A::Any, _)
        | (A::Bool, L::Bool(_))
        | (A::Number, L::Int(_) | L::Float)
        | (A::Text, L::Str(_)) => None,
        (A::Bool, _) => Some("a `boolean` column takes `default = true` or `default = false`"),
        (A::Integer { min, max, out_of_range }, L::Int(n)) => {
            if n < min || n > max {
                Some(out_of_range)
            } else {
                None
            }
        }
        (A::Integer { .. }, L::Float) => Some(
            "an integer column cannot take a floating-point default: PostgreSQL would round a fraction; write a whole number, such as `default = 2`",
        ),
        (A::Integer { .. }, _) => {
            Some("an integer column takes a whole number default, such as `default = 0`")
        }
        (A::Number, _) => {
            Some("a number column takes a number default, such as `default = 0` or `default = 1.5`")
        }
        (A::Text, _) => Some(
            "this column takes a string default (its PostgreSQL literal): write the value in quotes, `default = \"...\"`",
        ),
        (A::Temporal, L::Str(s)) => {
            if reads_the_clock(s) {
                Some("PostgreSQL reads `now`, `today`, `tomorrow` and `yesterday` once, when the table is created, and every row would get that moment: write `default_now`, or `default_sql = \"CURRENT_DATE\"`")
            } else {
                None
            }
        }
        (A::Temporal, _) => Some(
            "a date or time column takes a string default such as `default = \"2000-01-01\"`, or `default_now`",
        ),
        (A::Label(labels), L::Str(s)) => {
            let mut i = 0;
            while i < labels.len() {
                if eq(labels[i].as_bytes(), s.as_bytes(), false) {
                    return None;
                }
                i += 1;
            }
            Some("this string is not a label of the column's enum type: write the variant, `default = Enum::Variant`")
        }
        (A::Label(_), _) => {
            Some("an enum column takes a variant default: write `default = Enum::Variant`")
        }
    }
}

/// The special date/time inputs PostgreSQL evaluates while parsing the default, i.e. once.
const fn reads_the_clock(s: &str) -> bool {
    let s = trim(s.as_bytes());
    eq(s, b"now", true)
        || eq(s, b"today", true)
        || eq(s, b"tomorrow", true)
        || eq(s, b"yesterday", true)
}

const fn trim(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if !first.is_ascii_whitespace() {
            break;
        }
        s = rest;
    }
    while let [rest @ .., last] = s {
        if !last.is_ascii_whitespace() {
            break;
        }
        s = rest;
    }
    s
}

const fn eq(a: &[u8], b: &[u8], ignore_case: bool) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        let (x, y) = if ignore_case {
            (a[i].to_ascii_lowercase(), b[i].to_ascii_lowercase())
        } else {
            (a[i], b[i])
        };
        if x != y {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let ok = |a, l| mismatch(a, l).is_none();
        assert!(ok(DefaultLiteral::SMALLINT, Literal::Int(-32768)));
        assert!(!ok(DefaultLiteral::SMALLINT, Literal::Int(300_000)));
        assert!(!ok(DefaultLiteral::BIGINT, Literal::Float));
        assert!(ok(DefaultLiteral::Number, Literal::Int(1)));
        assert!(!ok(DefaultLiteral::Bool, Literal::Str("true")));
        assert!(!ok(DefaultLiteral::Text, Literal::Int(5)));
        assert!(ok(DefaultLiteral::Temporal, Literal::Str("2000-01-01")));
        assert!(!ok(DefaultLiteral::Temporal, Literal::Str(" NOW ")));
        assert!(ok(DefaultLiteral::Label(&["a", "b"]), Literal::Str("b")));
        assert!(!ok(DefaultLiteral::Label(&["a", "b"]), Literal::Str("B")));
    }
}
