//! PostgreSQL schemas (namespaces): created before and dropped after what they hold.

use super::Operation;
use crate::diff::deps::{Deps, Res};
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

impl Operation for SchemaOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { name } => vec![alter::create_schema(name)],
            Self::Drop { name } => vec![alter::drop_schema(name)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
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

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { name } => d.creates.push(Res::Namespace(name)),
            Self::Drop { name } => d.drops.push(Res::Namespace(name)),
        }
    }
}
