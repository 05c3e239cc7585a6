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
        let mut name = Attr::none(cx, NAME);
        let mut schema = Attr::none(cx, SCHEMA);
        let mut rename_all = Attr::none(cx, RENAME_ALL);
        let mut rules = RuleLevels::default();
        for attr in attrs.iter().filter(|a| a.path() == PG_ENUM) {
            let result = attr.parse_nested_meta(|meta| {
                let key = meta.path.clone();
                if key == NAME {
                    if let Some(s) = lit_str(cx, NAME, &meta)? {
                        name.set(key.span(), s);
                    }
                } else if key == SCHEMA {
                    if let Some(s) = lit_str(cx, SCHEMA, &meta)? {
                        schema.set(key.span(), s);
                    }
                } else if key == RENAME_ALL {
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
                } else if key == ALLOW {
                    rules.add(rule_list(cx, ALLOW, &meta)?, false);
                } else if key == DENY {
                    rules.add(rule_list(cx, DENY, &meta)?, true);
                } else {
                    unknown_key(cx, "pg_enum", ENUM_KEYS, &meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        EnumAttrs {
            name: name.get(),
            schema: schema.get(),
            rename_all: rename_all.get(),
            rules: rules.checked(cx),
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
            let key = meta.path.clone();
            if key == RENAME {
                if let Some(s) = lit_str(cx, RENAME, &meta)? {
                    rename.set(key.span(), s);
                }
            } else if key == RENAMED_FROM {
                if let Some(s) = lit_str(cx, RENAMED_FROM, &meta)? {
                    renamed_from.set(key.span(), s);
                }
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
