//! Reading a migrations folder as one history: numbered migrations, each snapshot naming the
//! one before it, and `schema.sum` over all of them. What git merges can break here is
//! reported, never skipped.

use super::sum::{SumFile, SUM_FILE};
use super::{snapshot_path, MigrateError, MigrationFile, SNAPSHOT_DIR};
use crate::snapshot::{SnapshotHeader, SnapshotParts, SnapshotText};
use std::path::Path;

/// Suffix of a down migration, beside its `NNNN_name.sql`.
pub(super) const DOWN_SUFFIX: &str = ".down.sql";

/// The migrations of `dir`, checked in this order:
///
/// 1. no two migrations share a number (two branches each added one);
/// 2. every migration has a snapshot that names it, whose parent is the migration before it
///    (a migration merged from a branch that was written on top of another one);
/// 3. when `verify_sum`, `schema.sum` lists exactly the migration files and snapshots, unedited.
///
/// The first two come first because they are the cause when a merge also broke the sum.
pub(super) fn read_history(dir: &Path, verify_sum: bool) -> Result<History, MigrateError> {
    read_listed_history(dir, super::list_migrations(dir)?, verify_sum)
}

/// [`read_history`] of the migrations [`list_migrations`](super::list_migrations) found.
pub(super) fn read_listed_history(
    dir: &Path,
    migrations: Vec<super::MigrationFile>,
    verify_sum: bool,
) -> Result<History, MigrateError> {
    check_collisions(&migrations)?;
    // The latest snapshot is read once, for the sum and for the diff. Should it not read, the
    // errors come as they did: from the snapshot checks, and from the sum's own reading.
    // Without the sum nothing reads its schema: its header is checked the usual way.
    let latest_text = migrations.last().filter(|_| verify_sum).and_then(|m| {
        let path = snapshot_path(dir, &m.id);
        let text = SnapshotText::read_text(&path).ok()?;
        Some((format!("{SNAPSHOT_DIR}/{}.json", m.id), path, text))
    });
    let known = latest_text
        .as_ref()
        .map(|(file, _, text)| (file.as_str(), text.as_bytes()));
    // The sum is checked on a second thread while the snapshots are read; its error, if any,
    // still comes after theirs.
    let (sum, latest) = super::parallel::both(
        || verify_sum.then(|| verify_sum_file(dir, known)),
        || {
            let text = latest_text.as_ref().map(|(_, _, text)| text.as_str());
            read_snapshots(dir, &migrations, text)
        },
    );
    let latest = latest?;
    let sum = match sum.transpose() {
        Ok(sum) => sum,
        Err(error) => {
            // A snapshot that does not read as a whole came before the sum, as it did when
            // every snapshot was read whole.
            if let (Some(parts), Some((_, path, _))) = (&latest, &latest_text) {
                if parts.unchecked() {
                    SnapshotHeader::read(path)?;
                }
            }
            return Err(error);
        }
    };
    let latest = match (latest, latest_text) {
        (Some(parts), Some((_, path, text))) => Some(SnapshotText::new(path, text, parts)),
        _ => None,
    };
    Ok(History {
        migrations,
        sum,
        latest,
    })
}

/// A checked migrations folder ([`read_history`]).
pub(super) struct History {
    /// The migrations, in order.
    pub migrations: Vec<MigrationFile>,
    /// With `verify_sum`, the hashes computed to verify `schema.sum`, so that writing the next
    /// migration does not read and hash every file again.
    pub sum: Option<SumFile>,
    /// The latest migration's snapshot, when it reads (else the caller reads it and reports
    /// why it does not).
    pub latest: Option<SnapshotText>,
}

/// Checks that every migration has a snapshot that names it and whose parent is the migration
/// before it; returns the parts of the latest snapshot, whose text `latest_text` is when it
/// could be read, when it reads.
fn read_snapshots(
    dir: &Path,
    migrations: &[MigrationFile],
    latest_text: Option<&str>,
) -> Result<Option<SnapshotParts>, MigrateError> {
    let mut latest = None;
    for (i, migration) in migrations.iter().enumerate() {
        let path = snapshot_path(dir, &migration.id);
        if !path.exists() {
            return Err(MigrateError::MissingSnapshot {
                migration: migration.id.clone(),
                path,
            });
        }
        // The latest snapshot is parsed once: the caller diffs against it. Should it not
        // read, its header alone decides as for the others, and the caller meets the error
        // when it reads the snapshot itself, in the same order as before.
        let whole = match latest_text {
            Some(text) if i + 1 == migrations.len() => SnapshotText::parse(&path, text).ok(),
            _ => None,
        };
        let header = match &whole {
            Some(parts) => parts.header.clone(),
            None => SnapshotHeader::read(&path)?,
        };
        // A header read from the beginning of the file alone: should the file not read as a
        // whole, that is the error, as when it was read whole.
        let check_whole = || match &whole {
            Some(parts) if parts.unchecked() => SnapshotHeader::read(&path).map(|_| ()),
            _ => Ok(()),
        };
        if header.migration != migration.id {
            check_whole()?;
            return Err(MigrateError::SnapshotMismatch {
                path,
                migration: migration.id.clone(),
                recorded: header.migration,
            });
        }
        let previous = i.checked_sub(1).map(|p| migrations[p].id.clone());
        if header.parent != previous {
            let parent_in_folder = header
                .parent
                .as_ref()
                .is_some_and(|p| migrations.iter().any(|m| &m.id == p));
            check_whole()?;
            return Err(MigrateError::BrokenChain {
                migration: migration.id.clone(),
                parent: header.parent,
                previous,
                parent_in_folder,
            });
        }
        latest = whole;
    }
    Ok(latest)
}

fn check_collisions(migrations: &[MigrationFile]) -> Result<(), MigrateError> {
    let mut start = 0;
    while start < migrations.len() {
        let number = migrations[start].number;
        let end = start
            + migrations[start..]
                .iter()
                .take_while(|m| m.number == number)
                .count();
        if end - start > 1 {
            return Err(MigrateError::Collision {
                migrations: migrations[start..end]
                    .iter()
                    .map(|m| m.id.clone())
                    .collect(),
                previous: start.checked_sub(1).map(|p| migrations[p].id.clone()),
            });
        }
        start = end;
    }
    Ok(())
}

/// The files `schema.sum` covers, relative to `dir` with `/`, sorted: every `NNNN_*.sql`
/// (down files included) and every `snapshots/*.json`.
pub(super) fn covered_files(dir: &Path) -> Result<Vec<String>, MigrateError> {
    let mut files = Vec::new();
    for name in file_names(dir)? {
        if super::parse_file_name(&name).is_some() {
            files.push(name);
        }
    }
    for name in file_names(&dir.join(SNAPSHOT_DIR))? {
        if name.ends_with(".json") {
            files.push(format!("{SNAPSHOT_DIR}/{name}"));
        }
    }
    files.sort();
    Ok(files)
}

fn file_names(dir: &Path) -> Result<Vec<String>, MigrateError> {
    let io = |source| MigrateError::Io {
        path: dir.to_owned(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io)?;
        if entry.file_type().map_err(io)?.is_file() {
            if let Some(name) = entry.file_name().to_str() {
                names.push(name.to_owned());
            }
        }
    }
    Ok(names)
}

/// The folder's files hashed as `schema.sum` records them.
pub(super) fn compute_sum(dir: &Path) -> Result<SumFile, MigrateError> {
    let files = covered_files(dir)?;
    SumFile::compute(dir, &files).map_err(|(path, source)| MigrateError::Io { path, source })
}

/// The folder's hashes, once they match `schema.sum`; `known` is a file already read
/// ([`SumFile::compute_knowing`]).
fn verify_sum_file(dir: &Path, known: Option<(&str, &[u8])>) -> Result<SumFile, MigrateError> {
    let files = covered_files(dir)?;
    let actual = SumFile::compute_knowing(dir, &files, known)
        .map_err(|(path, source)| MigrateError::Io { path, source })?;
    let path = dir.join(SUM_FILE);
    match SumFile::read(dir)? {
        None if actual.entries.is_empty() => Ok(actual),
        None => Err(MigrateError::SumMissing { path }),
        Some(recorded) => {
            let mismatches = recorded.mismatches(&actual);
            if mismatches.is_empty() {
                Ok(actual)
            } else {
                Err(MigrateError::Integrity { path, mismatches })
            }
        }
    }
}

/// The text of `schema.sum` once `added` (paths relative to the folder with `/`, and the
/// [`hash_bytes`](super::sum::hash_bytes) of their contents; files that do not exist yet) are written beside the files
/// `sum` hashes ([`compute_sum`]): computed before anything is written, so that every file of
/// a run can be written at once.
pub(super) fn sum_text(mut sum: SumFile, added: &[(&str, String)]) -> String {
    for (file, hash) in added {
        sum.entries.push(((*file).to_owned(), hash.clone()));
    }
    sum.entries.sort();
    sum.to_text()
}

#[cfg(test)]
mod tests {
    use super::super::{check, generate_with, rehash, GenerateOptions};
    use super::*;
    use crate::snapshot::Snapshot;

    /// The examples' schema, from their committed snapshot.
    fn models() -> crate::model::Schema {
        let text = include_str!("../../../examples/migrations/snapshots/0000_init.json");
        serde_json::from_str::<Snapshot>(text).unwrap().schema
    }

    /// A folder with one migration of the examples, and its snapshot's path and text.
    fn folder() -> (tempfile::TempDir, std::path::PathBuf, String) {
        let dir = tempfile::tempdir().unwrap();
        generate_with(&models(), dir.path(), &GenerateOptions::default()).unwrap();
        let path = snapshot_path(dir.path(), "0000_init");
        let text = std::fs::read_to_string(&path).unwrap();
        (dir, path, text)
    }

    /// The latest snapshot's header is read from its beginning alone, the rest when the diff
    /// reads its schema: an error of the file as a whole still comes first, before the sum's,
    /// as when every snapshot was read whole.
    #[test]
    fn a_snapshot_broken_after_its_header_is_reported_as_before() {
        let (dir, path, text) = folder();
        let mut changed = models();
        changed.tables[0].comment = Some("changed".to_owned());
        let generate = || generate_with(&changed, dir.path(), &GenerateOptions::default());

        // Not JSON past the header, and so not what the sum records: the JSON error first.
        std::fs::write(&path, &text[..text.len() / 2]).unwrap();
        let expected = SnapshotHeader::read(&path).unwrap_err().to_string();
        assert_eq!(generate().unwrap_err().to_string(), expected);
        assert_eq!(
            check(&changed, dir.path()).unwrap_err().to_string(),
            expected
        );

        // The same, naming another migration: still the JSON error, before the misnaming.
        let renamed = text.replacen("\"0000_init\"", "\"0000_other\"", 1);
        std::fs::write(&path, &renamed[..renamed.len() / 2]).unwrap();
        let expected = SnapshotHeader::read(&path).unwrap_err().to_string();
        assert!(expected.starts_with("corrupt snapshot"), "{expected}");
        assert_eq!(generate().unwrap_err().to_string(), expected);

        // JSON, but not a schema: the header reads, so the sum's error comes first ...
        let wrong = text.replacen("\"nullable\": false", "\"nullable\": 3", 4);
        std::fs::write(&path, &wrong).unwrap();
        let error = generate().unwrap_err();
        assert!(matches!(error, MigrateError::Integrity { .. }), "{error}");
        // ... and once the sum is rewritten for it, the whole file's error, line and column.
        rehash(dir.path()).unwrap();
        let expected = Snapshot::read(&path).unwrap_err().to_string();
        assert!(expected.contains("line "), "{expected}");
        assert_eq!(generate().unwrap_err().to_string(), expected);
        assert_eq!(
            check(&changed, dir.path()).unwrap_err().to_string(),
            expected
        );

        // Laid out otherwise but the same JSON: read whole, and the change is written.
        let snapshot: Snapshot = serde_json::from_str(&text).unwrap();
        let compact = serde_json::to_string(&snapshot).unwrap();
        std::fs::write(&path, compact).unwrap();
        rehash(dir.path()).unwrap();
        assert!(check(&models(), dir.path()).is_ok());
        assert!(matches!(
            generate().unwrap(),
            super::super::Generated::Written { .. }
        ));
    }
}
