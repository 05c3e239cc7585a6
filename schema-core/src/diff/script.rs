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
    // A directive is a line of SQL: the same line inside a function's dollar-quoted body, or
    // inside a string, is text of the body.
    let mut lexer = Lexer::default();
    for line in script.lines() {
        let directive = match line.trim_end() {
            NO_TRANSACTION_DIRECTIVE if lexer.outside() => Some(false),
            TRANSACTION_DIRECTIVE if lexer.outside() => Some(true),
            _ => None,
        };
        match directive {
            Some(next) => {
                flush(transaction, &mut text, &mut out);
                transaction = next;
            }
            None => {
                let at = text.len();
                text.push_str(line);
                text.push('\n');
                lexer.feed(&text[at..], |_| {});
            }
        }
    }
    flush(transaction, &mut text, &mut out);
    out
}

fn split_statements(sql: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut start = 0;
    Lexer::default().feed(sql, |end| {
        push_statement(&mut statements, &sql[start..end]);
        start = end + 1;
    });
    push_statement(&mut statements, &sql[start..]);
    statements
}

/// Where a scan of SQL text is: in plain SQL, in a quoted string or identifier (`'..'`,
/// `".."`), in a dollar quote (`$function$..$function$`), or in a `--` comment. Fed text piece
/// by piece, it carries its state over from one piece to the next.
#[derive(Default)]
struct Lexer {
    quote: Option<u8>,
    dollar: Option<String>,
    comment: bool,
}

impl Lexer {
    /// In plain SQL: what follows is read as SQL.
    fn outside(&self) -> bool {
        self.quote.is_none() && self.dollar.is_none() && !self.comment
    }

    /// Reads `sql`, calling `semicolon` with the offset of each `;` that ends a statement.
    fn feed(&mut self, sql: &str, mut semicolon: impl FnMut(usize)) {
        let bytes = sql.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if let Some(tag) = &self.dollar {
                match sql[i..].find(tag.as_str()) {
                    Some(end) => {
                        i += end + tag.len();
                        self.dollar = None;
                    }
                    None => i = bytes.len(),
                }
                continue;
            }
            let c = bytes[i];
            if self.comment {
                self.comment = c != b'\n';
                i += 1;
                continue;
            }
            match (self.quote, c) {
                (Some(q), c) if c == q => self.quote = None,
                (Some(_), _) => {}
                (None, b'\'' | b'"') => self.quote = Some(c),
                (None, b'-') if bytes.get(i + 1) == Some(&b'-') => self.comment = true,
                (None, b'$') => {
                    if let Some(tag) = dollar_tag(sql, i) {
                        i += tag.len();
                        self.dollar = Some(tag.to_owned());
                        continue;
                    }
                }
                (None, b';') => semicolon(i),
                _ => {}
            }
            i += 1;
        }
    }
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

    #[test]
    fn a_directive_inside_a_body_is_text_of_the_body() {
        let script = "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $function$\n\
                      -- schema:no-transaction\nSELECT 1;\n$function$;\n\n\
                      -- schema:no-transaction\n\nCREATE INDEX CONCURRENTLY i ON t (c);\n";
        let segments = segments(script);
        assert_eq!(segments.len(), 2, "{segments:?}");
        assert!(segments[0].transaction);
        assert_eq!(
            segments[0].statements,
            [
                "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $function$\n\
              -- schema:no-transaction\nSELECT 1;\n$function$"
            ]
        );
        assert!(!segments[1].transaction);
    }
}
