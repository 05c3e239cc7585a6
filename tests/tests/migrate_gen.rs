//! `migrate-gen` as a library: the checked-in first migration is what the models produce, a
//! second run is a no-op, and bad state is a clear error.

use schema_core::migrate::{generate, snapshot_path, Generated, MigrateError};
use schema_core::snapshot::Snapshot;
use std::path::Path;

fn examples_migrations() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/migrations"
    ))
}

/// The committed migration must be regenerated when the models change (like rust-analyzer's
/// codegen `--check`): a stale file fails here.
#[test]
fn checked_in_migration_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = generate(&schema_examples::schema(), dir.path(), None).unwrap();
    assert!(
        matches!(outcome, Generated::Written { ref migration, .. } if migration == "0000_init")
    );
    for file in ["0000_init.sql", "snapshots/0000_init.json"] {
        let fresh = std::fs::read_to_string(dir.path().join(file)).unwrap();
        let committed =
            std::fs::read_to_string(examples_migrations().join(file)).unwrap_or_else(|e| {
                panic!("examples/migrations/{file} is missing ({e}); run `cargo xtask migrate-gen`")
            });
        assert_eq!(
            committed, fresh,
            "examples/migrations/{file} is stale: delete examples/migrations and run `cargo xtask migrate-gen`"
        );
    }
}

#[test]
fn second_run_without_changes_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_examples::schema();
    generate(&schema, dir.path(), Some("init")).unwrap();
    let before = std::fs::read_dir(dir.path()).unwrap().count();
    let outcome = generate(&schema, dir.path(), Some("again")).unwrap();
    assert_eq!(
        outcome,
        Generated::NoChanges {
            latest: "0000_init".into()
        }
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before);
}

#[test]
fn snapshot_round_trips_through_json() {
    let path = snapshot_path(examples_migrations(), "0000_init");
    let snapshot = Snapshot::read(&path).unwrap();
    assert_eq!(snapshot.schema, schema_examples::schema());
    assert_eq!(snapshot.to_json(), std::fs::read_to_string(path).unwrap());
}

#[test]
fn changed_models_are_not_silently_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut schema = schema_examples::schema();
    generate(&schema, dir.path(), None).unwrap();
    // A table forgotten in `schema()`: never a silent DROP TABLE.
    schema.tables.pop();
    let error = generate(&schema, dir.path(), Some("next")).unwrap_err();
    assert!(
        matches!(error, MigrateError::ChangesNeedDiff { .. }),
        "{error}"
    );
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
fn missing_snapshot_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    generate(&schema_examples::schema(), dir.path(), None).unwrap();
    std::fs::remove_file(snapshot_path(dir.path(), "0000_init")).unwrap();
    let error = generate(&schema_examples::schema(), dir.path(), None).unwrap_err();
    assert!(
        matches!(error, MigrateError::MissingSnapshot { .. }),
        "{error}"
    );
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
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_core::Schema::new().table::<schema_examples::storage::FileTag>();
    let message = generate(&schema, dir.path(), None).unwrap_err().to_string();
    assert!(message.contains("storage.files"), "{message}");
    assert!(message.contains("storage.tags"), "{message}");
}
