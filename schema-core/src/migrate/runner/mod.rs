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
//!   waited for at most [`RunOptions::lock_wait`] ([`lock`]).
//! * **Segments** (see [`crate::diff::script`]): each transactional segment in its own
//!   transaction, committed with its progress record; a run that stopped resumes after the last
//!   completed segment ([`segment`]).
//! * **Integrity**: the folder must match its `schema.sum`; an applied file that changed or is
//!   gone, or a pending migration below an applied one, stops the run with the command that
//!   resolves it; a database that has tables but no history is refused (adopt it with
//!   [`baseline`]).

mod history;
mod integrity;
mod lock;
mod segment;

pub use history::{HistoryRow, HistoryTable, RunState};
pub use integrity::{Entry, EntryState};

use super::folder::read_history;
use super::sum::hash_bytes;
use super::{down_path, snapshot_path, MigrateError};
use crate::diff::script::{segments, Segment};
use crate::diff::{diff, DiffError, DiffOptions};
use crate::introspect::{introspect, IntrospectError};
use crate::model::{canonical, Schema};
use crate::snapshot::{Snapshot, SnapshotError};
use integrity::FileEntry;
use postgres::Client;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// What the runner is doing, as it happens (the CLI prints these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// Another runner holds the lock; this one waits.
    Waiting {
        /// That runner's session, if it could be seen.
        holder: Option<&'a str>,
    },
    /// A migration starts, or resumes after `resumed_after` completed segments.
    Applying {
        /// The migration.
        migration: &'a str,
        /// Its segments.
        segments: usize,
        /// Segments a stopped run had completed (0 for a fresh run).
        resumed_after: usize,
    },
    /// A migration finished.
    Applied {
        /// The migration.
        migration: &'a str,
        /// How long it took.
        duration: Duration,
    },
    /// A down file starts, or resumes.
    Reverting {
        /// The migration.
        migration: &'a str,
        /// Segments of its down file.
        segments: usize,
        /// Segments a stopped run had completed.
        resumed_after: usize,
    },
    /// A migration was reverted: its history row is gone.
    Reverted {
        /// The migration.
        migration: &'a str,
        /// How long it took.
        duration: Duration,
    },
    /// A statement hit the file's `lock_timeout` and is tried again after `pause`.
    Retrying {
        /// The migration.
        migration: &'a str,
        /// The segment, counted from 1.
        segment: usize,
        /// Which retry this is, from 1.
        attempt: u32,
        /// The pause before it.
        pause: Duration,
    },
    /// An invalid index from an earlier concurrent build was dropped before building again.
    DroppedInvalidIndex {
        /// The index, qualified.
        index: &'a str,
    },
}

impl fmt::Display for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Event::Waiting { holder } => write!(
                f,
                "waiting for another runner to finish ({})",
                holder.unwrap_or("session not visible")
            ),
            Event::Applying {
                migration,
                segments,
                resumed_after: 0,
            } => write!(f, "applying {migration} ({})", count(segments, "segment")),
            Event::Applying {
                migration,
                segments,
                resumed_after,
            } => write!(
                f,
                "resuming {migration} after segment {resumed_after} of {segments} (an earlier run stopped there)"
            ),
            Event::Applied {
                migration,
                duration,
            } => write!(f, "applied {migration} in {}", millis(duration)),
            Event::Reverting {
                migration,
                segments,
                resumed_after: 0,
            } => write!(
                f,
                "reverting {migration} ({} of its down file)",
                count(segments, "segment")
            ),
            Event::Reverting {
                migration,
                segments,
                resumed_after,
            } => write!(
                f,
                "resuming the revert of {migration} after segment {resumed_after} of {segments}"
            ),
            Event::Reverted {
                migration,
                duration,
            } => write!(f, "reverted {migration} in {}", millis(duration)),
            Event::Retrying {
                migration,
                segment,
                attempt,
                pause,
            } => write!(
                f,
                "{migration}: segment {segment} waited longer than its lock_timeout; retry {attempt} in {}",
                millis(pause)
            ),
            Event::DroppedInvalidIndex { index } => write!(
                f,
                "dropped the invalid index {index} an earlier concurrent build left, to build it again"
            ),
        }
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn millis(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}

/// Why a runner command failed. Each message is one line (a list of problems, one per line).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The folder is not a consistent history (see [`crate::migrate::check`]).
    #[error(transparent)]
    Folder(#[from] MigrateError),
    /// A snapshot could not be read.
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    /// The database could not be reached.
    #[error("cannot connect to {url}: {error}")]
    Connect {
        /// The URL, without its password.
        url: String,
        /// Why.
        error: String,
    },
    /// A query of the runner's own failed.
    #[error("database error: {}", segment::describe(.0))]
    Database(#[from] postgres::Error),
    /// Reading the catalog failed.
    #[error(transparent)]
    Introspect(#[from] IntrospectError),
    /// Another runner held the lock for longer than the wait allowed.
    #[error("another runner is applying migrations ({}) and did not finish within {} s: try again later, or wait longer with `--lock-wait SECONDS`", .holder.as_deref().unwrap_or("its session is not visible"), .waited.as_secs())]
    Locked {
        /// How long this runner waited.
        waited: Duration,
        /// The holder's session.
        holder: Option<String>,
    },
    /// The folder and the history disagree: nothing was run.
    #[error("the migrations and the database's history disagree; nothing was run:\n{}", problems(.0))]
    Problems(Vec<Entry>),
    /// The database has tables and no history.
    #[error("the database has {count} table{} ({}) but no migration history: adopt it with `cargo xtask baseline NAME`, NAME being the migration whose snapshot it matches", if *.count == 1 { "" } else { "s" }, .examples.join(", "))]
    NotEmpty {
        /// How many tables.
        count: i64,
        /// A few of them.
        examples: Vec<String>,
    },
    /// A statement of a migration failed; the segments before it stay applied and recorded.
    #[error("{migration} failed at segment {segment} of {segments}: {error}; statement: {}; the segments before it are applied and recorded: fix the cause and run `cargo xtask {command}` again to resume", one_line(.statement))]
    Failed {
        /// The migration.
        migration: String,
        /// The segment, from 1.
        segment: usize,
        /// Its segments.
        segments: usize,
        /// The statement.
        statement: String,
        /// PostgreSQL's error.
        error: String,
        /// `migrate` or `down`.
        command: &'static str,
    },
    /// A migration named on the command line is not in the folder (or not applied).
    #[error("{what} `{migration}`: {hint}")]
    Unknown {
        /// What was looked for, e.g. "no migration".
        what: &'static str,
        /// The name given.
        migration: String,
        /// What to do.
        hint: String,
    },
    /// `down` found nothing applied.
    #[error("nothing to revert: no migration is applied")]
    NothingApplied,
    /// A migration to revert has no down file.
    #[error("{migration} has no down file at {}: restore it from version control", .path.display())]
    NoDownFile {
        /// The migration.
        migration: String,
        /// Where it should be.
        path: PathBuf,
    },
    /// Reverting loses data and `--allow-destructive` was not given: nothing was run.
    #[error("reverting would lose data; nothing was run (confirm with `--allow-destructive`):\n{}", .0.join("\n"))]
    Destructive(Vec<String>),
    /// `down` met a migration whose run did not finish.
    #[error("{migration} did not finish applying: run `cargo xtask migrate` to finish it first, or fix the database by hand and clear the run with `cargo xtask repair {migration} --reason \"...\"`")]
    NotFinished {
        /// The migration.
        migration: String,
    },
    /// `baseline` on a database that already has a history.
    #[error("the database already has a migration history ({count} migrations in {table}): baseline adopts a database without one")]
    HasHistory {
        /// Rows in the history.
        count: usize,
        /// The history table.
        table: HistoryTable,
    },
    /// `baseline`: the catalog is not what the migration's snapshot describes.
    #[error("the database does not match the snapshot of {migration}; nothing was recorded. As statements from the snapshot to the database:\n{}", .differences.join("\n"))]
    BaselineDiffers {
        /// The migration.
        migration: String,
        /// Each difference, as the diff engine writes it.
        differences: Vec<String>,
    },
    /// `repair` found nothing to repair.
    #[error("nothing to repair for {migration}: {why}")]
    NothingToRepair {
        /// The migration.
        migration: String,
        /// Why.
        why: String,
    },
    /// `repair` without a reason.
    #[error("repair needs a reason: `--reason \"...\"` says why the edit or the cleared run is intended, for the history")]
    NoReason,
    /// `verify` on a database where nothing is applied.
    #[error("no migration is applied yet: run `cargo xtask migrate` (verify compares the database with the last applied migration's snapshot)")]
    NothingToVerify,
    /// Reading a migration file failed.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn problems(entries: &[Entry]) -> String {
    entries
        .iter()
        .map(|e| format!("{}: {}", describe_state(e), e.resolution()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn describe_state(entry: &Entry) -> String {
    let m = &entry.migration;
    match &entry.state {
        EntryState::Edited => {
            format!("{m} was edited after it was applied (its checksum differs from the history's)")
        }
        EntryState::Missing => format!("{m} is applied but its file is not in the folder"),
        EntryState::OutOfOrder { before } => {
            format!("{m} is not applied but sorts before {before}, which is")
        }
        EntryState::Failed => format!("{m} failed"),
        EntryState::Interrupted => format!("{m} was interrupted"),
        EntryState::Reverting => format!("{m} did not finish reverting"),
        EntryState::Applied => format!("{m} is applied"),
        EntryState::Pending => format!("{m} is pending"),
    }
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

/// The order of migrations: their number, then their name (as [`super::list_migrations`]).
pub(super) fn order_key(migration: &str) -> (u32, &str) {
    let number = migration
        .get(..4)
        .and_then(|d| d.parse().ok())
        .unwrap_or(u32::MAX);
    (number, migration)
}

/// Opens a connection for the runner, named so that `pg_stat_activity` shows who it is.
fn connect(url: &str) -> Result<Client, RunError> {
    let mut client = Client::connect(url, postgres::NoTls).map_err(|e| RunError::Connect {
        url: redacted(url),
        error: segment::describe(&e),
    })?;
    client.batch_execute("SET application_name = 'schema-core runner'")?;
    Ok(client)
}

/// `url` without its password.
fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
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
    if !history.migrations.is_empty() && history.sum.is_none() {
        return Err(MigrateError::SumMissing {
            path: dir.join(super::SUM_FILE),
        }
        .into());
    }
    history
        .migrations
        .into_iter()
        .map(|m| {
            let bytes = read(&m.sql)?;
            Ok(FileEntry {
                migration: m.id,
                checksum: hash_bytes(bytes.as_bytes()),
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

/// The tables of a database that has no history, outside the history's schema and extensions.
fn refuse_if_not_empty(client: &mut Client, table: &HistoryTable) -> Result<(), RunError> {
    let rows = client.query(
        "SELECT format('%I.%I', n.nspname, c.relname), count(*) OVER ()
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
           AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
           AND n.nspname <> $1
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                           WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                             AND d.deptype = 'e')
         ORDER BY 1 LIMIT 3",
        &[&table.schema],
    )?;
    match rows.first() {
        None => Ok(()),
        Some(first) => Err(RunError::NotEmpty {
            count: first.get(1),
            examples: rows.iter().map(|r| r.get(0)).collect(),
        }),
    }
}

/// What [`migrate`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MigrateReport {
    /// The migrations applied by this run, in order (for a dry run: that would be applied).
    pub applied: Vec<String>,
    /// The latest applied migration afterwards.
    pub current: Option<String>,
    /// Whether this was a dry run (nothing was changed).
    pub dry_run: bool,
}

impl fmt::Display for MigrateReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = match &self.current {
            Some(c) => format!("the database is at {c}"),
            None => "no migration is applied".to_owned(),
        };
        match (self.applied.len(), self.dry_run) {
            (0, _) => write!(f, "nothing to apply: {at}"),
            (n, true) => write!(
                f,
                "dry run: would apply {} ({}); nothing was changed",
                count(n, "migration"),
                self.applied.join(", ")
            ),
            (n, false) => write!(f, "applied {}: {at}", count(n, "migration")),
        }
    }
}

/// Applies the pending migrations of `dir` in order (up to `to`, when given), as
/// [`migrate_with`] without progress events.
pub fn migrate(url: &str, dir: &Path, options: &RunOptions) -> Result<MigrateReport, RunError> {
    migrate_with(url, dir, options, None, false, &mut |_| {})
}

/// Applies the pending migrations of `dir` in order, up to `to` when given, reporting each
/// step to `on`. A run that stopped (failed, or killed) is resumed after its last completed
/// segment. With `dry_run`, checks everything and says what would run, changing nothing.
pub fn migrate_with(
    url: &str,
    dir: &Path,
    options: &RunOptions,
    to: Option<&str>,
    dry_run: bool,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<MigrateReport, RunError> {
    let files = read_folder(dir)?;
    let end = match to {
        Some(name) => {
            files
                .iter()
                .position(|f| f.migration == name)
                .ok_or_else(|| RunError::Unknown {
                    what: "no migration",
                    migration: name.to_owned(),
                    hint: format!("`--to` names a migration of {}", dir.display()),
                })?
                + 1
        }
        None => files.len(),
    };
    let _lock = lock::acquire(connect(url)?, &options.history, options.lock_wait, on)?;
    let mut client = connect(url)?;
    let table = &options.history;
    let rows = history::read(&mut client, table)?;
    if rows.is_empty() {
        refuse_if_not_empty(&mut client, table)?;
    }
    let entries = integrity::compare(&files, &rows);
    let problems: Vec<Entry> = entries
        .iter()
        .filter(|e| e.state.is_problem() || e.state == EntryState::Reverting)
        .cloned()
        .collect();
    if !problems.is_empty() {
        return Err(RunError::Problems(problems));
    }
    let mut report = MigrateReport {
        dry_run,
        current: current(&entries),
        ..MigrateReport::default()
    };
    let pending: Vec<(&FileEntry, &Entry)> = files[..end]
        .iter()
        .zip(&entries)
        .filter(|(_, e)| e.state != EntryState::Applied)
        .collect();
    if dry_run {
        report.applied = pending.iter().map(|(f, _)| f.migration.clone()).collect();
        return Ok(report);
    }
    if !pending.is_empty() && !history::exists(&mut client, table)? {
        history::create(&mut client, table)?;
    }
    for (file, entry) in pending {
        let segments = segments(&read(&file.sql)?);
        let from = entry
            .history
            .as_ref()
            .map_or(0, |row| usize::try_from(row.segments_done).unwrap_or(0));
        on(Event::Applying {
            migration: &file.migration,
            segments: segments.len(),
            resumed_after: from,
        });
        let started = Instant::now();
        history::start(
            &mut client,
            table,
            &file.migration,
            &file.checksum,
            RunState::Applying,
            (to_i32(from), to_i32(segments.len())),
        )?;
        run_recorded(
            &mut client,
            options,
            &file.migration,
            &segments,
            from,
            "migrate",
            on,
        )?;
        let duration = started.elapsed();
        history::finish(
            &mut client,
            table,
            &file.migration,
            i64::try_from(duration.as_millis()).unwrap_or(i64::MAX),
        )?;
        on(Event::Applied {
            migration: &file.migration,
            duration,
        });
        report.applied.push(file.migration.clone());
        report.current = Some(file.migration.clone());
    }
    Ok(report)
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Runs the segments and records a failure in the history before returning it.
fn run_recorded(
    client: &mut Client,
    options: &RunOptions,
    migration: &str,
    segments: &[Segment],
    from: usize,
    command: &'static str,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<(), RunError> {
    match segment::run(
        client,
        &options.history,
        migration,
        segments,
        from,
        options,
        on,
    ) {
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
            history::fail(client, &options.history, migration, &error.to_string())?;
            Err(error)
        }
        Err(segment::Stop::Runner(error)) => {
            // The connection may be gone; the row then stays `applying` and reads as
            // interrupted, which is what it is.
            let _ = history::fail(client, &options.history, migration, &error.to_string());
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

/// The folder beside the history ([`status`]).
#[derive(Clone, Debug, Serialize)]
pub struct Status {
    /// Every migration of the folder, then the applied ones whose file is gone.
    pub migrations: Vec<Entry>,
    /// The latest applied migration.
    pub current: Option<String>,
    /// The folder's latest migration.
    pub latest: Option<String>,
    /// Whether a runner holds the lock now (an `applying` row is then running, not stopped).
    pub running: bool,
}

impl Status {
    /// The database is at the folder's latest migration, with nothing failed or edited.
    pub fn is_current(&self) -> bool {
        self.migrations
            .iter()
            .all(|e| e.state == EntryState::Applied)
            && self.current == self.latest
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for entry in &self.migrations {
            let line = match (&entry.state, &entry.history) {
                (EntryState::Applied, Some(row)) => format!(
                    "applied      {}  {}, {} ms, by {}{}",
                    entry.migration,
                    row.finished_at
                        .unwrap_or(row.started_at)
                        .format("%Y-%m-%d %H:%M:%S UTC"),
                    row.duration_ms.unwrap_or(0),
                    row.applied_by,
                    row.note
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default(),
                ),
                (EntryState::Pending, _) => format!("pending      {}", entry.migration),
                (EntryState::Interrupted, Some(row)) if self.running => format!(
                    "running      {}  segment {} of {} done",
                    entry.migration, row.segments_done, row.segments_total
                ),
                (EntryState::Interrupted, Some(row)) => format!(
                    "interrupted  {}  after segment {} of {}: {}",
                    entry.migration,
                    row.segments_done,
                    row.segments_total,
                    entry.resolution()
                ),
                (EntryState::Failed, Some(row)) => format!(
                    "failed       {}  {}",
                    entry.migration,
                    row.error.as_deref().unwrap_or("")
                ),
                (EntryState::Reverting, Some(row)) => format!(
                    "reverting    {}  after segment {} of {} of its down file{}: {}",
                    entry.migration,
                    row.segments_done,
                    row.segments_total,
                    row.error
                        .as_deref()
                        .map(|e| format!(" ({e})"))
                        .unwrap_or_default(),
                    entry.resolution()
                ),
                (EntryState::Edited, _) => {
                    format!("edited       {}  {}", entry.migration, entry.resolution())
                }
                (EntryState::Missing, _) => {
                    format!("missing      {}  {}", entry.migration, entry.resolution())
                }
                (EntryState::OutOfOrder { .. }, _) => {
                    format!("out-of-order {}  {}", entry.migration, entry.resolution())
                }
                (_, None) => format!("{:<12} {}", "?", entry.migration),
            };
            writeln!(f, "{line}")?;
        }
        let pending = self
            .migrations
            .iter()
            .filter(|e| e.state == EntryState::Pending)
            .count();
        let problems = self
            .migrations
            .iter()
            .filter(|e| !matches!(e.state, EntryState::Applied | EntryState::Pending))
            .count();
        match (&self.latest, self.is_current()) {
            (None, _) if self.migrations.is_empty() => write!(f, "no migrations in the folder"),
            (_, true) => write!(
                f,
                "up to date: the database is at {}, the latest migration",
                self.current.as_deref().unwrap_or("-")
            ),
            _ => write!(
                f,
                "not up to date: {} pending, {} needing attention; the database is at {}",
                pending,
                problems,
                self.current.as_deref().unwrap_or("no migration")
            ),
        }
    }
}

/// Reads where the database stands against the folder; changes nothing and takes no lock.
pub fn status(url: &str, dir: &Path, options: &RunOptions) -> Result<Status, RunError> {
    let files = read_folder(dir)?;
    let mut client = connect(url)?;
    let rows = history::read(&mut client, &options.history)?;
    let migrations = integrity::compare(&files, &rows);
    Ok(Status {
        current: current(&migrations),
        latest: files.last().map(|f| f.migration.clone()),
        running: lock::is_held(&mut client, &options.history)?,
        migrations,
    })
}

/// What [`down`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DownReport {
    /// The migrations reverted, newest first.
    pub reverted: Vec<String>,
    /// The latest applied migration afterwards.
    pub current: Option<String>,
}

impl fmt::Display for DownReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "reverted {} ({}): {}",
            count(self.reverted.len(), "migration"),
            self.reverted.join(", "),
            match &self.current {
                Some(c) => format!("the database is at {c}"),
                None => "no migration is applied".to_owned(),
            }
        )
    }
}

/// Applies the down files of the newest applied migrations, newest first, and removes them
/// from the history. Refuses, before running anything, when one of them loses data (as the
/// diff engine sees the change from its snapshot back to the one before, or as its file's
/// `data-loss` hazard says) unless `allow_destructive`.
pub fn down(
    url: &str,
    dir: &Path,
    target: &DownTarget,
    allow_destructive: bool,
    options: &RunOptions,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<DownReport, RunError> {
    let files = read_folder(dir)?;
    let _lock = lock::acquire(connect(url)?, &options.history, options.lock_wait, on)?;
    let mut client = connect(url)?;
    let table = &options.history;
    let rows = history::read(&mut client, table)?;
    let entries = integrity::compare(&files, &rows);
    let problems: Vec<Entry> = entries
        .iter()
        .filter(|e| e.state.is_problem())
        .cloned()
        .collect();
    if !problems.is_empty() {
        return Err(RunError::Problems(problems));
    }
    // Newest first: what `down` walks back through.
    let mut applied: Vec<&Entry> = entries.iter().filter(|e| e.history.is_some()).collect();
    applied.reverse();
    if applied.is_empty() {
        return Err(RunError::NothingApplied);
    }
    let chosen: Vec<&Entry> = match target {
        DownTarget::Steps(n) => applied.iter().take(*n).copied().collect(),
        DownTarget::To(name) => {
            let at = applied
                .iter()
                .position(|e| &e.migration == name)
                .ok_or_else(|| RunError::Unknown {
                    what: "no applied migration",
                    migration: name.clone(),
                    hint: "`--to` names an applied migration, which stays applied".to_owned(),
                })?;
            applied[..at].to_vec()
        }
    };
    for entry in &chosen {
        if matches!(entry.state, EntryState::Failed | EntryState::Interrupted) {
            return Err(RunError::NotFinished {
                migration: entry.migration.clone(),
            });
        }
    }
    let mut refusals = Vec::new();
    let mut scripts = Vec::new();
    for entry in &chosen {
        let path = down_path(dir, &entry.migration);
        if !path.exists() {
            return Err(RunError::NoDownFile {
                migration: entry.migration.clone(),
                path,
            });
        }
        let text = read(&path)?;
        refusals.extend(down_refusals(dir, &files, &entry.migration, &text)?);
        scripts.push((entry, segments(&text)));
    }
    if !refusals.is_empty() && !allow_destructive {
        return Err(RunError::Destructive(refusals));
    }
    let mut report = DownReport::default();
    for (entry, segments) in scripts {
        let row = entry.history.as_ref().expect("applied entries have a row");
        let from = if row.state == RunState::Reverting {
            usize::try_from(row.segments_done).unwrap_or(0)
        } else {
            0
        };
        on(Event::Reverting {
            migration: &entry.migration,
            segments: segments.len(),
            resumed_after: from,
        });
        let started = Instant::now();
        history::start(
            &mut client,
            table,
            &entry.migration,
            &row.checksum,
            RunState::Reverting,
            (to_i32(from), to_i32(segments.len())),
        )?;
        run_recorded(
            &mut client,
            options,
            &entry.migration,
            &segments,
            from,
            "down",
            on,
        )?;
        history::remove(&mut client, table, &entry.migration)?;
        on(Event::Reverted {
            migration: &entry.migration,
            duration: started.elapsed(),
        });
        report.reverted.push(entry.migration.clone());
    }
    let rows = history::read(&mut client, table)?;
    report.current = current(&integrity::compare(&files, &rows));
    Ok(report)
}

/// What reverting `migration` loses: the diff engine's refusals for the change from its
/// snapshot back to its parent's, and the `data-loss` hazards its down file states.
fn down_refusals(
    dir: &Path,
    files: &[FileEntry],
    migration: &str,
    down_sql: &str,
) -> Result<Vec<String>, RunError> {
    let at = files.iter().position(|f| f.migration == migration);
    let from = Snapshot::read(&snapshot_path(dir, migration))?.schema;
    let to = match at {
        Some(i) if i > 0 => Snapshot::read(&snapshot_path(dir, &files[i - 1].migration))?.schema,
        _ => Schema::new(),
    };
    let mut refusals: Vec<String> = match diff(&from, &to, &DiffOptions::default()) {
        Ok(_) => Vec::new(),
        Err(DiffError::Refused { refusals, .. }) => refusals
            .iter()
            .map(|r| format!("{migration}: {r}"))
            .collect(),
    };
    for line in down_sql.lines() {
        if let Some(rest) = line.strip_prefix("-- hazard: data-loss: ") {
            let said = format!("{migration}: {rest}");
            if !refusals.contains(&said) {
                refusals.push(said);
            }
        }
    }
    Ok(refusals)
}

/// Each difference between `expected` and `live`, as the statements the diff engine writes
/// to turn the first into the second.
fn differences(expected: &Schema, live: &Schema) -> Vec<String> {
    if canonical(expected) == canonical(live) {
        return Vec::new();
    }
    let plan = match diff(
        expected,
        live,
        &DiffOptions {
            allow_destructive: true,
        },
    ) {
        Ok(plan) => plan,
        Err(e) => return vec![e.to_string()],
    };
    let found: Vec<String> = plan
        .op_statements()
        .iter()
        .map(|statements| format!("  {};", statements.join("; ")))
        .collect();
    if found.is_empty() {
        // Equal to the diff engine, different in canonical form: say so rather than nothing.
        vec!["  (a difference the diff engine writes no statement for)".to_owned()]
    } else {
        found
    }
}

/// The live catalog of `public` and the schemas (namespaces) `expected` creates.
fn live_schema(client: &mut Client, expected: &Schema) -> Result<Schema, RunError> {
    let mut namespaces: Vec<&str> = vec!["public"];
    namespaces.extend(expected.namespaces());
    Ok(introspect(client, &namespaces)?)
}

/// Adopts a database that was built without this history: checks its catalog equals the
/// snapshot of `migration`, then records every migration up to it as applied, without
/// running them.
pub fn baseline(
    url: &str,
    dir: &Path,
    migration: &str,
    options: &RunOptions,
) -> Result<usize, RunError> {
    let files = read_folder(dir)?;
    let end = files
        .iter()
        .position(|f| f.migration == migration)
        .ok_or_else(|| RunError::Unknown {
            what: "no migration",
            migration: migration.to_owned(),
            hint: format!("baseline names a migration of {}", dir.display()),
        })?;
    let _lock = lock::acquire(
        connect(url)?,
        &options.history,
        options.lock_wait,
        &mut |_| {},
    )?;
    let mut client = connect(url)?;
    let table = &options.history;
    let rows = history::read(&mut client, table)?;
    if !rows.is_empty() {
        return Err(RunError::HasHistory {
            count: rows.len(),
            table: table.clone(),
        });
    }
    let expected = Snapshot::read(&snapshot_path(dir, migration))?.schema;
    let live = live_schema(&mut client, &expected)?;
    let differences = differences(&expected, &live);
    if !differences.is_empty() {
        return Err(RunError::BaselineDiffers {
            migration: migration.to_owned(),
            differences,
        });
    }
    let mut tx = client.transaction()?;
    history::create(&mut tx, table)?;
    let note = format!("baseline: the database matched the snapshot of {migration}");
    for file in &files[..=end] {
        let segments = segments(&read(&file.sql)?).len();
        history::record_applied(
            &mut tx,
            table,
            &file.migration,
            &file.checksum,
            to_i32(segments),
            &note,
        )?;
    }
    tx.commit()?;
    Ok(end + 1)
}

/// What [`repair`] did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Repaired {
    /// The file's new checksum was accepted.
    AcceptedEdit,
    /// The record of a run that did not finish was removed: `migrate` runs it from the start.
    ClearedRun,
}

/// Accepts an intended edit of an applied migration's file (its new checksum is recorded with
/// `reason`), or clears the record of a run that failed or stopped, once a person has fixed
/// the database by hand.
pub fn repair(
    url: &str,
    dir: &Path,
    migration: &str,
    reason: &str,
    options: &RunOptions,
) -> Result<Repaired, RunError> {
    if reason.trim().is_empty() {
        return Err(RunError::NoReason);
    }
    let files = read_folder(dir)?;
    let _lock = lock::acquire(
        connect(url)?,
        &options.history,
        options.lock_wait,
        &mut |_| {},
    )?;
    let mut client = connect(url)?;
    let table = &options.history;
    let rows = history::read(&mut client, table)?;
    let row = rows
        .iter()
        .find(|r| r.migration == migration)
        .ok_or_else(|| RunError::Unknown {
            what: "no migration in the history named",
            migration: migration.to_owned(),
            hint:
                "repair names a migration the database has a record of (see `cargo xtask status`)"
                    .to_owned(),
        })?;
    if row.state != RunState::Applied {
        history::remove(&mut client, table, migration)?;
        return Ok(Repaired::ClearedRun);
    }
    let file = files
        .iter()
        .find(|f| f.migration == migration)
        .ok_or_else(|| RunError::NothingToRepair {
            migration: migration.to_owned(),
            why: "its file is not in the folder: restore it from version control".to_owned(),
        })?;
    if file.checksum == row.checksum {
        return Err(RunError::NothingToRepair {
            migration: migration.to_owned(),
            why: "it is applied and its file is unchanged".to_owned(),
        });
    }
    history::accept_checksum(&mut client, table, migration, &file.checksum, reason)?;
    Ok(Repaired::AcceptedEdit)
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verified {
    /// The last applied migration, whose snapshot the catalog was compared with.
    pub migration: String,
    /// Each difference (drift), as a statement from the snapshot to the database; empty when
    /// they are equal.
    pub differences: Vec<String>,
}

impl fmt::Display for Verified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.differences.is_empty() {
            write!(
                f,
                "ok: the database matches the snapshot of {}",
                self.migration
            )
        } else {
            write!(
                f,
                "drift: the database differs from the snapshot of {} in {}; as statements from the snapshot to the database:\n{}",
                self.migration,
                count(self.differences.len(), "place"),
                self.differences.join("\n")
            )
        }
    }
}

/// Reads the live catalog and compares it with the snapshot of the last applied migration.
pub fn verify(url: &str, dir: &Path, options: &RunOptions) -> Result<Verified, RunError> {
    let files = read_folder(dir)?;
    let mut client = connect(url)?;
    let rows = history::read(&mut client, &options.history)?;
    let migration = current(&integrity::compare(&files, &rows)).ok_or(RunError::NothingToVerify)?;
    let expected = Snapshot::read(&snapshot_path(dir, &migration))?.schema;
    let live = live_schema(&mut client, &expected)?;
    Ok(Verified {
        differences: differences(&expected, &live),
        migration,
    })
}
