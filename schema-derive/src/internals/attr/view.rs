//! `#[view(...)]` on a view's row struct; its `#[index(...)]`s are a table's.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::spanned::Spanned;

pub struct ViewAttrs {
    pub materialized: Option<Span>,
    pub with_no_data: Option<Span>,
    pub security_invoker: Option<Span>,
    /// `query = "SELECT .."`, or any `&'static str` expression (`include_str!("v.sql")`).
    pub query: Option<syn::Expr>,
}

impl ViewAttrs {
    /// What only a view has, and what it shares with a table (name, schema, rules, indexes)
    /// as a table's attributes.
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> (Self, TableAttrs) {
        let mut object = ObjectKeys::with_schema(cx);
        let mut materialized = Attr::none(cx, MATERIALIZED);
        let mut with_no_data = Attr::none(cx, WITH_NO_DATA);
        let mut query = Attr::none(cx, QUERY);
        let mut security_invoker = Attr::none(cx, SECURITY_INVOKER);
        let mut indexes = Vec::new();
        for attr in attrs {
            if attr.path() == INDEX {
                if let Some(index) = IndexAttr::from_attr(cx, attr) {
                    indexes.push(index);
                }
                continue;
            }
            if attr.path() == TABLE {
                cx.error_at(
                    attr.path().span(),
                    "a view is described by `#[view(..)]`, not `#[table(..)]`",
                );
                continue;
            }
            if attr.path() != VIEW {
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                if object.read(&meta)? {
                    return Ok(());
                }
                let key = meta.path.clone();
                if key == MATERIALIZED {
                    materialized.set_flag(&meta)?;
                } else if key == WITH_NO_DATA {
                    with_no_data.set_flag(&meta)?;
                } else if key == SECURITY_INVOKER {
                    security_invoker.set_flag(&meta)?;
                } else if key == QUERY {
                    let value: syn::Expr = meta.value()?.parse()?;
                    query.set(key.span(), value);
                } else {
                    unknown_key(cx, "view", VIEW_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        let ObjectAttrs {
            name,
            schema,
            rules,
        } = object.finish();
        let view = ViewAttrs {
            materialized: materialized.get(),
            with_no_data: with_no_data.get(),
            security_invoker: security_invoker.get(),
            query: query.get(),
        };
        let table = TableAttrs {
            name,
            schema,
            primary_key: None,
            uniques: Vec::new(),
            indexes,
            checks: Vec::new(),
            triggers: Vec::new(),
            exclusions: Vec::new(),
            row_security: None,
            policies: Vec::new(),
            rules,
            renamed_from: None,
            shapes: false,
            partition_by: None,
        };
        (view, table)
    }
}
