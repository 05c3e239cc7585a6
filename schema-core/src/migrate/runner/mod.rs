//! Applying a migrations folder to a database: `migrate`, `status`, `down`, `baseline`,
//! `repair` and `verify` (`cargo xtask <command>`, or these functions from a service's own
//! binary at start-up).
//!
//! ```no_run
//! use schema_core::migrate::runner::{migrate, RunOptions};
//!
//! // At start-up, before serving: applies what is pending, waiting for another instance that
//! // is doing the same.
//! let url = std::env::var("DATABASE_URL").unwrap();
//! let report = migrate(&url, "migrations".as_ref(), &RunOptions::default()).unwrap();
//! println!("{report}");
//! ```
//!
//! What the runner guarantees:
//!
//! * **History** in a table of its own schema (`schema_history.migrations` unless
//!   [`RunOptions::history`] says otherwise): one row per migration with its checksum (the
//!   `schema.sum` hash of the file), start and end, who ran it, its duration, the segments
//!   completed and the error of a failed run.
//! * **One runner at a time**: a session-level advisory lock on a connection of its own,
//!   waited for at most [`RunOptions::lock_wait`] (`runner/lock.rs`).
//! * **Segments** (see [`crate::diff::script`]): each transactional segment in its own
//!   transaction, committed with its progress record; a run that stopped resumes after the last
//!   completed segment (`runner/segment.rs`).
//! * **Integrity**: the folder must match its `schema.sum`; an applied file that changed or is
//!   gone, or a pending migration below an applied one, stops the run with the command that
//!   resolves it; a database that has tables but no history is refused (adopt it with
//!   [`baseline`]).

mod adopt;
mod apply;
mod down;
mod error;
mod event;
mod history;
mod integrity;
mod lock;
mod repair;
mod segment;
mod status;

pub use adopt::{baseline, verify, Verified};
pub use apply::{migrate, migrate_with, MigrateReport};
pub use down::{down, DownReport};
pub use error::RunError;
pub use event::Event;
pub use history::{HistoryRow, HistoryTable, RunState};
pub use integrity::{Entry, EntryState};
pub use repair::{repair, Repaired};
pub use status::{status, Status};

use super::folder::read_history;
use super::sum::hash_bytes;
use super::MigrateError;
use crate::diff::script::Segment;
use integrity::FileEntry;
use postgres::Client;
use std::path::Path;
use std::time::Duration;

/// How the runner runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOptions {
    /// Where the history lives (`--history-table schema.table`).
    pub history: HistoryTable,
    /// How long to wait for another runner to finish (`--lock-wait SECONDS`, default 60 s).
    pub lock_wait: Duration,
    /// How many more times a statement that hit the file's `lock_timeout` is tried (default 5).
    pub lock_retries: u32,
    /// The pause before the first retry, doubled for each next one (default 500 ms).
    pub retry_pause: Duration,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            history: HistoryTable::default(),
            lock_wait: Duration::from_secs(60),
            lock_retries: 5,
            retry_pause: Duration::from_millis(500),
        }
    }
}

/// Which migrations `down` reverts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DownTarget {
    /// The newest `n` applied migrations.
    Steps(usize),
    /// Every applied migration after this one (which stays applied).
    To(String),
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn millis(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}

fn one_line(statement: &str) -> String {
    let sql: Vec<&str> = statement
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("--"))
        .collect();
    let sql = sql.join(" ");
    if sql.chars().count() > 200 {
        format!("{}...", sql.chars().take(200).collect::<String>())
    } else {
        sql
    }
}

/// A runner's hold on the database: the lock (released when this is dropped), a connection,
/// and the history as it was once the lock was taken.
struct Session {
    _lock: lock::RunnerLock,
    client: Client,
    rows: Vec<HistoryRow>,
}

/// Takes the lock (waiting as `options` allow, reporting to `on`), connects, reads the history.
fn lock_session(
    url: &str,
    options: &RunOptions,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<Session, RunError> {
    let lock = lock::acquire(connect(url)?, &options.history, options.lock_wait, on)?;
    let mut client = connect(url)?;
    let rows = history::read(&mut client, &options.history)?;
    Ok(Session {
        _lock: lock,
        client,
        rows,
    })
}

/// The order of migrations: their number, then their name (as [`super::list_migrations`]).
pub(super) fn order_key(migration: &str) -> (u32, &str) {
    let number = migration
        .get(..4)
        .and_then(|d| d.parse().ok())
        .unwrap_or(u32::MAX);
    (number, migration)
}

/// Opens a connection for the runner (TLS as the URL's `sslmode` says,
/// [`crate::connect::connect`]), named so that `pg_stat_activity` shows who it is.
fn connect(url: &str) -> Result<Client, RunError> {
    let mut client = crate::connect::connect(url)?;
    client.batch_execute("SET application_name = 'schema-core runner'")?;
    Ok(client)
}

/// The folder's migrations, after checking it is one history matching its `schema.sum`.
fn read_folder(dir: &Path) -> Result<Vec<FileEntry>, RunError> {
    if !dir.is_dir() {
        return Err(MigrateError::MissingFolder {
            path: std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned()),
        }
        .into());
    }
    let history = read_history(dir, true)?;
    // The sum was just verified against the files: its hashes are their checksums, so no file
    // is read and hashed a second time.
    let sum = history.sum.unwrap_or_default();
    history
        .migrations
        .into_iter()
        .map(|m| {
            let file = format!("{}.sql", m.id);
            let checksum = match sum
                .entries
                .binary_search_by(|(path, _)| path.as_str().cmp(&file))
            {
                Ok(i) => sum.entries[i].1.clone(),
                Err(_) => hash_bytes(read(&m.sql)?.as_bytes()),
            };
            Ok(FileEntry {
                migration: m.id,
                checksum,
                sql: m.sql,
            })
        })
        .collect()
}

fn read(path: &Path) -> Result<String, RunError> {
    std::fs::read_to_string(path).map_err(|source| RunError::Io {
        path: path.to_owned(),
        source,
    })
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// One file's run: the migration and its checksum, whether it is applied or reverted, its
/// segments and the first one to run.
struct FileRun<'a> {
    migration: &'a str,
    checksum: &'a str,
    state: RunState,
    segments: &'a [Segment],
    from: usize,
}

/// Records the start of the run, runs the segments, and records a failure in the history
/// before returning it (durably: the run ends there).
fn run_recorded(
    client: &mut Client,
    recorder: &history::Recorder,
    options: &RunOptions,
    file: FileRun<'_>,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<(), RunError> {
    let FileRun {
        migration,
        checksum,
        state,
        segments,
        from,
    } = file;
    recorder.start(
        client,
        migration,
        checksum,
        state,
        (to_i32(from), to_i32(segments.len())),
    )?;
    let command = if state == RunState::Reverting {
        "down"
    } else {
        "migrate"
    };
    match segment::run(client, recorder, migration, segments, from, options, on) {
        Ok(()) => Ok(()),
        Err(segment::Stop::Statement(failure)) => {
            let error = RunError::Failed {
                migration: migration.to_owned(),
                segment: failure.segment,
                segments: segments.len(),
                statement: failure.statement,
                error: failure.error,
                command,
            };
            history::durable(client)?;
            history::fail(client, &options.history, migration, &error.to_string())?;
            Err(error)
        }
        Err(segment::Stop::Runner(error)) => {
            // The connection may be gone; the row then stays `applying` and reads as
            // interrupted, which is what it is.
            let _ = history::durable(client).and_then(|()| {
                history::fail(client, &options.history, migration, &error.to_string())
            });
            Err(error)
        }
    }
}

/// The latest migration that is applied.
fn current(entries: &[Entry]) -> Option<String> {
    entries
        .iter()
        .filter(|e| e.state == EntryState::Applied)
        .map(|e| e.migration.clone())
        .max_by(|a, b| order_key(a).cmp(&order_key(b)))
}
