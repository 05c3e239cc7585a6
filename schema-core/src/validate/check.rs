//! The rules of `#[validate(..)]` as data, and how each one judges a value. The same `Check`
//! values drive the typed validators the derive generates, the JSON validator, and the Zod
//! schemas written for TypeScript, so the three cannot drift apart.

use super::formats;
use super::issue::{Issue, IssueCode, Origin};
use super::path::Path;
use std::sync::OnceLock;

/// A regular expression compiled on first use, so a model's validator is a `static`.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: &'static str,
    compiled: OnceLock<regex::Regex>,
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

    fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regex::Regex::new(self.pattern).expect("checked by the derive"))
            .is_match(value)
    }
}

/// One rule. Lengths count characters (Unicode scalar values), as PostgreSQL does.
#[derive(Debug)]
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
    /// A whole multiple of the divisor.
    MultipleOf(f64),
    /// A list of at least this many items.
    MinItems(usize),
    /// A list of at most this many items.
    MaxItems(usize),
    /// These rules on every item of a list.
    Each(&'static [Check]),
}

/// The kind of value a rule applies to: the derive refuses a rule on a field of another kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckKind {
    /// Strings.
    Text,
    /// Numbers.
    Number,
    /// Lists.
    List,
}

impl Check {
    /// What the rule applies to.
    pub fn kind(&self) -> CheckKind {
        match self {
            Check::Min(_) | Check::Max(_) | Check::Gt(_) | Check::Lt(_) | Check::MultipleOf(_) => {
                CheckKind::Number
            }
            Check::MinItems(_) | Check::MaxItems(_) | Check::Each(_) => CheckKind::List,
            _ => CheckKind::Text,
        }
    }

    /// Judges a string; rules of other kinds pass.
    pub fn text(&self, value: &str, path: &Path, issues: &mut Vec<Issue>) {
        let chars = || value.chars().count();
        match *self {
            Check::MinLen(min) => too_small_text(chars(), min, path, issues),
            Check::NonEmpty => too_small_text(chars(), 1, path, issues),
            Check::MaxLen(max) => too_big_text(chars(), max, path, issues),
            Check::Len(len) => {
                let count = chars();
                if count < len {
                    issues.push(exact(too_small(Origin::String, len as f64, true, path)));
                } else if count > len {
                    issues.push(exact(too_big(Origin::String, len as f64, true, path)));
                }
            }
            Check::Email => format(
                formats::is_email(value),
                "email",
                "Invalid email address",
                path,
                issues,
            ),
            Check::Url if !formats::is_url(value) => {
                let mut issue = format_issue("url", "Invalid URL".to_owned(), path);
                issue.origin = None;
                issues.push(issue);
            }
            Check::Uuid => format(
                formats::is_uuid(value),
                "uuid",
                "Invalid UUID",
                path,
                issues,
            ),
            Check::Regex(regex) if !regex.is_match(value) => {
                let mut issue = format_issue(
                    "regex",
                    format!("Invalid string: must match pattern /{}/", regex.pattern()),
                    path,
                );
                issue.pattern = Some(format!("/{}/", regex.pattern()));
                issues.push(issue);
            }
            Check::StartsWith(prefix) if !value.starts_with(prefix) => {
                let mut issue = format_issue(
                    "starts_with",
                    format!("Invalid string: must start with \"{prefix}\""),
                    path,
                );
                issue.prefix = Some(prefix.to_owned());
                issues.push(issue);
            }
            Check::EndsWith(suffix) if !value.ends_with(suffix) => {
                let mut issue = format_issue(
                    "ends_with",
                    format!("Invalid string: must end with \"{suffix}\""),
                    path,
                );
                issue.suffix = Some(suffix.to_owned());
                issues.push(issue);
            }
            Check::Includes(needle) if !value.contains(needle) => {
                let mut issue = format_issue(
                    "includes",
                    format!("Invalid string: must include \"{needle}\""),
                    path,
                );
                issue.includes = Some(needle.to_owned());
                issues.push(issue);
            }
            Check::Lowercase if !formats::is_lowercase(value) => {
                let mut issue = format_issue(
                    "lowercase",
                    "Invalid string: must be lowercase".to_owned(),
                    path,
                );
                issue.pattern = Some("/^[^A-Z]*$/".to_owned());
                issues.push(issue);
            }
            Check::Uppercase if !formats::is_uppercase(value) => {
                let mut issue = format_issue(
                    "uppercase",
                    "Invalid string: must be uppercase".to_owned(),
                    path,
                );
                issue.pattern = Some("/^[^a-z]*$/".to_owned());
                issues.push(issue);
            }
            _ => {}
        }
    }

    /// Judges a number; rules of other kinds pass. NaN fails every bound, as in Zod.
    pub fn number(&self, value: f64, path: &Path, issues: &mut Vec<Issue>) {
        match *self {
            Check::Min(min) if value.is_nan() || value < min => {
                issues.push(too_small(Origin::Number, min, true, path))
            }
            Check::Gt(min) if value.is_nan() || value <= min => {
                issues.push(too_small(Origin::Number, min, false, path))
            }
            Check::Max(max) if value.is_nan() || value > max => {
                issues.push(too_big(Origin::Number, max, true, path))
            }
            Check::Lt(max) if value.is_nan() || value >= max => {
                issues.push(too_big(Origin::Number, max, false, path))
            }
            Check::MultipleOf(divisor) if !is_multiple(value, divisor) => {
                let mut issue = Issue::new(
                    IssueCode::NotMultipleOf,
                    path.to_vec(),
                    format!("Invalid number: must be a multiple of {divisor}"),
                );
                issue.origin = Some(Origin::Number);
                issue.divisor = Some(divisor);
                issues.push(issue);
            }
            _ => {}
        }
    }

    /// Judges a list's minimum length; `MaxItems` is judged first, by [`over_max_items`], and
    /// `Each` by the caller on the items.
    pub fn list(&self, len: usize, path: &Path, issues: &mut Vec<Issue>) {
        if let Check::MinItems(min) = *self {
            if len < min {
                issues.push(too_small(Origin::Array, min as f64, true, path));
            }
        }
    }
}

/// Reports a list longer than a `MaxItems` allows; `true` when it did. Zod 4 checks an array's
/// maximum before parsing its items and stops there, so the validators do the same.
pub fn over_max_items(checks: &[Check], len: usize, path: &Path, issues: &mut Vec<Issue>) -> bool {
    let before = issues.len();
    for check in checks {
        if let Check::MaxItems(max) = *check {
            if len > max {
                issues.push(too_big(Origin::Array, max as f64, true, path));
            }
        }
    }
    issues.len() > before
}

/// Zod's `multipleOf`: exact for integers, and for decimals the remainder of the two scaled
/// to the same number of decimal places.
fn is_multiple(value: f64, divisor: f64) -> bool {
    if !value.is_finite() || divisor == 0.0 {
        return false;
    }
    let decimals = |x: f64| {
        let text = format!("{x}");
        text.split_once('.').map_or(0, |(_, frac)| frac.len()) as i32
    };
    let scale = 10f64.powi(decimals(value).max(decimals(divisor)));
    let (v, d) = ((value * scale).round(), (divisor * scale).round());
    v % d == 0.0
}

fn too_small(origin: Origin, minimum: f64, inclusive: bool, path: &Path) -> Issue {
    let op = if inclusive { ">=" } else { ">" };
    let message = match origin {
        Origin::String => format!("Too small: expected string to have {op}{minimum} characters"),
        Origin::Number => format!("Too small: expected number to be {op}{minimum}"),
        Origin::Int => format!("Too small: expected int to be {op}{minimum}"),
        Origin::Array => format!("Too small: expected array to have {op}{minimum} items"),
    };
    let mut issue = Issue::new(IssueCode::TooSmall, path.to_vec(), message);
    issue.origin = Some(origin);
    issue.minimum = Some(minimum);
    issue.inclusive = Some(inclusive);
    issue
}

fn too_big(origin: Origin, maximum: f64, inclusive: bool, path: &Path) -> Issue {
    let op = if inclusive { "<=" } else { "<" };
    let message = match origin {
        Origin::String => format!("Too big: expected string to have {op}{maximum} characters"),
        Origin::Number => format!("Too big: expected number to be {op}{maximum}"),
        Origin::Int => format!("Too big: expected int to be {op}{maximum}"),
        Origin::Array => format!("Too big: expected array to have {op}{maximum} items"),
    };
    let mut issue = Issue::new(IssueCode::TooBig, path.to_vec(), message);
    issue.origin = Some(origin);
    issue.maximum = Some(maximum);
    issue.inclusive = Some(inclusive);
    issue
}

fn exact(mut issue: Issue) -> Issue {
    issue.message = issue
        .message
        .replace(">=", "exactly ")
        .replace("<=", "exactly ");
    issue.exact = Some(true);
    issue
}

fn too_small_text(count: usize, min: usize, path: &Path, issues: &mut Vec<Issue>) {
    if count < min {
        issues.push(too_small(Origin::String, min as f64, true, path));
    }
}

fn too_big_text(count: usize, max: usize, path: &Path, issues: &mut Vec<Issue>) {
    if count > max {
        issues.push(too_big(Origin::String, max as f64, true, path));
    }
}

fn format_issue(format: &'static str, message: String, path: &Path) -> Issue {
    let mut issue = Issue::new(IssueCode::InvalidFormat, path.to_vec(), message);
    issue.origin = Some(Origin::String);
    issue.format = Some(format);
    issue
}

fn format(ok: bool, name: &'static str, message: &str, path: &Path, issues: &mut Vec<Issue>) {
    if !ok {
        issues.push(format_issue(name, message.to_owned(), path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::PathSegment;

    fn text(check: Check, value: &str) -> Vec<Issue> {
        let mut issues = Vec::new();
        check.text(value, &Path::Root.key("name"), &mut issues);
        issues
    }

    fn number(check: Check, value: f64) -> Vec<Issue> {
        let mut issues = Vec::new();
        check.number(value, &Path::Root, &mut issues);
        issues
    }

    #[test]
    fn lengths_count_characters_not_bytes_or_utf16_units() {
        assert!(text(Check::MaxLen(3), "äöü").is_empty(), "6 bytes, 3 chars");
        assert!(
            text(Check::MaxLen(1), "😀").is_empty(),
            "2 UTF-16 units, 1 char"
        );
        assert_eq!(
            text(Check::MaxLen(1), "e\u{301}").len(),
            1,
            "a combining mark is a character"
        );
        assert!(text(Check::MinLen(0), "").is_empty());
        let issue = &text(Check::MinLen(2), "a")[0];
        assert_eq!(issue.code, IssueCode::TooSmall);
        assert_eq!(issue.path, [PathSegment::Key("name")]);
        assert_eq!(issue.minimum, Some(2.0));
        assert!(text(Check::NonEmpty, "").len() == 1 && text(Check::NonEmpty, " ").is_empty());
        assert_eq!(text(Check::Len(2), "abc")[0].code, IssueCode::TooBig);
        assert_eq!(text(Check::Len(2), "a")[0].code, IssueCode::TooSmall);
        assert!(text(Check::Len(2), "ab").is_empty());
    }

    #[test]
    fn formats_and_substrings() {
        assert_eq!(text(Check::Email, "nope")[0].format, Some("email"));
        assert!(text(Check::StartsWith("ab"), "abc").is_empty());
        assert_eq!(
            text(Check::StartsWith("ab"), "cab")[0].prefix.as_deref(),
            Some("ab")
        );
        assert!(text(Check::EndsWith("😀"), "hi😀").is_empty());
        assert_eq!(text(Check::Includes("--"), "a-b").len(), 1);
        static DIGITS: LazyRegex = LazyRegex::new("^[0-9]+$");
        assert!(text(Check::Regex(&DIGITS), "123").is_empty());
        assert_eq!(text(Check::Regex(&DIGITS), "12a")[0].format, Some("regex"));
    }

    #[test]
    fn number_bounds_and_nan() {
        assert!(number(Check::Min(0.0), 0.0).is_empty());
        assert_eq!(number(Check::Gt(0.0), 0.0)[0].inclusive, Some(false));
        assert_eq!(number(Check::Max(10.0), 10.5)[0].code, IssueCode::TooBig);
        assert_eq!(number(Check::Lt(0.0), 0.0).len(), 1);
        for check in [
            Check::Min(0.0),
            Check::Max(0.0),
            Check::Gt(0.0),
            Check::Lt(0.0),
        ] {
            assert_eq!(number(check, f64::NAN).len(), 1, "NaN fails every bound");
        }
        assert_eq!(number(Check::Max(1.0), f64::INFINITY).len(), 1);
        assert!(number(Check::Min(1.0), f64::INFINITY).is_empty());
    }

    #[test]
    fn multiples() {
        assert!(number(Check::MultipleOf(5.0), 15.0).is_empty());
        assert_eq!(
            number(Check::MultipleOf(5.0), 16.0)[0].code,
            IssueCode::NotMultipleOf
        );
        assert!(
            number(Check::MultipleOf(0.1), 0.3).is_empty(),
            "decimal-exact, not float-exact"
        );
        assert_eq!(number(Check::MultipleOf(0.1), 0.35).len(), 1);
        assert_eq!(number(Check::MultipleOf(2.0), f64::INFINITY).len(), 1);
    }

    #[test]
    fn list_sizes() {
        let mut issues = Vec::new();
        Check::MinItems(1).list(0, &Path::Root, &mut issues);
        assert!(over_max_items(
            &[Check::MaxItems(2)],
            3,
            &Path::Root,
            &mut issues
        ));
        assert!(!over_max_items(
            &[Check::MaxItems(2)],
            2,
            &Path::Root,
            &mut issues
        ));
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].origin, Some(Origin::Array));
    }
}
