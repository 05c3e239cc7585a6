//! A planned migration: ordered operations, and the script they make.

use super::op::Op;
use super::script::{NO_TRANSACTION_DIRECTIVE, TRANSACTION_DIRECTIVE};
use super::timeouts::Timeouts;
use crate::render::segment_settings_block;
use std::fmt::Write as _;

/// The operations that turn one schema into another, in an order PostgreSQL accepts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan<'a> {
    /// The operations, in execution order.
    pub ops: Vec<Op<'a>>,
}

impl Plan<'_> {
    /// The same plan, owning the tables it borrowed.
    pub fn into_owned(self) -> Plan<'static> {
        Plan {
            ops: self.ops.into_iter().map(Op::into_owned).collect(),
        }
    }

    /// Each operation's statements, without the script's hazards, directives and session
    /// settings: what `verify` prints as the differences it found.
    pub fn op_statements(&self) -> Vec<Vec<String>> {
        self.ops.iter().map(Op::statements).collect()
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
        for (i, op) in self.ops.iter().enumerate() {
            let outside = op.runs_outside_transaction();
            match segments.last_mut() {
                Some(segment) if segment.outside == outside => {}
                _ => segments.push(Segment {
                    start: i,
                    outside,
                    long: false,
                }),
            }
            if let Some(segment) = segments.last_mut() {
                segment.long |= op.may_run_long();
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
            for op in &self.ops[segment.start..end] {
                separate(script);
                for hazard in op.hazards() {
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
                for (i, statement) in op.statements().iter().enumerate() {
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
