//! What a generated migration file guarantees on its own, whoever runs it: every segment sets
//! its `lock_timeout`, so a statement that cannot get its lock fails with SQLSTATE 55P03 within
//! that time instead of waiting (and queueing every other query of the table behind it); and a
//! no-transaction segment can run again after a crash, changing nothing the second time.

use postgres::error::SqlState;
use schema_core::diff::{diff, script, DiffOptions, Timeouts};
use schema_core::introspect::introspect;
use schema_core::model::{
    canonical, CheckConstraint, ColumnDef, ColumnDefault, EnumDef, Index, IndexMethod, PrimaryKey,
    SqlType, UniqueConstraint,
};
use schema_core::{Schema, TableDef};
use schema_tests::apply::{apply_schema, apply_script, run_script};
use schema_tests::pg::TestDb;
use std::time::{Duration, Instant};

fn status_type() -> SqlType {
    SqlType::enum_type("public", "status")
}

fn index(name: &str, column: &str) -> Index {
    Index {
        name: name.into(),
        columns: vec![column.into()],
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
        ..Default::default()
    }
}

/// `public.tasks (id, status, title)` with an index on `title`.
fn tasks() -> TableDef {
    let mut t = TableDef::new("public", "tasks");
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns
        .push(ColumnDef::new("status", status_type(), false));
    t.columns
        .push(ColumnDef::new("title", SqlType::Text, false));
    t.primary_key = Some(PrimaryKey {
        name: "tasks_pkey".into(),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    t.indexes.push(index("idx_tasks_title", "title"));
    t
}

fn schema(table: TableDef, labels: &[&str]) -> Schema {
    let mut s = Schema::new();
    s.add_table(table);
    s.add_enum(EnumDef::new("public", "status", labels.iter().copied()));
    s
}

fn before() -> Schema {
    schema(tasks(), &["open", "done"])
}

/// Every kind of statement the diff puts outside a transaction: a label added and used by a
/// default, an index dropped and one built concurrently, the unique index behind a new key,
/// and a check validated after its `NOT VALID` add.
fn after() -> Schema {
    let mut t = tasks();
    t.indexes.clear();
    t.indexes.push(index("idx_tasks_status", "status"));
    t.columns[1] = ColumnDef::new("status", status_type(), false)
        .with_default(ColumnDefault::String("draft".into()));
    t.uniques.push(UniqueConstraint {
        name: "tasks_title_key".into(),
        columns: vec!["title".into()],
        deferrable: Default::default(),
    });
    t.checks.push(CheckConstraint {
        name: "tasks_title_not_empty".into(),
        expression: "title <> ''::text".into(),
    });
    schema(t, &["draft", "open", "done"])
}

fn read_back(client: &mut postgres::Client) -> Schema {
    canonical(&introspect(client, &["public"]).expect("introspect"))
}

/// Every index and constraint of `public` with its oid: a rebuilt one has a new oid.
fn objects(client: &mut postgres::Client) -> Vec<(String, u32)> {
    let rows = client
        .query(
            "SELECT c.relname::text, c.oid FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'public' AND c.relkind = 'i' \
             UNION ALL \
             SELECT con.conname::text, con.oid FROM pg_constraint con \
             JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = 'public' \
             UNION ALL \
             SELECT e.enumlabel::text, e.oid FROM pg_enum e \
             ORDER BY 1",
            &[],
        )
        .unwrap();
    rows.iter().map(|r| (r.get(0), r.get(1))).collect()
}

#[test]
fn a_no_transaction_segment_runs_twice_and_changes_nothing_the_second_time() {
    let (before, after) = (before(), after());
    let sql = diff(&before, &after, &DiffOptions::default())
        .unwrap()
        .to_sql();
    let outside: Vec<script::Segment> = script::segments(&sql)
        .into_iter()
        .filter(|s| !s.transaction)
        .collect();
    let all: String = outside
        .iter()
        .flat_map(|s| &s.statements)
        .cloned()
        .collect();
    for kind in [
        "ADD VALUE IF NOT EXISTS",
        "DROP INDEX CONCURRENTLY IF EXISTS",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS",
        "VALIDATE CONSTRAINT",
    ] {
        assert!(
            all.contains(kind),
            "no `{kind}` outside a transaction:\n{sql}"
        );
    }

    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    client
        .batch_execute("INSERT INTO tasks VALUES (1, 'open', 'a'), (2, 'done', 'b')")
        .unwrap();
    apply_script(&mut client, &sql);
    let (schema, oids) = (read_back(&mut client), objects(&mut client));
    assert_eq!(schema, canonical(&after));

    // As after a crash that lost the record of these segments: each runs again, statement by
    // statement outside a transaction, as the first time.
    for segment in &outside {
        for statement in &segment.statements {
            if let Err(e) = client.batch_execute(statement) {
                panic!("the second run of\n{statement}\nfailed: {e:?}");
            }
        }
    }
    assert_eq!(read_back(&mut client), schema);
    assert_eq!(objects(&mut client), oids, "an object was rebuilt");
}

#[test]
fn a_migration_gives_up_on_a_held_lock_with_55p03_within_its_lock_timeout() {
    let before = before();
    let mut table = tasks();
    table
        .columns
        .push(ColumnDef::new("note", SqlType::Text, true));
    let after = schema(table, &["open", "done"]);
    let timeouts = Timeouts {
        lock_timeout: "300ms".parse().unwrap(),
        ..Timeouts::default()
    };
    let sql = diff(&before, &after, &DiffOptions::default())
        .unwrap()
        .to_sql_with(&timeouts);
    assert!(sql.contains("SET lock_timeout = '300ms';"), "{sql}");

    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    // Another session reads the table in an open transaction: its ACCESS SHARE lock conflicts
    // with the ACCESS EXCLUSIVE lock of ADD COLUMN.
    let mut reader = db.client();
    let mut open = reader.transaction().unwrap();
    open.batch_execute("SELECT count(*) FROM tasks").unwrap();

    let started = Instant::now();
    let error = run_script(&mut client, &sql)
        .expect_err("the migration waited for the lock")
        .error;
    let waited = started.elapsed();
    assert_eq!(
        error.code(),
        Some(&SqlState::LOCK_NOT_AVAILABLE),
        "{error:?}"
    );
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(3),
        "gave up after {waited:?}"
    );
    // The failed segment was rolled back: nothing changed.
    assert_eq!(read_back(&mut client), canonical(&before));

    // Once the lock is released the same file applies.
    open.rollback().unwrap();
    run_script(&mut client, &sql).unwrap();
    assert_eq!(read_back(&mut client), canonical(&after));
}

/// Without the file's `SET lock_timeout` the same statement waits for the lock: what the
/// timeout prevents. Bounded here by a `statement_timeout` of the test's own (57014).
#[test]
fn without_its_lock_timeout_the_statement_would_wait() {
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before());
    let mut reader = db.client();
    let mut open = reader.transaction().unwrap();
    open.batch_execute("SELECT count(*) FROM tasks").unwrap();
    let error = client
        .batch_execute("SET statement_timeout = '500ms'; ALTER TABLE tasks ADD COLUMN note text")
        .expect_err("the lock was free");
    assert_eq!(error.code(), Some(&SqlState::QUERY_CANCELED), "{error:?}");
    open.rollback().unwrap();
}
