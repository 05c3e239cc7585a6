//! What a column type change costs: whether every old value fits the new type (widening),
//! whether PostgreSQL rewrites the table to make it, whether it needs a `USING` cast, and what
//! happens to the values that do not fit.
//!
//! The conversion is PostgreSQL's assignment cast whenever there is one: `ALTER COLUMN ... TYPE`
//! without `USING` applies it, and an assignment cast refuses what does not fit (a string
//! longer than a `varchar(n)`, a number out of range) where an explicit cast would cut it
//! (`'abcdefgh'::varchar(3)` is `'abc'`). `USING "column"::type` is written only where
//! PostgreSQL has no assignment cast (from `text` to anything but a string type, into an enum).

use crate::model::SqlType;

/// What a narrowing conversion does to the values the new type cannot hold as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// The statement fails on such a value: the migration stops, and the statement's
    /// transaction leaves the table as it was. The text names the values: "a value longer
    /// than 100 characters".
    Fails(String),
    /// Such values are changed without an error. The text says how: "every value is rounded
    /// to 1 decimal place".
    Changes(String),
}

impl Effect {
    /// The effect as a clause: "fails on a value longer than ..." or "every value is ...".
    pub(crate) fn describe(&self) -> String {
        match self {
            Effect::Fails(values) => format!("fails on {values}"),
            Effect::Changes(what) => what.clone(),
        }
    }
}

/// True when every value of `from` converts to `to` without loss, so the change needs no
/// confirmation. Anything not known to be widening counts as narrowing: `varchar(500)` →
/// `varchar(100)` and `bigint` → `integer` fail on values that do not fit, `numeric(10,4)` →
/// `numeric(10,1)` rounds them ([`effects`] says which).
pub(super) fn is_widening(from: &SqlType, to: &SqlType) -> bool {
    use SqlType::*;
    let rank = |ty: &SqlType| match ty {
        SmallInt => Some(1),
        Integer => Some(2),
        BigInt => Some(3),
        _ => None,
    };
    match (from, to) {
        _ if from == to => true,
        (SmallInt | Integer | BigInt, SmallInt | Integer | BigInt) => rank(from) <= rank(to),
        (SmallInt | Integer, DoublePrecision) | (SmallInt, Real) | (Real, DoublePrecision) => true,
        (
            SmallInt | Integer | BigInt,
            Numeric {
                precision: None, ..
            },
        ) => true,
        (
            Numeric {
                precision: Some(p1),
                scale: s1,
            },
            Numeric {
                precision: Some(p2),
                scale: s2,
            },
        ) => {
            let (s1, s2) = (s1.unwrap_or(0), s2.unwrap_or(0));
            s2 >= s1 && p2 - s2.min(*p2) >= p1 - s1.min(*p1)
        }
        (
            Numeric { .. },
            Numeric {
                precision: None, ..
            },
        ) => true,
        (Varchar { length: Some(a) }, Varchar { length: Some(b) }) => b >= a,
        (Varchar { .. } | Text, Varchar { length: None } | Text) => true,
        // Every value has a text form that reads back as the same value.
        (_, Text) => !matches!(from, Array { .. }),
        (Timestamp, Timestamptz) | (Date, Timestamp) => true,
        (Json, Jsonb) | (Jsonb, Json) => true,
        (Array { element: a }, Array { element: b }) => is_widening(a, b),
        _ => false,
    }
}

/// True when PostgreSQL can change the type without rewriting the table (binary-coercible
/// changes that relax a limit).
pub(super) fn is_binary_coercible(from: &SqlType, to: &SqlType) -> bool {
    use SqlType::*;
    match (from, to) {
        (Varchar { length: Some(a) }, Varchar { length: Some(b) }) => b >= a,
        (Varchar { .. } | Text, Varchar { length: None } | Text) => true,
        (
            Numeric {
                precision: Some(p1),
                scale: s1,
            },
            Numeric {
                precision: Some(p2),
                scale: s2,
            },
        ) => s1 == s2 && p2 >= p1,
        (
            Numeric { .. },
            Numeric {
                precision: None, ..
            },
        ) => true,
        _ => false,
    }
}

/// True when PostgreSQL has an implicit or assignment cast from `from` to `to` (`pg_cast` of
/// PostgreSQL 15, plus the conversion of any type to a string type through its text form, an
/// assignment cast too), so that `ALTER COLUMN ... TYPE` needs no `USING`. Unknown types
/// ([`SqlType::Custom`]) count as having none.
pub(super) fn has_assignment_cast(from: &SqlType, to: &SqlType) -> bool {
    use SqlType::*;
    let number = |ty: &SqlType| {
        matches!(
            ty,
            SmallInt | Integer | BigInt | Real | DoublePrecision | Numeric { .. }
        )
    };
    match (from, to) {
        _ if from == to => true,
        (_, Text | Varchar { .. }) => true,
        _ if number(from) && number(to) => true,
        (Date, Timestamp | Timestamptz)
        | (Timestamp, Timestamptz | Date | Time)
        | (Timestamptz, Timestamp | Date | Time) => true,
        (Json, Jsonb) | (Jsonb, Json) => true,
        (Array { element: a }, Array { element: b }) => has_assignment_cast(a, b),
        _ => false,
    }
}

/// What converting `from` to `to` does to the values the new type cannot hold as they are,
/// with PostgreSQL's assignment cast, or its explicit cast where [`has_assignment_cast`] says
/// there is none. Empty for a widening. A conversion not described here gets a
/// [`Effect::Changes`] saying that PostgreSQL's cast decides.
pub(crate) fn effects(from: &SqlType, to: &SqlType) -> Vec<Effect> {
    if is_widening(from, to) {
        return Vec::new();
    }
    match (from, to) {
        (SqlType::Array { element: a }, SqlType::Array { element: b }) => {
            element_effects(a, b, &ELEMENT)
        }
        _ => element_effects(from, to, &VALUE),
    }
}

/// How the values of a column are named in an effect: the column's values, or the elements
/// of its arrays.
struct Noun {
    one: &'static str,
    every: &'static str,
}

const VALUE: Noun = Noun {
    one: "a value",
    every: "every value",
};

const ELEMENT: Noun = Noun {
    one: "an array element",
    every: "every array element",
};

/// Decimal places a value of `ty` can have; `None` when unbounded.
fn scale_of(ty: &SqlType) -> Option<u32> {
    match ty {
        SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => Some(0),
        SqlType::Numeric {
            precision: Some(_),
            scale,
        } => Some(scale.unwrap_or(0)),
        _ => None,
    }
}

/// Digits before the decimal point a value of `ty` can have; `None` when unbounded.
fn integer_digits(ty: &SqlType) -> Option<u32> {
    match ty {
        SqlType::SmallInt => Some(5),
        SqlType::Integer => Some(10),
        SqlType::BigInt => Some(19),
        SqlType::Numeric {
            precision: Some(p),
            scale,
        } => Some(p - scale.unwrap_or(0).min(*p)),
        _ => None,
    }
}

fn places(scale: u32) -> String {
    match scale {
        0 => "a whole number".to_owned(),
        1 => "1 decimal place".to_owned(),
        n => format!("{n} decimal places"),
    }
}

fn element_effects(from: &SqlType, to: &SqlType, n: &Noun) -> Vec<Effect> {
    use SqlType::*;
    let text_like = matches!(from, Text | Varchar { .. });
    let number = matches!(
        from,
        SmallInt | Integer | BigInt | Real | DoublePrecision | Numeric { .. }
    );
    let float = matches!(from, Real | DoublePrecision);
    // Conditions that make the statement fail, and changes made without an error.
    let mut fails: Vec<String> = Vec::new();
    let mut changes: Vec<String> = Vec::new();
    match to {
        Varchar {
            length: Some(length),
        } => fails.push(format!(
            "{} longer than {length} characters (one longer only by trailing spaces is cut to \
             {length} characters instead)",
            n.one
        )),
        Numeric {
            precision: Some(p),
            scale,
        } if number || text_like => {
            let scale = scale.unwrap_or(0);
            let digits = p - scale.min(*p);
            if text_like {
                fails.push(format!("{} that is not a number", n.one));
            }
            if float {
                fails.push(format!("{} that is infinite", n.one));
            }
            let rounds = scale_of(from).is_none_or(|s| s > scale);
            if integer_digits(from).is_none_or(|d| d > digits) {
                fails.push(format!(
                    "{} with more than {digits} digits before the decimal point{}",
                    n.one,
                    if rounds { " (once rounded)" } else { "" }
                ));
            }
            if rounds {
                changes.push(format!("{} is rounded to {}", n.every, places(scale)));
            }
        }
        Numeric {
            precision: None, ..
        } if float || text_like => {
            if text_like {
                fails.push(format!("{} that is not a number", n.one));
            } else {
                let digits = if *from == Real { 6 } else { 15 };
                changes.push(format!(
                    "{} is rounded to {digits} significant digits",
                    n.every
                ));
            }
        }
        SmallInt | Integer | BigInt if number || text_like => {
            let (safe, range) = match to {
                SmallInt => (4, "-32768 to 32767"),
                Integer => (9, "-2147483648 to 2147483647"),
                _ => (18, "-9223372036854775808 to 9223372036854775807"),
            };
            if text_like {
                fails.push(format!("{} that is not a whole number", n.one));
            }
            if integer_digits(from).is_none_or(|d| d > safe) {
                fails.push(format!("{} outside the range of {to} ({range})", n.one));
            }
            if !text_like && scale_of(from) != Some(0) {
                changes.push(format!("{} is rounded to a whole number", n.every));
            }
        }
        Real | DoublePrecision if number || text_like => {
            if text_like {
                fails.push(format!("{} that is not a number", n.one));
            } else {
                let digits = if *to == Real { 6 } else { 15 };
                changes.push(format!(
                    "{} is rounded to the nearest {to} (about {digits} significant digits)",
                    n.every
                ));
                if matches!(from, DoublePrecision | Numeric { .. }) {
                    fails.push(format!("{} outside the range of {to}", n.one));
                }
            }
        }
        Boolean if *from == Integer => {
            changes.push(format!("{} other than 0 becomes true", n.every));
        }
        Date if matches!(from, Timestamp | Timestamptz) => changes.push(format!(
            "{} loses its time of day{}",
            n.every,
            if *from == Timestamptz {
                " (its date is taken in the session's TimeZone)"
            } else {
                ""
            }
        )),
        Time if matches!(from, Timestamp | Timestamptz) => changes.push(format!(
            "{} keeps only its time of day{}",
            n.every,
            if *from == Timestamptz {
                " in the session's TimeZone"
            } else {
                ""
            }
        )),
        Timestamp if *from == Timestamptz => changes.push(format!(
            "{} becomes its local time in the session's TimeZone (the UTC offset is dropped)",
            n.every
        )),
        Enum { .. } => fails.push(format!("{} that is not a label of {to}", n.one)),
        Boolean | Date | Time | Timestamp | Timestamptz | Uuid | Json if text_like => {
            fails.push(format!("{} that does not read as {to}", n.one));
        }
        _ => changes.push(format!(
            "{} is converted by PostgreSQL's cast to {to}, which fails on a value it cannot \
             convert; what it keeps of the others depends on that cast",
            n.every
        )),
    }
    let mut out = Vec::new();
    if !fails.is_empty() {
        out.push(Effect::Fails(fails.join(", or on ")));
    }
    out.extend(changes.into_iter().map(Effect::Changes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use SqlType::*;

    fn vc(n: u32) -> SqlType {
        Varchar { length: Some(n) }
    }

    fn num(p: u32, s: u32) -> SqlType {
        Numeric {
            precision: Some(p),
            scale: Some(s),
        }
    }

    #[test]
    fn widening_and_narrowing() {
        assert!(is_widening(&vc(100), &vc(500)));
        assert!(!is_widening(&vc(500), &vc(100)));
        assert!(is_widening(&Integer, &BigInt));
        assert!(!is_widening(&BigInt, &Integer));
        assert!(!is_widening(&Text, &vc(10)));
        assert!(is_widening(&vc(10), &Text));
        assert!(is_widening(&Integer, &Text));
        assert!(!is_widening(&Text, &Integer));
        assert!(is_widening(&num(10, 2), &num(12, 2)));
        assert!(!is_widening(&num(10, 2), &num(10, 3)));
        assert!(is_binary_coercible(&vc(10), &Text));
        assert!(!is_binary_coercible(&Integer, &BigInt));
    }

    #[test]
    fn a_cast_is_written_only_where_postgresql_has_no_assignment_cast() {
        // An explicit cast would cut what the assignment cast refuses.
        assert!(has_assignment_cast(&vc(150), &vc(100)));
        assert!(has_assignment_cast(&Text, &vc(3)));
        assert!(has_assignment_cast(
            &SqlType::array_of(vc(9)),
            &SqlType::array_of(vc(3))
        ));
        assert!(has_assignment_cast(&num(10, 4), &num(10, 1)));
        assert!(has_assignment_cast(&BigInt, &Integer));
        assert!(!has_assignment_cast(&Text, &Integer));
        assert!(!has_assignment_cast(
            &Text,
            &SqlType::enum_type("public", "status")
        ));
    }

    #[test]
    fn effects_say_what_happens() {
        assert_eq!(
            effects(&vc(150), &vc(100)),
            [Effect::Fails(
                "a value longer than 100 characters (one longer only by trailing spaces is \
                 cut to 100 characters instead)"
                    .into()
            )]
        );
        assert_eq!(
            effects(&num(10, 4), &num(10, 1)),
            [Effect::Changes(
                "every value is rounded to 1 decimal place".into()
            )]
        );
        assert_eq!(
            effects(&num(10, 1), &num(10, 4)),
            [Effect::Fails(
                "a value with more than 6 digits before the decimal point".into()
            )]
        );
        assert_eq!(
            effects(&BigInt, &Integer),
            [Effect::Fails(
                "a value outside the range of integer (-2147483648 to 2147483647)".into()
            )]
        );
        assert!(effects(&vc(100), &vc(150)).is_empty());
        let rounded = effects(&DoublePrecision, &Integer);
        assert!(rounded.contains(&Effect::Changes(
            "every value is rounded to a whole number".into()
        )));
    }
}
