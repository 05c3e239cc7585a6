//! The migration script format and its transaction directives.
//!
//! A migration is one SQL file. Statements end with `;` and are separated by a blank line.
//! A statement may be preceded by `-- hazard: <kind>: <explanation>` comment lines.
//!
//! Two directive lines switch how the statements after them run. Each is a line of its own,
//! exactly as written here:
//!
//! * `-- schema:no-transaction`: every following statement runs on its own, outside any
//!   transaction block (autocommit), one at a time: `CREATE INDEX CONCURRENTLY`,
//!   `DROP INDEX CONCURRENTLY`, and `ALTER TYPE ... ADD VALUE` when the new label is used later
//!   in the same migration.
//! * `-- schema:transaction`: the following statements run together in one transaction, as
//!   the statements before the first directive do.
//!
//! A runner therefore cuts the file at directive lines into [`Segment`]s and runs a
//! transactional segment inside `BEGIN` / `COMMIT` and each statement of a non-transactional
//! segment separately. [`segments`] does the cutting. A failure in a later segment leaves the
//! earlier ones applied; the statements outside transactions are written so that the
//! migration can be fixed and continued: each can run again (`CREATE INDEX CONCURRENTLY IF NOT
//! EXISTS`, `DROP INDEX CONCURRENTLY IF EXISTS`, `ADD VALUE IF NOT EXISTS`, `VALIDATE
//! CONSTRAINT`), though an invalid index from a failed concurrent build must be dropped first,
//! as its hazard comment says (`IF NOT EXISTS` would keep it).
//!
//! Every segment starts with two statements, its timeouts (see [`super::timeouts`] for the
//! values and their defaults):
//!
//! ```sql
//! SET lock_timeout = '5s';
//! SET statement_timeout = '1min';
//! ```
//!
//! Plain `SET`, which lasts for the session, so that a no-transaction segment and a runner that
//! sends the file as it is (`psql -f`) get them too; `statement_timeout` is the long one (`1h`)
//! in a segment with a statement that may run long (an index build, a validation, a rewrite).
//! A statement that waits longer than `lock_timeout` for its lock fails with SQLSTATE 55P03;
//! its transactional segment is rolled back whole and can be run again.

/// The directive line before statements that must run outside a transaction.
pub const NO_TRANSACTION_DIRECTIVE: &str = "-- schema:no-transaction";

/// The directive line that returns to running statements in one transaction.
pub const TRANSACTION_DIRECTIVE: &str = "-- schema:transaction";

/// A run of statements with the same transaction mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Run the statements together in one transaction; otherwise each on its own, outside
    /// any transaction block.
    pub transaction: bool,
    /// The statements, each with its comments, without the trailing `;`.
    pub statements: Vec<String>,
}

/// Cuts a migration script at its directive lines and splits each part into statements.
/// Statements are split at `;` outside quotes (`'...'`, `"..."`, dollar quotes such as a
/// function's `$function$...$function$`) and `--` comments; empty statements (comments only)
/// are dropped.
pub fn segments(script: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut transaction = true;
    let mut text = String::new();
    let flush = |transaction: bool, text: &mut String, out: &mut Vec<Segment>| {
        let statements = split_statements(text);
        text.clear();
        if !statements.is_empty() {
            out.push(Segment {
                transaction,
                statements,
            });
        }
    };
    for line in script.lines() {
        match line.trim_end() {
            NO_TRANSACTION_DIRECTIVE => {
                flush(transaction, &mut text, &mut out);
                transaction = false;
            }
            TRANSACTION_DIRECTIVE => {
                flush(transaction, &mut text, &mut out);
                transaction = true;
            }
            _ => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    flush(transaction, &mut text, &mut out);
    out
}

fn split_statements(sql: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let bytes = sql.as_bytes();
    let mut start = 0;
    let mut quote: Option<u8> = None;
    let mut in_comment = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if in_comment {
            in_comment = c != b'\n';
            i += 1;
            continue;
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(c),
            (None, b'-') if bytes.get(i + 1) == Some(&b'-') => in_comment = true,
            (None, b'$') => {
                if let Some(tag) = dollar_tag(sql, i) {
                    // A dollar-quoted string (a function's body): up to the same tag.
                    let body = i + tag.len();
                    i = sql[body..]
                        .find(tag)
                        .map_or(bytes.len(), |end| body + end + tag.len());
                    continue;
                }
            }
            (None, b';') => {
                push_statement(&mut statements, &sql[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    push_statement(&mut statements, &sql[start..]);
    statements
}

/// The tag of a dollar quote opening at `at` (`$$`, `$body$`), as PostgreSQL's lexer reads
/// one: not inside an identifier (`a$b`), and not a parameter (`$1`).
fn dollar_tag(sql: &str, at: usize) -> Option<&str> {
    let bytes = sql.as_bytes();
    let in_identifier =
        at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || matches!(bytes[at - 1], b'_' | b'$'));
    if in_identifier {
        return None;
    }
    let rest = &bytes[at + 1..];
    let len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80))?;
    let tag_body = &rest[..len];
    if rest[len] != b'$' || tag_body.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some(&sql[at..at + len + 2])
}

fn push_statement(statements: &mut Vec<String>, text: &str) {
    let has_sql = text
        .lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with("--"));
    if has_sql {
        statements.push(text.trim().to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_cut_the_script() {
        let script = "-- hazard: lock: x\nALTER TABLE \"a;b\" ADD COLUMN c text DEFAULT ';';\n\n\
                      -- schema:no-transaction\n\nCREATE INDEX CONCURRENTLY i ON t (c);\n\n\
                      CREATE INDEX CONCURRENTLY j ON t (c);\n\n-- schema:transaction\n\nSELECT 1;\n";
        let segments = segments(script);
        assert_eq!(segments.len(), 3);
        assert!(segments[0].transaction);
        assert_eq!(
            segments[0].statements,
            ["-- hazard: lock: x\nALTER TABLE \"a;b\" ADD COLUMN c text DEFAULT ';'"]
        );
        assert!(!segments[1].transaction);
        assert_eq!(segments[1].statements.len(), 2);
        assert_eq!(segments[2].statements, ["SELECT 1"]);
    }

    #[test]
    fn dollar_quotes_hold_their_semicolons() {
        let script =
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $function$\nBEGIN\n    \
                      NEW.a := 1; -- it's\n    RETURN NEW;\nEND;\n$function$;\n\n\
                      SELECT $$a;b$$, $1, a$b$;\n\nSELECT $x$ $y$; $x$;\n";
        let statements = &segments(script)[0].statements;
        assert_eq!(
            statements,
            &[
                "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $function$\nBEGIN\n    \
                 NEW.a := 1; -- it's\n    RETURN NEW;\nEND;\n$function$",
                "SELECT $$a;b$$, $1, a$b$",
                "SELECT $x$ $y$; $x$",
            ]
        );
    }
}
