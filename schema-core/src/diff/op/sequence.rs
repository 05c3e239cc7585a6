//! Sequences: created before the tables whose defaults draw from them, given their owner once
//! the owning column exists, altered and renamed in place, dropped after the defaults that
//! drew from them. A sequence owned by a dropped column or table goes with it.

use super::Operation;
use crate::diff::deps::{qn, Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{QualifiedName, Sequence, SequenceOwner};
use crate::render::sequence as render;

/// An operation on a sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SequenceOp {
    /// `CREATE SEQUENCE`, without its owner ([`SequenceOp::SetOwner`] follows).
    Create {
        /// The sequence.
        sequence: Sequence,
    },
    /// `ALTER SEQUENCE ... AS .. INCREMENT BY .. ..`: other options, the same current value.
    Alter {
        /// The sequence as it was.
        from: Sequence,
        /// The sequence as it becomes.
        to: Sequence,
    },
    /// `ALTER SEQUENCE ... OWNED BY`: another owner column, or none.
    SetOwner {
        /// The sequence.
        name: QualifiedName,
        /// The column that owned it.
        from: Option<SequenceOwner>,
        /// The column that owns it.
        to: Option<SequenceOwner>,
    },
    /// `ALTER SEQUENCE ... RENAME TO`: declared with `renamed_from`.
    Rename {
        /// The sequence's schema.
        schema: String,
        /// Its old name.
        from: String,
        /// Its new name.
        to: String,
    },
    /// `DROP SEQUENCE`: its current value is lost.
    Drop {
        /// The sequence as it was.
        sequence: Sequence,
        /// The columns (table, column) whose defaults drew from it before the migration: the
        /// drop waits for every change to them.
        drawn_by: Vec<(QualifiedName, String)>,
    },
}

fn name(sequence: &Sequence) -> Res<'_> {
    Res::Sequence((&sequence.schema, &sequence.name))
}

/// Whether the values `to` allows leave out some that `from` allowed, so that the current
/// value may fall outside them.
fn narrows(from: &Sequence, to: &Sequence) -> bool {
    to.smallest() > from.smallest() || to.largest() < from.largest()
}

impl Operation for SequenceOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { sequence } => vec![render::create_sequence(sequence)],
            Self::Alter { to, .. } => vec![render::alter_sequence(to)],
            Self::SetOwner { name, to, .. } => vec![render::set_owner(name, to.as_ref())],
            Self::Rename { schema, from, to } => {
                vec![render::rename_sequence(schema, from, to)]
            }
            Self::Drop { sequence, .. } => vec![render::drop_sequence(&sequence.qualified_name())],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        match self {
            Self::Alter { from, to } if narrows(from, to) => vec![hazard(
                HazardKind::MayFail,
                format!(
                    "fails if the current value of {} is outside {}..{}",
                    to.qualified_name(),
                    to.smallest(),
                    to.largest()
                ),
            )],
            Self::Rename { schema, from, to } => vec![hazard(
                HazardKind::BreakingChange,
                format!(
                    "clients and functions that name sequence {schema}.{from} need {to} \
                     (column defaults follow the rename)"
                ),
            )],
            Self::Drop { sequence, .. } => vec![hazard(
                HazardKind::DataLoss,
                format!(
                    "drops sequence {} and the value it had reached",
                    sequence.qualified_name()
                ),
            )],
            _ => Vec::new(),
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Drop { sequence, .. } => vec![Refusal::new(
                format!("drop sequence `{}`", sequence.qualified_name()),
                "the value it had reached is lost, and numbers it handed out may be handed out again",
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { sequence } => {
                d.namespace(&sequence.schema, true);
                d.creates.push(name(sequence));
                d.creates
                    .push(Res::Relation(&sequence.schema, &sequence.name));
            }
            Self::Alter { to, .. } => d.requires.push(name(to)),
            Self::SetOwner { name, from, to } => {
                d.requires.push(Res::Sequence(qn(name)));
                // Before the column that owned it is dropped (it would take the sequence
                // along), after the one that owns it is created.
                if let Some(owner) = from {
                    d.releases.push(Res::Table((&name.schema, &owner.table)));
                    d.releases
                        .push(Res::Column((&name.schema, &owner.table), &owner.column));
                }
                if let Some(owner) = to {
                    d.requires.push(Res::Table((&name.schema, &owner.table)));
                    d.requires
                        .push(Res::Column((&name.schema, &owner.table), &owner.column));
                }
            }
            Self::Rename { schema, from, to } => {
                d.requires.push(Res::Sequence((schema, from)));
                d.drops.push(Res::Sequence((schema, from)));
                d.drops.push(Res::Relation(schema, from));
                d.creates.push(Res::Sequence((schema, to)));
                d.creates.push(Res::Relation(schema, to));
            }
            Self::Drop { sequence, .. } => {
                d.namespace(&sequence.schema, false);
                d.requires.push(name(sequence));
                d.requires
                    .push(Res::Relation(&sequence.schema, &sequence.name));
                d.drops.push(name(sequence));
                d.drops
                    .push(Res::Relation(&sequence.schema, &sequence.name));
            }
        }
    }
}
