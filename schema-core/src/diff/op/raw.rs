//! Objects declared by their SQL: created after what they depend on, dropped before it, and
//! replaced (dropped with the old statements, created with the new) when their text changes.

use super::Operation;
use crate::diff::deps::{qn, Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{RawDependency, RawObject};
use crate::render::raw as render;

/// An operation on an object declared by its SQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawOp {
    /// Its create statements.
    Create {
        /// The object.
        object: RawObject,
    },
    /// Its drop statements (as it was declared).
    Drop {
        /// The object as it was.
        object: RawObject,
        /// Dropped to be created again (its statements, or something it depends on,
        /// changed), not removed from the models.
        replaced: bool,
    },
}

fn name(object: &RawObject) -> Res<'_> {
    Res::Raw((&object.schema, &object.name))
}

fn dependency(dependency: &RawDependency) -> Res<'_> {
    match dependency {
        RawDependency::Table(q) => Res::Table(qn(q)),
        RawDependency::Function(q) => Res::Function(qn(q)),
        RawDependency::Type(q) => Res::Type(qn(q)),
        RawDependency::Sequence(q) => Res::Sequence(qn(q)),
        RawDependency::Extension(name) => Res::Extension(name),
        RawDependency::Raw(q) => Res::Raw(qn(q)),
    }
}

impl Operation for RawOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { object } => vec![render::statements(&object.create)],
            Self::Drop { object, .. } => vec![render::statements(&object.drop)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        match self {
            Self::Create { .. } => Vec::new(),
            Self::Drop { object, replaced } => {
                let what = object.to_string();
                let mut hazards = vec![hazard(
                    HazardKind::MayFail,
                    format!("fails while an object the models do not declare depends on {what}"),
                )];
                if *replaced {
                    hazards.push(hazard(
                        HazardKind::BreakingChange,
                        format!("{what} is dropped and created again: statements using it in between fail"),
                    ));
                }
                hazards
            }
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Drop {
                object,
                replaced: false,
            } => vec![Refusal::new(
                format!("drop {} `{}`", object.kind.word(), object.described_name()),
                "its declared drop statements run: what it held, and what uses it, is gone",
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { object } => {
                d.namespace(&object.schema, true);
                d.creates.push(name(object));
                d.requires.extend(object.depends_on.iter().map(dependency));
            }
            Self::Drop { object, .. } => {
                d.namespace(&object.schema, false);
                d.drops.push(name(object));
                d.releases.extend(object.depends_on.iter().map(dependency));
            }
        }
    }
}
