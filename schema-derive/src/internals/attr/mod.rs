//! Typed attribute model: `#[table(...)]`, `#[index(...)]`, `#[column(...)]`, `#[pg_enum(...)]`.
//!
//! Nothing here returns early on a mistake: every error goes to the [`Ctxt`] and parsing goes
//! on with the next key, so one compile shows all of them.

mod column;
mod enums;
mod table;
mod value;

pub use column::*;
pub use enums::*;
pub use table::*;
pub use value::*;

use super::ctxt::Ctxt;
use super::symbol::{Symbol, DEFAULT, TYPE};
use proc_macro2::Span;

/// A value set at most once; the second setting is reported at its own token.
///
/// One value may be settable by several keys (`default`, `default_now`, ... all set the
/// column's default): the report then names both keys.
pub struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    first: Option<Symbol>,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    pub fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Attr {
            cx,
            name,
            first: None,
            value: None,
        }
    }

    pub fn set(&mut self, span: Span, value: T) {
        self.set_by(self.name, span, value);
    }

    /// Sets the value through `key`, one of the keys that set it.
    pub fn set_by(&mut self, key: Symbol, span: Span, value: T) {
        match self.first {
            Some(first) if first == key => self.cx.error_at(
                span,
                format!("duplicate attribute `{key}`; remove one of them"),
            ),
            Some(first) => {
                let what = if self.name == DEFAULT {
                    "a column has one default"
                } else if self.name == TYPE {
                    "a column has one type"
                } else {
                    "both set the same thing"
                };
                self.cx.error_at(
                    span,
                    format!("`{key}` conflicts with `{first}`: {what}; keep one of them"),
                );
            }
            None => {
                self.first = Some(key);
                self.value = Some(value);
            }
        }
    }

    pub fn get(self) -> Option<T> {
        self.value
    }
}

// The keys each attribute accepts, for the "did you mean" hints.
pub(crate) const TABLE_KEYS: &[&str] = &[
    "name",
    "schema",
    "primary_key(..)",
    "unique(..)",
    "index(..)",
    "check(..)",
    "allow(..)",
    "deny(..)",
    "renamed_from",
    "shapes",
];
pub(crate) const INDEX_KEYS: &[&str] = &["columns(..)", "name", "unique", "where", "using"];
pub(crate) const COLUMN_KEYS: &[&str] = &[
    "name",
    "primary_key",
    "unique",
    "index",
    "default",
    "default_now",
    "default_random",
    "default_sql",
    "references(..)",
    "on_delete",
    "on_update",
    "varchar",
    "varchar(n)",
    "numeric(p, s)",
    "timestamp",
    "type",
    "allow(..)",
    "deny(..)",
    "renamed_from",
    "using",
];
pub(crate) const REFERENCES_KEYS: &[&str] = &["name"];
pub(crate) const ENUM_KEYS: &[&str] = &["name", "schema", "rename_all", "allow(..)", "deny(..)"];
pub(crate) const VARIANT_KEYS: &[&str] = &["rename", "renamed_from"];
