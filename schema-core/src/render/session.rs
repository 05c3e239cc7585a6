//! The settings at the start of every segment of a migration: `SET lock_timeout` and
//! `SET statement_timeout` (the diff's `timeouts` decides the values, and says why).
//!
//! Plain (session-level) `SET`, not `SET LOCAL`: a `SET LOCAL` ends with its transaction, so it
//! would not reach the statements of a no-transaction segment, each its own transaction, and a
//! runner that does not wrap the file in a transaction (`psql -f`) would not get it at all.
//! Every segment sets both again, so a segment never runs under the previous one's values.

use super::quote_literal;

/// The statements that start a segment, without trailing `;`, given the segment's timeouts as
/// PostgreSQL durations (`5s`, `1min`): the diff decides them, this only writes them.
pub fn segment_settings(lock_timeout: &str, statement_timeout: &str) -> [String; 2] {
    [
        format!("SET lock_timeout = {}", quote_literal(lock_timeout)),
        format!(
            "SET statement_timeout = {}",
            quote_literal(statement_timeout)
        ),
    ]
}

/// [`segment_settings`] as one block of the script: each statement on its line, with `;`.
pub fn segment_settings_block(lock_timeout: &str, statement_timeout: &str) -> String {
    let [lock, statement] = segment_settings(lock_timeout, statement_timeout);
    format!("{lock};\n{statement};")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings() {
        assert_eq!(
            segment_settings_block("5s", "1min"),
            "SET lock_timeout = '5s';\nSET statement_timeout = '1min';"
        );
        assert_eq!(
            segment_settings_block("0", "it's"),
            "SET lock_timeout = '0';\nSET statement_timeout = 'it''s';"
        );
    }
}
