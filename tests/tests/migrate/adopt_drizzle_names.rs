//! A database another tool created is adopted unchanged when the models name its foreign keys
//! as that tool did (`references(Model::field, name = "...")`): here drizzle-kit, which names
//! them `{table}_{column}_{target table}_{target column}_fk`. The database is made by a
//! migration written as drizzle-kit writes one; read back, it equals the models, and the diff
//! from it to the models is empty, so the first migration of this tool changes nothing.

use schema_core::diff::{diff, DiffOptions};
use schema_core::introspect::introspect;
use schema_core::model::{canonical, generated_name};
use schema_core::Schema;
use schema_tests::pg::TestDb;

// The models exist for their derives; no test reads their fields.
#[allow(dead_code)]
mod models {
    use schema_core::Table;

    #[derive(Table)]
    pub struct User {
        #[column(primary_key)]
        pub id: i64,
        pub email: String,
    }

    #[derive(Table)]
    pub struct Post {
        #[column(primary_key)]
        pub id: i64,
        #[column(
            references(User::id, name = "posts_user_id_users_id_fk"),
            on_delete = "cascade"
        )]
        pub user_id: i64,
        pub title: String,
    }

    #[derive(Table)]
    pub struct Comment {
        #[column(primary_key)]
        pub id: i64,
        #[column(references(Post::id, name = "comments_post_id_posts_id_fk"))]
        pub post_id: i64,
        #[column(
            references(Self::id, name = "comments_parent_comment_id_comments_id_fk"),
            on_delete = "set null"
        )]
        pub parent_comment_id: Option<i64>,
        pub body: String,
    }
}

/// `drizzle/0000_init.sql` as drizzle-kit generates it for the same tables: keys added after
/// the tables, each in a `DO` block that tolerates a re-run, with its own names.
const DRIZZLE_INIT: &str = r#"
CREATE TABLE IF NOT EXISTS "users" (
	"id" bigint PRIMARY KEY NOT NULL,
	"email" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "posts" (
	"id" bigint PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "comments" (
	"id" bigint PRIMARY KEY NOT NULL,
	"post_id" bigint NOT NULL,
	"parent_comment_id" bigint,
	"body" text NOT NULL
);
--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "comments" ADD CONSTRAINT "comments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_comment_id_comments_id_fk" FOREIGN KEY ("parent_comment_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
"#;

fn declared() -> Schema {
    Schema::new()
        .table::<models::User>()
        .table::<models::Post>()
        .table::<models::Comment>()
}

#[test]
fn a_drizzle_kit_database_reads_back_equal_to_the_models() {
    let declared = declared();
    assert_eq!(declared.validate(), Ok(()));
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(DRIZZLE_INIT)
        .expect("the drizzle-kit migration applies");
    let introspected = introspect(&mut client, &["public"]).expect("introspect");
    let (read, want) = (canonical(&introspected), canonical(&declared));
    for (r, w) in read.tables.iter().zip(&want.tables) {
        assert_eq!(r, w, "table `{}` differs", w.qualified_name());
    }
    assert_eq!(read, want);
    let plan = diff(&read, &want, &DiffOptions::default()).expect("diff");
    assert!(
        plan.is_empty(),
        "adopting the database would change it:\n{}",
        plan.to_sql()
    );
}

#[test]
fn the_written_names_replace_the_generated_ones() {
    let declared = declared();
    let mut names: Vec<&str> = declared
        .tables
        .iter()
        .flat_map(|t| t.foreign_keys.iter().map(|fk| fk.name.as_str()))
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "comments_parent_comment_id_comments_id_fk",
            "comments_post_id_posts_id_fk",
            "posts_user_id_users_id_fk",
        ]
    );
}

/// Leaving the names out is the other way to adopt such a database: the first migration then
/// renames each key, and drops none.
#[test]
fn without_the_names_the_keys_are_renamed_not_rebuilt() {
    // The models as the derive makes them without `name = "..."`.
    let mut generated = declared();
    for table in &mut generated.tables {
        for fk in &mut table.foreign_keys {
            fk.name = generated_name(&[&table.name, &fk.columns[0], "fkey"]);
        }
    }
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(DRIZZLE_INIT)
        .expect("the drizzle-kit migration applies");
    let read = canonical(&introspect(&mut client, &["public"]).expect("introspect"));
    let sql = diff(&read, &generated, &DiffOptions::default())
        .expect("diff")
        .to_sql();
    assert_eq!(sql.matches("RENAME CONSTRAINT").count(), 3, "{sql}");
    assert!(
        !sql.contains("DROP CONSTRAINT") && !sql.contains("ADD CONSTRAINT"),
        "{sql}"
    );
    assert!(
        sql.contains(r#"RENAME CONSTRAINT "posts_user_id_users_id_fk" TO "posts_user_id_fkey""#)
    );
    schema_tests::apply::apply_script(&mut client, &sql);
    let after = canonical(&introspect(&mut client, &["public"]).expect("introspect"));
    assert_eq!(after, canonical(&generated));
}

#[test]
fn baseline_adopts_the_drizzle_kit_database_unchanged() {
    use schema_core::migrate::runner::{baseline, migrate, status, verify, RunOptions};
    let dir = tempfile::tempdir().unwrap();
    schema_core::migrate::generate(&declared(), dir.path(), None).unwrap();
    let db = TestDb::new();
    db.client()
        .batch_execute(DRIZZLE_INIT)
        .expect("the drizzle-kit migration applies");
    let options = RunOptions::default();
    assert_eq!(
        baseline(db.url(), dir.path(), "0000_init", &options).unwrap(),
        1
    );
    assert!(status(db.url(), dir.path(), &options).unwrap().is_current());
    assert!(verify(db.url(), dir.path(), &options)
        .unwrap()
        .differences
        .is_empty());
    assert!(migrate(db.url(), dir.path(), &options)
        .unwrap()
        .applied
        .is_empty());
}
