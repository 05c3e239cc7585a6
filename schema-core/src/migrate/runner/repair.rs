//! `repair`: a person's decision recorded in the history: an intended edit of an applied file,
//! or a failed run cleared after fixing the database by hand.

use super::history::{self, RunState};
use super::{lock_session, read_folder, RunError, RunOptions, Session};
use serde::Serialize;
use std::path::Path;

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
    let Session {
        _lock,
        mut client,
        rows,
    } = lock_session(url, options, &mut |_| {})?;
    let table = &options.history;
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
