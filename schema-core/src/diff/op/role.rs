//! Roles: created (when missing) before what names them, altered in place, dropped after
//! every privilege and membership naming them is revoked. A role belongs to the cluster, so
//! dropping one needs confirmation and a down migration never does.

use super::Operation;
use crate::diff::deps::{Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::Role;
use crate::render::role as render;

/// An operation on a role the models manage (not an [existing](Role::existing) one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleOp {
    /// `CREATE ROLE`, unless the cluster has it, and its memberships.
    Create {
        /// The role.
        role: Role,
    },
    /// `ALTER ROLE`, memberships granted and revoked.
    Alter {
        /// The role as it was.
        from: Role,
        /// The role as it becomes.
        to: Role,
    },
    /// `DROP ROLE`
    Drop {
        /// The role as it was.
        role: Role,
    },
}

/// The parents of `to` that `from` has not.
fn added<'r>(from: &'r Role, to: &'r Role) -> impl Iterator<Item = &'r String> {
    to.member_of.iter().filter(|p| !from.member_of.contains(p))
}

impl Operation for RoleOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { role } => std::iter::once(render::create_role(role))
                .chain(
                    role.member_of
                        .iter()
                        .map(|p| render::grant_membership(&role.name, p)),
                )
                .collect(),
            Self::Alter { from, to } => {
                let mut statements = Vec::new();
                if from.attributes() != to.attributes() {
                    statements.push(render::alter_role(to));
                }
                statements.extend(added(to, from).map(|p| render::revoke_membership(&to.name, p)));
                statements.extend(added(from, to).map(|p| render::grant_membership(&to.name, p)));
                statements
            }
            Self::Drop { role } => vec![render::drop_role(&role.name)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::BreakingChange;
        match self {
            Self::Create { .. } => Vec::new(),
            Self::Alter { from, to } => {
                let mut hazards = Vec::new();
                if from.login && !to.login {
                    hazards.push(hazard(
                        BreakingChange,
                        format!("sessions can no longer log in as {}", to.name),
                    ));
                }
                if from.bypass_rls != to.bypass_rls {
                    hazards.push(hazard(
                        BreakingChange,
                        format!(
                            "row-level security policies {} to {}",
                            if to.bypass_rls { "no longer apply" } else { "apply" },
                            to.name
                        ),
                    ));
                }
                for parent in added(to, from) {
                    hazards.push(hazard(
                        BreakingChange,
                        format!("{} loses the privileges of {parent}", to.name),
                    ));
                }
                hazards
            }
            Self::Drop { role } => vec![hazard(
                BreakingChange,
                format!(
                    "drops role {}: sessions that log in or SET ROLE as it fail, in every database of the cluster",
                    role.name
                ),
            )],
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Drop { role } => vec![Refusal::new(
                format!("drop role `{}`", role.name),
                "roles belong to the cluster: other databases and the sessions of applications may use it",
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { role } => {
                d.creates.push(Res::Role(&role.name));
                d.requires
                    .extend(role.member_of.iter().map(|p| Res::Role(p.as_str())));
            }
            Self::Alter { from, to } => {
                d.requires.push(Res::Role(&to.name));
                d.requires
                    .extend(added(from, to).map(|p| Res::Role(p.as_str())));
                d.releases
                    .extend(added(to, from).map(|p| Res::Role(p.as_str())));
            }
            Self::Drop { role } => {
                d.drops.push(Res::Role(&role.name));
                d.releases
                    .extend(role.member_of.iter().map(|p| Res::Role(p.as_str())));
            }
        }
    }
}
