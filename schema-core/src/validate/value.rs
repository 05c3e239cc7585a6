//! How the rules reach into a field's Rust type: text, numbers, lists and `Option`s of them.
//! A rule on a field of the wrong kind does not compile: the derive asks for the trait of the
//! rule's kind on the field's type, at the rule's token.

use super::check::{check_number, Check};
use super::issue::Issue;
use super::path::Path;

/// A value the rules of `#[validate(..)]` can judge.
pub trait Checked {
    /// Applies `checks` to the value at `path`.
    fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>);
}

/// Text: `String`, `str`, and `Option`s of them.
#[diagnostic::on_unimplemented(
    message = "this rule checks text, and `{Self}` is not text",
    label = "a text rule on a field of type `{Self}`",
    note = "text rules: min_len, max_len, len, non_empty, email, url, uuid, guid, regex, starts_with, ends_with, includes, lowercase, uppercase"
)]
pub trait TextValue: Checked {}

/// Numbers: the integer and float types, `Decimal`, and `Option`s of them.
#[diagnostic::on_unimplemented(
    message = "this rule checks numbers, and `{Self}` is not a number",
    label = "a number rule on a field of type `{Self}`",
    note = "number rules: min, max, gt, lt, positive, non_negative, negative, multiple_of, int, int32"
)]
pub trait NumberValue: Checked {}

/// Lists: `Vec<T>` of a checked type, and `Option`s of it.
#[diagnostic::on_unimplemented(
    message = "this rule checks lists, and `{Self}` is not a list",
    label = "a list rule on a field of type `{Self}`",
    note = "list rules: min_items, max_items, each(..)"
)]
pub trait ListValue: Checked {
    /// The type of the items, which `each(..)` rules judge.
    type Item: ?Sized;
}

impl Checked for str {
    fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>) {
        for check in checks {
            check.text(self, path, issues);
        }
    }
}
impl TextValue for str {}

impl Checked for String {
    fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>) {
        self.as_str().check(checks, path, issues);
    }
}
impl TextValue for String {}

macro_rules! numbers {
    ($($ty:ty),*) => {$(
        impl Checked for $ty {
            // Every integer type here converts to f64 exactly except i64 beyond 2^53, where
            // the bounds a rule can name in source are themselves f64.
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>) {
                check_number(checks, *self as f64, path, issues);
            }
        }
        impl NumberValue for $ty {}
    )*};
}
numbers!(i16, i32, i64, f32, f64);

impl Checked for rust_decimal::Decimal {
    fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>) {
        use rust_decimal::prelude::ToPrimitive;
        let value = self.to_f64().unwrap_or(f64::NAN);
        check_number(checks, value, path, issues);
    }
}
impl NumberValue for rust_decimal::Decimal {}

impl<T: Checked> Checked for Vec<T> {
    /// As Zod 4 does: a list over its maximum is reported alone (its items are not looked at);
    /// otherwise the items first, then the minimum.
    fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>) {
        if super::check::over_max_items(checks, self.len(), path, issues) {
            return;
        }
        for check in checks {
            if let Check::Each(inner) = check {
                for (index, item) in self.iter().enumerate() {
                    item.check(inner, &path.index(index), issues);
                }
            }
        }
        for check in checks {
            check.list(self.len(), path, issues);
        }
    }
}
impl<T: Checked> ListValue for Vec<T> {
    type Item = T;
}

impl<T: Checked> Checked for Option<T> {
    fn check(&self, checks: &[Check], path: &Path, issues: &mut Vec<Issue>) {
        if let Some(value) = self {
            value.check(checks, path, issues);
        }
    }
}
impl<T: TextValue> TextValue for Option<T> {}
impl<T: NumberValue> NumberValue for Option<T> {}
impl<T: ListValue> ListValue for Option<T> {
    type Item = T::Item;
}
