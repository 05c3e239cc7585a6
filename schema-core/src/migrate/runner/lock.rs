//! One runner at a time: a session-level advisory lock, held on a connection of its own.
//!
//! The lock connection never opens a transaction, so the runner's other connection can build
//! indexes `CONCURRENTLY` (which waits for every open transaction) without waiting for itself.
//! The lock goes with the session: released on success, on error, on a panic (the guard's
//! `Drop`) and when the process dies (the server ends the session).

use super::{Event, RunError};
use crate::migrate::sum::hash_bytes;
use postgres::Client;
use std::time::{Duration, Instant};

use super::history::HistoryTable;

/// How often a waiting runner asks again.
const POLL: Duration = Duration::from_millis(100);

/// The held lock; dropping it releases it.
pub(super) struct RunnerLock {
    client: Client,
    key: i64,
}

impl Drop for RunnerLock {
    fn drop(&mut self) {
        // Ending the session would release it too; unlocking first frees it at once, even if
        // closing the connection lingers.
        let _ = self
            .client
            .execute("SELECT pg_advisory_unlock($1)", &[&self.key]);
    }
}

/// The lock's key: one per history table, so two histories in one database do not wait for
/// each other.
pub(super) fn key(table: &HistoryTable) -> i64 {
    let hash = hash_bytes(format!("schema-core runner {table}").as_bytes());
    let hex = &hash["sha256:".len().."sha256:".len() + 16];
    // Positive, so that the catalog's two 32-bit halves of it compare without sign games.
    u64::from_str_radix(hex, 16).map_or(0, |k| (k >> 1) as i64)
}

/// Takes the lock on `client`, waiting at most `wait`.
pub(super) fn acquire(
    mut client: Client,
    table: &HistoryTable,
    wait: Duration,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<RunnerLock, RunError> {
    let key = key(table);
    let start = Instant::now();
    let mut told = false;
    loop {
        let got: bool = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&key])?
            .get(0);
        if got {
            return Ok(RunnerLock { client, key });
        }
        // Who holds it is asked only when it is said: on the first wait and on giving up.
        if start.elapsed() >= wait {
            return Err(RunError::Locked {
                waited: wait,
                holder: holder(&mut client, key)?,
            });
        }
        if !told {
            let holder = holder(&mut client, key)?;
            on(Event::Waiting {
                holder: holder.as_deref(),
            });
            told = true;
        }
        std::thread::sleep(POLL);
    }
}

/// Whether another session holds the lock now (`status` says a run is in progress).
pub(super) fn is_held(client: &mut Client, table: &HistoryTable) -> Result<bool, RunError> {
    Ok(holder(client, key(table))?.is_some())
}

/// The session that holds the lock, described for a person: its pid, user and address.
fn holder(client: &mut Client, key: i64) -> Result<Option<String>, RunError> {
    let row = client.query_opt(
        "SELECT format('pid %s, %s%s', a.pid, a.usename,
                       coalesce(' from ' || host(a.client_addr), ''))
         FROM pg_catalog.pg_locks l
         JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
           AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
           AND ((l.classid::bigint << 32) | l.objid::bigint) = $1
         LIMIT 1",
        &[&key],
    )?;
    Ok(row.map(|r| r.get(0)))
}
