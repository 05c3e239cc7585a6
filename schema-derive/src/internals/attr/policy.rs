//! `rls`, `force_rls` and `policy(..)` inside `#[table(..)]`: row-level security and its
//! policies, `policy(name = "tenant_isolation", using = "..", with_check = "..")`.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{LitStr, Token};

pub struct PolicyAttr {
    pub span: Span,
    pub name: LitStr,
    /// `command = ".."`: `all` (the default), `select`, `insert`, `update`, `delete`.
    pub command: &'static str,
    pub restrictive: bool,
    /// `to("role", ..)`; none for `PUBLIC`.
    pub roles: Vec<LitStr>,
    pub using: Option<LitStr>,
    pub with_check: Option<LitStr>,
}

/// What a policy may apply to, as `PolicyCommand`'s variants.
const COMMANDS: &[(&str, &str)] = &[
    ("all", "All"),
    ("select", "Select"),
    ("insert", "Insert"),
    ("update", "Update"),
    ("delete", "Delete"),
];

impl PolicyAttr {
    pub fn from_nested(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Self>> {
        let span = meta.path.span();
        let mut name = Attr::none(cx, NAME);
        let mut command = Attr::none(cx, COMMAND);
        let mut restrictive = Attr::none(cx, RESTRICTIVE);
        let mut roles = Attr::none(cx, TO);
        let mut using = Attr::none(cx, USING);
        let mut with_check = Attr::none(cx, WITH_CHECK);
        meta.parse_nested_meta(|inner| {
            let key = &inner.path;
            if key == NAME {
                name.set_str(&inner)?;
            } else if key == COMMAND {
                if let Some(s) = lit_str(cx, COMMAND, &inner)? {
                    match COMMANDS.iter().find(|(word, _)| *word == s.value()) {
                        Some((_, variant)) => command.set(key.span(), *variant),
                        None => cx.error_spanned_by(
                            &s,
                            "unknown policy command; expected one of \"all\", \"select\", \"insert\", \"update\", \"delete\"",
                        ),
                    }
                }
            } else if key == RESTRICTIVE {
                restrictive.set_flag(&inner)?;
            } else if key == TO {
                let content;
                syn::parenthesized!(content in inner.input);
                let list = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                roles.set(key.span(), list.into_iter().collect::<Vec<_>>());
            } else if key == USING {
                using.set_str(&inner)?;
            } else if key == WITH_CHECK {
                with_check.set_str(&inner)?;
            } else {
                unknown_key(cx, "policy", POLICY_KEYS, &inner)?;
            }
            Ok(())
        })?;
        let Some(name) = name.get() else {
            cx.error_at(
                span,
                "a policy needs a name: `policy(name = \"tenant_isolation\", ..)`",
            );
            return Ok(None);
        };
        let command = command.get().unwrap_or("All");
        let (using, with_check) = (using.get(), with_check.get());
        let refused = match (command, &using, &with_check) {
            ("Insert", Some(_), _) => Some("an `insert` policy has no `using`: only `with_check` applies to the rows it writes"),
            ("Select" | "Delete", _, Some(_)) => Some("a `select` or `delete` policy has no `with_check`: only `using` applies to the rows it reads"),
            (_, None, None) => Some("a policy needs `using = \"..\"`, `with_check = \"..\"` or both"),
            _ => None,
        };
        if let Some(message) = refused {
            cx.error_at(span, message);
            return Ok(None);
        }
        Ok(Some(PolicyAttr {
            span,
            name,
            command,
            restrictive: restrictive.get().is_some(),
            roles: roles.get().unwrap_or_default(),
            using,
            with_check,
        }))
    }
}
