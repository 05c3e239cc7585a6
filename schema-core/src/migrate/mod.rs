//! Writing and checking migrations: the library side of `cargo xtask migrate-gen`, `check` and
//! `migrate-hash`.
//!
//! ```text
//! migrations/
//!   0000_init.sql                 the SQL that runs forward, reviewed like code
//!   0000_init.down.sql            the SQL that undoes it
//!   0001_create_posts.sql
//!   0001_create_posts.down.sql
//!   snapshots/0000_init.json      the schema each migration leaves, naming its parent
//!   snapshots/0001_create_posts.json
//!   schema.sum                    hashes of every file above, and a total
//! ```

mod atomic;
mod first;
mod folder;
mod parallel;
pub mod runner;
pub mod sum;

use crate::diff::{diff_canonical, diff_down_canonical, DiffError, DiffOptions, Plan, Timeouts};
use crate::model::{
    canonical, canonical_keeping_hints_cow, into_canonical_keeping_hints, without_hints_if_any,
    Schema, SchemaError,
};
use crate::snapshot::{SchemaJson, Snapshot, SnapshotError, FORMAT_VERSION};
use atomic::{write_all, Batch, FileWrite};
use folder::{compute_sum, read_history, read_listed_history, sum_text, DOWN_SUFFIX};
use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use sum::hash_bytes;
use sum::{SumError, SumFile, SumMismatch};

pub use sum::SUM_FILE;

/// Subfolder of a migrations folder that holds one snapshot per migration.
pub const SNAPSHOT_DIR: &str = "snapshots";

/// The name of a migration whose change is not one simple item (see [`generate`]).
pub const DEFAULT_NAME: &str = "migration";

/// The longest file name common filesystems accept (ext4, APFS, NTFS: 255 bytes).
const MAX_FILE_NAME: usize = 255;

/// The longest migration name: its longest file is `NNNN_<name>.down.sql`.
pub const MAX_NAME_LEN: usize = MAX_FILE_NAME - "0000_".len() - DOWN_SUFFIX.len();

/// Why [`generate`], [`check`] or [`rehash`] failed. Every message is one line, except a
/// refusal, which lists one refused item per line.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// The models fail [`Schema::validate`]; every problem is listed.
    #[error("the models do not form a valid schema: {}", join_errors(.0))]
    InvalidSchema(Vec<SchemaError>),
    /// The migration name is empty or has characters other than ASCII letters, digits and `_`.
    #[error("invalid migration name `{0}`: use letters, digits and `_` only")]
    InvalidName(String),
    /// The migration name would make a file name longer than filesystems allow.
    #[error("migration name of {length} characters is too long: its file `NNNN_<name>.down.sql` must fit the 255-byte limit of file names, so use at most {MAX_NAME_LEN}")]
    NameTooLong {
        /// Length of the name given, in bytes.
        length: usize,
    },
    /// [`check`] or [`rehash`] was given a folder that does not exist.
    #[error("the migrations folder {} does not exist: give the right folder with `--dir`, or run `cargo xtask migrate-gen` to start a history there", .path.display())]
    MissingFolder {
        /// The folder, made absolute.
        path: PathBuf,
    },
    /// Files that look like migrations (`*.sql`) but are not named `NNNN_name.sql` or
    /// `NNNN_name.down.sql`: they would never run.
    #[error("{} in {} {} not named like a migration (`NNNN_name.sql` or `NNNN_name.down.sql`: four digits, `_`, then letters, digits and `_`), so {} would never run: rename or remove {}", join(.files, ", "), .dir.display(), plural(.files, "is", "are"), plural(.files, "it", "they"), plural(.files, "it", "them"))]
    UnrecognizedFiles {
        /// The migrations folder.
        dir: PathBuf,
        /// The file names, quoted (a name that is not UTF-8 is shown with escapes).
        files: Vec<String>,
    },
    /// A snapshot could not be read.
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    /// A migration has no snapshot, so the history cannot be checked.
    #[error("migration {migration} has no snapshot at {path}: restore it from version control")]
    MissingSnapshot {
        /// Id of that migration, e.g. `0000_init`.
        migration: String,
        /// Where its snapshot should be.
        path: PathBuf,
    },
    /// A snapshot file records another migration than the one it is named after.
    #[error("snapshot {path} belongs to migration {recorded}, not {migration}: restore it from version control")]
    SnapshotMismatch {
        /// The snapshot file.
        path: PathBuf,
        /// The migration its file name says.
        migration: String,
        /// The migration recorded inside it.
        recorded: String,
    },
    /// Two migrations have the same number: two branches each added one on the same parent.
    #[error("migrations {} collide: two branches each added a migration {}; keep the one merged first, delete the other branch's migration (its .sql, .down.sql and snapshot) and run `cargo xtask migrate-gen` again to write it on top (git's conflict on {SUM_FILE} is the same signal)", .migrations.join(" and "), after(.previous.as_deref()))]
    Collision {
        /// The colliding migrations, e.g. `0003_add_tags` and `0003_add_likes`.
        migrations: Vec<String>,
        /// The migration before them, `None` when they are the first.
        previous: Option<String>,
    },
    /// A migration's snapshot names another parent than the migration before it.
    #[error("{}", broken_chain(.migration, .parent.as_deref(), .previous.as_deref(), *.parent_in_folder))]
    BrokenChain {
        /// The migration out of place.
        migration: String,
        /// The parent its snapshot records.
        parent: Option<String>,
        /// The migration before it in the folder.
        previous: Option<String>,
        /// Whether `parent` is a migration of the folder (else it was deleted).
        parent_in_folder: bool,
    },
    /// `schema.sum` could not be read or was edited.
    #[error(transparent)]
    Sum(#[from] SumError),
    /// The folder has migrations but no `schema.sum`.
    #[error("{path} is missing: restore it from version control, or run `cargo xtask migrate-hash` to write it for the migrations as they are")]
    SumMissing {
        /// Where the sum file should be.
        path: PathBuf,
    },
    /// Migration files or snapshots differ from what `schema.sum` records.
    #[error("the migrations do not match {path}: {}; restore them from version control, or run `cargo xtask migrate-hash` if the change is intended", join(.mismatches, ", "))]
    Integrity {
        /// The sum file.
        path: PathBuf,
        /// Each file edited, missing or added by hand.
        mismatches: Vec<SumMismatch>,
    },
    /// The change from the latest snapshot to the models cannot be planned as asked.
    #[error("the change {} cannot be written as a migration:\n{error}", since(.latest.as_deref()))]
    Refused {
        /// The latest migration.
        latest: Option<String>,
        /// The refused items.
        error: DiffError,
    },
    /// The reverse change (models back to the latest snapshot) cannot be planned.
    #[error("the down migration of the change {} cannot be written:\n{error}", since(.latest.as_deref()))]
    DownRefused {
        /// The latest migration.
        latest: Option<String>,
        /// The refused items.
        error: DiffError,
    },
    /// [`check`]: the models differ from the latest snapshot.
    #[error("the models changed {} and no migration records it: run `cargo xtask migrate-gen`", since(.latest.as_deref()))]
    ModelsChanged {
        /// The latest migration, `None` when there is none.
        latest: Option<String>,
    },
    /// Migration numbers have four digits.
    #[error("the folder already has migration 9999: squash migrations before adding more")]
    TooManyMigrations,
    /// Writing the files of a run failed; none of them was written (see [`generate_with`]).
    #[error("cannot write {path}: {source}; nothing was written, the folder is as it was")]
    WriteFailed {
        /// The file (or folder) that could not be written.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// Reading the migrations folder or writing a file failed.
    #[error("cannot access {path}: {source}")]
    Io {
        /// The folder or file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

/// `one` for a single item, else `many`.
fn plural<T>(items: &[T], one: &'static str, many: &'static str) -> &'static str {
    if items.len() == 1 {
        one
    } else {
        many
    }
}

fn join_errors(errors: &[SchemaError]) -> String {
    join(errors, "; ")
}

fn join<T: fmt::Display>(items: &[T], separator: &str) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}

fn after(previous: Option<&str>) -> String {
    match previous {
        Some(p) => format!("on top of {p}"),
        None => "as the first migration".to_owned(),
    }
}

fn since(latest: Option<&str>) -> String {
    match latest {
        Some(l) => format!("since migration {l}"),
        None => "since the empty database".to_owned(),
    }
}

fn broken_chain(
    migration: &str,
    parent: Option<&str>,
    previous: Option<&str>,
    parent_in_folder: bool,
) -> String {
    match parent {
        Some(p) if !parent_in_folder => format!(
            "migration {migration} was written on top of {p}, which is not in the folder: restore {p} from version control"
        ),
        _ => format!(
            "migration {migration} was written {}, but follows {} in the folder (merged from another branch?): delete {migration} (its .sql, .down.sql and snapshot) and run `cargo xtask migrate-gen` again to write it on top",
            after(parent),
            previous.unwrap_or("nothing"),
        ),
    }
}

/// What [`generate`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Generated {
    /// A new migration was written, with its down file, its snapshot and a new `schema.sum`.
    Written {
        /// Id of the new migration, e.g. `0000_init`.
        migration: String,
        /// Path of the `.sql` file written.
        sql: PathBuf,
        /// Path of the `.down.sql` file written.
        down: PathBuf,
        /// The migration it follows; `None` when it starts a new history (the folder had no
        /// migrations).
        parent: Option<String>,
    },
    /// The models equal the latest snapshot: nothing was written.
    NoChanges {
        /// Id of the latest migration, `None` when the folder has none and the models are
        /// empty.
        latest: Option<String>,
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

/// The number and id of a migration file name: `0003_add_tags.sql` (or
/// `0003_add_tags.down.sql`) is `(3, "0003_add_tags", down)`. `None` for any other name.
fn parse_file_name(file: &str) -> Option<(u32, &str, bool)> {
    let (id, down) = match file.strip_suffix(DOWN_SUFFIX) {
        Some(id) => (id, true),
        None => (file.strip_suffix(".sql")?, false),
    };
    let digits = id.get(..4)?;
    let name = id.get(5..)?;
    let well_formed = digits.bytes().all(|b| b.is_ascii_digit())
        && id.as_bytes()[4] == b'_'
        && is_valid_name(name);
    if well_formed {
        Some((digits.parse().ok()?, id, down))
    } else {
        None
    }
}

/// A migration name: ASCII letters, digits and `_`, not empty.
fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Whether a file of the folder is meant as a migration: its name ends in `.sql`, in any case
/// (a name that is not UTF-8 is read with replacement characters).
fn looks_like_migration(file: &OsStr) -> bool {
    let name = file.to_string_lossy();
    name.len() >= 4 && name[name.len() - 4..].eq_ignore_ascii_case(".sql")
}

/// The migrations of a folder (`NNNN_name.sql`, not the `.down.sql` files) in number order,
/// then name order. A missing folder has none. Any other `*.sql` file (`3_x.sql`,
/// `00003_x.sql`, a name that is not UTF-8) is an error, [`MigrateError::UnrecognizedFiles`],
/// since it would never run.
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
    let mut unrecognized = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|source| MigrateError::Io {
                path: dir.to_owned(),
                source,
            })?
            .path();
        let Some(file) = path.file_name() else {
            continue;
        };
        match file.to_str().and_then(parse_file_name) {
            Some((_, _, true)) => {}
            Some((number, id, false)) => found.push(MigrationFile {
                id: id.to_owned(),
                number,
                sql: path.clone(),
            }),
            None if looks_like_migration(file) => unrecognized.push(file.to_owned()),
            None => {}
        }
    }
    if !unrecognized.is_empty() {
        unrecognized.sort();
        return Err(MigrateError::UnrecognizedFiles {
            dir: dir.to_owned(),
            files: unrecognized
                .iter()
                .map(|file| match file.to_str() {
                    Some(name) => format!("`{name}`"),
                    None => format!("{file:?} (not UTF-8)"),
                })
                .collect(),
        });
    }
    found.sort_by(|a, b| (a.number, &a.id).cmp(&(b.number, &b.id)));
    Ok(found)
}

/// Where the snapshot of `migration` (an id such as `0000_init`) lives in the migrations
/// folder `dir`: `dir/snapshots/<migration>.json`.
pub fn snapshot_path(dir: &Path, migration: &str) -> PathBuf {
    dir.join(SNAPSHOT_DIR).join(format!("{migration}.json"))
}

/// Where the down migration of `migration` lives: `dir/<migration>.down.sql`.
pub fn down_path(dir: &Path, migration: &str) -> PathBuf {
    dir.join(format!("{migration}{DOWN_SUFFIX}"))
}

/// How [`generate_with`] names and plans the next migration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenerateOptions {
    /// The part after `NNNN_`; derived from the change when `None` (see [`generate`]).
    pub name: Option<String>,
    /// Plan changes that lose data (drops) instead of refusing them: `--allow-destructive`.
    pub allow_destructive: bool,
    /// The `lock_timeout` and `statement_timeout` every segment of the up and down files
    /// sets (`--lock-timeout`, `--statement-timeout`, `--long-statement-timeout`); the
    /// defaults are `5s`, `1min` and, where a statement may run long, `1h`
    /// ([`crate::diff::timeouts`]).
    pub timeouts: Timeouts,
}

/// Compares the models with the latest snapshot in `dir` and writes the next migration,
/// refusing destructive changes. See [`generate_with`].
///
/// ```
/// # let dir = tempfile_dir();
/// # fn tempfile_dir() -> std::path::PathBuf {
/// #     let d = std::env::temp_dir().join(format!("schema-core-doc-{}", std::process::id()));
/// #     let _ = std::fs::remove_dir_all(&d);
/// #     d
/// # }
/// use schema_core::migrate::{check, generate, Generated};
/// use schema_core::{Schema, Table};
///
/// #[derive(Table)]
/// pub struct User {
///     #[column(primary_key)]
///     pub id: i64,
/// }
///
/// let schema = Schema::new().table::<User>();
/// let written = generate(&schema, &dir, None).unwrap();
/// assert!(matches!(written, Generated::Written { ref migration, .. } if migration == "0000_init"));
/// assert_eq!(check(&schema, &dir).unwrap().to_string(), "ok: 1 migration, models match 0000_init");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn generate(
    schema: &Schema,
    dir: &Path,
    name: Option<&str>,
) -> Result<Generated, MigrateError> {
    let options = GenerateOptions {
        name: name.map(str::to_owned),
        ..GenerateOptions::default()
    };
    generate_with(schema, dir, &options)
}

/// Compares the models with the latest snapshot in `dir` and writes the next migration:
/// `NNNN_name.sql`, `NNNN_name.down.sql`, `snapshots/NNNN_name.json` (whose parent is the
/// latest migration) and a new `schema.sum`.
///
/// The folder is checked first, as [`check`] does: colliding branches, a broken parent
/// chain or files that do not match `schema.sum` are errors and nothing is written. With no
/// change it writes nothing and returns [`Generated::NoChanges`]. Everything is computed before
/// the first file is written, so a refusal writes nothing either, and the files are written
/// all or none: each goes to a temporary file that is renamed into place once all are written,
/// and a failure (a folder that cannot be written, a full disk, a file created meanwhile)
/// leaves the folder exactly as it was.
///
/// Every migration is [`diff`](crate::diff::diff)`(latest, models)`, the first one's `latest`
/// being an empty database ([`diff_from_empty`](crate::diff::diff_from_empty)); its down file
/// is [`diff_down`](crate::diff::diff_down)`(models, latest)`: destructive changes allowed,
/// since undoing an addition is a drop, and a hazard on each column or table it re-adds empty.
///
/// The name defaults to `init` for the first migration. Later, a change of one table or enum
/// is named after it: `create_posts`, `alter_users`, `drop_tags` (non-alphanumeric characters
/// become `_`), whatever `renamed_from` or `using` hints the models still carry. Any other
/// change is named [`DEFAULT_NAME`]. A given name must be letters, digits and `_`, at most
/// [`MAX_NAME_LEN`] long (file names have 255 bytes), or it is refused before anything is
/// written.
pub fn generate_with(
    schema: &Schema,
    dir: &Path,
    options: &GenerateOptions,
) -> Result<Generated, MigrateError> {
    let named = match &options.name {
        Some(name) => validate_name(name),
        None => Ok(()),
    };
    match list_migrations(dir) {
        Ok(migrations) if migrations.is_empty() => {
            first::generate_first(schema, dir, options, named, migrations)
        }
        listed => generate_next(schema, dir, options, named, listed),
    }
}

/// [`generate_with`] on a folder that has migrations (or whose listing failed, which
/// [`read_listed_history`] reports in its turn).
fn generate_next(
    schema: &Schema,
    dir: &Path,
    options: &GenerateOptions,
    named: Result<(), MigrateError>,
    listed: Result<Vec<MigrationFile>, MigrateError>,
) -> Result<Generated, MigrateError> {
    // What `Schema::without_hints` gives, copied only when the models carry hints.
    let snapshot_schema = without_hints_if_any(schema);
    // The models' snapshot is written while the folder is read: the latest snapshot's tables
    // that it has byte for byte are copied from the models rather than parsed.
    let (written, history) = parallel::both(
        || SchemaJson::of(&snapshot_schema),
        || listed.and_then(|migrations| read_listed_history(dir, migrations, true)),
    );
    let read = || -> Result<_, MigrateError> {
        let history = history?;
        let latest = match (history.migrations.last(), history.latest) {
            (Some(m), Some(text)) => {
                Some((m, text.into_schema(Some((&snapshot_schema, &written)))?))
            }
            (Some(m), None) => Some((m, Snapshot::read(&snapshot_path(dir, &m.id))?.schema)),
            (None, _) => None,
        };
        let latest = latest.map(|(m, before)| ((m.id.clone(), m.number), before));
        Ok((history.sum, latest))
    };
    // The models are checked while the latest snapshot is read against them. Their errors,
    // then the name's, still come before any of the folder's.
    let (valid, read) = parallel::both(|| schema.validate(), read);
    valid.map_err(MigrateError::InvalidSchema)?;
    named?;
    let (sum, latest) = read?;
    let Some(((latest_id, latest_number), before)) = latest else {
        // The folder's migrations went away while it was read: it is a first migration.
        return first::generate_first(schema, dir, options, Ok(()), Vec::new());
    };
    // Both sides in the diff engine's form, once, for the comparison, the name and the up and
    // down diffs: each copy is as large as the schema. The snapshot is put in that form in
    // place.
    let prepared = (
        into_canonical_keeping_hints(before),
        canonical_keeping_hints_cow(schema),
    );
    // What `canonical` gives, from the prepared forms; compared by their objects, since
    // borrowed models keep their validation rules, which `canonical` leaves out.
    let (before, after) = (
        without_hints_if_any(&prepared.0),
        without_hints_if_any(&prepared.1),
    );
    if before.same_objects(&after) {
        return Ok(Generated::NoChanges {
            latest: Some(latest_id),
        });
    }
    if latest_number >= 9999 {
        return Err(MigrateError::TooManyMigrations);
    }
    let name = match &options.name {
        Some(name) => name.clone(),
        None => derive_name(&before, &after, schema),
    };
    drop((before, after));
    let id = format!("{:04}_{name}", latest_number + 1);
    let files = FileNames::of(&id, Some(latest_id));
    // The snapshot, the largest file, is put together, hashed and written to disk on a second
    // thread meanwhile: its wait for the disk is then over by the time the SQL is.
    let (snapshot, sql) = parallel::both(
        || stage_snapshot(dir, &files, written),
        || plan_files(&files, &prepared.0, &prepared.1, options),
    );
    // A refused migration is the error to report, before any failure to write the snapshot;
    // either way the batch, dropped, removes what it wrote.
    let sql = sql?;
    let snapshot = snapshot?;
    drop(snapshot_schema);
    write_migration(
        dir,
        &files,
        snapshot,
        sum,
        sql,
        // Both schemas, each of thousands of allocations, are freed on a second thread while
        // the files are written.
        move || drop(prepared),
    )
}

/// The files of migration `id`, relative to its folder, and the migration before it.
struct FileNames {
    id: String,
    parent: Option<String>,
    sql: String,
    down: String,
    snapshot: String,
}

impl FileNames {
    fn of(id: &str, parent: Option<String>) -> Self {
        FileNames {
            id: id.to_owned(),
            parent,
            sql: format!("{id}.sql"),
            down: format!("{id}{DOWN_SUFFIX}"),
            snapshot: format!("{SNAPSHOT_DIR}/{id}.json"),
        }
    }
}

/// The models' snapshot as migration `files.id` leaves it, written and synced to its final
/// name's temporary in a new batch, with its hash for `schema.sum`.
fn stage_snapshot(
    dir: &Path,
    files: &FileNames,
    written: SchemaJson,
) -> Result<(Batch, String), MigrateError> {
    let json = written.into_snapshot(FORMAT_VERSION, &files.id, files.parent.as_deref());
    let hash = hash_bytes(json.as_bytes());
    let mut batch = Batch::default();
    batch
        .stage_synced(&FileWrite {
            path: dir.join(&files.snapshot),
            contents: json.into_bytes(),
            replace: false,
        })
        .map(|()| (batch, hash))
}

/// The up and down files of migration `files` from `before` to `after` (both in
/// [`canonical_keeping_hints`](crate::model::canonical_keeping_hints) form), each with its
/// hash, planned at once on two threads. A refused up migration is the error reported.
fn plan_files(
    files: &FileNames,
    before: &Schema,
    after: &Schema,
    options: &GenerateOptions,
) -> Result<UpAndDown, MigrateError> {
    let forward = DiffOptions {
        allow_destructive: options.allow_destructive,
    };
    let (id, parent) = (files.id.as_str(), files.parent.as_deref());
    let (down, up) = parallel::both(
        || {
            diff_down_canonical(Cow::Borrowed(after), before)
                .map(|down| Hashed::new(file_text(down_header(id, parent), &down, options)))
                .map_err(|error| MigrateError::DownRefused {
                    latest: parent.map(str::to_owned),
                    error,
                })
        },
        || {
            diff_canonical(Cow::Borrowed(before), after, &forward)
                .map(|up| Hashed::new(file_text(header(id), &up, options)))
                .map_err(|error| MigrateError::Refused {
                    latest: parent.map(str::to_owned),
                    error,
                })
        },
    );
    Ok(UpAndDown {
        up: up?,
        down: down?,
    })
}

/// A migration's up and down files.
struct UpAndDown {
    up: Hashed,
    down: Hashed,
}

/// Writes migration `files`, all or none: its up and down files (each with its hash), the
/// snapshot already staged in `batch` (with its hash), and the new `schema.sum`. `meanwhile`
/// runs on a second thread while the files are written.
fn write_migration(
    dir: &Path,
    files: &FileNames,
    (batch, snapshot_hash): (Batch, String),
    sum: Option<SumFile>,
    UpAndDown { up, down }: UpAndDown,
    meanwhile: impl FnOnce() + Send,
) -> Result<Generated, MigrateError> {
    let hashes = [
        (files.sql.as_str(), up.hash),
        (files.down.as_str(), down.hash),
        (files.snapshot.as_str(), snapshot_hash),
    ];
    let sum = sum_text(sum.unwrap_or_default(), &hashes);
    let writes = [
        (files.sql.as_str(), up.text.into_bytes(), false),
        (files.down.as_str(), down.text.into_bytes(), false),
        (SUM_FILE, sum.into_bytes(), true),
    ]
    .map(|(file, contents, replace)| FileWrite {
        path: dir.join(file),
        contents,
        replace,
    });
    parallel::both(meanwhile, || batch.commit(&writes)).1?;
    Ok(Generated::Written {
        migration: files.id.clone(),
        sql: dir.join(&files.sql),
        down: down_path(dir, &files.id),
        parent: files.parent.clone(),
    })
}

/// A file's text with its hash for `schema.sum`, taken on the thread that wrote it.
struct Hashed {
    text: String,
    hash: String,
}

impl Hashed {
    fn new(text: String) -> Self {
        let hash = hash_bytes(text.as_bytes());
        Hashed { text, hash }
    }
}

/// A `--name` must make file names every filesystem accepts: the characters of
/// [`is_valid_name`] (so no `/` or NUL), and short enough for `NNNN_<name>.down.sql`.
fn validate_name(name: &str) -> Result<(), MigrateError> {
    if !is_valid_name(name) {
        return Err(MigrateError::InvalidName(name.to_owned()));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(MigrateError::NameTooLong { length: name.len() });
    }
    Ok(())
}

/// A migration file: its header, then the plan's script, or a line saying there is nothing to
/// run; written into the header's buffer.
fn file_text(mut header: String, plan: &Plan<'_>, options: &GenerateOptions) -> String {
    if plan.is_empty() {
        header.push_str("-- Nothing to run: the change does not touch the database.\n");
    } else {
        plan.append_sql_to(&mut header, &options.timeouts);
    }
    header
}

/// `create_posts`, `alter_users`, `drop_tags` when exactly one table, enum, extension,
/// sequence or function changed, else
/// [`DEFAULT_NAME`]. Both sides are compared in canonical form (`before` and `after`, the
/// [`canonical`] forms of the snapshot and of `raw_after`, the models), without hints: a
/// `renamed_from` or `using` left in the models after its migration is not a change, and the
/// name never depends on hints.
/// The objects of one kind created, altered or dropped between `before` and `after`, by
/// their name (`key` gives schema and name), as [`derive_name`] words them.
fn named_changes<'a, T: PartialEq>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&'a T) -> (&'a str, &'a str),
    changes: &mut Vec<(&'static str, &'a str)>,
) {
    for object in after {
        match before.iter().find(|o| key(o) == key(object)) {
            None => changes.push(("create", key(object).1)),
            Some(old) if old != object => changes.push(("alter", key(object).1)),
            Some(_) => {}
        }
    }
    for object in before {
        if !after.iter().any(|o| key(o) == key(object)) {
            changes.push(("drop", key(object).1));
        }
    }
}

fn derive_name(before: &Schema, after: &Schema, raw_after: &Schema) -> String {
    let mut changes: Vec<(&str, &str)> = Vec::new();
    for table in &after.tables {
        match before.find_table(&table.qualified_name()) {
            None => changes.push(("create", &table.name)),
            Some(old) if old != table => changes.push(("alter", &table.name)),
            Some(_) => {}
        }
        // Three changes or more are never named after one (a rename is two): the rest of
        // a large schema need not be compared.
        if changes.len() > 2 {
            return DEFAULT_NAME.to_owned();
        }
    }
    for table in &before.tables {
        if after.find_table(&table.qualified_name()).is_none() {
            changes.push(("drop", &table.name));
        }
    }
    named_changes(
        &before.enums,
        &after.enums,
        |e| (&e.schema, &e.name),
        &mut changes,
    );
    named_changes(
        &before.domains,
        &after.domains,
        |d| (&d.schema, &d.name),
        &mut changes,
    );
    named_changes(
        &before.extensions,
        &after.extensions,
        |e| ("", &e.name),
        &mut changes,
    );
    named_changes(
        &before.sequences,
        &after.sequences,
        |s| (&s.schema, &s.name),
        &mut changes,
    );
    named_changes(
        &before.functions,
        &after.functions,
        |f| (&f.schema, &f.name),
        &mut changes,
    );
    named_changes(
        &before.raw_objects,
        &after.raw_objects,
        |r| (&r.schema, &r.name),
        &mut changes,
    );
    named_changes(
        &before.views,
        &after.views,
        |v| (&v.schema, &v.name),
        &mut changes,
    );
    // A declared table rename reads as a drop and a create once hints are gone; the hint of
    // the created table (still in `raw_after`) says whether the pair is that rename.
    if let [("create", new), ("drop", old)] = changes.as_slice() {
        let declared = raw_after.tables.iter().any(|t| {
            t.name == *new
                && t.renamed_from.as_deref().is_some_and(|hint| {
                    hint == *old || hint.rsplit_once('.').is_some_and(|(_, n)| n == *old)
                })
        });
        if declared {
            changes = vec![("rename", new)];
        }
    }
    match changes.as_slice() {
        [(verb, object)] => {
            let object: String = object
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .take(48)
                .collect();
            if object.bytes().any(|b| b.is_ascii_alphanumeric()) {
                format!("{verb}_{object}")
            } else {
                DEFAULT_NAME.to_owned()
            }
        }
        _ => DEFAULT_NAME.to_owned(),
    }
}

/// What [`check`] found when all is well.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    /// Number of migrations in the folder.
    pub migrations: usize,
    /// The latest migration, whose snapshot equals the models; `None` when there is none and
    /// the models are empty.
    pub latest: Option<String>,
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.migrations == 1 { "" } else { "s" };
        match &self.latest {
            Some(latest) => write!(
                f,
                "ok: {} migration{plural}, models match {latest}",
                self.migrations
            ),
            None => write!(f, "ok: no migrations, and the models are empty"),
        }
    }
}

/// Checks a migrations folder against the models, writing nothing: `cargo xtask check`, for
/// CI. In this order, the first problem found is the error:
///
/// * the models are not a valid schema ([`MigrateError::InvalidSchema`]);
/// * the folder does not exist ([`MigrateError::MissingFolder`]);
/// * a `*.sql` file is not named like a migration ([`MigrateError::UnrecognizedFiles`]);
/// * two branches added migrations with one number ([`MigrateError::Collision`]) or a
///   migration was written on top of another parent than the one before it
///   ([`MigrateError::BrokenChain`]);
/// * a snapshot is missing, corrupt or misnamed;
/// * a migration or snapshot was edited, deleted or added by hand, or `schema.sum` is
///   missing, corrupt or edited ([`MigrateError::Integrity`], [`MigrateError::Sum`]);
/// * the models differ from the latest snapshot ([`MigrateError::ModelsChanged`]).
pub fn check(schema: &Schema, dir: &Path) -> Result<CheckReport, MigrateError> {
    schema.validate().map_err(MigrateError::InvalidSchema)?;
    require_folder(dir)?;
    let history = read_history(dir, true)?;
    let migrations = history.migrations;
    let latest = migrations.last().map(|m| m.id.clone());
    let before = match (&latest, history.latest) {
        (Some(_), Some(text)) => text.into_schema(None)?,
        (Some(id), None) => Snapshot::read(&snapshot_path(dir, id))?.schema,
        (None, _) => Schema::new(),
    };
    if canonical(&before) != canonical(schema) {
        return Err(MigrateError::ModelsChanged { latest });
    }
    Ok(CheckReport {
        migrations: migrations.len(),
        latest,
    })
}

/// Rewrites `dir/schema.sum` for the files as they are (`cargo xtask migrate-hash`), after an
/// intended edit of a migration. Collisions and a broken parent chain are still errors: a sum
/// must not bless them. Returns the path written.
pub fn rehash(dir: &Path) -> Result<PathBuf, MigrateError> {
    require_folder(dir)?;
    read_history(dir, false)?;
    let path = dir.join(SUM_FILE);
    write_all(&[FileWrite {
        path: path.clone(),
        contents: sum_text(compute_sum(dir)?, &[]).into_bytes(),
        replace: true,
    }])?;
    Ok(path)
}

/// [`check`] and [`rehash`] read a history: a folder that is not there is a wrong `--dir` or
/// working directory, not an empty history.
fn require_folder(dir: &Path) -> Result<(), MigrateError> {
    match std::fs::metadata(dir) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(MigrateError::MissingFolder {
            path: std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned()),
        }),
        Err(source) => Err(MigrateError::Io {
            path: dir.to_owned(),
            source,
        }),
    }
}

fn header(id: &str) -> String {
    format!("-- Migration {id}: generated from the models by schema-core; edit the models, not this file.\n\n")
}

fn down_header(id: &str, parent: Option<&str>) -> String {
    let back_to = match parent {
        Some(p) => format!("the state of {p}"),
        None => "an empty database".to_owned(),
    };
    format!("-- Down migration of {id}: back to {back_to}. Generated by schema-core; edit the models, not this file.\n\n")
}
