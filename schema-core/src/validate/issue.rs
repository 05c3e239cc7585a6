//! One problem with a value, shaped like a Zod v4 issue so a web API can return it unchanged.

use serde::{Serialize, Serializer};
use std::fmt;

/// A step of an issue's path: an object key or an array index (`["tags", 2]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A field, by its JSON name.
    Key(&'static str),
    /// An element of a list.
    Index(usize),
}

impl Serialize for PathSegment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PathSegment::Key(key) => serializer.serialize_str(key),
            PathSegment::Index(index) => serializer.serialize_u64(*index as u64),
        }
    }
}

/// Zod's issue codes, serialized with Zod's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// The value has the wrong type, or a required field is missing.
    InvalidType,
    /// Shorter, smaller or fewer than the minimum.
    TooSmall,
    /// Longer, bigger or more than the maximum.
    TooBig,
    /// A string that does not have the required format (email, url, regex, prefix, ...).
    InvalidFormat,
    /// A value outside a fixed set (an enum label).
    InvalidValue,
    /// A value that matches no member of a union: what `z.json()` reports for a missing key.
    InvalidUnion,
    /// A number that is not a multiple of the divisor.
    NotMultipleOf,
    /// A rule written in Rust (`custom = path::to::fn`).
    Custom,
}

/// What kind of value a size limit applies to: Zod's `origin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A string's length, in characters (Unicode scalar values, as PostgreSQL counts them).
    String,
    /// A number's value.
    Number,
    /// An integer outside JavaScript's safe range (`z.int()`'s own limit).
    Int,
    /// A list's length.
    Array,
}

/// One problem with a value. Field names and optional members follow Zod v4's issue JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// Zod's issue code.
    pub code: IssueCode,
    /// Where the problem is, from the validated value's root.
    pub path: Vec<PathSegment>,
    /// A human-readable message.
    pub message: String,
    /// For sizes: what the limit applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// For `too_small`: the limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    /// For `too_big`: the limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    /// For sizes: whether the limit itself is allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inclusive: Option<bool>,
    /// For `len`: the size must equal the limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<bool>,
    /// For `invalid_format`: which format (`email`, `url`, `uuid`, `regex`, `starts_with`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// For `regex`: the pattern.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// For `starts_with`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// For `ends_with`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// For `includes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includes: Option<String>,
    /// For `not_multiple_of`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub divisor: Option<f64>,
    /// For `invalid_value`: the allowed values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// For `invalid_type`: the expected type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<&'static str>,
}

impl Issue {
    /// An issue with only its code, path and message; the builder methods add the rest.
    pub fn new(code: IssueCode, path: Vec<PathSegment>, message: impl Into<String>) -> Self {
        Issue {
            code,
            path,
            message: message.into(),
            origin: None,
            minimum: None,
            maximum: None,
            inclusive: None,
            exact: None,
            format: None,
            pattern: None,
            prefix: None,
            suffix: None,
            includes: None,
            divisor: None,
            values: None,
            expected: None,
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path: Vec<String> = self
            .path
            .iter()
            .map(|segment| match segment {
                PathSegment::Key(key) => (*key).to_owned(),
                PathSegment::Index(index) => index.to_string(),
            })
            .collect();
        if path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", path.join("."), self.message)
        }
    }
}
