//! PostgreSQL schemas (namespaces): created before and dropped after what they hold.

use crate::diff::deps::{Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::render::alter;

/// An operation on a PostgreSQL schema (namespace).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaOp {
    /// `CREATE SCHEMA`
    Create {
        /// The PostgreSQL schema (namespace).
        name: String,
    },
    /// `DROP SCHEMA`, once everything in it is gone.
    Drop {
        /// The PostgreSQL schema (namespace).
        name: String,
    },
}

impl SchemaOp {
    /// The statements of the operation, in order, without trailing `;`.
    pub(in crate::diff) fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { name } => vec![alter::create_schema(name)],
            Self::Drop { name } => vec![alter::drop_schema(name)],
        }
    }

    /// The hazards of the operation, in the order they are printed.
    pub(in crate::diff) fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            Self::Drop { name } => vec![hazard(
                BreakingChange,
                format!(
                    "clients that use schema {name} fail once it is dropped (it is empty by now)"
                ),
            )],
            _ => Vec::new(),
        }
    }

    /// What the operation loses, or the data it fails on: planned only with `allow_destructive`.
    pub(in crate::diff) fn refusals(&self) -> Vec<Refusal> {
        Vec::new()
    }

    /// What the operation creates, drops, requires and releases.
    pub(in crate::diff) fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { name } => d.creates.push(Res::Namespace(name)),
            Self::Drop { name } => d.drops.push(Res::Namespace(name)),
        }
    }

    /// SQL text of the operation that may name an enum label: checks, index predicates, SQL
    /// defaults.
    pub(in crate::diff) fn expressions(&self) -> Vec<&str> {
        Vec::new()
    }

    /// A statement of the operation may run for a time that grows with the table
    /// ([`Op::may_run_long`](super::Op::may_run_long)).
    pub(in crate::diff) fn may_run_long(&self) -> bool {
        false
    }

    /// The statement must run outside any transaction block.
    pub(in crate::diff) fn runs_outside_transaction(&self) -> bool {
        false
    }
}
