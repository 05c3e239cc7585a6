//! The folder's migrations beside the database's history: what is applied, what is pending,
//! and what makes running unsafe (an applied file edited or gone, a migration merged below
//! one already applied).

use super::history::{HistoryRow, RunState};
use super::order_key;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One migration file of the folder.
#[derive(Clone, Debug)]
pub(super) struct FileEntry {
    /// `0003_add_tags`
    pub migration: String,
    /// Its `.sql` file.
    pub sql: PathBuf,
    /// `sha256:...` of the file, as `schema.sum` records it.
    pub checksum: String,
}

/// A migration as the folder and the history see it together.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// `0003_add_tags`
    pub migration: String,
    /// Where it stands.
    pub state: EntryState,
    /// Its history row, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryRow>,
}

/// Where a migration stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EntryState {
    /// Applied, and its file is as it was then.
    Applied,
    /// Not applied yet.
    Pending,
    /// A run started and stopped before the end without an error recorded (the runner was
    /// killed): `migrate` resumes it.
    Interrupted,
    /// A run stopped on an error: `migrate` resumes it once the cause is fixed.
    Failed,
    /// Its down file was being applied and did not finish: `down` resumes it.
    Reverting,
    /// Applied, but the file changed since (or, for a run that did not finish, changed since
    /// it started).
    Edited,
    /// In the history, but its file is not in the folder.
    Missing,
    /// Not applied, but it sorts before a migration that is.
    OutOfOrder {
        /// The applied migration it sorts before.
        before: String,
    },
}

impl EntryState {
    /// Whether this blocks `migrate` and `down` until a person acts.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            EntryState::Edited | EntryState::Missing | EntryState::OutOfOrder { .. }
        )
    }
}

impl Entry {
    /// The command that resolves a problem, said to a person.
    pub fn resolution(&self) -> String {
        let m = &self.migration;
        match &self.state {
            EntryState::Edited => format!("restore {m} from version control, or accept the edit with `cargo xtask repair {m} --reason \"...\"`"),
            EntryState::Missing => format!("restore {m} (its .sql, .down.sql and snapshot) from version control: the database has it applied"),
            EntryState::OutOfOrder { before } => format!("{m} was merged below {before}, which is applied: delete {m} (its .sql, .down.sql and snapshot) and run `cargo xtask migrate-gen` to write it on top"),
            EntryState::Failed => "fix the cause, then `cargo xtask migrate` resumes it (or fix the database by hand and clear the run with `cargo xtask repair`)".to_owned(),
            EntryState::Interrupted => "`cargo xtask migrate` resumes it".to_owned(),
            EntryState::Reverting => "`cargo xtask down` finishes reverting it".to_owned(),
            EntryState::Applied | EntryState::Pending => String::new(),
        }
    }
}

/// The folder's migrations in order, each with its history row, then history rows whose file
/// is gone (in their order).
pub(super) fn compare(files: &[FileEntry], rows: &[HistoryRow]) -> Vec<Entry> {
    let mut by_name: BTreeMap<&str, &HistoryRow> =
        rows.iter().map(|r| (r.migration.as_str(), r)).collect();
    let last_applied = rows
        .iter()
        .map(|r| r.migration.as_str())
        .max_by_key(|m| order_key(m));
    let mut entries = Vec::with_capacity(files.len());
    for file in files {
        let row = by_name.remove(file.migration.as_str());
        let state = match row {
            None => match last_applied {
                Some(last) if order_key(last) > order_key(&file.migration) => {
                    EntryState::OutOfOrder {
                        before: last.to_owned(),
                    }
                }
                _ => EntryState::Pending,
            },
            Some(row) if row.checksum != file.checksum => EntryState::Edited,
            Some(row) => match row.state {
                RunState::Applied => EntryState::Applied,
                RunState::Failed => EntryState::Failed,
                RunState::Applying => EntryState::Interrupted,
                RunState::Reverting => EntryState::Reverting,
            },
        };
        entries.push(Entry {
            migration: file.migration.clone(),
            state,
            history: row.cloned(),
        });
    }
    let mut missing: Vec<&HistoryRow> = by_name.into_values().collect();
    missing.sort_by(|a, b| order_key(&a.migration).cmp(&order_key(&b.migration)));
    entries.extend(missing.into_iter().map(|row| Entry {
        migration: row.migration.clone(),
        state: EntryState::Missing,
        history: Some(row.clone()),
    }));
    entries
}
