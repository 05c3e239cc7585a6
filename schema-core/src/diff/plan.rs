//! A planned migration: ordered steps, each with what was decided about it, and the script
//! they make.
//!
//! Everything about a step is decided once, when the plan is made ([`Plan::new`]): its
//! hazards, whether it may run long and whether it runs outside a transaction. The script
//! writer, `verify` and the down check only read them. Its statements are its operation's,
//! written by `render` when they are read ([`Step::statements`]): held for every step of a
//! first migration of thousands of tables, they were a second copy of the whole script in
//! memory. Refusals are decided before the plan exists, by the diff, since a refused plan is
//! never made.
//!
//! A step does not carry its reverse: the down file is the diff from the new schema back to
//! the old one ([`diff_down`](super::diff_down)). Reversing steps one by one would need the old
//! schema anyway (a dropped column's type, default and keys; a dropped table whole), and would
//! have to re-derive the order and the hazards of the other direction, which the diff decides
//! by construction. A down file is therefore always a migration the engine would write.

use super::op::Op;
use super::script::{NO_TRANSACTION_DIRECTIVE, TRANSACTION_DIRECTIVE};
use super::timeouts::Timeouts;
use super::Hazard;
use crate::render::segment_settings_block;
use std::fmt::Write as _;

/// The steps that turn one schema into another, in an order PostgreSQL accepts: each
/// operation and what was decided about it ([`Plan::steps`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan<'a> {
    /// The operations, in execution order.
    ops: Vec<Op<'a>>,
    /// What was decided about each operation, in the same order. Apart from the operations,
    /// which are moved here as they are: a second vector of operations and decisions would
    /// copy megabytes of a first migration into fresh memory.
    decided: Vec<Decided>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Decided {
    hazards: Vec<Hazard>,
    may_run_long: bool,
    outside_transaction: bool,
}

/// One step of a [`Plan`]: an operation and what was decided about it when the plan was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step<'p, 'a> {
    /// The operation.
    pub op: &'p Op<'a>,
    /// Its hazards, in the order they are printed above its statements.
    pub hazards: &'p [Hazard],
    /// A statement may run for a time that grows with the table ([`Op::may_run_long`]): its
    /// segment gets the long `statement_timeout`.
    pub may_run_long: bool,
    /// The statements must run outside any transaction block.
    pub outside_transaction: bool,
}

impl Step<'_, '_> {
    /// Its statements, in order, without trailing `;`.
    pub fn statements(&self) -> Vec<String> {
        self.op.statements()
    }
}

impl<'a> Plan<'a> {
    /// The plan of `ops`, already in execution order, everything about each step decided.
    pub(in crate::diff) fn new(ops: Vec<Op<'a>>) -> Self {
        let decided = ops
            .iter()
            .map(|op| Decided {
                hazards: op.hazards(),
                may_run_long: op.may_run_long(),
                outside_transaction: op.runs_outside_transaction(),
            })
            .collect();
        Plan { ops, decided }
    }

    /// The same plan, owning the tables it borrowed.
    pub fn into_owned(self) -> Plan<'static> {
        Plan {
            ops: self.ops.into_iter().map(Op::into_owned).collect(),
            decided: self.decided,
        }
    }

    /// The steps, in execution order.
    pub fn steps(&self) -> impl ExactSizeIterator<Item = Step<'_, 'a>> {
        self.ops
            .iter()
            .zip(&self.decided)
            .map(|(op, decided)| Step {
                op,
                hazards: &decided.hazards,
                may_run_long: decided.may_run_long,
                outside_transaction: decided.outside_transaction,
            })
    }

    /// The operations, in execution order.
    pub fn ops(&self) -> impl Iterator<Item = &Op<'a>> {
        self.ops.iter()
    }

    /// Each step's statements, without the script's hazards, directives and session
    /// settings: what `verify` prints as the differences it found.
    pub fn op_statements(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.ops.iter().map(Op::statements)
    }

    /// True when the schemas are the same: there is nothing to migrate.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The migration script with the default [`Timeouts`]: see [`Plan::to_sql_with`].
    pub fn to_sql(&self) -> String {
        self.to_sql_with(&Timeouts::default())
    }

    /// The migration script: each statement ends with `;`, operations are separated by a blank
    /// line (the statements of one operation are consecutive lines), risky operations are
    /// preceded by `-- hazard: <kind>: <explanation>` lines, and the
    /// statements that cannot run in a transaction follow a `-- schema:no-transaction`
    /// directive (see [`super::script`] for the format). Every segment starts with its
    /// `SET lock_timeout` and `SET statement_timeout`, the long statement timeout when one of
    /// its operations [may run long](Op::may_run_long). Empty for an empty plan.
    pub fn to_sql_with(&self, timeouts: &Timeouts) -> String {
        let mut script = String::new();
        self.append_sql_to(&mut script, timeouts);
        script
    }

    /// [`Plan::to_sql_with`], appended to `script`: a migration file's header and its
    /// statements share one buffer instead of being copied together.
    pub fn append_sql_to(&self, script: &mut String, timeouts: &Timeouts) {
        // Segments first, since a segment's settings, written at its start, depend on all of
        // its operations; then the script, written into one buffer.
        let mut segments: Vec<Segment> = Vec::new();
        for (i, step) in self.steps().enumerate() {
            let outside = step.outside_transaction;
            match segments.last_mut() {
                Some(segment) if segment.outside == outside => {}
                _ => segments.push(Segment {
                    start: i,
                    outside,
                    long: false,
                }),
            }
            if let Some(segment) = segments.last_mut() {
                segment.long |= step.may_run_long;
            }
        }
        // More than the statements take (a `CREATE TABLE` of ten columns is about 500 bytes):
        // a buffer of megabytes that grows is copied, and room never written to costs nothing.
        script.reserve(self.ops.len() * 512);
        let mut first = true;
        let mut separate = |script: &mut String| {
            if !std::mem::take(&mut first) {
                script.push_str("\n\n");
            }
        };
        for (n, segment) in segments.iter().enumerate() {
            // The script starts in a transaction: only a change of mode is announced.
            if segment.outside || n > 0 {
                separate(script);
                script.push_str(if segment.outside {
                    NO_TRANSACTION_DIRECTIVE
                } else {
                    TRANSACTION_DIRECTIVE
                });
            }
            separate(script);
            script.push_str(&segment_settings_block(
                timeouts.lock_timeout.as_str(),
                timeouts.statement_timeout_for(segment.long).as_str(),
            ));
            let end = segments
                .get(n + 1)
                .map_or(self.ops.len(), |next| next.start);
            for step in self.steps().take(end).skip(segment.start) {
                separate(script);
                for hazard in step.hazards {
                    let start = script.len();
                    let _ = write!(script, "{hazard}");
                    // One comment line, whatever the names in it hold.
                    if script[start..].contains(['\n', '\r']) {
                        let line = script[start..].replace(['\n', '\r'], " ");
                        script.truncate(start);
                        script.push_str(&line);
                    }
                    script.push('\n');
                }
                for (i, statement) in step.statements().iter().enumerate() {
                    if i > 0 {
                        // Statements of one operation form one block under its hazards.
                        script.push('\n');
                    }
                    script.push_str(statement);
                    script.push(';');
                }
            }
        }
        if !first {
            script.push('\n');
        }
    }
}

/// Consecutive operations that run in the same mode (in a transaction or outside one).
struct Segment {
    /// Index of its first operation.
    start: usize,
    outside: bool,
    /// One of its operations may run long: the segment gets the long statement timeout.
    long: bool,
}
