//! `exclude(..)` inside `#[table(..)]`: an exclusion constraint,
//! `exclude(using = "gist", columns(room(with = "="), during(with = "&&")))`.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::LitStr;

pub struct ExcludeAttr {
    pub span: Span,
    /// The elements: index keys, each with its operator (`with = ".."`).
    pub keys: Vec<IndexKeyAttr>,
    pub name: Option<LitStr>,
    pub predicate: Option<LitStr>,
    pub method: Option<LitStr>,
}

impl ExcludeAttr {
    pub fn from_nested(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
        let span = meta.path.span();
        let mut keys = Attr::none(cx, COLUMNS);
        let mut name = Attr::none(cx, NAME);
        let mut predicate = Attr::none(cx, WHERE);
        let mut method = Attr::none(cx, USING);
        // A mistake inside has been reported where it is: no second error for what it left out.
        let mut mistaken = false;
        meta.parse_nested_meta(|inner| {
            let key = &inner.path;
            if key == COLUMNS {
                match IndexKeyAttr::parse_list(cx, &inner)? {
                    Some(list) => keys.set(key.span(), list),
                    None => mistaken = true,
                }
            } else if key == NAME {
                name.set_str(&inner)?;
            } else if key == WHERE {
                predicate.set_str(&inner)?;
            } else if key == USING {
                method.set_str(&inner)?;
            } else {
                mistaken = true;
                unknown_key(cx, "exclude", EXCLUDE_KEYS, &inner)?;
            }
            Ok(())
        })?;
        let Some(keys) = keys.get() else {
            if !mistaken {
                cx.error_at(
                    span,
                    "an exclusion constraint needs its elements: `exclude(using = \"gist\", columns(room(with = \"=\"), during(with = \"&&\")))`",
                );
            }
            return Ok(None);
        };
        let mut complete = true;
        for key in keys.iter().filter(|k| k.operator.is_none()) {
            complete = false;
            let (at, what) = match &key.part {
                KeyPartAttr::Column(ident) => (ident.span(), ident.to_string()),
                KeyPartAttr::Expression(sql) => (sql.span(), "expr(..)".to_owned()),
            };
            cx.error_at(
                at,
                format!("an exclusion element needs its operator: `{what}(with = \"&&\")`"),
            );
        }
        Ok(complete.then_some(ExcludeAttr {
            span,
            keys,
            name: name.get(),
            predicate: predicate.get(),
            method: method.get(),
        }))
    }
}
