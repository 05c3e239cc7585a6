//! Validation of model values with Zod's rules and Zod's issue shapes.
//!
//! `#[derive(Table)]` implements [`Validate`] for each model and for its insert and update
//! shapes (when it has them): the rules written in `#[validate(..)]`, plus those the columns imply (`varchar(n)`
//! gives a maximum of n characters). A valid value is checked without allocating.

mod check;
mod formats;
mod issue;
pub mod json;
mod path;
mod value;

pub use crate::model::{FieldRules, ModelRules};
pub use check::{Check, CheckKind, LazyRegex};
pub use formats::{is_email, is_guid, is_iso_date, is_iso_datetime, is_iso_time, is_url, is_uuid};
pub use issue::{Issue, IssueCode, Origin, PathSegment};
pub use path::Path;
pub use value::{Checked, ListValue, NumberValue, TextValue};

use std::fmt;

/// A value with rules. Implemented by `#[derive(Table)]`.
pub trait Validate {
    /// Adds every issue of the value at `path` to `issues`.
    fn validate_at(&self, path: &Path, issues: &mut Vec<Issue>);

    /// Every issue of the value, or `Ok` when it has none.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut issues = Vec::new();
        self.validate_at(&Path::Root, &mut issues);
        if issues.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { issues })
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path, issues: &mut Vec<Issue>) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&path.index(index), issues);
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &Path, issues: &mut Vec<Issue>) {
        if let Some(value) = self {
            value.validate_at(path, issues);
        }
    }
}

/// The issues of an invalid value. Serializes as Zod's `error.issues`: a JSON array.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct ValidationError {
    /// Every issue, in field order.
    pub issues: Vec<Issue>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let issues: Vec<String> = self.issues.iter().map(ToString::to_string).collect();
        f.write_str(&issues.join("; "))
    }
}

impl std::error::Error for ValidationError {}

/// A model's rules as data. Implemented by `#[derive(Table)]`.
pub trait Rules {
    /// The model's rules.
    fn rules() -> &'static ModelRules;
}

/// A `custom = path::to::fn` rule's outcome as an issue.
#[doc(hidden)]
pub fn custom(outcome: Result<(), String>, path: &Path, issues: &mut Vec<Issue>) {
    if let Err(message) = outcome {
        issues.push(Issue::new(IssueCode::Custom, path.to_vec(), message));
    }
}

/// Autoref specialization: `(&&Probe(&value)).check(..)` runs the rules when the value's type
/// is [`Checked`] and does nothing otherwise, so a misapplied rule is reported once, by the
/// kind assertions, not again by the generated validator.
#[doc(hidden)]
pub mod __probe {
    use super::{Check, Checked, Issue, Path};

    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    pub trait Specific {
        fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>);
    }

    impl<T: Checked + ?Sized> Specific for &Probe<'_, T> {
        fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>) {
            self.0.check(checks, path, issues);
        }
    }

    pub trait Fallback {
        fn check(&self, _checks: &[Check], _path: &Path, _issues: &mut Vec<Issue>) {}
    }

    impl<T: ?Sized> Fallback for Probe<'_, T> {}
}

/// Compiles only when the field's type takes text rules.
#[doc(hidden)]
pub const fn text_rule<T: TextValue + ?Sized>() {}
/// Compiles only when the field's type takes number rules.
#[doc(hidden)]
pub const fn number_rule<T: NumberValue + ?Sized>() {}
/// Compiles only when the field's type takes list rules.
#[doc(hidden)]
pub const fn list_rule<T: ListValue + ?Sized>() {}
/// Compiles only when the field's type is a model (or a list or `Option` of models).
#[doc(hidden)]
pub const fn nested_rule<T: Validate + ?Sized>() {}
