//! Triggers: created after their table and function, replaced in place, dropped before their
//! function. A dropped table takes its triggers with it ([`super::TableOp::Drop`]).

use super::Operation;
use crate::diff::deps::{qn, Deps, Res};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{QualifiedName, Trigger};
use crate::render::function as render;

/// An operation on one trigger of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TriggerOp {
    /// `CREATE TRIGGER`
    Create {
        /// The table.
        table: QualifiedName,
        /// The trigger.
        trigger: Trigger,
    },
    /// `CREATE OR REPLACE TRIGGER`: the same name on the same table, fired otherwise or
    /// executing another function, changed in one statement.
    Replace {
        /// The table.
        table: QualifiedName,
        /// The trigger as it was.
        from: Trigger,
        /// The trigger as it becomes.
        to: Trigger,
    },
    /// `DROP TRIGGER`
    Drop {
        /// The table.
        table: QualifiedName,
        /// The trigger as it was.
        trigger: Trigger,
    },
}

impl Operation for TriggerOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { table, trigger } => vec![render::create_trigger(table, trigger, false)],
            Self::Replace { table, to, .. } => vec![render::create_trigger(table, to, true)],
            Self::Drop { table, trigger } => vec![render::drop_trigger(table, &trigger.name)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        match self {
            Self::Drop { table, trigger } => vec![hazard(
                HazardKind::BreakingChange,
                format!(
                    "rows of {table} written after this no longer run trigger {} ({}())",
                    trigger.name, trigger.function
                ),
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { table, trigger } => {
                d.on_table(table);
                d.requires.push(Res::Function(qn(&trigger.function)));
                d.creates.push(Res::Trigger(qn(table), &trigger.name));
            }
            Self::Replace { table, from, to } => {
                d.on_table(table);
                d.requires.push(Res::Function(qn(&to.function)));
                d.releases.push(Res::Function(qn(&from.function)));
            }
            Self::Drop { table, trigger } => {
                d.on_table(table);
                d.releases.push(Res::Function(qn(&trigger.function)));
                d.drops.push(Res::Trigger(qn(table), &trigger.name));
            }
        }
    }
}
