//! The settings at the start of every segment of a migration: `SET lock_timeout` and
//! `SET statement_timeout` (see [`crate::diff::timeouts`] for the values and why).
//!
//! Plain (session-level) `SET`, not `SET LOCAL`: a `SET LOCAL` ends with its transaction, so it
//! would not reach the statements of a no-transaction segment, each its own transaction, and a
//! runner that does not wrap the file in a transaction (`psql -f`) would not get it at all.
//! Every segment sets both again, so a segment never runs under the previous one's values.

use super::quote_literal;
use crate::diff::timeouts::Timeouts;

/// The statements that start a segment, without trailing `;`: `long` when one of the
/// segment's statements may run long (see [`Timeouts::statement_timeout_for`]).
pub fn segment_settings(timeouts: &Timeouts, long: bool) -> [String; 2] {
    [
        format!(
            "SET lock_timeout = {}",
            quote_literal(timeouts.lock_timeout.as_str())
        ),
        format!(
            "SET statement_timeout = {}",
            quote_literal(timeouts.statement_timeout_for(long).as_str())
        ),
    ]
}

/// [`segment_settings`] as one block of the script: each statement on its line, with `;`.
pub fn segment_settings_block(timeouts: &Timeouts, long: bool) -> String {
    let [lock, statement] = segment_settings(timeouts, long);
    format!("{lock};\n{statement};")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings() {
        let t = Timeouts::default();
        assert_eq!(
            segment_settings_block(&t, false),
            "SET lock_timeout = '5s';\nSET statement_timeout = '1min';"
        );
        assert_eq!(
            segment_settings_block(&t, true),
            "SET lock_timeout = '5s';\nSET statement_timeout = '1h';"
        );
    }
}
