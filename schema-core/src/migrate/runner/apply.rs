//! `migrate`: the pending migrations, in order, each resumed where a stopped run left it.

use super::history::{self, HistoryTable, RunState};
use super::integrity::{self, Entry, EntryState, FileEntry};
use super::{
    count, current, lock_session, read, read_folder, run_recorded, Event, FileRun, RunError,
    RunOptions, Session,
};
use crate::diff::script::segments;
use postgres::Client;
use serde::Serialize;
use std::fmt;
use std::path::Path;
use std::time::Instant;

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
    let Session {
        _lock,
        mut client,
        rows,
    } = lock_session(url, options, on)?;
    let table = &options.history;
    // A database with tables and no history was made another way: running the first
    // migration on it would fail half-way or, worse, succeed beside what is there.
    if rows.is_empty() && !files.is_empty() {
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
    if pending.is_empty() {
        return Ok(report);
    }
    if !history::exists(&mut client, table)? {
        history::create(&mut client, table)?;
    }
    let recorder = history::Recorder::prepare(&mut client, table)?;
    history::unflushed(&mut client)?;
    let last = pending.len() - 1;
    for (i, (file, entry)) in pending.into_iter().enumerate() {
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
        run_recorded(
            &mut client,
            &recorder,
            options,
            FileRun {
                migration: &file.migration,
                checksum: &file.checksum,
                state: RunState::Applying,
                segments: &segments,
                from,
            },
            on,
        )?;
        let duration = started.elapsed();
        if i == last {
            history::durable(&mut client)?;
        }
        recorder.finish(
            &mut client,
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
