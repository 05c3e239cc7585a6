//! What the runner reports as it goes: the CLI prints each event as one line.

use super::{count, millis};
use std::fmt;
use std::time::Duration;

/// What the runner is doing, as it happens (the CLI prints these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// Another runner holds the lock; this one waits.
    Waiting {
        /// That runner's session, if it could be seen.
        holder: Option<&'a str>,
    },
    /// A migration starts, or resumes after `resumed_after` completed segments.
    Applying {
        /// The migration.
        migration: &'a str,
        /// Its segments.
        segments: usize,
        /// Segments a stopped run had completed (0 for a fresh run).
        resumed_after: usize,
    },
    /// A migration finished.
    Applied {
        /// The migration.
        migration: &'a str,
        /// How long it took.
        duration: Duration,
    },
    /// A down file starts, or resumes.
    Reverting {
        /// The migration.
        migration: &'a str,
        /// Segments of its down file.
        segments: usize,
        /// Segments a stopped run had completed.
        resumed_after: usize,
    },
    /// A migration was reverted: its history row is gone.
    Reverted {
        /// The migration.
        migration: &'a str,
        /// How long it took.
        duration: Duration,
    },
    /// A statement hit the file's `lock_timeout` and is tried again after `pause`.
    Retrying {
        /// The migration.
        migration: &'a str,
        /// The segment, counted from 1.
        segment: usize,
        /// Which retry this is, from 1.
        attempt: u32,
        /// The pause before it.
        pause: Duration,
    },
    /// An invalid index from an earlier concurrent build was dropped before building again.
    DroppedInvalidIndex {
        /// The index, qualified.
        index: &'a str,
    },
}

impl fmt::Display for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Event::Waiting { holder } => write!(
                f,
                "waiting for another runner to finish ({})",
                holder.unwrap_or("session not visible")
            ),
            Event::Applying {
                migration,
                segments,
                resumed_after: 0,
            } => write!(f, "applying {migration} ({})", count(segments, "segment")),
            Event::Applying {
                migration,
                segments,
                resumed_after,
            } => write!(
                f,
                "resuming {migration} after segment {resumed_after} of {segments} (an earlier run stopped there)"
            ),
            Event::Applied {
                migration,
                duration,
            } => write!(f, "applied {migration} in {}", millis(duration)),
            Event::Reverting {
                migration,
                segments,
                resumed_after: 0,
            } => write!(
                f,
                "reverting {migration} ({} of its down file)",
                count(segments, "segment")
            ),
            Event::Reverting {
                migration,
                segments,
                resumed_after,
            } => write!(
                f,
                "resuming the revert of {migration} after segment {resumed_after} of {segments}"
            ),
            Event::Reverted {
                migration,
                duration,
            } => write!(f, "reverted {migration} in {}", millis(duration)),
            Event::Retrying {
                migration,
                segment,
                attempt,
                pause,
            } => write!(
                f,
                "{migration}: segment {segment} waited longer than its lock_timeout; retry {attempt} in {}",
                millis(pause)
            ),
            Event::DroppedInvalidIndex { index } => write!(
                f,
                "dropped the invalid index {index} an earlier concurrent build left, to build it again"
            ),
        }
    }
}
