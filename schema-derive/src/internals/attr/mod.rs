//! Typed attribute model: `#[table(...)]`, `#[index(...)]`, `#[column(...)]`, `#[pg_enum(...)]`,
//! `#[validate(...)]`, `#[has_many(...)]` and `#[has_one(...)]`.
//!
//! Every key is a [`Symbol`], every value is set through an [`Attr`] (or counted by [`Once`])
//! so a second one is a "duplicate" error, and every unknown key goes through [`unknown_key`]
//! with its "did you mean". Nothing here returns early on a mistake: every error goes to the
//! [`Ctxt`] and parsing goes on with the next key, so one compile shows all of them.

mod column;
mod domain;
mod enums;
mod exclude;
mod object;
mod partition;
mod policy;
pub mod relation;
mod table;
mod trigger;
pub mod validate;
mod value;
mod view;

pub use column::*;
pub use domain::*;
pub use enums::*;
pub use exclude::*;
pub(crate) use object::*;
pub use partition::*;
pub use policy::*;
pub use table::*;
pub use trigger::*;
pub use value::*;
pub use view::*;

use super::ctxt::Ctxt;
use super::symbol::{Symbol, ALWAYS, DEFAULT, DEFERRABLE, RLS, TYPE};
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::LitStr;

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
            Some(first) if first == key => duplicate(self.cx, key, span),
            Some(first) => {
                let what = if self.name == DEFAULT {
                    "a column has one default"
                } else if self.name == TYPE {
                    "a column has one type"
                } else if self.name == ALWAYS {
                    "an identity is either `always` or `by_default`"
                } else if self.name == DEFERRABLE {
                    "`initially_deferred` is deferrable too"
                } else if self.name == RLS {
                    "`force_rls` turns row-level security on too"
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

impl Attr<'_, LitStr> {
    /// `key = "..."`: read and set, or reported.
    pub fn set_str(&mut self, meta: &ParseNestedMeta) -> syn::Result<()> {
        if let Some(s) = lit_str(self.cx, self.name, meta)? {
            self.set(meta.path.span(), s);
        }
        Ok(())
    }
}

impl Attr<'_, Span> {
    /// `key` alone: set to where it is written.
    pub fn set_flag(&mut self, meta: &ParseNestedMeta) -> syn::Result<()> {
        flag(self.cx, self.name, meta)?;
        let span = meta.path.span();
        self.set(span, span);
        Ok(())
    }
}

/// Keys that may each appear once where the values go to one list in the order written (the
/// rules of `#[validate(..)]`): the second is reported as an [`Attr`] reports it.
pub struct Once<'c> {
    cx: &'c Ctxt,
    seen: Vec<Symbol>,
}

impl<'c> Once<'c> {
    pub fn new(cx: &'c Ctxt) -> Self {
        Once {
            cx,
            seen: Vec::new(),
        }
    }

    /// Whether `key` is met for the first time; if not, that is reported at `span`.
    pub fn first(&mut self, key: Symbol, span: Span) -> bool {
        if self.seen.contains(&key) {
            duplicate(self.cx, key, span);
            false
        } else {
            self.seen.push(key);
            true
        }
    }
}

fn duplicate(cx: &Ctxt, key: Symbol, span: Span) {
    cx.error_at(
        span,
        format!("duplicate attribute `{key}`; remove one of them"),
    );
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
    "partition_by",
    "trigger(..)",
    "exclude(..)",
    "rls",
    "force_rls",
    "policy(..)",
];
pub(crate) const VIEW_KEYS: &[&str] = &[
    "name",
    "schema",
    "query",
    "materialized",
    "with_no_data",
    "security_invoker",
    "allow(..)",
    "deny(..)",
];
pub(crate) const POLICY_KEYS: &[&str] = &[
    "name",
    "command",
    "restrictive",
    "to(..)",
    "using",
    "with_check",
];
pub(crate) const EXCLUDE_KEYS: &[&str] = &["columns(..)", "using", "where", "name"];
pub(crate) const TRIGGER_KEYS: &[&str] = &[
    "before(..)",
    "after(..)",
    "execute",
    "name",
    "for_each_statement",
    "update_of(..)",
    "when",
];
pub(crate) const INDEX_KEYS: &[&str] = &[
    "columns(..)",
    "name",
    "unique",
    "where",
    "using",
    "include(..)",
    "nulls_not_distinct",
    "with(..)",
];
/// What an index key may say after its column or expression: `created_at(desc, nulls_last)`.
pub(crate) const INDEX_KEY_OPTIONS: &[&str] =
    &["asc", "desc", "nulls_first", "nulls_last", "ops", "with"];
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
    "identity",
    "identity(..)",
    "generated",
    "on_update_now",
];
pub(crate) const IDENTITY_KEYS: &[&str] = &["always", "by_default", "start", "increment"];
pub(crate) const REFERENCES_KEYS: &[&str] = &["name", "deferrable", "initially_deferred"];
pub(crate) const RELATION_KEYS: &[&str] = &[
    "foreign_key = field",
    "through = Junction(from, to)",
    "name = \"...\"",
    "key = field",
    "target_key = field",
];
pub(crate) const ENUM_KEYS: &[&str] = &["name", "schema", "rename_all", "allow(..)", "deny(..)"];
pub(crate) const VARIANT_KEYS: &[&str] = &["rename", "renamed_from"];
pub(crate) const DOMAIN_KEYS: &[&str] = &["name", "schema", "not_null", "check(..)"];

/// For the parser tests: what `read` returns, and the messages it reported, in order.
#[cfg(test)]
pub(crate) fn read_reporting<T>(read: impl FnOnce(&Ctxt) -> T) -> (T, Vec<String>) {
    let cx = Ctxt::new();
    let value = read(&cx);
    let errors = match cx.check() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| e.to_string()).collect(),
    };
    (value, errors)
}
