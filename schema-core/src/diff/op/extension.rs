//! Extensions: created before every other object of a migration, dropped after them, moved to
//! another schema.

use super::Operation;
use crate::diff::deps::{Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::Extension;
use crate::render::alter;

/// An operation on an extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtensionOp {
    /// `CREATE EXTENSION IF NOT EXISTS ... WITH SCHEMA ... CASCADE`
    Create {
        /// The extension and the schema of its objects.
        extension: Extension,
    },
    /// `DROP EXTENSION`, once nothing of the migration uses it.
    Drop {
        /// The extension as it was.
        extension: Extension,
    },
    /// `ALTER EXTENSION ... SET SCHEMA`: its objects move to another schema.
    SetSchema {
        /// The extension.
        name: String,
        /// The schema its objects are in.
        from: String,
        /// The schema they move to.
        to: String,
    },
}

impl Operation for ExtensionOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { extension } => vec![alter::create_extension(extension)],
            Self::Drop { extension } => vec![alter::drop_extension(&extension.name)],
            Self::SetSchema { name, to, .. } => vec![alter::set_extension_schema(name, to)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            Self::Create { extension } => vec![hazard(
                MayFail,
                format!(
                    "fails unless the server has extension {} installed and the role may create \
                     it (a superuser, or CREATE on the database for a trusted extension)",
                    extension.name
                ),
            )],
            Self::Drop { extension } => vec![hazard(
                BreakingChange,
                format!(
                    "drops extension {}: its types, functions and operators are gone, and a \
                     column, index or default still using them makes the drop fail",
                    extension.name
                ),
            )],
            Self::SetSchema { name, from, to } => vec![hazard(
                BreakingChange,
                format!("clients that name the objects of extension {name} as {from}.* need {to}"),
            )],
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Drop { extension } => vec![Refusal::new(
                format!("drop extension `{}`", extension.name),
                "what uses its types, functions or operators stops working",
            )],
            _ => Vec::new(),
        }
    }

    /// What the operation creates, drops, requires and releases. Every other operation of a
    /// plan comes after the extensions it creates and before those it drops
    /// ([`plan_deps`](crate::diff::plan_deps)).
    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { extension } => {
                d.namespace(&extension.schema, true);
                d.creates.push(Res::Extension(&extension.name));
            }
            Self::Drop { extension } => {
                d.namespace(&extension.schema, false);
                d.drops.push(Res::Extension(&extension.name));
            }
            Self::SetSchema { name, from, to } => {
                d.namespace(to, true);
                d.namespace(from, false);
                d.requires.push(Res::Extension(name));
            }
        }
    }
}
