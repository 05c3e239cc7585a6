use super::{QualifiedName, DEFAULT_SCHEMA};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A sequence the schema defines (`CREATE SEQUENCE`): a counter shared by several tables, an
/// invoice or order number, the sequence of a `serial` column read back from a database.
/// Declared with [`Schema::sequence`](super::Schema::sequence); a column draws from it with a
/// `nextval('name')` default ([`render::nextval`](crate::render::nextval) writes one).
///
/// Each option left `None` is PostgreSQL's default for the sequence's type and direction, and
/// [`canonical`](super::canonical) leaves out an option written with that default value, so a
/// declared `start(1)` and none compare equal. The sequence's current value is data, not
/// schema: it is neither compared nor changed, and dropping a sequence is refused without
/// `--allow-destructive`. A sequence [owned by](Sequence::owned_by) a column is dropped by
/// PostgreSQL together with that column or its table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Sequence {
    /// PostgreSQL schema the sequence lives in.
    pub schema: String,
    /// Sequence name, unique among the relations (tables, indexes, sequences) of its schema.
    pub name: String,
    /// `AS smallint | integer | bigint`.
    #[serde(default, skip_serializing_if = "SequenceType::is_bigint")]
    pub ty: SequenceType,
    /// `START WITH`; `None` is the minimum counting up, the maximum counting down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// `INCREMENT BY`; `None` is 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    /// `MINVALUE`; `None` is 1 counting up, the type's smallest value counting down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    /// `MAXVALUE`; `None` is the type's largest value counting up, -1 counting down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    /// `CACHE`: how many values a session takes at once; `None` is 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    /// `CYCLE`: past the last value, start again from the first instead of failing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cycle: bool,
    /// `OWNED BY`: the column (of a table in the sequence's schema) whose drop drops the
    /// sequence too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<SequenceOwner>,
    /// Rename hint for the diff engine: the sequence's previous name in its schema. A hint
    /// only: [`canonical`](super::canonical) clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// The column a [`Sequence`] belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SequenceOwner {
    /// The table, in the sequence's schema.
    pub table: String,
    /// The column.
    pub column: String,
}

/// The integer type of a sequence's values.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SequenceType {
    /// `smallint`
    SmallInt,
    /// `integer`
    Integer,
    /// `bigint`, PostgreSQL's default.
    #[default]
    BigInt,
}

impl SequenceType {
    fn is_bigint(&self) -> bool {
        *self == SequenceType::BigInt
    }

    /// The type's range, `(smallest, largest)`.
    pub fn range(self) -> (i64, i64) {
        match self {
            SequenceType::SmallInt => (i16::MIN.into(), i16::MAX.into()),
            SequenceType::Integer => (i32::MIN.into(), i32::MAX.into()),
            SequenceType::BigInt => (i64::MIN, i64::MAX),
        }
    }

    /// The type as `format_type` prints it, `None` for another type.
    pub fn from_sql(name: &str) -> Option<SequenceType> {
        match name {
            "smallint" => Some(SequenceType::SmallInt),
            "integer" => Some(SequenceType::Integer),
            "bigint" => Some(SequenceType::BigInt),
            _ => None,
        }
    }
}

impl fmt::Display for SequenceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SequenceType::SmallInt => "smallint",
            SequenceType::Integer => "integer",
            SequenceType::BigInt => "bigint",
        })
    }
}

impl Sequence {
    /// The sequence `schema.name`: `bigint`, from 1 by 1, no owner.
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        Sequence {
            schema: schema.into(),
            name: name.into(),
            ty: SequenceType::BigInt,
            start: None,
            increment: None,
            min_value: None,
            max_value: None,
            cache: None,
            cycle: false,
            owned_by: None,
            renamed_from: None,
        }
    }

    /// The sequence `name` in `public`.
    pub fn public(name: impl Into<String>) -> Self {
        Sequence::new(DEFAULT_SCHEMA, name)
    }

    /// The same sequence of another integer type (`smallint`, `integer` or `bigint`).
    pub fn of_type(mut self, ty: SequenceType) -> Self {
        self.ty = ty;
        self
    }

    /// The same sequence with its first value.
    pub fn start(mut self, start: i64) -> Self {
        self.start = Some(start);
        self
    }

    /// The same sequence with another step (negative counts down).
    pub fn increment(mut self, increment: i64) -> Self {
        self.increment = Some(increment);
        self
    }

    /// The same sequence with its smallest value.
    pub fn min_value(mut self, min_value: i64) -> Self {
        self.min_value = Some(min_value);
        self
    }

    /// The same sequence with its largest value.
    pub fn max_value(mut self, max_value: i64) -> Self {
        self.max_value = Some(max_value);
        self
    }

    /// The same sequence, handing `cache` values to a session at once.
    pub fn cache(mut self, cache: i64) -> Self {
        self.cache = Some(cache);
        self
    }

    /// The same sequence, starting again from its first value past its last.
    pub fn cycle(mut self) -> Self {
        self.cycle = true;
        self
    }

    /// The same sequence, owned by `column` of `table` (in the sequence's schema).
    pub fn owned_by(mut self, table: impl Into<String>, column: impl Into<String>) -> Self {
        self.owned_by = Some(SequenceOwner {
            table: table.into(),
            column: column.into(),
        });
        self
    }

    /// The same sequence, renamed from `old` in this migration (`ALTER SEQUENCE ... RENAME`).
    pub fn renamed_from(mut self, old: impl Into<String>) -> Self {
        self.renamed_from = Some(old.into());
        self
    }

    /// The sequence's schema and name.
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }

    /// The step between two values.
    pub fn step(&self) -> i64 {
        self.increment.unwrap_or(1)
    }

    /// The smallest value, as PostgreSQL resolves `MINVALUE`.
    pub fn smallest(&self) -> i64 {
        self.min_value.unwrap_or(if self.step() < 0 {
            self.ty.range().0
        } else {
            1
        })
    }

    /// The largest value, as PostgreSQL resolves `MAXVALUE`.
    pub fn largest(&self) -> i64 {
        self.max_value.unwrap_or(if self.step() < 0 {
            -1
        } else {
            self.ty.range().1
        })
    }

    /// The first value, as PostgreSQL resolves `START WITH`.
    pub fn first(&self) -> i64 {
        self.start.unwrap_or(if self.step() < 0 {
            self.largest()
        } else {
            self.smallest()
        })
    }

    /// Values handed to a session at once.
    pub fn cache_size(&self) -> i64 {
        self.cache.unwrap_or(1)
    }

    /// The same sequence with the options PostgreSQL would choose itself left out, as the
    /// catalog reads back.
    pub fn canonical(mut self) -> Sequence {
        let (min, max, first) = (self.smallest(), self.largest(), self.first());
        self.increment = self.increment.filter(|&i| i != 1);
        self.min_value = None;
        self.max_value = None;
        self.start = None;
        self.min_value = Some(min).filter(|&m| m != self.smallest());
        self.max_value = Some(max).filter(|&m| m != self.largest());
        self.start = Some(first).filter(|&s| s != self.first());
        self.cache = self.cache.filter(|&c| c != 1);
        self
    }

    /// What PostgreSQL refuses in the sequence's options, if anything.
    pub(super) fn problem(&self) -> Option<String> {
        if self.step() == 0 {
            return Some("has an increment of 0".into());
        }
        let (lowest, highest) = self.ty.range();
        let (min, max, first) = (self.smallest(), self.largest(), self.first());
        if min < lowest || max > highest {
            return Some(format!(
                "has values from {min} to {max}, out of the range of {}",
                self.ty
            ));
        }
        if min >= max {
            return Some(format!("has a minimum {min} not below its maximum {max}"));
        }
        if first < min || first > max {
            return Some(format!(
                "starts at {first}, outside its values from {min} to {max}"
            ));
        }
        if self.cache_size() < 1 {
            return Some("has a cache below 1".into());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_defaults_are_left_out() {
        let declared = Sequence::public("n")
            .start(1)
            .increment(1)
            .min_value(1)
            .max_value(i64::MAX)
            .cache(1);
        assert_eq!(declared.canonical(), Sequence::public("n"));
        let down = Sequence::public("d")
            .of_type(SequenceType::Integer)
            .increment(-1);
        assert_eq!(
            (down.smallest(), down.largest(), down.first()),
            (i32::MIN.into(), -1, -1)
        );
        assert_eq!(down.clone().canonical(), down);
        let from_ten = Sequence::public("t").start(10).max_value(100);
        assert_eq!(from_ten.clone().canonical(), from_ten);
    }

    #[test]
    fn options_postgres_refuses() {
        let problem = |s: Sequence| s.problem().unwrap_or_default();
        assert!(problem(Sequence::public("a").increment(0)).contains("increment of 0"));
        assert!(problem(
            Sequence::public("a")
                .of_type(SequenceType::SmallInt)
                .max_value(40_000)
        )
        .contains("out of the range of smallint"));
        assert!(problem(Sequence::public("a").min_value(5).max_value(5)).contains("not below"));
        assert!(problem(Sequence::public("a").start(0)).contains("starts at 0"));
        assert!(problem(Sequence::public("a").cache(0)).contains("cache"));
        assert_eq!(Sequence::public("a").start(5).problem(), None);
    }
}
