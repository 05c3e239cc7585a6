//! `status`: where the database stands against the folder, one line per migration.

use super::integrity::{self, Entry, EntryState};
use super::{connect, current, history, lock, read_folder, RunError, RunOptions};
use serde::Serialize;
use std::fmt;
use std::path::Path;

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
                "not up to date: {} pending, {} needing attention; {}",
                pending,
                problems,
                match &self.current {
                    Some(c) => format!("the database is at {c}"),
                    None => "no migration is applied".to_owned(),
                }
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
