//! Writing migrations: the library side of `cargo xtask migrate-gen`.
//!
//! A migrations folder holds `NNNN_<name>.sql` files and, under `snapshots/`, the schema each
//! one leaves (`NNNN_<name>.json`).

use crate::model::{Schema, SchemaError};
use crate::render::{render_create_schema, to_script};
use crate::snapshot::{Snapshot, SnapshotError, FORMAT_VERSION};
use std::path::{Path, PathBuf};

/// Subfolder of a migrations folder that holds one snapshot per migration.
pub const SNAPSHOT_DIR: &str = "snapshots";

/// Why [`generate`] or [`list_migrations`] failed.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// The models fail [`Schema::validate`]; every problem is listed.
    #[error("the models do not form a valid schema: {}", join_errors(.0))]
    InvalidSchema(Vec<SchemaError>),
    /// The migration name is empty or has characters other than ASCII letters, digits and `_`.
    #[error("invalid migration name `{0}`: use letters, digits and `_` only")]
    InvalidName(String),
    /// The latest snapshot could not be read.
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    /// The latest migration has no snapshot, so the models have nothing to be compared with.
    #[error("migration {migration} has no snapshot at {path}: restore it from version control")]
    MissingSnapshot {
        /// Id of that migration, e.g. `0000_init`.
        migration: String,
        /// Where its snapshot should be.
        path: PathBuf,
    },
    /// The models differ from the latest snapshot: the next migration needs `ALTER` statements,
    /// which this version cannot write yet.
    #[error("the models changed since migration {latest}, and this version can only write the first migration; ALTER migrations come with the diff engine")]
    ChangesNeedDiff {
        /// Id of the latest migration.
        latest: String,
    },
    /// Reading the migrations folder or writing a file failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The folder or file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

fn join_errors(errors: &[SchemaError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// What [`generate`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Generated {
    /// A new migration was written.
    Written {
        /// Id of the new migration, e.g. `0000_init`.
        migration: String,
        /// Path of the `.sql` file written.
        sql: PathBuf,
    },
    /// The models equal the latest snapshot: nothing to do.
    NoChanges {
        /// Id of the latest migration, whose snapshot equals the models.
        latest: String,
    },
}

/// One migration found in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationFile {
    /// `0000_init`
    pub id: String,
    /// The leading four-digit number, which orders migrations.
    pub number: u32,
    /// Path of the migration's `.sql` file.
    pub sql: PathBuf,
}

/// The migrations of a folder in number order. A missing folder has none.
pub fn list_migrations(dir: &Path) -> Result<Vec<MigrationFile>, MigrateError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(MigrateError::Io {
                path: dir.to_owned(),
                source,
            })
        }
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|source| MigrateError::Io {
                path: dir.to_owned(),
                source,
            })?
            .path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(id) = file.strip_suffix(".sql") else {
            continue;
        };
        let Some(number) = id.get(..4).and_then(|n| n.parse().ok()) else {
            continue;
        };
        if id.as_bytes().get(4) == Some(&b'_') {
            found.push(MigrationFile {
                id: id.to_owned(),
                number,
                sql: path.clone(),
            });
        }
    }
    found.sort_by(|a, b| (a.number, &a.id).cmp(&(b.number, &b.id)));
    Ok(found)
}

/// Where the snapshot of `migration` (an id such as `0000_init`) lives in the migrations
/// folder `dir`: `dir/snapshots/<migration>.json`.
pub fn snapshot_path(dir: &Path, migration: &str) -> PathBuf {
    dir.join(SNAPSHOT_DIR).join(format!("{migration}.json"))
}

/// Compares the models with the latest snapshot in `dir` and writes the next migration.
///
/// `name` defaults to `init` for the first migration.
pub fn generate(
    schema: &Schema,
    dir: &Path,
    name: Option<&str>,
) -> Result<Generated, MigrateError> {
    schema.validate().map_err(MigrateError::InvalidSchema)?;
    let name = name.unwrap_or("init");
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(MigrateError::InvalidName(name.to_owned()));
    }
    let migrations = list_migrations(dir)?;
    if let Some(latest) = migrations.last() {
        let path = snapshot_path(dir, &latest.id);
        if !path.exists() {
            return Err(MigrateError::MissingSnapshot {
                migration: latest.id.clone(),
                path,
            });
        }
        let snapshot = Snapshot::read(&path)?;
        return if &snapshot.schema == schema {
            Ok(Generated::NoChanges {
                latest: latest.id.clone(),
            })
        } else {
            Err(MigrateError::ChangesNeedDiff {
                latest: latest.id.clone(),
            })
        };
    }
    let id = format!("{:04}_{name}", 0);
    let sql = initial_migration_sql(schema, &id);
    let snapshot = Snapshot {
        format: FORMAT_VERSION,
        migration: id.clone(),
        parent: None,
        schema: schema.clone(),
    };
    let sql_path = dir.join(format!("{id}.sql"));
    write(&sql_path, &sql)?;
    write(&snapshot_path(dir, &id), &snapshot.to_json())?;
    Ok(Generated::Written {
        migration: id,
        sql: sql_path,
    })
}

/// The SQL that creates `schema` from nothing, exactly as the first migration holds it.
pub fn initial_migration_sql(schema: &Schema, id: &str) -> String {
    header(id) + &to_script(&render_create_schema(schema))
}

fn header(id: &str) -> String {
    format!("-- Migration {id}: generated from the models by schema-core; edit the models, not this file.\n\n")
}

fn write(path: &Path, contents: &str) -> Result<(), MigrateError> {
    let io = |source| MigrateError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, contents).map_err(io)
}
