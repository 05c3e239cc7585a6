//! A model's validation rules as data (`#[validate(..)]` and what the columns imply): what the
//! derive writes as `static`s, and what `validate` judges values by, the Zod writer turns into
//! TypeScript and a [`Schema`](super::Schema) keeps for its registered models. How a rule
//! judges a value is `validate`'s.

use std::sync::OnceLock;

/// A regular expression compiled on first use, so a model's validator is a `static`.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: &'static str,
    pub(crate) compiled: OnceLock<regex::Regex>,
}

impl LazyRegex {
    /// A pattern the derive has already compiled once, so it is known to be valid.
    pub const fn new(pattern: &'static str) -> Self {
        LazyRegex {
            pattern,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as written.
    pub fn pattern(&self) -> &'static str {
        self.pattern
    }
}

/// Two patterns are one rule when they are written alike.
impl PartialEq for LazyRegex {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

impl Eq for LazyRegex {}

/// One rule. Lengths count characters (Unicode scalar values), as PostgreSQL does.
///
/// Equality is that of the rule as data: numbers compare by their bits, so a rule equals
/// itself even with a NaN bound, and `==` is an equivalence (`Eq`).
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// At least this many characters.
    MinLen(usize),
    /// At most this many characters.
    MaxLen(usize),
    /// Exactly this many characters.
    Len(usize),
    /// At least one character.
    NonEmpty,
    /// Zod's email format.
    Email,
    /// Zod's url format.
    Url,
    /// Zod's uuid format.
    Uuid,
    /// Zod's guid format: any 8-4-4-4-12 hex digits, no version or variant check.
    Guid,
    /// Matches the pattern (anywhere, as JavaScript's `RegExp.test`).
    Regex(&'static LazyRegex),
    /// Starts with the text.
    StartsWith(&'static str),
    /// Ends with the text.
    EndsWith(&'static str),
    /// Contains the text.
    Includes(&'static str),
    /// No ASCII capital letters.
    Lowercase,
    /// No ASCII small letters.
    Uppercase,
    /// `>=` the bound.
    Min(f64),
    /// `<=` the bound.
    Max(f64),
    /// `>` the bound.
    Gt(f64),
    /// `<` the bound.
    Lt(f64),
    /// A whole multiple of the divisor, within Zod's floating-point tolerance.
    MultipleOf(f64),
    /// Zod's `int()`: an integer in JavaScript's safe range.
    Int,
    /// Zod's `int32()`: an integer that fits an `i32`.
    Int32,
    /// A list of at least this many items.
    MinItems(usize),
    /// A list of at most this many items.
    MaxItems(usize),
    /// These rules on every item of a list.
    Each(&'static [Check]),
}

impl PartialEq for Check {
    fn eq(&self, other: &Self) -> bool {
        use Check::*;
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
        match (self, other) {
            (MinLen(a), MinLen(b))
            | (MaxLen(a), MaxLen(b))
            | (Len(a), Len(b))
            | (MinItems(a), MinItems(b))
            | (MaxItems(a), MaxItems(b)) => a == b,
            (Min(a), Min(b))
            | (Max(a), Max(b))
            | (Gt(a), Gt(b))
            | (Lt(a), Lt(b))
            | (MultipleOf(a), MultipleOf(b)) => same(*a, *b),
            (StartsWith(a), StartsWith(b))
            | (EndsWith(a), EndsWith(b))
            | (Includes(a), Includes(b)) => a == b,
            (Regex(a), Regex(b)) => a == b,
            (Each(a), Each(b)) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other) && !self.has_value(),
        }
    }
}

impl Eq for Check {}

impl Check {
    /// Whether the rule carries a value (a bound, a text, rules); the others are flags.
    fn has_value(&self) -> bool {
        !matches!(
            self,
            Check::NonEmpty
                | Check::Email
                | Check::Url
                | Check::Uuid
                | Check::Guid
                | Check::Lowercase
                | Check::Uppercase
                | Check::Int
                | Check::Int32
        )
    }
}

/// The rules of one field, as data: what the Zod writer and the JSON validator read.
#[derive(Debug, PartialEq, Eq)]
pub struct FieldRules {
    /// The field's JSON name (its Rust name without `r#`).
    pub field: &'static str,
    /// Its column.
    pub column: &'static str,
    /// Its checks: the written rules, then those its column implies (`varchar(n)`).
    pub checks: &'static [Check],
    /// Whether it is a nested model, validated by its own rules.
    pub nested: bool,
    /// The path of its `custom` function, which only Rust can run.
    pub custom: Option<&'static str>,
}

impl FieldRules {
    /// A field without rules; what the derive writes for most fields.
    #[doc(hidden)]
    pub const fn __plain(field: &'static str, column: &'static str) -> Self {
        FieldRules {
            field,
            column,
            checks: &[],
            nested: false,
            custom: None,
        }
    }
}

/// A model's rules as data: what the Zod writer reads.
#[derive(Debug, PartialEq, Eq)]
pub struct ModelRules {
    /// The Rust struct's name, e.g. `File`.
    pub model: &'static str,
    /// The table's PostgreSQL schema.
    pub schema: &'static str,
    /// The table's name.
    pub table: &'static str,
    /// One entry per field, in field order.
    pub fields: &'static [FieldRules],
}
