//! `#[pg_domain(..)]` on a newtype: the domain's name and schema, `NOT NULL`, and checks
//! written in SQL (the inner field's `#[validate(..)]` rules are the others).

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use proc_macro2::Span;
use syn::LitStr;

pub struct DomainAttrs {
    pub name: Option<LitStr>,
    pub schema: Option<LitStr>,
    pub not_null: Option<Span>,
    pub checks: Vec<CheckAttr>,
}

impl DomainAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut name = Attr::none(cx, NAME);
        let mut schema = Attr::none(cx, SCHEMA);
        let mut not_null = Attr::none(cx, NOT_NULL);
        let mut checks = Vec::new();
        for attr in attrs.iter().filter(|a| a.path() == PG_DOMAIN) {
            let result = attr.parse_nested_meta(|meta| {
                let key = &meta.path;
                if key == NAME {
                    name.set_str(&meta)?;
                } else if key == SCHEMA {
                    schema.set_str(&meta)?;
                } else if key == NOT_NULL {
                    not_null.set_flag(&meta)?;
                } else if key == CHECK {
                    checks.extend(CheckAttr::from_nested(cx, &meta)?);
                } else {
                    unknown_key(cx, "pg_domain", DOMAIN_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        DomainAttrs {
            name: name.get(),
            schema: schema.get(),
            not_null: not_null.get(),
            checks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn every_key_is_read_and_a_typo_suggests_the_closest() {
        let attrs: Vec<syn::Attribute> = parse_quote!(
            #[pg_domain(name = "slug", schema = "web", not_null)]
            #[pg_domain(check(name = "slug_no_dash_end", "VALUE !~~ '%-'::text"), not_nul)]
        );
        let (attrs, errors) = read_reporting(|cx| DomainAttrs::from_ast(cx, &attrs));
        assert_eq!(
            errors,
            ["unknown pg_domain attribute `not_nul`; did you mean `not_null`?"]
        );
        assert_eq!(attrs.name.unwrap().value(), "slug");
        assert_eq!(attrs.schema.unwrap().value(), "web");
        assert!(attrs.not_null.is_some());
        assert_eq!(attrs.checks[0].name.value(), "slug_no_dash_end");
    }
}
