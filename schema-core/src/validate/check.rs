//! How each rule of `#[validate(..)]` judges a value; the rules themselves are data of the
//! model ([`crate::model::Check`]). The same `Check` values drive the typed validators the
//! derive generates, the JSON validator, and the Zod schemas written for TypeScript, so the
//! three cannot drift apart.

use super::formats;
use super::issue::{Issue, IssueCode, Origin};
use super::path::Path;
pub use crate::model::{Check, LazyRegex};

impl LazyRegex {
    /// Compiled on the first match.
    pub(super) fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regex::Regex::new(self.pattern()).expect("checked by the derive"))
            .is_match(value)
    }
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
            Check::Min(_)
            | Check::Max(_)
            | Check::Gt(_)
            | Check::Lt(_)
            | Check::MultipleOf(_)
            | Check::Int
            | Check::Int32 => CheckKind::Number,
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
            Check::Guid => format(
                formats::is_guid(value),
                "guid",
                "Invalid GUID",
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

    /// Judges a number; rules of other kinds pass. NaN fails every bound, as in Zod. Returns
    /// `false` when Zod would stop checking the value here: `int`/`int32` on a value that is
    /// not an integer report `invalid_type`, which aborts the checks after it (see
    /// `check_number`).
    pub fn number(&self, value: f64, path: &Path, issues: &mut Vec<Issue>) -> bool {
        match *self {
            Check::Int | Check::Int32 => return integer(self, value, path, issues),
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
        true
    }

    /// Judges a list's minimum length; `MaxItems` is judged first, by `over_max_items`, and
    /// `Each` by the caller on the items.
    pub fn list(&self, len: usize, path: &Path, issues: &mut Vec<Issue>) {
        if let Check::MinItems(min) = *self {
            if len < min {
                issues.push(too_small(Origin::Array, min as f64, true, path));
            }
        }
    }
}

/// Zod runs its length checks (`.min`, `.max`, `.length`) on any value that has a `length`,
/// even one its type refused: a JSON array given to `z.string().min(10)` gets both the
/// `invalid_type` and the array's `too_small`. This judges `len` items (or characters, with
/// origin `string`) by the checks that Zod measures so, and passes the others.
pub(crate) fn wrong_type_lengths(
    checks: &[Check],
    len: usize,
    origin: Origin,
    path: &Path,
    issues: &mut Vec<Issue>,
) {
    for check in checks {
        match *check {
            Check::MinLen(min) | Check::MinItems(min) if len < min => {
                issues.push(too_small(origin, min as f64, true, path));
            }
            Check::NonEmpty if len < 1 => issues.push(too_small(origin, 1.0, true, path)),
            Check::MaxLen(max) | Check::MaxItems(max) if len > max => {
                issues.push(too_big(origin, max as f64, true, path));
            }
            Check::Len(n) if len < n => issues.push(exact(too_small(origin, n as f64, true, path))),
            Check::Len(n) if len > n => issues.push(exact(too_big(origin, n as f64, true, path))),
            _ => {}
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

/// Runs number `checks` in order as Zod runs a number schema's checks: every one, except that
/// a failed `int`/`int32` (not an integer) stops the rest.
pub fn check_number(checks: &[Check], value: f64, path: &Path, issues: &mut Vec<Issue>) {
    for check in checks {
        if !check.number(value, path, issues) {
            return;
        }
    }
}

/// JavaScript's `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// Zod 4.6.7's `$ZodCheckNumberFormat` for `safeint` and `int32`: not an integer is
/// `invalid_type` (which aborts), outside the safe range is `too_big`/`too_small` with origin
/// `int` (and nothing more), and `int32` then checks its range with origin `number`.
fn integer(check: &Check, value: f64, path: &Path, issues: &mut Vec<Issue>) -> bool {
    let format = if matches!(check, Check::Int32) {
        "int32"
    } else {
        "safeint"
    };
    // `Number.isInteger`: finite and whole.
    if !value.is_finite() || value.fract() != 0.0 {
        let mut issue = Issue::new(
            IssueCode::InvalidType,
            path.to_vec(),
            "Invalid input: expected int, received number",
        );
        issue.expected = Some("int");
        issue.format = Some(format);
        issues.push(issue);
        return false;
    }
    if value > MAX_SAFE {
        issues.push(too_big(Origin::Int, MAX_SAFE, true, path));
        return true;
    }
    if value < -MAX_SAFE {
        issues.push(too_small(Origin::Int, -MAX_SAFE, true, path));
        return true;
    }
    if let Check::Int32 = check {
        let (min, max) = (f64::from(i32::MIN), f64::from(i32::MAX));
        if value < min {
            issues.push(too_small(Origin::Number, min, true, path));
        }
        if value > max {
            issues.push(too_big(Origin::Number, max, true, path));
        }
    }
    true
}

/// Zod 4.6.7's `multipleOf` (`util.floatSafeRemainder`): the quotient is within four scaled
/// epsilons of an integer. A non-finite quotient (a non-finite value, a zero divisor) is not.
fn is_multiple(value: f64, divisor: f64) -> bool {
    let ratio = value / divisor;
    let tolerance = 4.0 * f64::EPSILON * ratio.abs().max(1.0);
    // `<` is false for NaN, so NaN and infinite quotients fail, as in JavaScript.
    (ratio - js_round(ratio)).abs() < tolerance
}

/// JavaScript's `Math.round`: the nearest integer, ties towards +∞. `x - x.floor()` is exact
/// for every finite double, so the comparison with 0.5 is too.
fn js_round(x: f64) -> f64 {
    let floor = x.floor();
    if x - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
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
        // Zod 4.6.7's verdicts (`z.number().multipleOf(d).safeParse(v)` in Node.js), where
        // Zod 3's scaled remainder, the algorithm before, said otherwise.
        for (divisor, value, multiple) in [
            (0.07, 1e21, true),
            (0.1, 1_100_000_000_000_001.0, true),
            (3.0, 1_100_000_000_000_001.0, true),
            (5.0, 4_503_599_627_370_497.0, true),
            (0.07, 2.03, true),
            (0.01, 1.23, true),
            (0.1, 0.35, false),
        ] {
            assert_eq!(
                number(Check::MultipleOf(divisor), value).is_empty(),
                multiple,
                "{value} as a multiple of {divisor}"
            );
        }
    }

    fn number_codes(checks: &[Check], value: f64) -> Vec<(IssueCode, Option<Origin>)> {
        let mut issues = Vec::new();
        check_number(checks, value, &Path::Root, &mut issues);
        issues.iter().map(|i| (i.code, i.origin)).collect()
    }

    #[test]
    fn int_and_int32_as_zod_reports_them() {
        use IssueCode::*;
        // `z.int32()` on 1e21: one issue, the safe range's.
        assert_eq!(
            number_codes(&[Check::Int32], 1e21),
            [(TooBig, Some(Origin::Int))]
        );
        assert_eq!(
            number_codes(&[Check::Int32], 2_147_483_648.0),
            [(TooBig, Some(Origin::Number))]
        );
        assert_eq!(
            number_codes(&[Check::Int32], -2_147_483_649.0),
            [(TooSmall, Some(Origin::Number))]
        );
        assert!(number_codes(&[Check::Int32], -2_147_483_648.0).is_empty());
        assert_eq!(
            number_codes(&[Check::Int], -1e21),
            [(TooSmall, Some(Origin::Int))]
        );
        assert!(number_codes(&[Check::Int], 9_007_199_254_740_991.0).is_empty());
        // A fraction is `invalid_type` and stops the checks after it, not those before:
        // `z.number().gte(0).int().lte(3)`.
        let checks = [Check::Min(0.0), Check::Int, Check::Max(3.0)];
        assert_eq!(
            number_codes(&checks, -0.5),
            [(TooSmall, Some(Origin::Number)), (InvalidType, None)]
        );
        assert_eq!(number_codes(&checks, 4.5), [(InvalidType, None)]);
        assert_eq!(
            number_codes(&checks, 1e21),
            [(TooBig, Some(Origin::Int)), (TooBig, Some(Origin::Number))]
        );
        for value in [f64::NAN, f64::INFINITY] {
            assert_eq!(number_codes(&[Check::Int32], value), [(InvalidType, None)]);
        }
        let mut issues = Vec::new();
        check_number(&[Check::Int32], 0.5, &Path::Root, &mut issues);
        assert_eq!(
            (issues[0].expected, issues[0].format),
            (Some("int"), Some("int32"))
        );
    }

    #[test]
    fn rules_compare_as_data() {
        static A: LazyRegex = LazyRegex::new("^a$");
        static ALSO_A: LazyRegex = LazyRegex::new("^a$");
        static B: LazyRegex = LazyRegex::new("^b$");
        assert_eq!(Check::Regex(&A), Check::Regex(&ALSO_A));
        assert_ne!(Check::Regex(&A), Check::Regex(&B));
        assert_eq!(Check::MaxLen(3), Check::MaxLen(3));
        assert_ne!(Check::MaxLen(3), Check::MaxLen(4));
        assert_ne!(Check::MaxLen(3), Check::MinLen(3));
        assert_ne!(Check::Int, Check::Int32);
        assert_eq!(Check::Min(f64::NAN), Check::Min(f64::NAN));
        assert_ne!(Check::Min(0.0), Check::Max(0.0));
        static ITEMS: [Check; 1] = [Check::Email];
        static OTHER: [Check; 1] = [Check::Url];
        assert_eq!(Check::Each(&ITEMS), Check::Each(&ITEMS));
        assert_ne!(Check::Each(&ITEMS), Check::Each(&OTHER));
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
        for check in [Check::Email, Check::Url, Check::Uuid, Check::Guid] {
            let issues = text(check, "");
            assert_eq!(codes(&issues), [IssueCode::InvalidFormat]);
        }
        assert_eq!(text(Check::Email, "😀@example.com").len(), 1);
        assert_eq!(text(Check::Email, "e\u{301}@example.com").len(), 1);
        assert!(text(Check::Email, "a@example.com").is_empty());
        assert_eq!(text(Check::Url, "https://example.com")[..], []);
        assert_eq!(text(Check::Url, "not a url")[0].format, Some("url"));
        assert!(text(Check::Uuid, "123e4567-e89b-12d3-a456-426614174000").is_empty());
        assert!(text(Check::Guid, "123e4567-e89b-02d3-c456-426614174000").is_empty());
        assert_eq!(
            text(Check::Guid, "123e4567-e89b-02d3-c456-42661417400g")[0].format,
            Some("guid")
        );
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
