//! What can go wrong when an operation runs: written as `-- hazard: <kind>: <explanation>`
//! above its statements, so that a reviewer sees the risk where it is taken. Each kind of
//! operation says its own hazards and refusals ([`Op::hazards`](super::Op::hazards), in
//! `op/<kind>.rs`); this file holds the words they are said in.

use crate::model::QualifiedName;
use std::fmt;

/// A risk of one operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hazard {
    /// The kind of risk.
    pub kind: HazardKind,
    /// What happens, in words.
    pub explanation: String,
}

/// Kinds of risk, printed in kebab case in the hazard comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HazardKind {
    /// Data is deleted, not restored, or changed (rounded, cut) without an error.
    DataLoss,
    /// PostgreSQL rewrites the whole table (and its indexes) under an `ACCESS EXCLUSIVE` lock.
    TableRewrite,
    /// A lock that blocks reads or writes of the table while the statement runs.
    Lock,
    /// The statement fails on some data (the migration stops; nothing is lost).
    MayFail,
    /// An index build outside a transaction, which can leave an invalid index behind.
    IndexBuild,
    /// Clients that use the old name break.
    BreakingChange,
}

impl fmt::Display for HazardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HazardKind::DataLoss => "data-loss",
            HazardKind::TableRewrite => "table-rewrite",
            HazardKind::Lock => "lock",
            HazardKind::MayFail => "may-fail",
            HazardKind::IndexBuild => "index-build",
            HazardKind::BreakingChange => "breaking-change",
        })
    }
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "-- hazard: {}: {}", self.kind, self.explanation)
    }
}

/// A column that becomes `GENERATED ALWAYS AS IDENTITY` refuses the values clients give it.
pub(super) fn always_identity(table: &QualifiedName, column: &str) -> Hazard {
    hazard(
        HazardKind::BreakingChange,
        format!(
            "inserts and updates into {table} that give {column} a value fail once it is \
             GENERATED ALWAYS"
        ),
    )
}

pub(super) fn hazard(kind: HazardKind, explanation: impl Into<String>) -> Hazard {
    Hazard {
        kind,
        explanation: explanation.into(),
    }
}
