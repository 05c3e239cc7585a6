//! Row-level security: policies created after the table and the columns they name, altered in
//! place where `ALTER POLICY` can, dropped before the columns they name; row security switched
//! on once the table's policies exist and off before they go.

use super::Operation;
use crate::diff::deps::{qn, words, Deps, Res};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{Policy, QualifiedName, RowSecurity};
use crate::render::policy as render;

/// An operation on the row-level security of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyOp {
    /// `CREATE POLICY`
    Create {
        /// The table.
        table: QualifiedName,
        /// The policy.
        policy: Policy,
    },
    /// `ALTER POLICY`: other roles or expressions, the same command and kind.
    Alter {
        /// The table.
        table: QualifiedName,
        /// The policy as it becomes.
        policy: Policy,
    },
    /// `DROP POLICY`
    Drop {
        /// The table.
        table: QualifiedName,
        /// The policy as it was.
        policy: Policy,
    },
    /// `ENABLE`, `FORCE`, `NO FORCE` or `DISABLE ROW LEVEL SECURITY`.
    SetRowSecurity {
        /// The table.
        table: QualifiedName,
        /// As it was.
        from: RowSecurity,
        /// As it becomes.
        to: RowSecurity,
        /// The table is created by the same migration: no role reached its rows before.
        new_table: bool,
    },
}

/// The words of a policy's expressions, which may name the table's columns.
fn named_columns(policy: &Policy) -> impl Iterator<Item = &str> {
    [&policy.using, &policy.with_check]
        .into_iter()
        .flatten()
        .flat_map(|e| words(e))
}

impl Operation for PolicyOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { table, policy } => vec![render::create_policy(table, policy)],
            Self::Alter { table, policy } => vec![render::alter_policy(table, policy)],
            Self::Drop { table, policy } => vec![render::drop_policy(table, &policy.name)],
            Self::SetRowSecurity {
                table, from, to, ..
            } => render::set_row_security(table, *from, *to),
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::BreakingChange;
        match self {
            Self::SetRowSecurity {
                new_table: true, ..
            } => Vec::new(),
            Self::SetRowSecurity {
                table,
                to: RowSecurity::Off,
                ..
            } => vec![hazard(
                BreakingChange,
                format!("every role with privileges on {table} reaches all its rows again"),
            )],
            Self::SetRowSecurity {
                table,
                from: RowSecurity::Off,
                to,
                ..
            } => vec![hazard(
                BreakingChange,
                format!(
                    "roles reach only the rows of {table} a policy allows them, none without one \
                     ({})",
                    if *to == RowSecurity::Forced {
                        "the owner too"
                    } else {
                        "its owner and superusers bypass it"
                    }
                ),
            )],
            Self::SetRowSecurity {
                table,
                to: RowSecurity::Forced,
                ..
            } => vec![hazard(
                BreakingChange,
                format!("the owner of {table} reaches only the rows a policy allows"),
            )],
            Self::Alter { table, policy } => vec![hazard(
                BreakingChange,
                format!(
                    "the rows of {table} policy {} allows change for the roles it names",
                    policy.name
                ),
            )],
            Self::Drop { table, policy } if !policy.restrictive => vec![hazard(
                BreakingChange,
                format!(
                    "roles policy {} let reach rows of {table} lose them, unless another policy allows them",
                    policy.name
                ),
            )],
            Self::Create { table, policy } if policy.restrictive => vec![hazard(
                BreakingChange,
                format!(
                    "rows of {table} restrictive policy {} refuses are out of reach from now on",
                    policy.name
                ),
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { table, policy } | Self::Alter { table, policy } => {
                d.on_table(table);
                for column in named_columns(policy) {
                    d.needs_column(table, column);
                }
                d.creates.push(Res::Policy(qn(table), &policy.name));
                d.creates.push(Res::Policies(qn(table)));
                d.requires
                    .extend(policy.roles.iter().map(|r| Res::Role(r.as_str())));
            }
            Self::Drop { table, policy } => {
                d.on_table(table);
                for column in named_columns(policy) {
                    d.uses_column(table, column);
                }
                d.drops.push(Res::Policy(qn(table), &policy.name));
                d.drops.push(Res::Policies(qn(table)));
                d.releases
                    .extend(policy.roles.iter().map(|r| Res::Role(r.as_str())));
            }
            // Switched on after the policies exist, off before they go.
            Self::SetRowSecurity { table, to, .. } => {
                d.on_table(table);
                if *to == RowSecurity::Off {
                    d.releases.push(Res::Policies(qn(table)));
                } else {
                    d.requires.push(Res::Policies(qn(table)));
                }
            }
        }
    }
}
