//! The timeouts a generated migration sets at the start of every segment, so that whoever runs
//! the file (our runner, `psql -f`, sqlx) gets them: a statement that cannot get its lock in
//! time fails with SQLSTATE 55P03 (`lock_not_available`) instead of queueing every other query
//! of the table behind it, and no statement runs unbounded.
//!
//! Three values, each a PostgreSQL duration (`5s`, `500ms`, `2min`, `1h`, `0` for none):
//!
//! * `lock_timeout` (default [`DEFAULT_LOCK_TIMEOUT`], `5s`): every segment. A statement
//!   waiting for a lock makes every later query of the table wait behind it; five seconds is
//!   the usual bound (strong_migrations, pg-schema-diff use a few seconds).
//! * `statement_timeout` (default [`DEFAULT_STATEMENT_TIMEOUT`], `1min`): segments whose
//!   statements only change the catalog. Once they hold their lock (bounded above) they finish
//!   in milliseconds, so one that runs for a minute is holding its lock far too long.
//! * `long_statement_timeout` (default [`DEFAULT_LONG_STATEMENT_TIMEOUT`], `1h`): segments with
//!   a statement whose time grows with the table: an index build, a constraint validation, a
//!   table rewrite (a type change, a volatile default, an enum rebuild), a backfill `UPDATE`,
//!   a table drop.
//!
//! Both statement timeouts must exceed `lock_timeout`: the statement timeout counts the lock
//! wait too, and a lock wait must fail as 55P03, which a runner retries, not as a statement
//! timeout (57014).

use std::fmt;
use std::str::FromStr;

/// Default `lock_timeout` of every segment.
pub const DEFAULT_LOCK_TIMEOUT: &str = "5s";
/// Default `statement_timeout` of a segment that only changes the catalog.
pub const DEFAULT_STATEMENT_TIMEOUT: &str = "1min";
/// Default `statement_timeout` of a segment with a statement that may run long.
pub const DEFAULT_LONG_STATEMENT_TIMEOUT: &str = "1h";

/// A PostgreSQL duration setting as written in a migration: digits and an optional unit
/// (`us`, `ms`, `s`, `min`, `h`, `d`; none means milliseconds), `0` for no limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeout(String);

/// Why a duration was refused; the message is one line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid timeout `{0}`: use a PostgreSQL duration such as `5s`, `500ms`, `2min`, `1h` or `0` (digits, then us, ms, s, min, h or d; at most 24 days)")]
pub struct InvalidTimeout(pub String);

/// PostgreSQL stores these settings as an `int` of milliseconds.
const MAX_MILLISECONDS: u128 = i32::MAX as u128;

impl Timeout {
    /// The duration as written after `=` (without quotes).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Timeout {
    type Err = InvalidTimeout;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidTimeout(text.to_owned());
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let (number, unit) = text.split_at(digits);
        let microseconds: u128 = match unit {
            "us" => 1,
            "" | "ms" => 1_000,
            "s" => 1_000_000,
            "min" => 60_000_000,
            "h" => 3_600_000_000,
            "d" => 86_400_000_000,
            _ => return Err(invalid()),
        };
        // At most 39 digits fit a u128; longer is out of range anyway.
        if number.is_empty() || number.len() > 30 {
            return Err(invalid());
        }
        let value: u128 = number.parse().map_err(|_| invalid())?;
        if value * microseconds / 1_000 > MAX_MILLISECONDS {
            return Err(invalid());
        }
        Ok(Timeout(text.to_owned()))
    }
}

impl fmt::Display for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The timeouts of a generated migration (see the [module](self) documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// `SET lock_timeout` of every segment: `--lock-timeout`.
    pub lock_timeout: Timeout,
    /// `SET statement_timeout` of a segment that only changes the catalog:
    /// `--statement-timeout`.
    pub statement_timeout: Timeout,
    /// `SET statement_timeout` of a segment with a statement that may run long (index build,
    /// validation, rewrite, backfill, table drop): `--long-statement-timeout`.
    pub long_statement_timeout: Timeout,
}

impl Default for Timeouts {
    fn default() -> Self {
        let parse = |text: &str| text.parse().expect("the defaults are valid durations");
        Timeouts {
            lock_timeout: parse(DEFAULT_LOCK_TIMEOUT),
            statement_timeout: parse(DEFAULT_STATEMENT_TIMEOUT),
            long_statement_timeout: parse(DEFAULT_LONG_STATEMENT_TIMEOUT),
        }
    }
}

impl Timeouts {
    /// The `statement_timeout` of a segment, by whether one of its statements may run long.
    pub fn statement_timeout_for(&self, long: bool) -> &Timeout {
        if long {
            &self.long_statement_timeout
        } else {
            &self.statement_timeout
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for ok in [
            "5s", "500ms", "2min", "0", "1h", "1d", "250", "100us", "24d",
        ] {
            assert_eq!(ok.parse::<Timeout>().unwrap().as_str(), ok);
        }
        for bad in [
            "",
            "s",
            "5 s",
            "5sec",
            "-1s",
            "1.5s",
            "5S",
            "'5s'",
            "25d",
            "5s;",
            "99999999999999999999999999999999999",
        ] {
            let e = bad.parse::<Timeout>().unwrap_err().to_string();
            assert!(e.starts_with(&format!("invalid timeout `{bad}`")), "{e}");
            assert!(!e.contains('\n'));
        }
        let t = Timeouts::default();
        assert_eq!(t.statement_timeout_for(true).as_str(), "1h");
        assert_eq!(t.statement_timeout_for(false).as_str(), "1min");
        assert_eq!(t.lock_timeout.as_str(), "5s");
    }
}
