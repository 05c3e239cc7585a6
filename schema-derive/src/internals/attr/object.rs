//! The keys a table, an enum and a column share: `name`, `schema` (not on a column) and
//! `allow(..)` / `deny(..)`, read in one place so they read and fail alike on each.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use syn::meta::ParseNestedMeta;
use syn::LitStr;

pub(crate) struct ObjectKeys<'c> {
    cx: &'c Ctxt,
    name: Attr<'c, LitStr>,
    /// `None` where the object has no schema of its own (a column).
    schema: Option<Attr<'c, LitStr>>,
    rules: RuleLevels,
}

/// What [`ObjectKeys`] read.
pub(crate) struct ObjectAttrs {
    pub name: Option<LitStr>,
    pub schema: Option<LitStr>,
    pub rules: RuleLevels,
}

impl<'c> ObjectKeys<'c> {
    /// For a table or an enum, which live in a schema.
    pub fn with_schema(cx: &'c Ctxt) -> Self {
        ObjectKeys {
            schema: Some(Attr::none(cx, SCHEMA)),
            ..Self::without_schema(cx)
        }
    }

    /// For a column, whose schema is its table's.
    pub fn without_schema(cx: &'c Ctxt) -> Self {
        ObjectKeys {
            cx,
            name: Attr::none(cx, NAME),
            schema: None,
            rules: RuleLevels::default(),
        }
    }

    /// Reads `meta` when it is one of these keys; `false` leaves it to the caller.
    pub fn read(&mut self, meta: &ParseNestedMeta) -> syn::Result<bool> {
        let key = &meta.path;
        if key == NAME {
            self.name.set_str(meta)?;
        } else if let (true, Some(schema)) = (key == SCHEMA, &mut self.schema) {
            schema.set_str(meta)?;
        } else if key == ALLOW {
            self.rules.add(rule_list(self.cx, ALLOW, meta)?, false);
        } else if key == DENY {
            self.rules.add(rule_list(self.cx, DENY, meta)?, true);
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    pub fn finish(self) -> ObjectAttrs {
        ObjectAttrs {
            name: self.name.get(),
            schema: self.schema.and_then(Attr::get),
            rules: self.rules.checked(self.cx),
        }
    }
}
