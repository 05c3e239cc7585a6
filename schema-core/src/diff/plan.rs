//! A planned migration: ordered operations, and the script they make.

use super::hazard::hazards;
use super::op::Op;
use super::script::{NO_TRANSACTION_DIRECTIVE, TRANSACTION_DIRECTIVE};
use super::sql::statements;
use super::timeouts::Timeouts;
use crate::render::segment_settings_block;

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
        self.ops.iter().map(statements).collect()
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
        let mut blocks: Vec<String> = Vec::new();
        // Where the current segment's settings go, once its operations are known.
        let mut settings_at = 0;
        let mut long = false;
        let mut in_transaction = true;
        for (i, op) in self.ops.iter().enumerate() {
            let outside = op.runs_outside_transaction();
            if i == 0 || outside == in_transaction {
                if i > 0 {
                    blocks[settings_at] = segment_settings_block(
                        timeouts.lock_timeout.as_str(),
                        timeouts.statement_timeout_for(long).as_str(),
                    );
                }
                if outside == in_transaction {
                    in_transaction = !outside;
                    blocks.push(
                        if outside {
                            NO_TRANSACTION_DIRECTIVE
                        } else {
                            TRANSACTION_DIRECTIVE
                        }
                        .to_owned(),
                    );
                }
                settings_at = blocks.len();
                blocks.push(String::new());
                long = false;
            }
            long |= op.may_run_long();
            let mut block = String::new();
            for hazard in hazards(op) {
                // One comment line, whatever the names in it hold.
                block.push_str(&hazard.to_string().replace(['\n', '\r'], " "));
                block.push('\n');
            }
            let statements = statements(op);
            let last = statements.len().saturating_sub(1);
            for (i, statement) in statements.into_iter().enumerate() {
                block.push_str(&statement);
                block.push(';');
                if i < last {
                    // Statements of one operation form one block under its hazards.
                    block.push('\n');
                }
            }
            blocks.push(block);
        }
        if blocks.is_empty() {
            return String::new();
        }
        blocks[settings_at] = segment_settings_block(
            timeouts.lock_timeout.as_str(),
            timeouts.statement_timeout_for(long).as_str(),
        );
        let mut script = blocks.join("\n\n");
        script.push('\n');
        script
    }
}
