//! Why a runner command failed: one message per cause, each with what resolves it.

use super::history::HistoryTable;
use super::integrity::{Entry, EntryState};
use super::{one_line, segment};
use crate::introspect::IntrospectError;
use crate::migrate::MigrateError;
use crate::snapshot::SnapshotError;
use std::path::PathBuf;
use std::time::Duration;

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
    #[error(transparent)]
    Connect(#[from] crate::connect::ConnectError),
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
