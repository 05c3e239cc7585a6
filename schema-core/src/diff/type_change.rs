//! What a column type change costs: whether every old value fits the new type (widening) and
//! whether PostgreSQL rewrites the table to make it.

use crate::model::SqlType;

/// True when every value of `from` converts to `to` without loss, so the change needs no
/// confirmation. Anything not known to be widening counts as narrowing: `varchar(500)` →
/// `varchar(100)` truncates, `bigint` → `integer` and `text` → `integer` fail on values that
/// do not fit.
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
        (Timestamp, Timestamptz) => true,
        (Json, Jsonb) => true,
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

#[cfg(test)]
mod tests {
    use super::*;
    use SqlType::*;

    #[test]
    fn widening_and_narrowing() {
        let vc = |n| Varchar { length: Some(n) };
        assert!(is_widening(&vc(100), &vc(500)));
        assert!(!is_widening(&vc(500), &vc(100)));
        assert!(is_widening(&Integer, &BigInt));
        assert!(!is_widening(&BigInt, &Integer));
        assert!(!is_widening(&Text, &vc(10)));
        assert!(is_widening(&vc(10), &Text));
        assert!(is_widening(&Integer, &Text));
        assert!(!is_widening(&Text, &Integer));
        let num = |p, s| Numeric {
            precision: Some(p),
            scale: Some(s),
        };
        assert!(is_widening(&num(10, 2), &num(12, 2)));
        assert!(!is_widening(&num(10, 2), &num(10, 3)));
        assert!(is_binary_coercible(&vc(10), &Text));
        assert!(!is_binary_coercible(&Integer, &BigInt));
    }
}
