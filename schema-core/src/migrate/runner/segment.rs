//! Running one migration file: its segments in order, from the first one not yet completed.
//!
//! A transactional segment runs in one transaction that also records its completion in the
//! history, so the two commit together. A no-transaction segment runs statement by statement
//! and is recorded after its last statement: a runner stopped inside it runs it again, which
//! the generated statements allow (`IF [NOT] EXISTS`). A failed or interrupted
//! `CREATE INDEX CONCURRENTLY` leaves an invalid index behind, which `IF NOT EXISTS` would
//! keep: the runner drops it before building again.
//!
//! A statement that waited longer than the file's `lock_timeout` (SQLSTATE 55P03) is tried
//! again after a pause that doubles each time, a bounded number of times: the lock is usually
//! held by a long transaction that ends.

use super::history::Recorder;
use super::{Event, RunError, RunOptions};
use crate::diff::script::Segment;
use postgres::error::SqlState;
use postgres::Client;
use std::time::Duration;

/// The longest pause between two tries.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Where a run stopped and why.
#[derive(Debug)]
pub(super) struct Failure {
    /// The segment, counted from 1.
    pub segment: usize,
    /// The statement PostgreSQL rejected.
    pub statement: String,
    /// PostgreSQL's error, with its SQLSTATE.
    pub error: String,
}

/// What stopped a segment: the file's statement, or the runner's own bookkeeping.
pub(super) enum Stop {
    Statement(Failure),
    Runner(RunError),
}

impl From<RunError> for Stop {
    fn from(e: RunError) -> Self {
        Stop::Runner(e)
    }
}

impl From<postgres::Error> for Stop {
    fn from(e: postgres::Error) -> Self {
        Stop::Runner(e.into())
    }
}

/// Runs `segments[from..]` of `migration`, recording each completed segment in the history.
pub(super) fn run(
    client: &mut Client,
    recorder: &Recorder,
    migration: &str,
    segments: &[Segment],
    from: usize,
    options: &RunOptions,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<(), Stop> {
    for (index, segment) in segments.iter().enumerate().skip(from) {
        let done = i32::try_from(index + 1).unwrap_or(i32::MAX);
        if segment.transaction {
            if in_one_batch(client, recorder, migration, segment, done)? {
                continue;
            }
            retrying(options, migration, index, on, |_| {
                let mut tx = client.transaction()?;
                for statement in &segment.statements {
                    if let Err(e) = tx.batch_execute(statement) {
                        return Ok(Err((statement.clone(), e)));
                    }
                }
                recorder.progress(&mut tx, migration, done)?;
                tx.commit()?;
                Ok(Ok(()))
            })?;
        } else {
            for statement in &segment.statements {
                retrying(options, migration, index, on, |on| {
                    if let Some(index) = concurrent_index(statement) {
                        drop_invalid_index(client, &index, on)?;
                    }
                    Ok(client
                        .batch_execute(statement)
                        .map_err(|e| (statement.clone(), e)))
                })?;
            }
            recorder.progress(client, migration, done)?;
        }
    }
    Ok(())
}

/// A transactional segment in one round trip: `BEGIN` and its statements sent as one batch,
/// then its progress record and `COMMIT`. On any error the transaction is rolled back and
/// `false` returned: the statement-by-statement path then runs the segment, says which
/// statement fails, and retries lock timeouts.
fn in_one_batch(
    client: &mut Client,
    recorder: &Recorder,
    migration: &str,
    segment: &Segment,
    done: i32,
) -> Result<bool, RunError> {
    // Each `;` on a line of its own: a statement's last line may be a `--` comment.
    let batch = format!("BEGIN;\n{}\n;", segment.statements.join("\n;\n"));
    if client.batch_execute(&batch).is_err() {
        client.batch_execute("ROLLBACK")?;
        return Ok(false);
    }
    let committed = recorder
        .progress(client, migration, done)
        .and_then(|()| Ok(client.batch_execute("COMMIT")?));
    if committed.is_err() {
        let _ = client.batch_execute("ROLLBACK");
    }
    committed.map(|()| true)
}

type Attempt = Result<Result<(), (String, postgres::Error)>, RunError>;

/// Runs `attempt` until it succeeds, fails on something else than a lock timeout, or has been
/// tried `options.lock_retries` more times.
fn retrying(
    options: &RunOptions,
    migration: &str,
    segment: usize,
    on: &mut dyn FnMut(Event<'_>),
    mut attempt: impl FnMut(&mut dyn FnMut(Event<'_>)) -> Attempt,
) -> Result<(), Stop> {
    let mut pause = options.retry_pause;
    let mut tries = 0;
    loop {
        let (statement, error) = match attempt(on)? {
            Ok(()) => return Ok(()),
            Err(failed) => failed,
        };
        let lock_timeout = error.code() == Some(&SqlState::LOCK_NOT_AVAILABLE);
        if lock_timeout && tries < options.lock_retries {
            tries += 1;
            on(Event::Retrying {
                migration,
                segment: segment + 1,
                attempt: tries,
                pause,
            });
            std::thread::sleep(pause);
            pause = (pause * 2).min(MAX_BACKOFF);
            continue;
        }
        return Err(Stop::Statement(Failure {
            segment: segment + 1,
            statement,
            error: describe(&error),
        }));
    }
}

/// PostgreSQL's error as one line: severity, SQLSTATE, message, detail and hint.
pub(super) fn describe(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => {
            let mut text = format!("{} {}: {}", db.severity(), db.code().code(), db.message());
            if let Some(detail) = db.detail() {
                text.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                text.push_str(&format!("; hint: {hint}"));
            }
            text.replace('\n', " ")
        }
        None => error.to_string().replace('\n', " "),
    }
}

/// The index a `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table`
/// statement builds.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ConcurrentIndex {
    /// The index's name, as stored in the catalog.
    pub name: String,
    /// The table, quoted as SQL (`"s"."t"`), for `to_regclass`.
    pub table: String,
}

/// The index built by `statement`, when it builds one concurrently.
pub(super) fn concurrent_index(statement: &str) -> Option<ConcurrentIndex> {
    let sql: String = statement
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join(" ");
    let tokens = tokens(&sql);
    let mut at = 0;
    let keyword = |word: &str, at: &mut usize| match tokens.get(*at) {
        Some(Token::Word(w, false)) if w.eq_ignore_ascii_case(word) => {
            *at += 1;
            true
        }
        _ => false,
    };
    if !keyword("create", &mut at) {
        return None;
    }
    keyword("unique", &mut at);
    if !keyword("index", &mut at) || !keyword("concurrently", &mut at) {
        return None;
    }
    if keyword("if", &mut at) && !(keyword("not", &mut at) && keyword("exists", &mut at)) {
        return None;
    }
    let name = match tokens.get(at)? {
        Token::Word(w, _) => w.clone(),
        Token::Dot => return None,
    };
    at += 1;
    if !keyword("on", &mut at) {
        return None;
    }
    keyword("only", &mut at);
    let mut parts = Vec::new();
    while let Some(Token::Word(w, _)) = tokens.get(at) {
        parts.push(format!("\"{}\"", w.replace('"', "\"\"")));
        at += 1;
        if tokens.get(at) != Some(&Token::Dot) {
            break;
        }
        at += 1;
    }
    (!parts.is_empty()).then(|| ConcurrentIndex {
        name,
        table: parts.join("."),
    })
}

#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// A name as the catalog stores it (a bare word folded to lower case), and whether it was
    /// quoted.
    Word(String, bool),
    Dot,
}

/// The words of a statement's head, up to its first parenthesis.
fn tokens(sql: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = sql.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            '(' => break,
            '.' => {
                chars.next();
                out.push(Token::Dot);
            }
            '"' => {
                chars.next();
                let mut word = String::new();
                while let Some(c) = chars.next() {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    word.push(c);
                }
                out.push(Token::Word(word, true));
            }
            c if c.is_whitespace() => {
                chars.next();
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | '.' | '"') {
                        break;
                    }
                    word.push(c.to_ascii_lowercase());
                    chars.next();
                }
                out.push(Token::Word(word, false));
            }
        }
    }
    out
}

/// Drops the invalid index a failed or interrupted concurrent build of `index` left.
fn drop_invalid_index(
    client: &mut Client,
    index: &ConcurrentIndex,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<(), RunError> {
    let invalid = client.query_opt(
        "SELECT format('%I.%I', n.nspname, ic.relname)
         FROM pg_catalog.pg_index i
         JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
         WHERE NOT i.indisvalid AND i.indrelid = to_regclass($1) AND ic.relname = $2",
        &[&index.table, &index.name],
    )?;
    if let Some(row) = invalid {
        let qualified: String = row.get(0);
        client.batch_execute(&format!("DROP INDEX CONCURRENTLY IF EXISTS {qualified}"))?;
        on(Event::DroppedInvalidIndex { index: &qualified });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_index_a_concurrent_build_makes() {
        let found = concurrent_index(
            "-- hazard: index-build: x\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Ix\"\"a\" ON ONLY \"s\".\"t\" (\"c\")",
        );
        assert_eq!(
            found,
            Some(ConcurrentIndex {
                name: "Ix\"a".to_owned(),
                table: "\"s\".\"t\"".to_owned()
            })
        );
        let bare = concurrent_index("create index concurrently Idx on T(c)").unwrap();
        assert_eq!(bare.name, "idx");
        assert_eq!(bare.table, "\"t\"");
        assert_eq!(concurrent_index("CREATE INDEX i ON t (c)"), None);
        assert_eq!(concurrent_index("DROP INDEX CONCURRENTLY i"), None);
    }
}
