//! `#[pg_enum(...)]` on an enum and `#[pg_enum(...)]` on its variants.

use super::super::ctxt::Ctxt;
use super::super::symbol::*;
use super::*;
use syn::spanned::Spanned;
use syn::LitStr;

pub struct EnumAttrs {
    pub name: Option<LitStr>,
    pub schema: Option<LitStr>,
    pub rename_all: Option<(LitStr, RenameRule)>,
    /// Rules switched off, and on, for this enum.
    pub rules: RuleLevels,
}

#[derive(Clone, Copy)]
pub enum RenameRule {
    Snake,
    Lower,
    Upper,
    ScreamingSnake,
    Kebab,
    Camel,
    Pascal,
}

impl RenameRule {
    const NAMES: &'static str = "\"snake_case\", \"lowercase\", \"UPPERCASE\", \"SCREAMING_SNAKE_CASE\", \"kebab-case\", \"camelCase\", \"PascalCase\"";

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "snake_case" => Self::Snake,
            "lowercase" => Self::Lower,
            "UPPERCASE" => Self::Upper,
            "SCREAMING_SNAKE_CASE" => Self::ScreamingSnake,
            "kebab-case" => Self::Kebab,
            "camelCase" => Self::Camel,
            "PascalCase" => Self::Pascal,
            _ => return None,
        })
    }

    pub fn apply(self, variant: &str) -> String {
        use heck::*;
        match self {
            Self::Snake => variant.to_snake_case(),
            Self::Lower => variant.to_lowercase(),
            Self::Upper => variant.to_uppercase(),
            Self::ScreamingSnake => variant.to_shouty_snake_case(),
            Self::Kebab => variant.to_kebab_case(),
            Self::Camel => variant.to_lower_camel_case(),
            Self::Pascal => variant.to_upper_camel_case(),
        }
    }
}

impl EnumAttrs {
    pub fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut object = ObjectKeys::with_schema(cx);
        let mut rename_all = Attr::none(cx, RENAME_ALL);
        for attr in attrs.iter().filter(|a| a.path() == PG_ENUM) {
            let result = attr.parse_nested_meta(|meta| {
                if object.read(&meta)? {
                    return Ok(());
                }
                let key = meta.path.clone();
                if key == RENAME_ALL {
                    if let Some(s) = lit_str(cx, RENAME_ALL, &meta)? {
                        match RenameRule::parse(&s.value()) {
                            Some(rule) => rename_all.set(key.span(), (s, rule)),
                            None => cx.error_spanned_by(
                                &s,
                                format!(
                                    "unknown `rename_all` rule; expected one of {}",
                                    RenameRule::NAMES
                                ),
                            ),
                        }
                    }
                } else {
                    unknown_key(cx, "pg_enum", ENUM_KEYS, &meta)?;
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
        EnumAttrs {
            name,
            schema,
            rename_all: rename_all.get(),
            rules,
        }
    }
}

/// `#[pg_enum(rename = "...", renamed_from = "...")]` on a variant.
pub struct VariantAttrs {
    pub rename: Option<LitStr>,
    /// The label's previous value: a migration hint, so the value is renamed, not replaced.
    pub renamed_from: Option<LitStr>,
}

pub fn variant_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> VariantAttrs {
    let mut rename = Attr::none(cx, RENAME);
    let mut renamed_from = Attr::none(cx, RENAMED_FROM);
    for attr in attrs.iter().filter(|a| a.path() == PG_ENUM) {
        let result = attr.parse_nested_meta(|meta| {
            let key = &meta.path;
            if key == RENAME {
                rename.set_str(&meta)?;
            } else if key == RENAMED_FROM {
                renamed_from.set_str(&meta)?;
            } else {
                unknown_key(cx, "pg_enum variant", VARIANT_KEYS, &meta)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    VariantAttrs {
        rename: rename.get(),
        renamed_from: renamed_from.get(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn every_key_is_read_and_a_second_is_a_duplicate() {
        let attrs: Vec<syn::Attribute> = parse_quote!(
            #[pg_enum(name = "status", schema = "billing", rename_all = "kebab-case")]
            #[pg_enum(allow(enum_snake_case), schema = "other", colour)]
        );
        let (attrs, errors) = read_reporting(|cx| EnumAttrs::from_ast(cx, &attrs));
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0],
            "duplicate attribute `schema`; remove one of them"
        );
        assert!(
            errors[1].starts_with("unknown pg_enum attribute `colour`; expected one of"),
            "{}",
            errors[1]
        );
        assert_eq!(attrs.name.unwrap().value(), "status");
        assert_eq!(attrs.schema.unwrap().value(), "billing");
        assert_eq!(attrs.rename_all.unwrap().1.apply("OnHold"), "on-hold");
        assert_eq!(attrs.rules.allow.len(), 1);
    }

    #[test]
    fn variant_keys_are_read_and_a_typo_suggests_the_closest() {
        let attrs: Vec<syn::Attribute> = parse_quote!(
            #[pg_enum(rename = "on_hold", renamed_from = "paused", renam = "x")]
        );
        let (attrs, errors) = read_reporting(|cx| variant_attrs(cx, &attrs));
        assert_eq!(
            errors,
            ["unknown pg_enum variant attribute `renam`; did you mean `rename`?"]
        );
        assert_eq!(attrs.rename.unwrap().value(), "on_hold");
        assert_eq!(attrs.renamed_from.unwrap().value(), "paused");
    }
}
