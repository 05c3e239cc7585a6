//! The history table: one row per migration the database has (or is applying), in a schema of
//! its own so that it is never mistaken for one of the models' tables.
//!
//! The runner's bookkeeping is the only SQL the runner writes itself: it is about the history,
//! not the models, so it does not go through the diff and render stages.

use super::RunError;
use chrono::{DateTime, Utc};
use postgres::{Client, GenericClient, Statement};
use serde::Serialize;
use std::fmt;

/// Where the history lives: `schema_history.migrations` unless configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryTable {
    /// The schema that holds only the history table.
    pub schema: String,
    /// The table's name.
    pub table: String,
}

impl Default for HistoryTable {
    fn default() -> Self {
        HistoryTable {
            schema: "schema_history".to_owned(),
            table: "migrations".to_owned(),
        }
    }
}

impl HistoryTable {
    /// Parses `schema.table` (or `table`, in `schema_history`): letters, digits and `_`.
    pub fn parse(text: &str) -> Result<HistoryTable, String> {
        let (schema, table) = match text.split_once('.') {
            Some((schema, table)) => (schema, table),
            None => ("schema_history", text),
        };
        let valid = |s: &str| {
            !s.is_empty()
                && s.len() <= 63
                && !s.starts_with(|c: char| c.is_ascii_digit())
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        if valid(schema) && valid(table) {
            Ok(HistoryTable {
                schema: schema.to_owned(),
                table: table.to_owned(),
            })
        } else {
            Err(format!("invalid history table `{text}`: give `schema.table`, each a name of letters, digits and `_`"))
        }
    }

    fn quoted(&self) -> String {
        format!("\"{}\".\"{}\"", self.schema, self.table)
    }
}

impl fmt::Display for HistoryTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.table)
    }
}

/// Where a migration's run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    /// Started and not finished: running now, or the runner was stopped (killed, crashed).
    Applying,
    /// Every segment ran.
    Applied,
    /// A statement failed; `error` says which and why.
    Failed,
    /// Its down file is being applied (or was, and stopped or failed).
    Reverting,
}

impl RunState {
    fn as_str(self) -> &'static str {
        match self {
            RunState::Applying => "applying",
            RunState::Applied => "applied",
            RunState::Failed => "failed",
            RunState::Reverting => "reverting",
        }
    }

    fn parse(text: &str) -> RunState {
        match text {
            "applied" => RunState::Applied,
            "failed" => RunState::Failed,
            "reverting" => RunState::Reverting,
            _ => RunState::Applying,
        }
    }
}

/// One row of the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    /// The migration, e.g. `0003_add_tags`.
    pub migration: String,
    /// `sha256:...` of its file when it was applied (as in `schema.sum`).
    pub checksum: String,
    /// Where its run stands.
    pub state: RunState,
    /// Segments of the file (of the down file, while reverting) completed.
    pub segments_done: i32,
    /// Segments in the file (in the down file, while reverting).
    pub segments_total: i32,
    /// When the run started.
    pub started_at: DateTime<Utc>,
    /// When it finished, for an applied migration.
    pub finished_at: Option<DateTime<Utc>>,
    /// How long it took, in milliseconds, for an applied migration.
    pub duration_ms: Option<i64>,
    /// The database role and the machine's user and host that ran it.
    pub applied_by: String,
    /// The error of a failed run.
    pub error: Option<String>,
    /// Why it was recorded without running (`baseline`) or its checksum accepted (`repair`).
    pub note: Option<String>,
}

const COLUMNS: &str = "migration, checksum, state, segments_done, segments_total, started_at, \
                       finished_at, duration_ms, applied_by, error, note";

/// Whether the history table exists.
pub(super) fn exists(
    client: &mut impl GenericClient,
    table: &HistoryTable,
) -> Result<bool, RunError> {
    let row = client.query_one("SELECT to_regclass($1) IS NOT NULL", &[&table.quoted()])?;
    Ok(row.get(0))
}

/// Creates the history schema and table when missing.
pub(super) fn create(
    client: &mut impl GenericClient,
    table: &HistoryTable,
) -> Result<(), RunError> {
    client.batch_execute(&format!(
        "CREATE SCHEMA IF NOT EXISTS \"{schema}\";
         CREATE TABLE IF NOT EXISTS {table} (
             migration text PRIMARY KEY,
             checksum text NOT NULL,
             state text NOT NULL CHECK (state IN ('applying', 'applied', 'failed', 'reverting')),
             segments_done integer NOT NULL DEFAULT 0,
             segments_total integer NOT NULL,
             started_at timestamptz NOT NULL DEFAULT now(),
             finished_at timestamptz,
             duration_ms bigint,
             applied_by text NOT NULL,
             error text,
             note text
         );",
        schema = table.schema,
        table = table.quoted(),
    ))?;
    Ok(())
}

/// Every row, in migration order; none when the table does not exist.
pub(super) fn read(
    client: &mut impl GenericClient,
    table: &HistoryTable,
) -> Result<Vec<HistoryRow>, RunError> {
    if !exists(client, table)? {
        return Ok(Vec::new());
    }
    let rows = client.query(
        &format!(
            "SELECT {COLUMNS} FROM {} ORDER BY migration",
            table.quoted()
        ),
        &[],
    )?;
    let mut rows: Vec<HistoryRow> = rows
        .iter()
        .map(|row| HistoryRow {
            migration: row.get(0),
            checksum: row.get(1),
            state: RunState::parse(row.get(2)),
            segments_done: row.get(3),
            segments_total: row.get(4),
            started_at: row.get(5),
            finished_at: row.get(6),
            duration_ms: row.get(7),
            applied_by: row.get(8),
            error: row.get(9),
            note: row.get(10),
        })
        .collect();
    rows.sort_by(|a, b| super::order_key(&a.migration).cmp(&super::order_key(&b.migration)));
    Ok(rows)
}

/// The records a run writes as it goes, prepared once per connection, so that each costs one
/// round trip: a migration of one segment is then a handful of them.
pub(super) struct Recorder {
    start: Statement,
    progress: Statement,
    finish: Statement,
}

impl Recorder {
    /// Prepares the records on `client`; the history table must exist.
    pub(super) fn prepare(client: &mut Client, table: &HistoryTable) -> Result<Self, RunError> {
        let table = table.quoted();
        Ok(Recorder {
            start: client.prepare(&format!(
                "INSERT INTO {table} (migration, checksum, state, segments_done, segments_total, started_at, applied_by)
                 VALUES ($1, $2, $3, $4, $5, now(), session_user || ' (' || $6 || ')')
                 ON CONFLICT (migration) DO UPDATE SET checksum = $2, state = $3, segments_done = $4,
                     segments_total = $5, started_at = now(), finished_at = NULL, duration_ms = NULL,
                     applied_by = session_user || ' (' || $6 || ')', error = NULL"
            ))?,
            progress: client.prepare(&format!(
                "UPDATE {table} SET segments_done = $2 WHERE migration = $1"
            ))?,
            finish: client.prepare(&format!(
                "UPDATE {table} SET state = 'applied', finished_at = now(), duration_ms = $2, error = NULL
                 WHERE migration = $1"
            ))?,
        })
    }

    /// Records the start of a run of `migration` (a new row, or the existing one of a run that
    /// stopped), in `state`, with `done` of `total` segments completed.
    pub(super) fn start(
        &self,
        client: &mut impl GenericClient,
        migration: &str,
        checksum: &str,
        state: RunState,
        (done, total): (i32, i32),
    ) -> Result<(), RunError> {
        client.execute(
            &self.start,
            &[
                &migration,
                &checksum,
                &state.as_str(),
                &done,
                &total,
                &applied_by(),
            ],
        )?;
        Ok(())
    }

    /// Records that `done` segments of `migration`'s run are complete. Inside a segment's
    /// transaction, the record commits with the segment.
    pub(super) fn progress(
        &self,
        client: &mut impl GenericClient,
        migration: &str,
        done: i32,
    ) -> Result<(), RunError> {
        client.execute(&self.progress, &[&migration, &done])?;
        Ok(())
    }

    /// Records that `migration` is applied.
    pub(super) fn finish(
        &self,
        client: &mut impl GenericClient,
        migration: &str,
        duration_ms: i64,
    ) -> Result<(), RunError> {
        client.execute(&self.finish, &[&migration, &duration_ms])?;
        Ok(())
    }
}

/// A run's commits do not wait for the disk, each of them (`synchronous_commit = off` for the
/// session): every segment commits with its own progress record, so the WAL, flushed in
/// order, never holds one without the other, and a server crash that loses the last commits
/// leaves a run that reads as interrupted and resumes. [`durable`] ends the run.
pub(super) fn unflushed(client: &mut Client) -> Result<(), RunError> {
    client.batch_execute("SET synchronous_commit = off")?;
    Ok(())
}

/// From here on commits wait for the disk again: the run's last record, which also flushes
/// every commit before it, so what the runner reports done is on disk.
pub(super) fn durable(client: &mut Client) -> Result<(), RunError> {
    client.batch_execute("SET synchronous_commit = on")?;
    Ok(())
}

/// Records the error that stopped `migration`'s run; a failed down keeps `reverting`.
pub(super) fn fail(
    client: &mut impl GenericClient,
    table: &HistoryTable,
    migration: &str,
    error: &str,
) -> Result<(), RunError> {
    client.execute(
        &format!(
            "UPDATE {} SET state = CASE WHEN state = 'reverting' THEN 'reverting' ELSE 'failed' END,
                 error = $2 WHERE migration = $1",
            table.quoted()
        ),
        &[&migration, &error],
    )?;
    Ok(())
}

/// Removes `migration`'s row: it was reverted, or a person cleared a failed run (`repair`).
pub(super) fn remove(
    client: &mut impl GenericClient,
    table: &HistoryTable,
    migration: &str,
) -> Result<(), RunError> {
    client.execute(
        &format!("DELETE FROM {} WHERE migration = $1", table.quoted()),
        &[&migration],
    )?;
    Ok(())
}

/// Records `migration` as applied without running it (`baseline`).
pub(super) fn record_applied(
    client: &mut impl GenericClient,
    table: &HistoryTable,
    migration: &str,
    checksum: &str,
    segments: i32,
    note: &str,
) -> Result<(), RunError> {
    client.execute(
        &format!(
            "INSERT INTO {} (migration, checksum, state, segments_done, segments_total, started_at,
                 finished_at, duration_ms, applied_by, note)
             VALUES ($1, $2, 'applied', $3, $3, now(), now(), 0, session_user || ' (' || $4 || ')', $5)",
            table.quoted()
        ),
        &[&migration, &checksum, &segments, &applied_by(), &note],
    )?;
    Ok(())
}

/// Accepts the file's new checksum for an applied migration (`repair`), with the reason.
pub(super) fn accept_checksum(
    client: &mut impl GenericClient,
    table: &HistoryTable,
    migration: &str,
    checksum: &str,
    reason: &str,
) -> Result<(), RunError> {
    client.execute(
        &format!(
            "UPDATE {} SET checksum = $2,
                 note = concat_ws('; ', note, 'checksum accepted by ' || session_user || ' (' || $4 || ')' || ' on ' || now()::text || ': ' || $3)
             WHERE migration = $1",
            table.quoted()
        ),
        &[&migration, &checksum, &reason, &applied_by()],
    )?;
    Ok(())
}

/// The machine's user and host that run this; the record puts the database role before it.
fn applied_by() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".to_owned());
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown".to_owned());
    format!("{user}@{host}")
}
