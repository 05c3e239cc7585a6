//! The migration runner (`schema_core::migrate::runner`) against a real PostgreSQL: history,
//! one runner at a time, segments and resuming, lock-timeout retries, integrity refusals,
//! crash safety, `down`, `baseline`, `repair` and `verify`.

use schema_core::introspect::introspect;
use schema_core::migrate::runner::{
    self, baseline, down, migrate, migrate_with, repair, status, verify, DownTarget, EntryState,
    Event, RunError, RunOptions,
};
use schema_core::migrate::{generate_with, rehash, GenerateOptions, Generated};
use schema_core::model::{canonical, ColumnDef, Index, IndexMethod, PrimaryKey, SqlType, TableDef};
use schema_core::Schema;
use schema_tests::pg::TestDb;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn items(extra_columns: &[&str], index_on: Option<&str>, unique: bool) -> TableDef {
    let mut t = TableDef::new("public", "items");
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns.push(ColumnDef::new("name", SqlType::Text, false));
    for c in extra_columns {
        t.columns.push(ColumnDef::new(*c, SqlType::Text, true));
    }
    t.primary_key = Some(PrimaryKey {
        name: "items_pkey".into(),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    if let Some(column) = index_on {
        t.indexes.push(Index {
            name: format!("idx_items_{column}"),
            columns: vec![column.into()],
            unique,
            method: IndexMethod::default(),
            predicate: None,
            ..Default::default()
        });
    }
    t
}

fn schema_of(tables: Vec<TableDef>) -> Schema {
    let mut s = Schema::new();
    for t in tables {
        s.add_table(t);
    }
    s
}

/// Writes the next migration of `dir` for `schema`; its id.
fn write(dir: &Path, schema: &Schema) -> String {
    write_with_lock_timeout(dir, schema, "5s")
}

/// Writes the next migration, its segments setting `lock_timeout` to `lock_timeout`.
fn write_with_lock_timeout(dir: &Path, schema: &Schema, lock_timeout: &str) -> String {
    let mut options = GenerateOptions {
        allow_destructive: true,
        ..GenerateOptions::default()
    };
    options.timeouts.lock_timeout = lock_timeout.parse().unwrap();
    match generate_with(schema, dir, &options).unwrap() {
        Generated::Written { migration, .. } => migration,
        other => panic!("nothing written: {other:?}"),
    }
}

/// Adds `sql` to the end of `migration`'s file, as a person editing it would, and rehashes.
fn append(dir: &Path, migration: &str, sql: &str) {
    let path = dir.join(format!("{migration}.sql"));
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(sql);
    std::fs::write(&path, text).unwrap();
    rehash(dir).unwrap();
}

/// Applies the migrations of `dir` up to `to`.
fn migrate_to(db: &TestDb, dir: &Path, to: &str) {
    migrate_with(db.url(), dir, &options(), Some(to), false, &mut |_| {}).unwrap();
}

fn options() -> RunOptions {
    RunOptions {
        lock_wait: Duration::from_secs(120),
        retry_pause: Duration::from_millis(100),
        ..RunOptions::default()
    }
}

fn query_strings(client: &mut postgres::Client, sql: &str) -> Vec<String> {
    client
        .query(sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn assert_matches_snapshot(db: &TestDb, dir: &Path) {
    let verified = verify(db.url(), dir, &options()).unwrap();
    assert!(verified.differences.is_empty(), "{verified}");
}

fn read_back(db: &TestDb) -> Schema {
    introspect(&mut db.client(), &["public"]).unwrap()
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/migrations")
}

#[test]
fn the_examples_history_applies_to_an_empty_database_and_status_is_then_current() {
    let db = TestDb::new();
    let before = status(db.url(), &examples_dir(), &options()).unwrap();
    assert!(!before.is_current());
    assert!(before
        .migrations
        .iter()
        .all(|e| e.state == EntryState::Pending));
    let report = migrate(db.url(), &examples_dir(), &options()).unwrap();
    assert!(!report.applied.is_empty());
    let after = status(db.url(), &examples_dir(), &options()).unwrap();
    assert!(after.is_current(), "{after}");
    assert!(after.to_string().contains("up to date"), "{after}");
    assert_matches_snapshot(&db, &examples_dir());
    // Again: nothing to do.
    let again = migrate(db.url(), &examples_dir(), &options()).unwrap();
    assert!(again.applied.is_empty());
    assert!(again.to_string().starts_with("nothing to apply"), "{again}");

    // The history records each migration once, with checksum, who, when and how long.
    let mut client = db.client();
    let rows = client
        .query(
            "SELECT migration, checksum, state, segments_done = segments_total, applied_by,
                    finished_at >= started_at, duration_ms >= 0
             FROM schema_history.migrations",
            &[],
        )
        .unwrap();
    assert_eq!(rows.len(), report.applied.len());
    for row in rows {
        assert!(row.get::<_, String>(1).starts_with("sha256:"));
        assert_eq!(row.get::<_, String>(2), "applied");
        assert!(row.get::<_, bool>(3));
        assert!(row.get::<_, String>(4).starts_with("postgres"));
        assert!(row.get::<_, bool>(5));
        assert!(row.get::<_, bool>(6));
    }
}

#[test]
fn a_dry_run_changes_nothing_and_to_stops_at_the_named_migration() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let second = write(dir.path(), &schema_of(vec![items(&["note"], None, false)]));
    let db = TestDb::new();
    let dry = migrate_with(db.url(), dir.path(), &options(), None, true, &mut |_| {}).unwrap();
    assert_eq!(dry.applied, [first.clone(), second.clone()]);
    assert!(dry.to_string().contains("nothing was changed"));
    assert!(query_strings(
        &mut db.client(),
        "SELECT nspname::text FROM pg_namespace WHERE nspname = 'schema_history'"
    )
    .is_empty());
    let to = migrate_with(
        db.url(),
        dir.path(),
        &options(),
        Some(&first),
        false,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(to.applied, std::slice::from_ref(&first));
    let status = status(db.url(), dir.path(), &options()).unwrap();
    assert_eq!(status.current.as_deref(), Some(first.as_str()));
    assert_eq!(status.migrations[1].state, EntryState::Pending);
    assert!(!status.is_current());
    assert!(status.to_string().contains("pending      0001"), "{status}");
}

#[test]
fn two_runners_at_once_apply_each_migration_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut columns: Vec<String> = Vec::new();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    for i in 1..20 {
        columns.push(format!("c{i}"));
        let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
        write(dir.path(), &schema_of(vec![items(&refs, None, false)]));
    }
    // The first migration takes long enough that the second runner surely finds the lock held.
    append(dir.path(), "0000_init", "\nSELECT pg_sleep(0.5);\n");
    let db = TestDb::new();
    let barrier = Arc::new(Barrier::new(2));
    let runners: Vec<_> = (0..2)
        .map(|_| {
            let url = db.url().to_owned();
            let dir = dir.path().to_owned();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let mut waited = false;
                barrier.wait();
                let report = migrate_with(&url, &dir, &options(), None, false, &mut |e| {
                    waited |= matches!(e, Event::Waiting { .. });
                })
                .unwrap();
                (report.applied.len(), waited)
            })
        })
        .collect();
    let mut outcomes: Vec<(usize, bool)> = runners.into_iter().map(|r| r.join().unwrap()).collect();
    outcomes.sort();
    assert_eq!(outcomes, [(0, true), (20, false)]);
    let mut client = db.client();
    let counts: i64 = client
        .query_one(
            "SELECT count(DISTINCT migration) FROM schema_history.migrations WHERE state = 'applied'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(counts, 20);
    assert_matches_snapshot(&db, dir.path());
    // The lock went with the runners: a third takes it at once.
    let started = Instant::now();
    migrate(
        db.url(),
        dir.path(),
        &RunOptions {
            lock_wait: Duration::ZERO,
            ..options()
        },
    )
    .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_runner_that_cannot_get_the_lock_in_time_says_who_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    append(dir.path(), "0000_init", "\nSELECT pg_sleep(3);\n");
    let db = TestDb::new();
    let url = db.url().to_owned();
    let path = dir.path().to_owned();
    let first = std::thread::spawn(move || migrate(&url, &path, &options()).unwrap());
    std::thread::sleep(Duration::from_millis(800));
    let second = migrate(
        db.url(),
        dir.path(),
        &RunOptions {
            lock_wait: Duration::from_millis(300),
            ..options()
        },
    )
    .unwrap_err();
    assert!(matches!(second, RunError::Locked { .. }), "{second}");
    let message = second.to_string();
    assert!(
        message.contains("another runner is applying migrations (pid "),
        "{message}"
    );
    assert!(message.contains("--lock-wait"), "{message}");
    // `status` sees the run in progress, not an interrupted one.
    let during = status(db.url(), dir.path(), &options()).unwrap();
    assert!(during.running);
    assert_eq!(first.join().unwrap().applied.len(), 1);
}

/// A folder of two migrations, the second adding a column with its segments' `lock_timeout`
/// set to `lock_timeout` (short, for the test), and a database with the first applied.
fn first_applied_then_a_column(lock_timeout: &str) -> (tempfile::TempDir, String, TestDb) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let change = write_with_lock_timeout(
        dir.path(),
        &schema_of(vec![items(&["note"], None, false)]),
        lock_timeout,
    );
    let db = TestDb::new();
    migrate_to(&db, dir.path(), "0000_init");
    (dir, change, db)
}

#[test]
fn a_lock_timeout_is_retried_until_the_lock_is_released() {
    let (dir, change, db) = first_applied_then_a_column("100ms");

    // Another session holds the table for a while.
    let mut holder = db.client();
    let (locked, is_locked) = std::sync::mpsc::channel::<()>();
    let holding = std::thread::spawn(move || {
        let mut tx = holder.transaction().unwrap();
        tx.batch_execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE")
            .unwrap();
        locked.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        tx.commit().unwrap();
    });
    is_locked.recv().unwrap();
    let mut retries = 0;
    let report = migrate_with(db.url(), dir.path(), &options(), None, false, &mut |e| {
        if matches!(e, Event::Retrying { .. }) {
            retries += 1;
        }
    })
    .unwrap();
    holding.join().unwrap();
    assert_eq!(report.applied, [change]);
    assert!(retries >= 1, "the statement was never retried");
    assert_matches_snapshot(&db, dir.path());
}

#[test]
fn a_lock_timeout_that_outlasts_the_retries_fails_with_its_sqlstate() {
    let (dir, change, db) = first_applied_then_a_column("50ms");
    let mut holder = db.client();
    let mut tx = holder.transaction().unwrap();
    tx.batch_execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let error = migrate(
        db.url(),
        dir.path(),
        &RunOptions {
            lock_retries: 2,
            retry_pause: Duration::from_millis(20),
            ..options()
        },
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("55P03"), "{message}");
    assert!(
        message.contains(&format!("{change} failed at segment 1 of")),
        "{message}"
    );
    tx.rollback().unwrap();
    // Nothing of the failed segment stayed; the next run applies it.
    let status = status(db.url(), dir.path(), &options()).unwrap();
    assert_eq!(status.migrations[1].state, EntryState::Failed);
    assert!(status.to_string().contains("failed       0001"), "{status}");
    migrate(db.url(), dir.path(), &options()).unwrap();
    assert_matches_snapshot(&db, dir.path());
}

#[test]
fn a_failed_unique_index_build_is_recorded_and_completes_after_the_rows_are_fixed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let change = write(dir.path(), &schema_of(vec![items(&[], Some("name"), true)]));
    let db = TestDb::new();
    migrate_to(&db, dir.path(), "0000_init");
    let mut client = db.client();
    client
        .batch_execute("INSERT INTO items VALUES (1, 'a'), (2, 'a'), (3, 'b')")
        .unwrap();
    let error = migrate(db.url(), dir.path(), &options()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("23505"), "{message}");
    assert!(
        message.contains("fix the cause and run `cargo xtask migrate` again"),
        "{message}"
    );
    // The failed concurrent build left an invalid index.
    let invalid = query_strings(
        &mut client,
        "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid",
    );
    assert_eq!(invalid, ["idx_items_name"]);
    let st = status(db.url(), dir.path(), &options()).unwrap();
    let entry = &st.migrations[1];
    assert_eq!(entry.state, EntryState::Failed);
    assert!(entry
        .history
        .as_ref()
        .unwrap()
        .error
        .as_deref()
        .unwrap()
        .contains("23505"));
    assert!(!st.is_current());

    client
        .batch_execute("DELETE FROM items WHERE id = 2")
        .unwrap();
    let mut dropped = Vec::new();
    let report = migrate_with(db.url(), dir.path(), &options(), None, false, &mut |e| {
        if let Event::DroppedInvalidIndex { index } = e {
            dropped.push(index.to_owned());
        }
    })
    .unwrap();
    assert_eq!(report.applied, [change]);
    assert_eq!(dropped, ["public.idx_items_name"]);
    assert!(status(db.url(), dir.path(), &options())
        .unwrap()
        .is_current());
    assert_matches_snapshot(&db, dir.path());
    assert_eq!(
        query_strings(&mut client, "SELECT name FROM items ORDER BY id"),
        ["a", "b"]
    );
}

#[test]
fn edited_missing_and_out_of_order_migrations_are_refused_with_their_remedy() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let second = write(dir.path(), &schema_of(vec![items(&["note"], None, false)]));
    let db = TestDb::new();
    migrate(db.url(), dir.path(), &options()).unwrap();

    // Edited after it was applied.
    append(dir.path(), "0000_init", "\n-- a comment added later\n");
    let error = migrate(db.url(), dir.path(), &options())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("0000_init was edited after it was applied"),
        "{error}"
    );
    assert!(
        error.contains("cargo xtask repair 0000_init --reason"),
        "{error}"
    );
    let st = status(db.url(), dir.path(), &options()).unwrap();
    assert_eq!(st.migrations[0].state, EntryState::Edited);
    assert!(!st.is_current());
    let no_reason = repair(db.url(), dir.path(), "0000_init", " ", &options()).unwrap_err();
    assert!(matches!(no_reason, RunError::NoReason));
    repair(
        db.url(),
        dir.path(),
        "0000_init",
        "added a comment",
        &options(),
    )
    .unwrap();
    assert!(status(db.url(), dir.path(), &options())
        .unwrap()
        .is_current());
    let note = query_strings(
        &mut db.client(),
        "SELECT note FROM schema_history.migrations WHERE migration = '0000_init'",
    );
    assert!(note[0].contains("added a comment"), "{note:?}");
    let nothing = repair(db.url(), dir.path(), "0000_init", "again", &options()).unwrap_err();
    assert!(
        matches!(nothing, RunError::NothingToRepair { .. }),
        "{nothing}"
    );

    // Out of order: the history lacks a migration below one it has.
    db.client()
        .batch_execute("DELETE FROM schema_history.migrations WHERE migration = '0000_init'")
        .unwrap();
    let error = migrate(db.url(), dir.path(), &options())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(&format!(
            "0000_init is not applied but sorts before {second}"
        )),
        "{error}"
    );
    assert!(error.contains("cargo xtask migrate-gen"), "{error}");

    // Missing: the history has a migration the folder lost.
    let db = TestDb::new();
    migrate(db.url(), dir.path(), &options()).unwrap();
    for file in [
        format!("{second}.sql"),
        format!("{second}.down.sql"),
        format!("snapshots/{second}.json"),
    ] {
        std::fs::remove_file(dir.path().join(file)).unwrap();
    }
    rehash(dir.path()).unwrap();
    let error = migrate(db.url(), dir.path(), &options())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(&format!(
            "{second} is applied but its file is not in the folder"
        )),
        "{error}"
    );
    assert!(error.contains("restore"), "{error}");
}

#[test]
fn a_folder_that_does_not_match_its_sum_is_refused_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let path = dir.path().join("0000_init.sql");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n-- edited\n")).unwrap();
    let error = migrate("postgres://nobody@127.0.0.1:1/none", dir.path(), &options())
        .unwrap_err()
        .to_string();
    assert!(error.contains("do not match"), "{error}");
}

#[test]
fn a_database_with_tables_and_no_history_points_at_baseline() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let db = TestDb::new();
    db.client()
        .batch_execute("CREATE TABLE legacy (id integer)")
        .unwrap();
    let error = migrate(db.url(), dir.path(), &options()).unwrap_err();
    assert!(matches!(error, RunError::NotEmpty { .. }), "{error}");
    assert!(error.to_string().contains("public.legacy"), "{error}");
    assert!(
        error.to_string().contains("cargo xtask baseline"),
        "{error}"
    );
    // Nothing was created.
    assert!(query_strings(
        &mut db.client(),
        "SELECT nspname::text FROM pg_namespace WHERE nspname = 'schema_history'"
    )
    .is_empty());
}

#[test]
fn baseline_adopts_a_database_that_matches_a_snapshot_and_refuses_one_that_does_not() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let second = write(dir.path(), &schema_of(vec![items(&["note"], None, false)]));
    let third = write(
        dir.path(),
        &schema_of(vec![items(&["note"], Some("note"), false)]),
    );

    // Built by another tool: the same table, by hand.
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE items (id bigint NOT NULL, name text NOT NULL, note text, CONSTRAINT items_pkey PRIMARY KEY (id));
             INSERT INTO items VALUES (1, 'kept', NULL)",
        )
        .unwrap();
    let wrong = baseline(db.url(), dir.path(), "0000_init", &options()).unwrap_err();
    let message = wrong.to_string();
    assert!(
        matches!(wrong, RunError::BaselineDiffers { .. }),
        "{message}"
    );
    assert!(message.contains("note"), "{message}");
    assert!(query_strings(
        &mut client,
        "SELECT nspname::text FROM pg_namespace WHERE nspname = 'schema_history'"
    )
    .is_empty());

    assert_eq!(
        baseline(db.url(), dir.path(), &second, &options()).unwrap(),
        2
    );
    let st = status(db.url(), dir.path(), &options()).unwrap();
    assert_eq!(st.current.as_deref(), Some(second.as_str()));
    assert!(st.to_string().contains("baseline"), "{st}");
    let report = migrate(db.url(), dir.path(), &options()).unwrap();
    assert_eq!(report.applied, [third]);
    assert_matches_snapshot(&db, dir.path());
    assert_eq!(
        query_strings(&mut client, "SELECT name FROM items"),
        ["kept"]
    );
    let again = baseline(db.url(), dir.path(), &second, &options()).unwrap_err();
    assert!(matches!(again, RunError::HasHistory { .. }), "{again}");
}

#[test]
fn verify_reports_drift_as_the_diff_engine_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let db = TestDb::new();
    assert!(matches!(
        verify(db.url(), dir.path(), &options()).unwrap_err(),
        RunError::NothingToVerify
    ));
    migrate(db.url(), dir.path(), &options()).unwrap();
    assert_matches_snapshot(&db, dir.path());
    db.client()
        .batch_execute("ALTER TABLE items ADD COLUMN added_by_hand integer; CREATE INDEX by_hand ON items (name)")
        .unwrap();
    let drift = verify(db.url(), dir.path(), &options()).unwrap();
    assert_eq!(drift.differences.len(), 2, "{drift}");
    let text = drift.to_string();
    assert!(text.contains("ADD COLUMN \"added_by_hand\""), "{text}");
    assert!(text.contains("\"by_hand\""), "{text}");
}

#[test]
fn down_walks_back_one_step_refusing_data_loss_without_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let v0 = schema_of(vec![items(&[], None, false)]);
    let v1 = schema_of(vec![items(&["note"], None, false)]);
    write(dir.path(), &v0);
    let second = write(dir.path(), &v1);
    let db = TestDb::new();
    migrate(db.url(), dir.path(), &options()).unwrap();
    db.client()
        .batch_execute("INSERT INTO items VALUES (1, 'kept', 'lost on down')")
        .unwrap();

    // Reverting 0001 drops the column `note`: data loss.
    let refused = down(
        db.url(),
        dir.path(),
        &DownTarget::Steps(1),
        false,
        &options(),
        &mut |_| {},
    )
    .unwrap_err();
    let message = refused.to_string();
    assert!(matches!(refused, RunError::Destructive(_)), "{message}");
    assert!(message.contains("note"), "{message}");
    assert!(message.contains("--allow-destructive"), "{message}");
    assert_eq!(canonical(&read_back(&db)), canonical(&v1), "nothing ran");

    let reverted = down(
        db.url(),
        dir.path(),
        &DownTarget::Steps(1),
        true,
        &options(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(reverted.reverted, std::slice::from_ref(&second));
    assert_eq!(reverted.current.as_deref(), Some("0000_init"));
    assert_eq!(canonical(&read_back(&db)), canonical(&v0));
    assert_matches_snapshot(&db, dir.path());
    let mut client = db.client();
    assert_eq!(
        query_strings(&mut client, "SELECT name FROM items"),
        ["kept"]
    );

    // Up again, then all the way down with --to of nothing applied being an error.
    migrate(db.url(), dir.path(), &options()).unwrap();
    assert_eq!(canonical(&read_back(&db)), canonical(&v1));
    let unknown = down(
        db.url(),
        dir.path(),
        &DownTarget::To("0007_nope".into()),
        true,
        &options(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(matches!(unknown, RunError::Unknown { .. }), "{unknown}");
    let all = down(
        db.url(),
        dir.path(),
        &DownTarget::Steps(5),
        true,
        &options(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(all.reverted, [second, "0000_init".to_owned()]);
    assert_eq!(all.current, None);
    assert!(read_back(&db).tables.is_empty());
    let nothing = down(
        db.url(),
        dir.path(),
        &DownTarget::Steps(1),
        true,
        &options(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(matches!(nothing, RunError::NothingApplied), "{nothing}");
}

#[test]
fn down_of_a_change_that_loses_nothing_needs_no_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    write(
        dir.path(),
        &schema_of(vec![items(&[], Some("name"), false)]),
    );
    let db = TestDb::new();
    migrate(db.url(), dir.path(), &options()).unwrap();
    let reverted = down(
        db.url(),
        dir.path(),
        &DownTarget::To("0000_init".into()),
        false,
        &options(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(reverted.reverted.len(), 1);
    assert_matches_snapshot(&db, dir.path());
}

/// The runner as a process of its own (`cargo xtask migrate`'s code), so it can be killed.
fn runner_process(url: &str, dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_schema-runner"))
        .args(["migrate", "--database-url", url, "--dir"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn tags() -> TableDef {
    let mut t = TableDef::new("public", "tags");
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.primary_key = Some(PrimaryKey {
        name: "tags_pkey".into(),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    t
}

#[test]
fn a_runner_killed_mid_migration_is_resumed_by_the_next_run_with_every_row_kept() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    // A change in two segments: a table (in a transaction), then an index on `items` built
    // concurrently (outside one).
    let change = write(
        dir.path(),
        &schema_of(vec![items(&[], Some("name"), false), tags()]),
    );
    let segments = schema_core::diff::script::segments(
        &std::fs::read_to_string(dir.path().join(format!("{change}.sql"))).unwrap(),
    );
    assert!(
        segments.len() >= 2 && segments[0].transaction && !segments[1].transaction,
        "{segments:?}"
    );
    let db = TestDb::new();
    migrate_to(&db, dir.path(), "0000_init");
    let mut client = db.client();
    client
        .batch_execute("INSERT INTO items SELECT g, 'row ' || g FROM generate_series(1, 1000) g")
        .unwrap();

    // A writer's open transaction makes the concurrent build wait: the runner is then inside
    // its no-transaction segment, after the first segment committed.
    let mut holder = db.client();
    let mut tx = holder.transaction().unwrap();
    tx.batch_execute("UPDATE items SET name = name WHERE id = 1")
        .unwrap();
    let mut child = runner_process(db.url(), dir.path());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE application_name = 'schema-core runner' AND datname = current_database()
                   AND query ILIKE '%INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting > 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the runner never reached the index build"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the runner ended early: {:?}",
            child.wait_with_output()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // A backend busy in a statement notices its client is gone only when the statement ends;
    // ending it now is what a crashed machine does, and keeps the test deterministic.
    client
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = 'schema-core runner' AND datname = current_database()",
        )
        .unwrap();
    tx.rollback().unwrap();
    let invalid = query_strings(
        &mut client,
        "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid",
    );
    assert_eq!(
        invalid,
        ["idx_items_name"],
        "the interrupted build left its invalid index"
    );

    let st = status(db.url(), dir.path(), &options()).unwrap();
    let entry = &st.migrations[1];
    assert_eq!(entry.state, EntryState::Interrupted, "{st}");
    let done = entry.history.as_ref().unwrap().segments_done;
    assert_eq!(done, 1, "{st}");
    assert!(st.to_string().contains("interrupted"), "{st}");

    let mut resumed_after = None;
    let report = migrate_with(db.url(), dir.path(), &options(), None, false, &mut |e| {
        if let Event::Applying {
            resumed_after: n, ..
        } = e
        {
            resumed_after = Some(n);
        }
    })
    .unwrap();
    assert_eq!(report.applied, [change]);
    assert_eq!(resumed_after, Some(1));
    assert_matches_snapshot(&db, dir.path());
    let count: i64 = client
        .query_one("SELECT count(*) FROM items", &[])
        .unwrap()
        .get(0);
    assert_eq!(count, 1000);
    let invalid: i64 = client
        .query_one("SELECT count(*) FROM pg_index WHERE NOT indisvalid", &[])
        .unwrap()
        .get(0);
    assert_eq!(invalid, 0);
}

#[test]
fn the_command_line_runs_the_runner_and_status_exit_code_says_whether_it_is_current() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let db = TestDb::new();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_schema-runner"))
            .args(args)
            .args(["--database-url", db.url(), "--dir"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let before = run(&["status"]);
    assert!(!before.status.success());
    assert!(String::from_utf8_lossy(&before.stdout).contains("pending      0000_init"));
    let applied = run(&["migrate"]);
    assert!(applied.status.success(), "{applied:?}");
    let out = String::from_utf8_lossy(&applied.stdout);
    assert!(out.contains("applying 0000_init"), "{out}");
    assert!(
        out.contains("applied 1 migration: the database is at 0000_init"),
        "{out}"
    );
    let after = run(&["status", "--json"]);
    assert!(after.status.success(), "{after:?}");
    let json: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(json["ok"], true);
    assert_eq!(json["status"]["current"], "0000_init");
    let verified = run(&["verify"]);
    assert!(verified.status.success(), "{verified:?}");
    db.client()
        .batch_execute("ALTER TABLE items ADD COLUMN x int")
        .unwrap();
    let drift = run(&["verify"]);
    assert!(!drift.status.success());
    assert!(String::from_utf8_lossy(&drift.stdout).contains("drift"));
    let bad = run(&["down", "--steps", "0"]);
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: invalid value '0' for '--steps <N>': takes a number of migrations"
        ),
        "{stderr}"
    );
    let no_db = Command::new(env!("CARGO_BIN_EXE_schema-runner"))
        .args(["status", "--dir"])
        .arg(dir.path())
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(!no_db.status.success());
    assert!(String::from_utf8_lossy(&no_db.stderr).contains("--database-url"));
}

#[test]
fn a_configured_history_table_is_used_and_keeps_its_own_lock() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let db = TestDb::new();
    let custom = RunOptions {
        history: runner::HistoryTable::parse("ops.schema_log").unwrap(),
        ..options()
    };
    migrate(db.url(), dir.path(), &custom).unwrap();
    let rows = query_strings(&mut db.client(), "SELECT migration FROM ops.schema_log");
    assert_eq!(rows, ["0000_init"]);
    assert!(status(db.url(), dir.path(), &custom).unwrap().is_current());
    assert!(runner::HistoryTable::parse("bad name").is_err());
}

#[test]
fn runner_arguments_parse_with_one_line_errors() {
    use schema_core::cli::{parse_args, Command as Cli, RunAction};
    let parse = |args: &[&str]| parse_args(args.iter().copied(), "default-dir");
    match parse(&[
        "migrate",
        "--to=0003_x",
        "--dry-run",
        "--database-url",
        "postgres://h/db",
        "--json",
    ])
    .unwrap()
    {
        Cli::Run { action, target } => {
            assert_eq!(
                action,
                RunAction::Migrate {
                    to: Some("0003_x".into()),
                    dry_run: true
                }
            );
            assert_eq!(target.database_url.as_deref(), Some("postgres://h/db"));
            assert_eq!(target.dir, PathBuf::from("default-dir"));
            assert!(target.json);
        }
        other => panic!("{other:?}"),
    }
    match parse(&[
        "down",
        "--steps",
        "2",
        "--allow-destructive",
        "--lock-wait=5",
        "--history-table",
        "ops.log",
    ])
    .unwrap()
    {
        Cli::Run { action, target } => {
            assert_eq!(
                action,
                RunAction::Down {
                    target: DownTarget::Steps(2),
                    allow_destructive: true
                }
            );
            assert_eq!(target.options.lock_wait, Duration::from_secs(5));
            assert_eq!(target.options.history.to_string(), "ops.log");
        }
        other => panic!("{other:?}"),
    }
    match parse(&[
        "down",
        "--database-url=postgres://h/db",
        "--dir=elsewhere",
        "--history-table=ops.log",
    ])
    .unwrap()
    {
        Cli::Run { action, target } => {
            assert_eq!(
                action,
                RunAction::Down {
                    target: DownTarget::Steps(1),
                    allow_destructive: false
                }
            );
            assert_eq!(target.database_url.as_deref(), Some("postgres://h/db"));
            assert_eq!(target.dir, PathBuf::from("elsewhere"));
            assert_eq!(target.options.history.to_string(), "ops.log");
            assert_eq!(target.options.lock_wait, RunOptions::default().lock_wait);
            assert!(!target.json);
        }
        other => panic!("{other:?}"),
    }
    match parse(&["repair", "0001_a", "--reason", "fixed a typo"]).unwrap() {
        Cli::Run { action, .. } => assert_eq!(
            action,
            RunAction::Repair {
                migration: "0001_a".into(),
                reason: "fixed a typo".into()
            }
        ),
        other => panic!("{other:?}"),
    }
    for (args, expected) in [
        (
            &["down", "--to", "0001_a", "--steps", "1"][..],
            "the argument '--to <NAME>' cannot be used with '--steps <N>'; see `cargo xtask down --help`",
        ),
        (
            &["down", "--steps", "0"][..],
            "invalid value '0' for '--steps <N>': takes a number of migrations, 1 or more",
        ),
        (
            &["down", "--steps=two"][..],
            "invalid value 'two' for '--steps <N>': takes a number of migrations, 1 or more",
        ),
        (
            &["repair", "0001_a"][..],
            "the following required arguments were not provided: --reason <TEXT>; see `cargo xtask repair --help`",
        ),
        (
            &["baseline"][..],
            "the following required arguments were not provided: <NAME>",
        ),
        (&["baseline", "a", "b"][..], "unexpected argument 'b' found"),
        (
            &["status", "--dry-run"][..],
            "unexpected argument '--dry-run' found; see `cargo xtask status --help`",
        ),
        (
            &["migrate", "--to"][..],
            "a value is required for '--to <NAME>' but none was supplied",
        ),
        (
            &["migrate", "--to="][..],
            "a value is required for '--to <NAME>' but none was supplied",
        ),
        (
            &["migrate", "--lock-wait", "soon"][..],
            "invalid value 'soon' for '--lock-wait <SECONDS>': takes whole seconds",
        ),
        (
            &["status", "--history-table", "a.b.c"][..],
            "invalid value 'a.b.c' for '--history-table <SCHEMA.TABLE>': invalid history table",
        ),
    ] {
        let error = parse(args).unwrap_err();
        assert!(error.starts_with(expected), "{args:?}: {error}");
        assert_eq!(error.lines().count(), 1, "{error}");
    }
}

#[test]
fn the_runner_connects_with_tls_when_the_url_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let db = TestDb::new();
    let separator = if db.url().contains('?') { '&' } else { '?' };
    let url = format!("{}{separator}sslmode=require", db.url());
    migrate(&url, dir.path(), &options()).unwrap();
    assert!(status(&url, dir.path(), &options()).unwrap().is_current());
    let bad = migrate(
        &format!("{}{separator}sslmode=sometimes", db.url()),
        dir.path(),
        &options(),
    )
    .unwrap_err();
    assert!(bad.to_string().contains("sslmode"), "{bad}");
}

#[test]
fn a_statement_ending_in_a_comment_still_ends_where_its_semicolon_is() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &schema_of(vec![items(&[], None, false)]));
    let path = dir.path().join("0000_init.sql");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\nSELECT 1 -- a trailing comment\n;\nSELECT 2;\n"),
    )
    .unwrap();
    rehash(dir.path()).unwrap();
    let db = TestDb::new();
    migrate(db.url(), dir.path(), &options()).unwrap();
    assert_matches_snapshot(&db, dir.path());
}
