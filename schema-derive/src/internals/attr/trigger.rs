//! `trigger(..)` inside `#[table(..)]`: `trigger(before(update), execute = "touch_row")`.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Token};

pub struct TriggerAttr {
    pub span: Span,
    /// `name = ".."`; else the function's name.
    pub name: Option<LitStr>,
    /// `before(..)` rather than `after(..)`.
    pub before: bool,
    /// The events, as written: `insert`, `update`, `delete`, `truncate`.
    pub events: Vec<Ident>,
    /// `for_each_statement`: once per statement rather than per row.
    pub per_statement: bool,
    /// `execute = "function"` or `"schema.function"`.
    pub execute: LitStr,
    /// `update_of(a, b)`: the fields whose columns an update must name to fire it.
    pub update_of: Vec<Ident>,
    /// `when = ".."`: the condition, as SQL.
    pub when: Option<LitStr>,
}

/// What a trigger may fire on.
pub(crate) const TRIGGER_EVENTS: &[&str] = &["insert", "update", "delete", "truncate"];

impl TriggerAttr {
    pub fn from_nested(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
        let span = meta.path.span();
        let mut name = Attr::none(cx, NAME);
        let mut timing = Attr::none(cx, BEFORE);
        let mut per_statement = Attr::none(cx, FOR_EACH_STATEMENT);
        let mut execute = Attr::none(cx, EXECUTE);
        let mut update_of = Attr::none(cx, UPDATE_OF);
        let mut when = Attr::none(cx, WHEN);
        // A mistake inside has been reported where it is: no second error for what it left out.
        let mut mistaken = false;
        meta.parse_nested_meta(|inner| {
            let key = inner.path.clone();
            if key == NAME {
                name.set_str(&inner)?;
            } else if key == BEFORE || key == AFTER {
                let which = if key == BEFORE { BEFORE } else { AFTER };
                match events(cx, which, &inner)? {
                    Some(events) => timing.set_by(which, key.span(), (key == BEFORE, events)),
                    None => mistaken = true,
                }
            } else if key == UPDATE_OF {
                match ident_list(cx, UPDATE_OF, &inner)? {
                    Some(fields) => update_of.set(key.span(), fields),
                    None => mistaken = true,
                }
            } else if key == WHEN {
                when.set_str(&inner)?;
            } else if key == FOR_EACH_STATEMENT {
                per_statement.set_flag(&inner)?;
            } else if key == EXECUTE {
                // A value that is no string is reported by `set_str`.
                mistaken |= !inner.input.peek(Token![=]) || !inner.input.peek2(LitStr);
                execute.set_str(&inner)?;
            } else {
                mistaken = true;
                unknown_key(cx, "trigger", TRIGGER_KEYS, &inner)?;
            }
            Ok(())
        })?;
        let (Some((before, events)), Some(execute)) = (timing.get(), execute.get()) else {
            if mistaken {
                return Ok(None);
            }
            cx.error_at(
                span,
                "a trigger needs when it fires and the function it executes: `trigger(before(update), execute = \"touch_row\")`",
            );
            return Ok(None);
        };
        Ok(Some(TriggerAttr {
            span,
            name: name.get(),
            before,
            events,
            per_statement: per_statement.get().is_some(),
            execute,
            update_of: update_of.get().unwrap_or_default(),
            when: when.get(),
        }))
    }
}

/// `before(insert, update)`: the events, each one of [`TRIGGER_EVENTS`].
fn events(cx: &Ctxt, key: Symbol, meta: &ParseNestedMeta) -> syn::Result<Option<Vec<Ident>>> {
    let Some(idents) = word_list(
        cx,
        meta,
        format!("expected the events that fire the trigger: `{key}(insert, update)`"),
        format!(
            "`{key}(..)` needs at least one event: {}",
            TRIGGER_EVENTS.join(", ")
        ),
    )?
    else {
        return Ok(None);
    };
    let mut known = Vec::new();
    for ident in idents {
        let word = ident.to_string();
        if TRIGGER_EVENTS.contains(&word.as_str()) {
            if known.contains(&ident) {
                cx.error_spanned_by(&ident, format!("duplicate event `{word}`"));
            } else {
                known.push(ident);
            }
        } else {
            let hint = match closest_key(&word, TRIGGER_EVENTS) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => format!("; expected one of {}", TRIGGER_EVENTS.join(", ")),
            };
            cx.error_spanned_by(&ident, format!("unknown trigger event `{word}`{hint}"));
        }
    }
    Ok((!known.is_empty()).then_some(known))
}
