//! A chain of generated migrations applies to a real PostgreSQL one script at a time, as a
//! runner would send them, and each leaves exactly the schema of its snapshot; the down files,
//! run in reverse, walk back through the same states to an empty database.

use schema_core::introspect::introspect_declared;
use schema_core::migrate::{down_path, generate, snapshot_path, Generated};
use schema_core::model::{canonical, ColumnDef, PrimaryKey, SqlType, TableDef};
use schema_core::snapshot::Snapshot;
use schema_core::Schema;
use schema_tests::pg::TestDb;
use std::path::Path;

const NAMESPACES: &[&str] = &["public", "storage", "credits", "tenancy", "audit"];

fn audit_log() -> TableDef {
    let mut t = TableDef::new("audit", "audit_log");
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns
        .push(ColumnDef::new("message", SqlType::Text, true));
    t.primary_key = Some(PrimaryKey {
        name: "audit_log_pkey".into(),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    t
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn assert_state(client: &mut postgres::Client, expected: &Schema, step: &str) {
    let read_back = introspect_declared(client, NAMESPACES, expected).unwrap();
    assert_eq!(canonical(&read_back), canonical(expected), "after {step}");
}

#[test]
fn up_chain_then_down_chain_match_the_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    // 0000: the examples without storage.file_tags; 0001: file_tags added in an existing
    // schema; 0002: a table in a new PostgreSQL schema.
    let mut v0 = schema_examples::schema();
    v0.tables.retain(|t| t.name != "file_tags");
    let v1 = schema_examples::schema();
    let mut v2 = v1.clone();
    v2.add_table(audit_log());
    let mut ids = Vec::new();
    for version in [&v0, &v1, &v2] {
        match generate(version, dir.path(), None).unwrap() {
            Generated::Written { migration, .. } => ids.push(migration),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        ids,
        [
            "0000_init",
            "0001_create_file_tags",
            "0002_create_audit_log"
        ]
    );

    let db = TestDb::new();
    let mut client = db.client();
    let snapshots: Vec<Schema> = ids
        .iter()
        .map(|id| {
            Snapshot::read(&snapshot_path(dir.path(), id))
                .unwrap()
                .schema
        })
        .collect();
    for (id, snapshot) in ids.iter().zip(&snapshots) {
        client
            .batch_execute(&read(&dir.path().join(format!("{id}.sql"))))
            .unwrap_or_else(|e| panic!("{id}.sql: {e}"));
        assert_state(&mut client, snapshot, id);
    }
    assert_eq!(snapshots[2], v2.database());
    for (i, id) in ids.iter().enumerate().rev() {
        client
            .batch_execute(&read(&down_path(dir.path(), id)))
            .unwrap_or_else(|e| panic!("{id}.down.sql: {e}"));
        let before = if i == 0 {
            Schema::new()
        } else {
            snapshots[i - 1].clone()
        };
        assert_state(&mut client, &before, &format!("{id}.down.sql"));
    }
    let namespaces: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = ANY($1)",
            &[&&NAMESPACES[1..]],
        )
        .unwrap()
        .get(0);
    assert_eq!(namespaces, 0, "the down chain drops the schemas it created");
}
