//! `down`: the down files of the newest applied migrations, newest first, refusing data loss
//! unless confirmed.

use super::history::{self, RunState};
use super::integrity::{self, Entry, EntryState, FileEntry};
use super::{
    count, current, lock_session, read, read_folder, run_recorded, DownTarget, Event, FileRun,
    RunError, RunOptions, Session,
};
use crate::diff::script::segments;
use crate::diff::{diff, DiffError, DiffOptions};
use crate::migrate::{down_path, snapshot_path};
use crate::model::Schema;
use crate::snapshot::Snapshot;
use serde::Serialize;
use std::fmt;
use std::path::Path;
use std::time::Instant;

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
    let Session {
        _lock,
        mut client,
        rows,
    } = lock_session(url, options, on)?;
    let table = &options.history;
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
    let recorder = history::Recorder::prepare(&mut client, table)?;
    history::unflushed(&mut client)?;
    let last = scripts.len().saturating_sub(1);
    for (i, (entry, segments)) in scripts.into_iter().enumerate() {
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
        run_recorded(
            &mut client,
            &recorder,
            options,
            FileRun {
                migration: &entry.migration,
                checksum: &row.checksum,
                state: RunState::Reverting,
                segments: &segments,
                from,
            },
            on,
        )?;
        if i == last {
            history::durable(&mut client)?;
        }
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
        // The down file exists, so it was written; its hazard lines below say what it loses.
        Err(DiffError::Unsupported { .. }) => Vec::new(),
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
