//! `#[has_many(..)]` and `#[has_one(..)]` on a model, and the belongs-to relation each
//! `references(..)` column implies, resolved to names and columns.
//!
//! Only what this model's own fields decide is checked here (its key, names, the attribute's
//! shape). The other model's fields and the column types are checked by the compiler in the
//! expanded code, on the tokens the user wrote.

use super::ast::Container;
use super::case;
use super::ctxt::Ctxt;
use super::resolve::TableModel;
use super::symbol::{HAS_MANY, HAS_ONE};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Path};

pub enum RelationKind {
    /// This model's `foreign_key` references `target_field` of the target.
    BelongsTo {
        foreign_key: Ident,
        target_field: Ident,
    },
    /// The target's `foreign_key` references this model's `key`.
    HasMany {
        key: Ident,
        foreign_key: Ident,
    },
    HasOne {
        key: Ident,
        foreign_key: Ident,
    },
    /// `junction.from` references this model's `key`, `junction.to` the target's `target_key`.
    ManyToMany {
        key: Ident,
        junction: Path,
        from: Ident,
        to: Ident,
        target_key: Ident,
    },
}

pub struct Relation {
    pub name: String,
    /// Where a problem with the whole relation is reported: its name, or its target.
    pub span: Span,
    /// The related model, `Self` replaced by the model's name.
    pub target: Path,
    pub kind: RelationKind,
}

/// The relations of a model: belongs-to from `references(..)` first, in field order, then
/// the `has_many`/`has_one` attributes in the order written.
pub fn resolve(cx: &Ctxt, container: &Container, model: &TableModel) -> Vec<Relation> {
    let ident = container.ident;
    let self_path = |path: &Path| -> Path {
        if path.is_ident("Self") {
            let mut own: Path = ident.clone().into();
            own.segments[0].ident.set_span(path.span());
            own
        } else {
            path.clone()
        }
    };
    let mut relations: Vec<Relation> = Vec::new();
    for column in &model.columns {
        let Some(references) = &column.field.attrs.references else {
            continue;
        };
        let field = column.field.ident.to_string();
        let field = field.trim_start_matches("r#");
        // `parent_folder_id` -> `parent_folder`; the field's own name when the short one is
        // taken by another foreign key or cannot be an identifier (`self_id`).
        let short = field.strip_suffix("_id").unwrap_or(field);
        let name = if relation_ident(short).is_some() && !relations.iter().any(|r| r.name == short)
        {
            short.to_owned()
        } else {
            field.to_owned()
        };
        relations.push(Relation {
            name,
            span: column.field.ident.span(),
            target: self_path(&references.model),
            kind: RelationKind::BelongsTo {
                foreign_key: column.field.ident.clone(),
                target_field: references.field.clone(),
            },
        });
    }

    let own_key = || -> Option<Ident> {
        let pk = model.primary_key.as_ref()?;
        match pk.columns.as_slice() {
            [only] => model
                .columns
                .iter()
                .find(|c| &c.sql_name == only)
                .map(|c| c.field.ident.clone()),
            _ => None,
        }
    };
    let known_field = |key: &Ident| -> bool {
        let found = container.fields.iter().any(|f| f.ident == key);
        if !found {
            let fields: Vec<String> = container
                .fields
                .iter()
                .map(|f| f.ident.to_string())
                .collect();
            cx.error_spanned_by(
                key,
                format!(
                    "`{ident}` has no field `{key}`; its fields are: {}",
                    fields.join(", ")
                ),
            );
        }
        found
    };

    for parsed in &container.relations {
        let which = if parsed.one { HAS_ONE } else { HAS_MANY };
        let target = self_path(&parsed.target);
        let target_name = parsed
            .target
            .segments
            .last()
            .map(|s| {
                if s.ident == "Self" {
                    ident.to_string()
                } else {
                    s.ident.to_string()
                }
            })
            .unwrap_or_default();
        let name = match &parsed.name {
            Some(n) => n.value(),
            None if parsed.one => case::snake_case(&target_name),
            None => case::table_name(&target_name),
        };
        let span = parsed
            .name
            .as_ref()
            .map_or(parsed.target.span(), LitStr::span);
        let key = match &parsed.key {
            Some(key) => {
                if !known_field(key) {
                    continue;
                }
                key.clone()
            }
            None => match own_key() {
                Some(key) => key,
                None => {
                    cx.error_at(
                        parsed.target.span(),
                        format!(
                            "`{ident}` has no single-column primary key for this relation to join on; name the referenced field with `key = field`"
                        ),
                    );
                    continue;
                }
            },
        };
        let kind = match (&parsed.foreign_key, &parsed.through) {
            (Some(foreign_key), None) => {
                let foreign_key = foreign_key.clone();
                if let Some(target_key) = &parsed.target_key {
                    cx.error_spanned_by(
                        target_key,
                        "`target_key` names the target's column of a `through` relation; remove it, or add `through = Junction(from, to)`",
                    );
                    continue;
                }
                if parsed.one {
                    RelationKind::HasOne { key, foreign_key }
                } else {
                    RelationKind::HasMany { key, foreign_key }
                }
            }
            (None, Some((junction, from, to))) => {
                if parsed.one {
                    cx.error_spanned_by(
                        junction,
                        "`has_one` cannot go `through` a junction table; use `has_many`",
                    );
                    continue;
                }
                RelationKind::ManyToMany {
                    key,
                    junction: self_path(junction),
                    from: from.clone(),
                    to: to.clone(),
                    target_key: parsed
                        .target_key
                        .clone()
                        .unwrap_or_else(|| Ident::new("id", parsed.target.span())),
                }
            }
            (Some(foreign_key), Some(_)) => {
                cx.error_spanned_by(
                    foreign_key,
                    "`foreign_key` and `through` conflict: a `through` relation names the junction's columns, `through = FileTag(file_id, tag_id)`; keep one of them",
                );
                continue;
            }
            (None, None) => {
                cx.error_spanned_by(
                    &parsed.target,
                    format!(
                        "`#[{which}({target_name}, ..)]` needs the target's column that references `{ident}`: add `foreign_key = field` (or `through = Junction(from, to)` for many-to-many)"
                    ),
                );
                continue;
            }
        };
        relations.push(Relation {
            name,
            span,
            target,
            kind,
        });
    }

    for (i, relation) in relations.iter().enumerate() {
        if !case::is_snake_case(&relation.name) || relation_ident(&relation.name).is_none() {
            cx.error_at(
                relation.span,
                format!(
                    "relation name `{}` must be a snake_case Rust identifier",
                    relation.name
                ),
            );
        } else if relations[..i].iter().any(|r| r.name == relation.name) {
            cx.error_at(
                relation.span,
                format!(
                    "`{ident}` already has a relation named `{}`; give this one another with `name = \"...\"`",
                    relation.name
                ),
            );
        }
    }
    relations
}

/// The field name of a relation in the `RELATIONS` struct: the name itself, or a raw
/// identifier for a keyword (`r#type`); `None` for the few that cannot be raw (`self`).
pub fn relation_ident(name: &str) -> Option<Ident> {
    if let Ok(ident) = syn::parse_str::<Ident>(name) {
        return Some(ident);
    }
    let reserved = ["self", "Self", "super", "crate", "_", ""];
    let plain = name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !name.starts_with(|c: char| c.is_ascii_digit());
    (plain && !reserved.contains(&name)).then(|| Ident::new_raw(name, Span::call_site()))
}
