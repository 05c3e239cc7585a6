//! `#[has_many(Target, ..)]` and `#[has_one(Target, ..)]` on the struct: the target, then keys
//! read like every other attribute's.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Path, Token};

/// What one attribute says, before resolution.
pub struct RelationAttr {
    /// `has_one`, not `has_many`.
    pub one: bool,
    pub target: Path,
    pub foreign_key: Option<Ident>,
    /// `through = Junction(from, to)`.
    pub through: Option<(Path, Ident, Ident)>,
    pub name: Option<LitStr>,
    pub key: Option<Ident>,
    pub target_key: Option<Ident>,
}

impl RelationAttr {
    /// The model's relation attributes in the order written. One whose keys could not all be
    /// read is reported and left out, so that what it lacks is not reported a second time.
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Vec<Self> {
        attrs
            .iter()
            .filter_map(|attr| {
                let one = if attr.path() == HAS_MANY {
                    false
                } else if attr.path() == HAS_ONE {
                    true
                } else {
                    return None;
                };
                match attr.parse_args_with(|input: ParseStream| parse(cx, input, one)) {
                    Ok(parsed) => parsed,
                    Err(error) => {
                        cx.syn_error(error);
                        None
                    }
                }
            })
            .collect()
    }
}

fn parse(cx: &Ctxt, input: ParseStream, one: bool) -> syn::Result<Option<RelationAttr>> {
    let target: Path = input.parse()?;
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
    }
    let mut keys = RelationKeys {
        cx,
        complete: true,
        foreign_key: Attr::none(cx, FOREIGN_KEY),
        through: Attr::none(cx, THROUGH),
        name: Attr::none(cx, NAME),
        key: Attr::none(cx, KEY),
        target_key: Attr::none(cx, TARGET_KEY),
    };
    let rest: proc_macro2::TokenStream = input.parse()?;
    syn::meta::parser(|meta| keys.read(&meta)).parse2(rest)?;
    if !keys.complete {
        return Ok(None);
    }
    Ok(Some(RelationAttr {
        one,
        target,
        foreign_key: keys.foreign_key.get(),
        through: keys.through.get(),
        name: keys.name.get(),
        key: keys.key.get(),
        target_key: keys.target_key.get(),
    }))
}

struct RelationKeys<'c> {
    cx: &'c Ctxt,
    /// No key was unknown or malformed.
    complete: bool,
    foreign_key: Attr<'c, Ident>,
    through: Attr<'c, (Path, Ident, Ident)>,
    name: Attr<'c, LitStr>,
    key: Attr<'c, Ident>,
    target_key: Attr<'c, Ident>,
}

impl RelationKeys<'_> {
    fn read(&mut self, meta: &ParseNestedMeta) -> syn::Result<()> {
        let key = &meta.path;
        let span = key.span();
        if key == FOREIGN_KEY {
            self.foreign_key.set(span, meta.value()?.parse()?);
        } else if key == KEY {
            self.key.set(span, meta.value()?.parse()?);
        } else if key == TARGET_KEY {
            self.target_key.set(span, meta.value()?.parse()?);
        } else if key == NAME {
            match lit_str(self.cx, NAME, meta)? {
                Some(name) => self.name.set(span, name),
                None => self.complete = false,
            }
        } else if key == THROUGH {
            let input = meta.value()?;
            let junction: Path = input.parse()?;
            if !input.peek(syn::token::Paren) {
                return Err(syn::Error::new(
                    junction.span(),
                    "name the junction's two columns: `through = FileTag(file_id, tag_id)`, the first referencing this model, the second the target",
                ));
            }
            let content;
            syn::parenthesized!(content in input);
            let from: Ident = content.parse()?;
            content.parse::<Token![,]>()?;
            let to: Ident = content.parse()?;
            if !content.is_empty() {
                return Err(content.error("expected two columns: `FileTag(file_id, tag_id)`"));
            }
            self.through.set(span, (junction, from, to));
        } else {
            self.complete = false;
            unknown_key(self.cx, "relation", RELATION_KEYS, meta)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn read(attrs: Vec<syn::Attribute>) -> (Vec<RelationAttr>, Vec<String>) {
        read_reporting(|cx| RelationAttr::from_ast(cx, &attrs))
    }

    #[test]
    fn every_key_is_read() {
        let (relations, errors) = read(parse_quote!(
            #[has_many(Child, foreign_key = parent_id, name = "kids", key = id)]
            #[has_one(Profile, foreign_key = user_id)]
            #[has_many(Tag, through = FileTag(file_id, tag_id), target_key = code)]
            #[column(unique)]
        ));
        assert_eq!(errors, Vec::<String>::new());
        let [many, one, through] = &relations[..] else {
            panic!("three relations, not {}", relations.len());
        };
        assert!(!many.one && one.one);
        assert_eq!(many.foreign_key.as_ref().unwrap(), "parent_id");
        assert_eq!(many.name.as_ref().unwrap().value(), "kids");
        assert_eq!(many.key.as_ref().unwrap(), "id");
        let (junction, from, to) = through.through.as_ref().unwrap();
        assert!(junction.is_ident("FileTag") && from == "file_id" && to == "tag_id");
        assert_eq!(through.target_key.as_ref().unwrap(), "code");
    }

    #[test]
    fn a_second_key_is_a_duplicate_and_the_first_is_kept() {
        let (relations, errors) = read(parse_quote!(
            #[has_many(Child, foreign_key = a, name = "x", foreign_key = b, name = "y")]
        ));
        assert_eq!(
            errors,
            [
                "duplicate attribute `foreign_key`; remove one of them",
                "duplicate attribute `name`; remove one of them",
            ]
        );
        assert_eq!(relations[0].foreign_key.as_ref().unwrap(), "a");
    }

    #[test]
    fn an_unknown_key_suggests_the_closest_and_drops_the_relation() {
        let (relations, errors) = read(parse_quote!(
            #[has_many(Child, foriegn_key = parent_id)]
            #[has_many(Child, foreign_key = parent_id, order_by = id)]
        ));
        assert_eq!(
            errors,
            [
                "unknown relation attribute `foriegn_key`; did you mean `foreign_key`?",
                "unknown relation attribute `order_by`; expected one of `foreign_key = field`, `through = Junction(from, to)`, `name = \"...\"`, `key = field`, `target_key = field`",
            ]
        );
        assert!(relations.is_empty(), "no second error for the missing key");
    }

    #[test]
    fn a_junction_needs_its_two_columns() {
        let (relations, errors) = read(parse_quote!(#[has_many(Tag, through = FileTag)]));
        assert_eq!(
            errors,
            ["name the junction's two columns: `through = FileTag(file_id, tag_id)`, the first referencing this model, the second the target"]
        );
        assert!(relations.is_empty());
    }
}
