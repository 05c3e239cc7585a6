//! `migrate-gen` and `check` as a library: the checked-in migrations are what the models
//! produce, later migrations carry their parent and a down file, and every kind of damage to a
//! migrations folder (edits, missing files, colliding branches, a broken sum) is a clear error.

use schema_core::cli::{self, Command as Cli};
use schema_core::diff::Timeout;
use schema_core::migrate::{
    check, down_path, generate, generate_with, rehash, snapshot_path, GenerateOptions, Generated,
    MigrateError, SUM_FILE,
};
use schema_core::model::{ColumnDef, PrimaryKey, SqlType, TableDef};
use schema_core::snapshot::Snapshot;
use schema_core::Schema;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

fn examples_migrations() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/migrations"
    ))
}

/// The examples without `storage.file_tags`, a junction table nothing references: adding it
/// back is the simplest second migration.
fn without_file_tags() -> Schema {
    let mut schema = schema_examples::schema();
    schema.tables.retain(|t| t.name != "file_tags");
    schema
}

/// A table the examples do not have, in a schema of its own.
fn audit_log(schema: &str) -> TableDef {
    let mut t = TableDef::new(schema, "audit_log");
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns
        .push(ColumnDef::new("message", SqlType::Text, false));
    t.primary_key = Some(PrimaryKey {
        name: "audit_log_pkey".into(),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    t
}

fn with_table(mut schema: Schema, table: TableDef) -> Schema {
    schema.add_table(table);
    schema
}

fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["", "snapshots"] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            for entry in entries {
                let entry = entry.unwrap();
                if entry.file_type().unwrap().is_file() {
                    let name = entry.file_name().into_string().unwrap();
                    out.push(if sub.is_empty() {
                        name
                    } else {
                        format!("{sub}/{name}")
                    });
                }
            }
        }
    }
    out.sort();
    out
}

/// The committed migrations must be regenerated when the models change (like rust-analyzer's
/// codegen `--check`): a stale file fails here.
#[test]
fn checked_in_migrations_are_current() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = generate(&schema_examples::schema(), dir.path(), None).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0000_init")
    );
    assert_eq!(files(dir.path()), files(examples_migrations()));
    for file in files(dir.path()) {
        let fresh = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        let committed = std::fs::read_to_string(examples_migrations().join(&file)).unwrap();
        assert_eq!(
            committed, fresh,
            "examples/migrations/{file} is stale: delete examples/migrations and run `cargo xtask migrate-gen`"
        );
    }
    let report = check(&schema_examples::schema(), examples_migrations()).unwrap();
    assert_eq!(
        report.to_string(),
        "ok: 1 migration, models match 0000_init"
    );
}

#[test]
fn second_run_without_changes_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_examples::schema();
    generate(&schema, dir.path(), Some("init")).unwrap();
    let before = files(dir.path());
    let outcome = generate(&schema, dir.path(), Some("again")).unwrap();
    assert_eq!(
        outcome,
        Generated::NoChanges {
            latest: Some("0000_init".into())
        }
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn first_migration_writes_down_snapshot_and_sum() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    assert_eq!(
        files(dir.path()),
        [
            "0000_init.down.sql",
            "0000_init.sql",
            SUM_FILE,
            "snapshots/0000_init.json"
        ]
    );
    let down = std::fs::read_to_string(down_path(dir.path(), "0000_init")).unwrap();
    assert!(
        down.contains(r#"DROP TABLE "storage"."file_tags";"#),
        "{down}"
    );
    assert!(
        down.contains(r#"DROP TYPE "credits"."transaction_type";"#),
        "{down}"
    );
    assert!(
        down.trim_end().ends_with(r#"DROP SCHEMA "tenancy";"#),
        "{down}"
    );
}

#[test]
fn second_migration_has_parent_and_down_file() {
    let dir = tempfile::tempdir().unwrap();
    generate(&without_file_tags(), dir.path(), None).unwrap();
    let outcome = generate(&schema_examples::schema(), dir.path(), None).unwrap();
    let Generated::Written {
        migration,
        sql,
        down,
        parent,
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(migration, "0001_create_file_tags");
    assert_eq!(parent.as_deref(), Some("0000_init"));
    let up = std::fs::read_to_string(sql).unwrap();
    assert!(up.contains(r#"CREATE TABLE "storage"."file_tags""#), "{up}");
    assert!(!up.contains("CREATE SCHEMA"), "{up}");
    let down = std::fs::read_to_string(down).unwrap();
    assert!(
        down.contains(r#"DROP TABLE "storage"."file_tags";"#),
        "{down}"
    );
    assert!(!down.contains("DROP SCHEMA"), "{down}");
    let snapshot = Snapshot::read(&snapshot_path(dir.path(), &migration)).unwrap();
    assert_eq!(snapshot.parent.as_deref(), Some("0000_init"));
    assert_eq!(snapshot.schema, schema_examples::schema().database());
    let sum = std::fs::read_to_string(dir.path().join(SUM_FILE)).unwrap();
    for file in files(dir.path()).iter().filter(|f| *f != SUM_FILE) {
        assert!(sum.contains(&format!("\n{file} sha256:")), "{file}: {sum}");
    }
    let report = check(&schema_examples::schema(), dir.path()).unwrap();
    assert_eq!(
        report.to_string(),
        "ok: 2 migrations, models match 0001_create_file_tags"
    );
}

#[test]
fn a_given_name_and_the_default_name() {
    let dir = tempfile::tempdir().unwrap();
    let base = without_file_tags();
    generate(&base, dir.path(), None).unwrap();
    let two_tables = with_table(schema_examples::schema(), audit_log("public"));
    let outcome = generate(&two_tables, dir.path(), None).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0001_migration"),
        "{outcome:?}"
    );
    let three = with_table(two_tables, audit_log("audit"));
    let outcome = generate(&three, dir.path(), Some("add_audit")).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0002_add_audit"),
        "{outcome:?}"
    );
}

#[test]
fn destructive_change_is_refused_without_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    let before = files(dir.path());
    // A table forgotten in `schema()`: never a silent DROP TABLE.
    let error = generate(&without_file_tags(), dir.path(), Some("next")).unwrap_err();
    assert!(matches!(error, MigrateError::Refused { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("storage.file_tags"), "{message}");
    assert!(message.contains("--allow-destructive"), "{message}");
    assert_eq!(files(dir.path()), before);

    let options = GenerateOptions {
        name: None,
        allow_destructive: true,
        ..GenerateOptions::default()
    };
    let outcome = generate_with(&without_file_tags(), dir.path(), &options).unwrap();
    let Generated::Written { sql, down, .. } = outcome else {
        panic!("{outcome:?}")
    };
    assert!(sql.ends_with("0001_drop_file_tags.sql"));
    let up = std::fs::read_to_string(sql).unwrap();
    assert!(up.contains(r#"DROP TABLE "storage"."file_tags";"#), "{up}");
    let down = std::fs::read_to_string(down).unwrap();
    assert!(
        down.contains(r#"CREATE TABLE "storage"."file_tags""#),
        "{down}"
    );
}

#[test]
fn check_reports_models_without_migration() {
    let dir = tempfile::tempdir().unwrap();
    let error = check(&schema_examples::schema(), dir.path()).unwrap_err();
    assert!(
        matches!(error, MigrateError::ModelsChanged { latest: None }),
        "{error}"
    );
    generate(&without_file_tags(), dir.path(), None).unwrap();
    let message = check(&schema_examples::schema(), dir.path())
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "the models changed since migration 0000_init and no migration records it: run `cargo xtask migrate-gen`"
    );
    assert_eq!(
        check(&Schema::new(), tempfile::tempdir().unwrap().path())
            .unwrap()
            .to_string(),
        "ok: no migrations, and the models are empty"
    );
}

#[test]
fn edited_migration_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_examples::schema();
    generate(&schema, dir.path(), None).unwrap();
    let sql = dir.path().join("0000_init.sql");
    let text = std::fs::read_to_string(&sql).unwrap();
    let edited = text.replace("character varying(255)", "character varying(100)");
    assert_ne!(edited, text);
    std::fs::write(&sql, edited).unwrap();
    let error = check(&schema, dir.path()).unwrap_err();
    assert!(matches!(error, MigrateError::Integrity { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("0000_init.sql was edited"), "{message}");
    assert!(message.contains("migrate-hash"), "{message}");
    assert!(!message.contains('\n'), "{message}");
    // migrate-gen refuses to build on an edited history as well.
    let error = generate(
        &with_table(schema.clone(), audit_log("public")),
        dir.path(),
        None,
    )
    .unwrap_err();
    assert!(matches!(error, MigrateError::Integrity { .. }), "{error}");
    // An intended edit is accepted by rewriting the sum.
    rehash(dir.path()).unwrap();
    check(&schema, dir.path()).unwrap();
}

#[test]
fn missing_and_added_files_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_examples::schema();
    generate(&schema, dir.path(), None).unwrap();
    std::fs::remove_file(down_path(dir.path(), "0000_init")).unwrap();
    std::fs::write(dir.path().join("0001_by_hand.down.sql"), "DROP TABLE x;").unwrap();
    let message = check(&schema, dir.path()).unwrap_err().to_string();
    assert!(
        message.contains("0000_init.down.sql is missing"),
        "{message}"
    );
    assert!(
        message.contains("0001_by_hand.down.sql was added by hand"),
        "{message}"
    );
}

#[test]
fn missing_snapshot_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    std::fs::remove_file(snapshot_path(dir.path(), "0000_init")).unwrap();
    for error in [
        check(&schema_examples::schema(), dir.path()).unwrap_err(),
        generate(&schema_examples::schema(), dir.path(), None).unwrap_err(),
    ] {
        assert!(
            matches!(error, MigrateError::MissingSnapshot { ref migration, .. } if migration == "0000_init"),
            "{error}"
        );
    }
}

/// Two branches start from the same `0000_init` and each add `0001_*`; after the merge the
/// folder has both, and `schema.sum` (on which git reported a conflict) kept one side.
fn merged_branches() -> (tempfile::TempDir, Schema) {
    let main = tempfile::tempdir().unwrap();
    let base = without_file_tags();
    generate(&base, main.path(), None).unwrap();
    let branch = tempfile::tempdir().unwrap();
    for file in files(main.path()) {
        std::fs::create_dir_all(branch.path().join("snapshots")).unwrap();
        std::fs::copy(main.path().join(&file), branch.path().join(&file)).unwrap();
    }
    generate(&schema_examples::schema(), main.path(), None).unwrap();
    let theirs = with_table(base, audit_log("public"));
    generate(&theirs, branch.path(), None).unwrap();
    for file in [
        "0001_create_audit_log.sql",
        "0001_create_audit_log.down.sql",
        "snapshots/0001_create_audit_log.json",
    ] {
        std::fs::copy(branch.path().join(file), main.path().join(file)).unwrap();
    }
    (
        main,
        with_table(schema_examples::schema(), audit_log("public")),
    )
}

#[test]
fn branch_collision_names_both_migrations() {
    let (dir, merged) = merged_branches();
    for error in [
        check(&merged, dir.path()).unwrap_err(),
        generate(&merged, dir.path(), None).unwrap_err(),
        rehash(dir.path()).unwrap_err(),
    ] {
        assert!(matches!(error, MigrateError::Collision { .. }), "{error}");
        let message = error.to_string();
        assert!(
            message.starts_with(
                "migrations 0001_create_audit_log and 0001_create_file_tags collide: two branches each added a migration on top of 0000_init"
            ),
            "{message}"
        );
        assert!(
            message.contains("delete the other branch's migration"),
            "{message}"
        );
        assert!(message.contains("cargo xtask migrate-gen"), "{message}");
    }
}

#[test]
fn a_migration_on_another_parent_is_an_error() {
    let (dir, merged) = merged_branches();
    // Renumbering the branch's migration by hand does not put it on top of the other one.
    for (from, to) in [
        ("0001_create_audit_log.sql", "0002_create_audit_log.sql"),
        (
            "0001_create_audit_log.down.sql",
            "0002_create_audit_log.down.sql",
        ),
    ] {
        std::fs::rename(dir.path().join(from), dir.path().join(to)).unwrap();
    }
    let snapshot = snapshot_path(dir.path(), "0001_create_audit_log");
    let text = std::fs::read_to_string(&snapshot)
        .unwrap()
        .replace("\"migration\": \"0001_", "\"migration\": \"0002_");
    std::fs::write(snapshot_path(dir.path(), "0002_create_audit_log"), text).unwrap();
    std::fs::remove_file(snapshot).unwrap();
    let error = check(&merged, dir.path()).unwrap_err();
    assert!(matches!(error, MigrateError::BrokenChain { .. }), "{error}");
    assert_eq!(
        error.to_string(),
        "migration 0002_create_audit_log was written on top of 0000_init, but follows 0001_create_file_tags in the folder (merged from another branch?): delete 0002_create_audit_log (its .sql, .down.sql and snapshot) and run `cargo xtask migrate-gen` again to write it on top"
    );
    // Deleting it as the message says, then generating, puts it on top.
    for file in [
        "0002_create_audit_log.sql",
        "0002_create_audit_log.down.sql",
        "snapshots/0002_create_audit_log.json",
    ] {
        std::fs::remove_file(dir.path().join(file)).unwrap();
    }
    let outcome = generate(&merged, dir.path(), None).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0002_create_audit_log"),
        "{outcome:?}"
    );
    check(&merged, dir.path()).unwrap();
}

#[test]
fn corrupt_sum_file_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_examples::schema();
    generate(&schema, dir.path(), None).unwrap();
    let sum = dir.path().join(SUM_FILE);
    let text = std::fs::read_to_string(&sum).unwrap();
    for (broken, expected) in [
        (
            "garbage\n".to_owned(),
            "line 1: expected `total sha256:<hash>`",
        ),
        (
            text.replacen("0000_init.sql sha256:", "0000_init.sql sha1:", 1),
            "expected `<file> sha256:<hash>`",
        ),
        (
            text.replacen("\n0000_init.sql", "\n<<<<<<< HEAD\n0000_init.sql", 1),
            "git conflict markers",
        ),
        (
            format!("{text}{}\n", text.lines().last().unwrap()),
            "files are not sorted or listed twice",
        ),
    ] {
        std::fs::write(&sum, broken).unwrap();
        let message = check(&schema, dir.path()).unwrap_err().to_string();
        assert!(message.contains(expected), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
    // A sum edited by hand to hide an edit breaks its total.
    let (_, hash) = text.lines().nth(2).unwrap().rsplit_once(' ').unwrap();
    let edited = text.replacen(hash, &format!("sha256:{}", "0".repeat(64)), 1);
    std::fs::write(&sum, edited).unwrap();
    let message = check(&schema, dir.path()).unwrap_err().to_string();
    assert!(message.contains("was edited by hand"), "{message}");
    std::fs::remove_file(&sum).unwrap();
    let error = check(&schema, dir.path()).unwrap_err();
    assert!(matches!(error, MigrateError::SumMissing { .. }), "{error}");
}

#[test]
fn corrupt_snapshot_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    std::fs::write(
        snapshot_path(dir.path(), "0000_init"),
        "{ \"format\": 1, \"migr",
    )
    .unwrap();
    let error = generate(&schema_examples::schema(), dir.path(), None).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("corrupt snapshot "), "{message}");
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn same_name_on_two_branches_is_a_git_conflict_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    let path = snapshot_path(dir.path(), "0000_init");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> theirs\n"),
    )
    .unwrap();
    let message = check(&schema_examples::schema(), dir.path())
        .unwrap_err()
        .to_string();
    assert!(message.contains("git conflict markers"), "{message}");
    assert!(message.contains("migrate-gen"), "{message}");
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn newer_snapshot_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    let path = snapshot_path(dir.path(), "0000_init");
    let text =
        std::fs::read_to_string(&path)
            .unwrap()
            .replacen("\"format\": 1", "\"format\": 99", 1);
    std::fs::write(&path, text).unwrap();
    let message = generate(&schema_examples::schema(), dir.path(), None)
        .unwrap_err()
        .to_string();
    assert!(message.contains("format 99"), "{message}");
}

#[test]
fn bad_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["", "drop table", "../escape"] {
        let error = generate(&schema_examples::schema(), dir.path(), Some(name)).unwrap_err();
        assert!(
            matches!(error, MigrateError::InvalidName(_)),
            "{name}: {error}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn invalid_schema_is_refused_with_every_problem() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("migrations");
    let schema = schema_core::Schema::new().table::<schema_examples::storage::FileTag>();
    let message = generate(&schema, &dir, None).unwrap_err().to_string();
    assert!(message.contains("storage.files"), "{message}");
    assert!(message.contains("storage.tags"), "{message}");
    // The first migration's snapshot is written while the models are checked: it is gone
    // again, with the folder it made.
    assert!(!dir.exists());
    // Before a refused name too.
    let message = generate(&schema, &dir, Some("no spaces"))
        .unwrap_err()
        .to_string();
    assert!(message.contains("storage.files"), "{message}");
    let error = generate(&schema_examples::schema(), &dir, Some("no spaces")).unwrap_err();
    assert!(matches!(error, MigrateError::InvalidName(_)), "{error}");
    assert!(!dir.exists());
}

// ---------------------------------------------------------------------------------------------
// Through the command line (`schema_core::cli`, what `cargo xtask` runs)

/// `cargo xtask <args>` with `schema` as the models: the message printed, and whether it is an
/// error. An error is always one line.
fn xtask(schema: &Schema, args: &[&std::ffi::OsStr]) -> Result<String, String> {
    let args: Vec<OsString> = args.iter().map(|a| a.to_os_string()).collect();
    let outcome = cli::parse_args(args, "unused-default").and_then(|c| cli::run(schema, c));
    if let Err(message) = &outcome {
        assert!(!message.contains('\n'), "not one line: {message}");
    }
    outcome
}

fn os(text: &str) -> &std::ffi::OsStr {
    text.as_ref()
}

/// Every entry under `dir` (folders too) with the bytes of each file, to compare a folder
/// before and after a failed run byte for byte.
fn tree(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
                out.push((path, None));
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, Some(bytes)));
            }
        }
    }
    out.sort();
    out
}

/// A run that cannot write its snapshot writes nothing at all: no `.sql` or `.down.sql` is left
/// behind for later commands to report as damage. (`snapshots/` made read-only does not stop
/// root, who runs these tests; an entry in the way of the snapshot fails for every user. Each
/// step failing in turn, renames included, is `migrate::atomic`'s unit test.)
#[test]
fn a_failed_run_leaves_the_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().as_os_str();
    generate(&without_file_tags(), dir.path(), None).unwrap();
    std::fs::create_dir(snapshot_path(dir.path(), "0001_create_file_tags")).unwrap();
    let before = tree(dir.path());
    let schema = schema_examples::schema();
    let message = xtask(&schema, &[os("migrate-gen"), os("--dir"), dir_arg]).unwrap_err();
    assert_eq!(
        message,
        format!(
            "cannot write {}: it exists already (created since the folder was read?); nothing was written, the folder is as it was",
            snapshot_path(dir.path(), "0001_create_file_tags").display()
        )
    );
    assert_eq!(tree(dir.path()), before);
    // Nothing to restore from version control: the folder is the history it was.
    let message = xtask(&schema, &[os("check"), os("--dir"), dir_arg]).unwrap_err();
    assert!(
        message.starts_with("the models changed since migration 0000_init"),
        "{message}"
    );
    std::fs::remove_dir(snapshot_path(dir.path(), "0001_create_file_tags")).unwrap();
    xtask(&schema, &[os("migrate-gen"), os("--dir"), dir_arg]).unwrap();
    xtask(&schema, &[os("check"), os("--dir"), dir_arg]).unwrap();
}

#[test]
fn check_on_a_missing_folder_says_it_does_not_exist() {
    let root = tempfile::tempdir().unwrap();
    let missing = root.path().join("migrations");
    let schema = schema_examples::schema();
    for command in ["check", "migrate-hash"] {
        let message = xtask(&schema, &[os(command), os("--dir"), missing.as_os_str()]).unwrap_err();
        assert_eq!(
            message,
            format!(
                "the migrations folder {} does not exist: give the right folder with `--dir`, or run `cargo xtask migrate-gen` to start a history there",
                missing.display()
            )
        );
    }
    // Even with empty models: a missing folder is not an empty history.
    let error = check(&Schema::new(), &missing).unwrap_err();
    assert!(
        matches!(error, MigrateError::MissingFolder { .. }),
        "{error}"
    );
    assert!(!missing.exists());
}

#[test]
fn migrate_gen_says_when_it_starts_a_new_history() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("db/migrations");
    let first = xtask(
        &without_file_tags(),
        &[os("migrate-gen"), os("--dir"), dir.as_os_str()],
    )
    .unwrap();
    let absolute = std::fs::canonicalize(&dir).unwrap();
    assert!(
        first.starts_with(&format!(
            "started a new migration history in {} (it had no migrations): wrote ",
            absolute.display()
        )),
        "{first}"
    );
    let second = xtask(
        &schema_examples::schema(),
        &[os("migrate-gen"), os("--dir"), dir.as_os_str()],
    )
    .unwrap();
    assert!(second.starts_with("wrote "), "{second}");
    assert!(!second.contains("new migration history"), "{second}");
}

#[test]
fn misnamed_migration_files_are_an_error_naming_them() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_examples::schema();
    generate(&schema, dir.path(), None).unwrap();
    // Not migrations, and not named like them: left alone.
    std::fs::write(dir.path().join("README.md"), "notes").unwrap();
    xtask(&schema, &[os("check"), os("--dir"), dir.path().as_os_str()]).unwrap();
    let not_utf8 = std::ffi::OsStr::from_bytes(b"0001_caf\xe9.sql");
    for name in [
        os("3_x.sql"),
        os("00003_x.sql"),
        os("0002_add tags.sql"),
        not_utf8,
    ] {
        std::fs::write(dir.path().join(name), "SELECT 1;\n").unwrap();
    }
    let message = xtask(&schema, &[os("check"), os("--dir"), dir.path().as_os_str()]).unwrap_err();
    assert_eq!(
        message,
        format!(
            "`00003_x.sql`, \"0001_caf\\xE9.sql\" (not UTF-8), `0002_add tags.sql`, `3_x.sql` in {} are not named like a migration (`NNNN_name.sql` or `NNNN_name.down.sql`: four digits, `_`, then letters, digits and `_`), so they would never run: rename or remove them",
            dir.path().display()
        )
    );
    // migrate-gen does not build on top of them either.
    let error = generate(&with_table(schema, audit_log("public")), dir.path(), None).unwrap_err();
    assert!(
        matches!(error, MigrateError::UnrecognizedFiles { .. }),
        "{error}"
    );
}

/// The refusal names the command-line flag, and a dropped column with an added one of its
/// type is offered as a rename.
#[test]
fn refusal_names_the_flag_and_the_likely_rename() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().as_os_str();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    let mut renamed = schema_examples::schema();
    users_column(&mut renamed, "name").name = "display_name".into();
    let args = [os("migrate-gen"), os("--dir"), dir_arg];
    let args: Vec<OsString> = args.iter().map(|a| a.to_os_string()).collect();
    // Not `xtask()`: a refusal lists one item per line.
    let message = cli::parse_args(args, "unused")
        .and_then(|c| cli::run(&renamed, c))
        .unwrap_err();
    assert_eq!(
        message,
        "the change since migration 0000_init cannot be written as a migration:\n\
         refusing 1 destructive change that may lose data:\n  \
         - drop column `name` of `public.users`: its values are deleted\n\
         if an item was renamed, declare the rename instead, and no data is lost:\n  \
         - column `name` of `public.users` renamed to `display_name`: `#[column(renamed_from = \"name\")]` on `display_name`\n\
         otherwise confirm the loss with `--allow-destructive`"
    );
    // With the hint, the rename is planned and nothing is refused.
    users_column(&mut renamed, "display_name").renamed_from = Some("name".into());
    let outcome = generate(&renamed, dir.path(), None).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0001_alter_users"),
        "{outcome:?}"
    );
}

/// `--lock-timeout`, `--statement-timeout` and `--long-statement-timeout` reach every segment
/// of the up and down files; a value that is not a PostgreSQL duration is refused in one line
/// before anything is written.
#[test]
fn timeouts_from_the_command_line_reach_every_segment() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().as_os_str();
    let schema = schema_examples::schema();
    for (flag, bad) in [
        ("--lock-timeout", "5 seconds"),
        ("--statement-timeout", "-1"),
        ("--long-statement-timeout", "1.5h"),
    ] {
        let message = xtask(
            &schema,
            &[os("migrate-gen"), os(flag), os(bad), os("--dir"), dir_arg],
        )
        .unwrap_err();
        assert!(
            message.starts_with(&format!(
                "invalid value '{bad}' for '{flag} <DURATION>': invalid timeout `{bad}`: use a PostgreSQL duration"
            )),
            "{message}"
        );
        assert!(
            message.ends_with("; see `cargo xtask migrate-gen --help`"),
            "{message}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let flags = [
        os("--lock-timeout"),
        os("2s"),
        os("--statement-timeout"),
        os("30s"),
        os("--long-statement-timeout"),
        os("2h"),
        os("--dir"),
        dir_arg,
    ];
    let run = |schema: &Schema| {
        let mut args = vec![os("migrate-gen")];
        args.extend(flags);
        xtask(schema, &args).unwrap();
    };
    run(&schema);
    let init = std::fs::read_to_string(dir.path().join("0000_init.sql")).unwrap();
    assert!(
        init.contains("\n\nSET lock_timeout = '2s';\nSET statement_timeout = '30s';\n\nDO $role$"),
        "{init}"
    );
    let mut after = schema.clone();
    let users = after.tables.iter_mut().find(|t| t.name == "users").unwrap();
    users.indexes.push(schema_core::model::Index {
        name: "idx_users_name".into(),
        columns: vec!["name".into()],
        unique: false,
        method: Default::default(),
        predicate: None,
        ..Default::default()
    });
    run(&after);
    let up = std::fs::read_to_string(dir.path().join("0001_alter_users.sql")).unwrap();
    assert!(
        up.contains("-- schema:no-transaction\n\nSET lock_timeout = '2s';\nSET statement_timeout = '2h';\n\n"),
        "{up}"
    );
    assert!(
        up.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"idx_users_name\""),
        "{up}"
    );
    let down = std::fs::read_to_string(dir.path().join("0001_alter_users.down.sql")).unwrap();
    assert!(
        down.contains("SET lock_timeout = '2s';\nSET statement_timeout = '30s';\n\nDROP INDEX CONCURRENTLY IF EXISTS"),
        "{down}"
    );
}

fn users_column<'a>(schema: &'a mut Schema, column: &str) -> &'a mut ColumnDef {
    let users = schema
        .tables
        .iter_mut()
        .find(|t| t.name == "users")
        .unwrap();
    users.columns.iter_mut().find(|c| c.name == column).unwrap()
}

/// Hints stay in the models after their migration; the next one-table change is still named
/// after its table.
#[test]
fn the_name_does_not_depend_on_hints() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    let mut next = schema_examples::schema();
    // Left over from earlier migrations, on `users` and `tenants`.
    users_column(&mut next, "email").renamed_from = Some("mail".into());
    users_column(&mut next, "name").using = Some("name::text".into());
    let tenants = next
        .tables
        .iter_mut()
        .find(|t| t.name == "tenants")
        .unwrap();
    tenants.renamed_from = Some("organisations".into());
    // The one change.
    let posts = next.tables.iter_mut().find(|t| t.name == "posts").unwrap();
    posts
        .columns
        .push(ColumnDef::new("subtitle", SqlType::Text, true));
    let outcome = generate(&next, dir.path(), None).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0001_alter_posts"),
        "{outcome:?}"
    );
}

/// A table renamed through `renamed_from` is named after the rename, not `migration`.
#[test]
fn a_declared_table_rename_is_named_after_it() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    let mut next = schema_examples::schema();
    let posts = next.tables.iter_mut().find(|t| t.name == "posts").unwrap();
    posts.name = "articles".into();
    posts.renamed_from = Some("posts".into());
    let outcome = generate(&next, dir.path(), None).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0001_rename_articles"),
        "{outcome:?}"
    );
}

/// A name is refused before anything is written when its files could not be: too long for
/// the 255-byte file names of filesystems, or with characters a file name cannot hold.
#[test]
fn unwritable_names_are_refused_with_the_reason() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("migrations");
    let schema = schema_examples::schema();
    let long = "a".repeat(300);
    let message = xtask(
        &schema,
        &[
            os("migrate-gen"),
            os("--name"),
            os(&long),
            os("--dir"),
            dir.as_os_str(),
        ],
    )
    .unwrap_err();
    assert_eq!(
        message,
        "migration name of 300 characters is too long: its file `NNNN_<name>.down.sql` must fit the 255-byte limit of file names, so use at most 241"
    );
    for name in ["a/b", "a\0b", "../escape"] {
        let message = xtask(
            &schema,
            &[
                os("migrate-gen"),
                os("--name"),
                os(name),
                os("--dir"),
                dir.as_os_str(),
            ],
        )
        .unwrap_err();
        assert!(message.starts_with("invalid migration name"), "{message}");
        assert!(
            message.ends_with("use letters, digits and `_` only"),
            "{message}"
        );
    }
    assert!(!dir.exists(), "nothing may be written");
    // The longest name that fits is written.
    let longest = "a".repeat(241);
    let outcome = generate(&schema, &dir, Some(&longest)).unwrap();
    let Generated::Written { down, .. } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(down.file_name().unwrap().len(), 255);
    assert!(matches!(
        generate(&schema, &dir, Some(&"a".repeat(242))).unwrap_err(),
        MigrateError::NameTooLong { length: 242 }
    ));
}

/// The issue's case on the examples: the down file of a migration that appends a label
/// rebuilds the type, and must write its comment again; a dropped column's down file says the
/// column comes back empty. Applied on PostgreSQL: init, up, down.
#[test]
fn down_files_keep_the_type_comment_and_say_what_they_cannot_restore() {
    use schema_tests::apply::apply_script;
    use schema_tests::pg::TestDb;
    let dir = tempfile::tempdir().unwrap();
    let before = schema_examples::schema();
    let Generated::Written { sql: init, .. } = generate(&before, dir.path(), None).unwrap() else {
        panic!("no init migration")
    };
    let mut after = before.clone();
    let def = after
        .enums
        .iter_mut()
        .find(|e| e.name == "transaction_type")
        .expect("credits.transaction_type");
    let comment = def.comment.clone();
    assert!(comment.is_some(), "the example type has a doc comment");
    def.values.push("chargeback".into());
    let balances = after
        .tables
        .iter_mut()
        .find(|t| t.schema == "credits" && t.name == "balances")
        .expect("credits.balances");
    let dropped = balances.columns.pop().expect("a column").name;
    let options = GenerateOptions {
        name: None,
        allow_destructive: true,
        ..GenerateOptions::default()
    };
    let Generated::Written { sql, down, .. } = generate_with(&after, dir.path(), &options).unwrap()
    else {
        panic!("no second migration")
    };
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let (up, down) = (read(&sql), read(&down));
    assert!(
        down.contains(&format!(
            "-- hazard: data-loss: re-adds column {dropped} of credits.balances empty"
        )),
        "{down}"
    );
    let db = TestDb::new();
    let mut client = db.client();
    apply_script(&mut client, &read(&init));
    apply_script(&mut client, &up);
    apply_script(&mut client, &down);
    let read_back: Option<String> = client
        .query_one(
            "SELECT obj_description('credits.transaction_type'::regtype, 'pg_type')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(read_back, comment, "{down}");
}

/// Clap's `--flag=value` and `--flag value` are the same, and every flag of `migrate-gen`
/// reaches its option.
#[test]
fn migrate_gen_arguments_parse_in_both_spellings() {
    let timeout = |text: &str| text.parse::<Timeout>().unwrap();
    for args in [
        &[
            "migrate-gen",
            "--name=add_tags",
            "--allow-destructive",
            "--lock-timeout=2s",
            "--statement-timeout=30s",
            "--long-statement-timeout=2h",
            "--dir=db/migrations",
            "--check",
        ][..],
        &[
            "migrate-gen",
            "--name",
            "add_tags",
            "--allow-destructive",
            "--lock-timeout",
            "2s",
            "--statement-timeout",
            "30s",
            "--long-statement-timeout",
            "2h",
            "--dir",
            "db/migrations",
            "--check",
        ],
    ] {
        match cli::parse_args(args.iter().copied(), "default").unwrap() {
            Cli::MigrateGen {
                options,
                dir,
                check,
            } => {
                assert_eq!(options.name.as_deref(), Some("add_tags"));
                assert!(options.allow_destructive);
                assert_eq!(options.timeouts.lock_timeout, timeout("2s"));
                assert_eq!(options.timeouts.statement_timeout, timeout("30s"));
                assert_eq!(options.timeouts.long_statement_timeout, timeout("2h"));
                assert_eq!(dir, PathBuf::from("db/migrations"));
                assert!(check);
            }
            other => panic!("{other:?}"),
        }
    }
    // Defaults: the caller's folder, the library's timeouts, writing.
    assert_eq!(
        cli::parse_args(["migrate-gen"], "default").unwrap(),
        Cli::MigrateGen {
            options: GenerateOptions::default(),
            dir: PathBuf::from("default"),
            check: false,
        }
    );
    assert_eq!(
        cli::parse_args(["zod-gen", "--out=web/models.ts", "--check"], "default").unwrap(),
        Cli::ZodGen {
            out: PathBuf::from("web/models.ts"),
            check: true,
        }
    );
    assert_eq!(
        cli::parse_args(["zod-gen"], "db/migrations").unwrap(),
        Cli::ZodGen {
            out: Path::new("db/migrations/../zod/models.ts").to_owned(),
            check: false,
        }
    );
}

/// `--help` of the program and of each command is text to print (exit code 0 through
/// `cli::main`, see xtask/tests/cli.rs), not an error.
#[test]
fn help_is_text_per_command() {
    let help = |args: &[&str]| match cli::parse_args(args.iter().copied(), "default") {
        Ok(Cli::Help(text)) => text,
        other => panic!("{args:?}: {other:?}"),
    };
    let top = help(&["--help"]);
    for command in [
        "migrate-gen",
        "check",
        "migrate-hash",
        "zod-gen",
        "migrate",
        "status",
        "down",
        "baseline",
        "repair",
        "verify",
    ] {
        assert!(top.contains(command), "{top}");
        let own = help(&[command, "--help"]);
        assert!(
            own.contains(&format!("Usage: cargo xtask {command}")),
            "{own}"
        );
        assert_eq!(help(&["help", command]), own);
        assert_eq!(help(&[command, "-h"]).lines().next(), own.lines().next());
    }
    assert!(top.contains("Exit codes: 0"), "{top}");
    let migrate_gen = help(&["migrate-gen", "--help"]);
    for flag in [
        "--name <NAME>",
        "--allow-destructive",
        "--lock-timeout <DURATION>",
        "--statement-timeout <DURATION>",
        "--long-statement-timeout <DURATION>",
        "--dir <DIR>",
        "--check",
    ] {
        assert!(migrate_gen.contains(flag), "{migrate_gen}");
    }
    let down = help(&["down", "--help"]);
    for flag in [
        "--to <NAME>",
        "--steps <N>",
        "--allow-destructive",
        "--database-url <URL>",
        "DATABASE_URL",
        "--dir <DIR>",
        "--history-table <SCHEMA.TABLE>",
        "--lock-wait <SECONDS>",
        "--json",
    ] {
        assert!(down.contains(flag), "{down}");
    }
    assert!(help(&["--version"]).starts_with("xtask (schema-core "));
}

/// Bad arguments are one line naming the problem and where the command's help is.
#[test]
fn bad_arguments_are_one_line_errors() {
    for (args, expected) in [
        (
            &["migrate-gen", "--nme", "x"][..],
            "unexpected argument '--nme' found; tip: a similar argument exists: '--name'; see `cargo xtask migrate-gen --help`",
        ),
        (
            &["migrate-gen", "--name"][..],
            "a value is required for '--name <NAME>' but none was supplied; see `cargo xtask migrate-gen --help`",
        ),
        (
            &["migrate-gen", "--name="][..],
            "a value is required for '--name <NAME>' but none was supplied",
        ),
        (
            &["migrate-gen", "--name", "--check"][..],
            "a value is required for '--name <NAME>' but none was supplied",
        ),
        (
            &["migrate-gen", "--lock-timeout=soon"][..],
            "invalid value 'soon' for '--lock-timeout <DURATION>': invalid timeout `soon`",
        ),
        (
            &["check", "--check"][..],
            "unexpected argument '--check' found; see `cargo xtask check --help`",
        ),
        (
            &["zod-gen", "--out"][..],
            "a value is required for '--out <FILE>' but none was supplied; see `cargo xtask zod-gen --help`",
        ),
        (
            &["migrate-gn"][..],
            "unrecognized subcommand 'migrate-gn'; tip: some similar subcommands exist: 'migrate-hash', 'migrate', 'migrate-gen'; see `cargo xtask --help`",
        ),
        (&[][..], "no command given; see `cargo xtask --help`"),
    ] {
        let error = cli::parse_args(args.iter().copied(), "default").unwrap_err();
        assert!(error.starts_with(expected), "{args:?}: {error}");
        assert_eq!(error.lines().count(), 1, "{args:?}: {error}");
    }
}

/// `migrate-gen --check` is `check` for the models: it writes nothing, fails while a migration
/// would be written and passes once it is.
#[test]
fn migrate_gen_check_fails_while_a_migration_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().as_os_str();
    generate(&without_file_tags(), dir.path(), None).unwrap();
    let schema = schema_examples::schema();
    let before = tree(dir.path());
    let args = [os("migrate-gen"), os("--check"), os("--dir"), dir_arg];
    assert_eq!(
        xtask(&schema, &args).unwrap_err(),
        "the models changed since migration 0000_init and no migration records it: run `cargo xtask migrate-gen`"
    );
    assert_eq!(tree(dir.path()), before);
    xtask(&schema, &[os("migrate-gen"), os("--dir"), dir_arg]).unwrap();
    assert_eq!(
        xtask(&schema, &args).unwrap(),
        "ok: 2 migrations, models match 0001_create_file_tags: no migration to write"
    );
    // Damage is reported as `check` reports it.
    std::fs::write(dir.path().join("schema.sum"), "total what\n").unwrap();
    let error = xtask(&schema, &args).unwrap_err();
    assert!(error.contains("schema.sum, line 1"), "{error}");
}

/// `zod-gen --check` compares the file with what `zod-gen` would write, byte for byte.
#[test]
fn zod_gen_check_fails_while_the_file_is_stale() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("zod/models.ts");
    let out_arg = out.as_os_str();
    let schema = schema_examples::schema();
    let check = [os("zod-gen"), os("--check"), os("--out"), out_arg];
    let error = xtask(&schema, &check).unwrap_err();
    assert!(
        error.ends_with("zod/models.ts does not exist: run `cargo xtask zod-gen`"),
        "{error}"
    );
    assert!(!out.exists());
    xtask(&schema, &[os("zod-gen"), os("--out"), out_arg]).unwrap();
    let written = std::fs::read(&out).unwrap();
    let ok = xtask(&schema, &check).unwrap();
    assert!(
        ok.starts_with("ok: ") && ok.ends_with("models.ts matches the models"),
        "{ok}"
    );
    // Other models, or a hand edit: stale, and the file is left as it is.
    let error = xtask(&without_file_tags(), &check).unwrap_err();
    assert!(
        error.ends_with(
            "zod/models.ts differs from the models' Zod schemas: run `cargo xtask zod-gen`"
        ),
        "{error}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), written);
    std::fs::write(&out, [&written[..], b"// edited\n"].concat()).unwrap();
    assert!(xtask(&schema, &check).is_err());
}
