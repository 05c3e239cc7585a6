//! Renames declared in the models (`renamed_from` on a table, a column and an enum variant)
//! reach the generated migration as renames, and the data survives on PostgreSQL.

use schema_core::introspect::introspect;
use schema_core::migrate::{generate, Generated};
use schema_core::model::canonical;
use schema_core::Schema;
use schema_tests::apply::apply_script;
use schema_tests::pg::TestDb;

// The models exist for their derives; no test reads their fields.
#[allow(dead_code)]
mod v1 {
    use schema_core::{PgEnum, Table};

    #[derive(PgEnum, Debug, Clone, Copy, PartialEq)]
    #[pg_enum(schema = "hints")]
    pub enum NoteState {
        Draft,
        Done,
    }

    #[derive(Table)]
    #[table(schema = "hints", name = "memos")]
    pub struct Note {
        #[column(primary_key)]
        pub id: i64,
        pub title: String,
        pub word_count: i32,
        #[column(default = NoteState::Draft)]
        pub state: NoteState,
    }
}

#[allow(dead_code)]
mod v2 {
    use schema_core::{PgEnum, Table};

    #[derive(PgEnum, Debug, Clone, Copy, PartialEq)]
    #[pg_enum(schema = "hints")]
    pub enum NoteState {
        #[pg_enum(renamed_from = "draft")]
        Pending,
        Done,
    }

    #[derive(Table)]
    #[table(schema = "hints", renamed_from = "memos")]
    pub struct Note {
        #[column(primary_key)]
        pub id: i64,
        #[column(renamed_from = "title")]
        pub heading: String,
        #[column(using = "word_count::bigint * 1")]
        pub word_count: i64,
        #[column(default = NoteState::Pending)]
        pub state: NoteState,
    }
}

fn written(schema: &Schema, dir: &std::path::Path) -> std::path::PathBuf {
    match generate(schema, dir, None).unwrap() {
        Generated::Written { sql, .. } => sql,
        other => panic!("{other:?}"),
    }
}

#[test]
fn declared_renames_become_renames_and_keep_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let before = Schema::new().table::<v1::Note>();
    let after = Schema::new().table::<v2::Note>();
    let init = std::fs::read_to_string(written(&before, dir.path())).unwrap();
    let change = std::fs::read_to_string(written(&after, dir.path())).unwrap();
    for expected in [
        r#"ALTER TABLE "hints"."memos" RENAME TO "notes""#,
        r#"RENAME COLUMN "title" TO "heading""#,
        r#"RENAME VALUE 'draft' TO 'pending'"#,
        "word_count::bigint * 1",
    ] {
        assert!(change.contains(expected), "missing {expected} in\n{change}");
    }
    assert!(
        !change.contains("DROP TABLE") && !change.contains("DROP COLUMN"),
        "{change}"
    );

    let db = TestDb::new();
    let mut client = db.client();
    apply_script(&mut client, &init);
    client
        .batch_execute("INSERT INTO hints.memos (id, title, word_count) VALUES (1, 'kept', 41)")
        .unwrap();
    apply_script(&mut client, &change);
    let row = client
        .query_one(
            "SELECT heading, word_count, state::text FROM hints.notes",
            &[],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "kept");
    assert_eq!(row.get::<_, i64>(1), 41);
    assert_eq!(row.get::<_, String>(2), "pending");
    let read_back = introspect(&mut client, &["hints"]).unwrap();
    assert_eq!(canonical(&read_back), canonical(&after));
    // The hints are not part of the state: the models now match without a new migration.
    assert!(matches!(
        generate(&after, dir.path(), None).unwrap(),
        Generated::NoChanges { .. }
    ));
}
