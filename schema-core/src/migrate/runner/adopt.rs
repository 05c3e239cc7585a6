//! The live catalog against a snapshot: `baseline` adopts a database that matches one, `verify`
//! reports drift from the last applied one.

use super::history;
use super::integrity;
use super::{
    connect, count, current, lock_session, read, read_folder, to_i32, RunError, RunOptions, Session,
};
use crate::diff::script::segments;
use crate::diff::{diff, DiffOptions};
use crate::introspect::introspect_declared;
use crate::migrate::snapshot_path;
use crate::model::{canonical, Schema};
use crate::snapshot::Snapshot;
use postgres::Client;
use serde::Serialize;
use std::fmt;
use std::path::Path;

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
    Ok(introspect_declared(client, &namespaces, expected)?)
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
    let Session {
        _lock,
        mut client,
        rows,
    } = lock_session(url, options, &mut |_| {})?;
    let table = &options.history;
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
