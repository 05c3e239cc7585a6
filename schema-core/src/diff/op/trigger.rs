//! Triggers: created after their table and function, replaced in place, dropped before their
//! function. A dropped table takes its triggers with it ([`super::TableOp::Drop`]).

use super::Operation;
use crate::diff::deps::{qn, words, Deps, Res};
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

/// The columns a trigger names (`UPDATE OF`, words of its `WHEN`), which must exist before it
/// is created.
fn needs_columns<'b>(table: &'b QualifiedName, trigger: &'b Trigger, d: &mut Deps<'b>) {
    for column in trigger.update_of.iter().map(String::as_str) {
        d.needs_column(table, column);
    }
    for word in trigger.when.as_deref().into_iter().flat_map(words) {
        d.needs_column(table, word);
    }
}

/// The columns a trigger names, which may only be dropped after it is.
fn uses_columns<'b>(table: &'b QualifiedName, trigger: &'b Trigger, d: &mut Deps<'b>) {
    for column in trigger.update_of.iter().map(String::as_str) {
        d.uses_column(table, column);
    }
    for word in trigger.when.as_deref().into_iter().flat_map(words) {
        d.uses_column(table, word);
    }
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

    fn expressions(&self) -> Vec<&str> {
        match self {
            Self::Create { trigger, .. } | Self::Replace { to: trigger, .. } => {
                trigger.when.as_deref().into_iter().collect()
            }
            Self::Drop { .. } => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { table, trigger } => {
                d.on_table(table);
                needs_columns(table, trigger, d);
                d.requires.push(Res::Function(qn(&trigger.function)));
                d.creates.push(Res::Trigger(qn(table), &trigger.name));
            }
            Self::Replace { table, from, to } => {
                d.on_table(table);
                needs_columns(table, to, d);
                uses_columns(table, from, d);
                d.requires.push(Res::Function(qn(&to.function)));
                d.releases.push(Res::Function(qn(&from.function)));
            }
            Self::Drop { table, trigger } => {
                d.on_table(table);
                uses_columns(table, trigger, d);
                d.releases.push(Res::Function(qn(&trigger.function)));
                d.drops.push(Res::Trigger(qn(table), &trigger.name));
            }
        }
    }
}
