//! Privileges: granted once the object and the role exist, revoked before either is dropped
//! (an object dropped takes its privileges along, and is not revoked on).

use super::Operation;
use crate::diff::deps::{Deps, Res};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{Grant, GrantObject};
use crate::render::grant as render;

/// A change of the privileges of one role on one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GrantOp {
    /// `GRANT`: the privileges of `grant` are added (with the grant option, if it has it).
    Grant {
        /// The privileges given.
        grant: Grant,
    },
    /// `REVOKE`: the privileges of `grant` are taken back, or only the right to grant them on.
    Revoke {
        /// The privileges taken.
        grant: Grant,
        /// `REVOKE GRANT OPTION FOR`: the role keeps the privileges.
        grant_option_only: bool,
    },
}

/// The objects the privileges are on, as the operations that create and drop it name them
/// (a table's privileges are granted on tables and views alike).
fn objects(on: &GrantObject) -> Vec<Res<'_>> {
    match on {
        GrantObject::Schema { name } => vec![Res::Namespace(name)],
        GrantObject::Table { schema, name } => {
            vec![Res::Table((schema, name)), Res::View((schema, name))]
        }
        GrantObject::Column {
            schema,
            table,
            column,
        } => vec![
            Res::Table((schema, table)),
            Res::View((schema, table)),
            Res::Column((schema, table), column),
        ],
        GrantObject::Sequence { schema, name } => vec![Res::Sequence((schema, name))],
        GrantObject::Function { schema, name } => vec![Res::Function((schema, name))],
    }
}

/// The privileges of the role on a table and its columns: a revoke on the table takes them
/// on its columns too, so the column grants of a migration come after its table revokes.
fn held_on_table(grant: &Grant) -> Option<Res<'_>> {
    match &grant.on {
        GrantObject::Table { schema, name }
        | GrantObject::Column {
            schema,
            table: name,
            ..
        } => Some(Res::Privileges((schema, name), &grant.to)),
        _ => None,
    }
}

impl Operation for GrantOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Grant { grant } => vec![render::grant(grant)],
            Self::Revoke {
                grant,
                grant_option_only,
            } => vec![render::revoke(grant, *grant_option_only)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        match self {
            Self::Grant { .. } => Vec::new(),
            Self::Revoke {
                grant,
                grant_option_only,
            } => {
                let privileges: Vec<&str> = grant.privileges.iter().map(|p| p.keyword()).collect();
                let role = grant.grantee();
                vec![hazard(
                    HazardKind::BreakingChange,
                    if *grant_option_only {
                        format!(
                            "{role} may no longer grant {} on {}",
                            privileges.join(", "),
                            grant.on
                        )
                    } else {
                        format!(
                            "{role} loses {} on {}: its sessions' statements that need them fail",
                            privileges.join(", "),
                            grant.on
                        )
                    },
                )]
            }
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Grant { grant } => {
                d.requires.extend(objects(&grant.on));
                d.requires.push(Res::Role(&grant.to));
                d.creates.extend(held_on_table(grant));
            }
            Self::Revoke { grant, .. } => {
                d.releases.extend(objects(&grant.on));
                d.releases.push(Res::Role(&grant.to));
                if let GrantObject::Table { .. } = grant.on {
                    d.drops.extend(held_on_table(grant));
                }
            }
        }
    }
}
