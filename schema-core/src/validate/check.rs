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
            Check::MinLen(min) => too_small_text(value, min, path, issues),
            Check::NonEmpty => too_small_text(value, 1, path, issues),
            Check::MaxLen(max) => too_big_text(value, max, path, issues),
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
                issue.pattern = Some(format!("/{}/u", regex.pattern()));
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

/// A UTF-8 string of n bytes has between n/4 and n characters: most lengths are decided by the
/// byte length alone, and characters are counted only in between.
fn too_small_text(value: &str, min: usize, path: &Path, issues: &mut Vec<Issue>) {
    let short = value.len() < min || (value.len() / 4 < min && value.chars().count() < min);
    if short {
        issues.push(too_small(Origin::String, min as f64, true, path));
    }
}

fn too_big_text(value: &str, max: usize, path: &Path, issues: &mut Vec<Issue>) {
    if value.len() > max && value.chars().count() > max {
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

    const WIDTHS: [&str; 5] = ["a", "é", "€", "😀", "e\u{301}"];

    fn of(filler: &str, n: usize) -> String {
        filler.chars().cycle().take(n).collect()
    }

    fn codes(issues: &[Issue]) -> Vec<IssueCode> {
        issues.iter().map(|i| i.code).collect()
    }

    #[test]
    fn length_rules_at_each_boundary_in_every_character_width() {
        for filler in WIDTHS {
            for n in [1, 2, 7] {
                let (under, at, over) = (of(filler, n - 1), of(filler, n), of(filler, n + 1));
                let why = format!("{filler:?} x {n}");
                assert_eq!(
                    codes(&text(Check::MinLen(n), &under)),
                    [IssueCode::TooSmall],
                    "{why}"
                );
                assert!(text(Check::MinLen(n), &at).is_empty(), "{why}");
                assert!(text(Check::MaxLen(n), &at).is_empty(), "{why}");
                assert_eq!(
                    codes(&text(Check::MaxLen(n), &over)),
                    [IssueCode::TooBig],
                    "{why}"
                );
                assert_eq!(
                    codes(&text(Check::Len(n), &under)),
                    [IssueCode::TooSmall],
                    "{why}"
                );
                assert!(text(Check::Len(n), &at).is_empty(), "{why}");
                assert_eq!(
                    codes(&text(Check::Len(n), &over)),
                    [IssueCode::TooBig],
                    "{why}"
                );
                let exact = &text(Check::Len(n), &over)[0];
                assert_eq!((exact.exact, exact.maximum), (Some(true), Some(n as f64)));
            }
        }
        assert_eq!(codes(&text(Check::NonEmpty, "")), [IssueCode::TooSmall]);
        assert_eq!(text(Check::NonEmpty, "")[0].minimum, Some(1.0));
        for filler in WIDTHS {
            assert!(text(Check::NonEmpty, filler).is_empty());
        }
        assert!(text(Check::MaxLen(0), "").is_empty());
        assert_eq!(text(Check::MaxLen(0), "😀").len(), 1);
        assert!(text(Check::Len(0), "").is_empty());
        // A lone combining mark is a character of its own.
        assert!(text(Check::Len(1), "\u{301}").is_empty());
    }

    #[test]
    fn formats_on_empty_and_non_ascii_text() {
        for check in [Check::Email, Check::Url, Check::Uuid] {
            let issues = text(check, "");
            assert_eq!(codes(&issues), [IssueCode::InvalidFormat]);
        }
        assert_eq!(text(Check::Email, "😀@example.com").len(), 1);
        assert_eq!(text(Check::Email, "e\u{301}@example.com").len(), 1);
        assert!(text(Check::Email, "a@example.com").is_empty());
        assert_eq!(text(Check::Url, "https://example.com")[..], []);
        assert_eq!(text(Check::Url, "not a url")[0].format, Some("url"));
        assert!(text(Check::Uuid, "123e4567-e89b-12d3-a456-426614174000").is_empty());
        assert_eq!(
            text(Check::Uuid, "123e4567-e89b-12d3-a456-42661417400😀").len(),
            1
        );
    }

    #[test]
    fn substring_rules_compare_characters_exactly() {
        assert!(text(Check::StartsWith(""), "").is_empty(), "empty prefix");
        assert_eq!(text(Check::StartsWith("a"), "").len(), 1);
        assert!(text(Check::StartsWith("😀"), "😀x").is_empty());
        // "é" precomposed is not "e" + combining acute: no normalisation, as in JavaScript.
        assert_eq!(text(Check::StartsWith("é"), "e\u{301}").len(), 1);
        assert!(text(Check::EndsWith("\u{301}"), "e\u{301}").is_empty());
        assert_eq!(
            text(Check::EndsWith("x"), "")[0].suffix.as_deref(),
            Some("x")
        );
        assert!(text(Check::Includes("€"), "1€2").is_empty());
        assert_eq!(
            text(Check::Includes("€"), "")[0].includes.as_deref(),
            Some("€")
        );
    }

    #[test]
    fn case_rules_look_at_ascii_letters_only() {
        for value in ["", "😀", "123", "é", "\u{301}"] {
            assert!(text(Check::Lowercase, value).is_empty(), "{value:?}");
            assert!(text(Check::Uppercase, value).is_empty(), "{value:?}");
        }
        // A combining mark does not hide the ASCII letter it follows.
        assert_eq!(text(Check::Uppercase, "e\u{301}").len(), 1);
        assert_eq!(text(Check::Lowercase, "E\u{301}").len(), 1);
        assert!(text(Check::Lowercase, "ÉÀ").is_empty(), "Zod's /^[^A-Z]*$/");
        assert!(text(Check::Uppercase, "éà").is_empty(), "Zod's /^[^a-z]*$/");
        assert_eq!(text(Check::Lowercase, "😀A")[0].format, Some("lowercase"));
        assert_eq!(text(Check::Uppercase, "😀a")[0].format, Some("uppercase"));
    }

    #[test]
    fn regex_on_empty_and_astral_text() {
        static ANY: LazyRegex = LazyRegex::new("^.+$");
        assert_eq!(
            text(Check::Regex(&ANY), "")[0].pattern.as_deref(),
            Some("/^.+$/u")
        );
        assert!(text(Check::Regex(&ANY), "😀").is_empty());
        static HEX: LazyRegex = LazyRegex::new("^#[0-9a-fA-F]{6}$");
        assert!(text(Check::Regex(&HEX), "#3b82f6").is_empty());
        assert_eq!(
            text(Check::Regex(&HEX), "#３b82f6").len(),
            1,
            "ASCII digits only"
        );
        assert_eq!(
            text(Check::Regex(&HEX), "#3b82f6\n").len(),
            1,
            "$ is the very end"
        );
    }

    #[test]
    fn number_rules_at_bounds_and_on_non_finite_values() {
        let bounds = [
            Check::Min(0.0),
            Check::Max(0.0),
            Check::Gt(0.0),
            Check::Lt(0.0),
        ];
        let expect = |check: &Check, value: f64| -> bool {
            match *check {
                Check::Min(b) => value >= b,
                Check::Max(b) => value <= b,
                Check::Gt(b) => value > b,
                Check::Lt(b) => value < b,
                _ => unreachable!(),
            }
        };
        for check in &bounds {
            for value in [
                -1.0,
                -0.0,
                0.0,
                f64::MIN_POSITIVE,
                -f64::MIN_POSITIVE,
                1.0,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::MAX,
                f64::MIN,
            ] {
                let mut issues = Vec::new();
                check.number(value, &Path::Root, &mut issues);
                assert_eq!(
                    issues.is_empty(),
                    expect(check, value),
                    "{check:?} on {value}"
                );
            }
            assert_eq!(number_of(check, f64::NAN), 1, "NaN fails {check:?}");
        }
        // -0 equals 0: inclusive bounds hold, strict ones fail.
        assert!(number(Check::Min(0.0), -0.0).is_empty());
        assert_eq!(number(Check::Gt(0.0), -0.0).len(), 1);
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(number(Check::MultipleOf(1.0), value).len(), 1, "{value}");
        }
        assert!(number(Check::MultipleOf(1.0), -0.0).is_empty());
        assert!(number(Check::MultipleOf(0.01), 1.23).is_empty());
        assert_eq!(
            number(Check::MultipleOf(0.0), 0.0).len(),
            1,
            "no multiple of zero"
        );
        assert!(number(Check::MultipleOf(3.0), -9.0).is_empty());
    }

    fn number_of(check: &Check, value: f64) -> usize {
        let mut issues = Vec::new();
        check.number(value, &Path::Root, &mut issues);
        issues.len()
    }

    #[test]
    fn list_sizes_at_their_boundaries() {
        for (len, issues) in [(0, 1), (1, 0), (2, 0)] {
            let mut found = Vec::new();
            Check::MinItems(1).list(len, &Path::Root, &mut found);
            assert_eq!(found.len(), issues, "min 1, {len} items");
        }
        for (len, over) in [(0, false), (2, false), (3, true)] {
            let mut found = Vec::new();
            assert_eq!(
                over_max_items(&[Check::MaxItems(2)], len, &Path::Root, &mut found),
                over
            );
        }
        // Rules of other kinds pass a list; list rules pass text and numbers.
        assert!(text(Check::MinItems(3), "").is_empty());
        assert!(number(Check::MaxItems(0), 5.0).is_empty());
        assert!(text(Check::Min(3.0), "").is_empty());
    }
}
