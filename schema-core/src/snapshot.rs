//! The state a migration leaves, stored beside it so the next migration can be diffed against
//! it without a database.
//!
//! One snapshot file per migration (no shared journal), so two branches that each add a
//! migration touch different files; each snapshot names its parent migration, so such a fork
//! is visible instead of silently merged.

use crate::model::Schema;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The snapshot format written by this version. Readers refuse newer formats.
pub const FORMAT_VERSION: u32 = 1;

/// The schema as one migration leaves it, stored as `snapshots/<migration>.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format version of the file; [`FORMAT_VERSION`] when written by this version.
    pub format: u32,
    /// The migration this snapshot belongs to, e.g. `0000_init`.
    pub migration: String,
    /// The migration before it, `None` for the first.
    pub parent: Option<String>,
    /// Every table and enum type the database holds once this migration has run.
    pub schema: Schema,
}

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file could not be read.
    #[error("cannot read snapshot {path}: {source}")]
    Io {
        /// The snapshot file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not a snapshot in JSON that this version can read.
    #[error("corrupt snapshot {path}: {source}")]
    Corrupt {
        /// The snapshot file.
        path: PathBuf,
        /// The JSON parse error.
        source: serde_json::Error,
    },
    /// The file has git conflict markers: two branches added a migration of the same name.
    #[error("snapshot {path} has git conflict markers: two branches added a migration of the same name; keep the other branch's version of the migration, its .down.sql, its snapshot and schema.sum, then run `cargo xtask migrate-gen` again to write your change on top")]
    Conflict {
        /// The snapshot file.
        path: PathBuf,
    },
    /// The file was written by a newer schema-core, in a format this version does not know.
    #[error("snapshot {path} has format {found}, newer than this tool's {FORMAT_VERSION}: upgrade schema-core")]
    NewerFormat {
        /// The snapshot file.
        path: PathBuf,
        /// The format version recorded in the file.
        found: u32,
    },
}

impl Snapshot {
    /// Pretty JSON with a trailing newline: stable bytes for the same schema, readable diffs.
    pub fn to_json(&self) -> String {
        snapshot_json(
            self.format,
            &self.migration,
            self.parent.as_deref(),
            &self.schema,
        )
    }

    /// Reads the snapshot at `path`, refusing formats newer than [`FORMAT_VERSION`].
    pub fn read(path: &Path) -> Result<Self, SnapshotError> {
        read_checked(path, |s: &Self| s.format)
    }
}

/// [`Snapshot::to_json`] from borrowed parts: `migrate-gen` writes the models' snapshot
/// without copying them.
pub(crate) fn snapshot_json(
    format: u32,
    migration: &str,
    parent: Option<&str>,
    schema: &Schema,
) -> String {
    /// [`Snapshot`]'s fields, in its order and with its names, borrowed.
    #[derive(Serialize)]
    struct Borrowed<'a> {
        format: u32,
        migration: &'a str,
        parent: Option<&'a str>,
        schema: &'a Schema,
    }
    let snapshot = Borrowed {
        format,
        migration,
        parent,
        schema,
    };
    // Sized for a few kilobytes per table up front: growing a buffer of megabytes step by step
    // copied it each time. An untouched reserve costs no memory.
    let mut json = Vec::with_capacity(4096 + 4096 * (schema.tables.len() + schema.enums.len()));
    serde_json::to_writer_pretty(&mut json, &snapshot).expect("a schema always serializes to JSON");
    json.push(b'\n');
    String::from_utf8(json).expect("serde_json writes UTF-8")
}

/// The part of a snapshot that places it in the history: which migration it belongs to and
/// which one came before. Reading it skips the schema, so checking a long history stays fast.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SnapshotHeader {
    /// Format version of the file.
    pub format: u32,
    /// The migration this snapshot belongs to, e.g. `0001_create_posts`.
    pub migration: String,
    /// The migration before it, `None` for the first.
    pub parent: Option<String>,
}

impl SnapshotHeader {
    /// Reads the header of the snapshot at `path`, refusing formats newer than
    /// [`FORMAT_VERSION`]. The schema is parsed for validity but not kept.
    pub fn read(path: &Path) -> Result<Self, SnapshotError> {
        #[derive(Deserialize)]
        struct Shallow {
            format: u32,
            migration: String,
            parent: Option<String>,
            #[allow(dead_code)]
            schema: serde::de::IgnoredAny,
        }
        let Shallow {
            format,
            migration,
            parent,
            ..
        } = read_checked(path, |s: &Shallow| s.format)?;
        Ok(SnapshotHeader {
            format,
            migration,
            parent,
        })
    }
}

/// The file parsed as `T`; `format_of` is the format it records, refused when newer than ours.
fn read_checked<T: serde::de::DeserializeOwned>(
    path: &Path,
    format_of: fn(&T) -> u32,
) -> Result<T, SnapshotError> {
    let text = std::fs::read_to_string(path).map_err(|source| SnapshotError::Io {
        path: path.to_owned(),
        source,
    })?;
    // A line that starts with a conflict marker, found by substring search rather than line
    // by line: the same lines, as `lines` splits at `\n`.
    const MARKER: &str = "<<<<<<<";
    if text.starts_with(MARKER) || text.contains("\n<<<<<<<") {
        return Err(SnapshotError::Conflict {
            path: path.to_owned(),
        });
    }
    let newer = |found: u32| {
        (found > FORMAT_VERSION).then(|| SnapshotError::NewerFormat {
            path: path.to_owned(),
            found,
        })
    };
    // One parse when the file reads: a snapshot of thousands of tables is megabytes of JSON.
    // Only a file that does not read is parsed again, for its format alone: a newer format is
    // the better explanation of why it does not.
    match serde_json::from_str::<T>(&text) {
        Ok(value) => match newer(format_of(&value)) {
            Some(error) => Err(error),
            None => Ok(value),
        },
        Err(source) => {
            #[derive(Deserialize)]
            struct FormatOnly {
                format: u32,
            }
            let format = serde_json::from_str::<FormatOnly>(&text).map(|f| f.format);
            Err(format
                .ok()
                .and_then(newer)
                .unwrap_or(SnapshotError::Corrupt {
                    path: path.to_owned(),
                    source,
                }))
        }
    }
}
