//! Values are bound, never spliced: quotes, `;`, `--`, backslashes and unicode are stored and
//! read back verbatim, through every helper that writes or filters.

use schema_core::query::{self, Statement};
use schema_core::Json;
use schema_examples::accounts::{NewUser, User, UserPatch};
use schema_examples::credits::{NewTransaction, Transaction, TransactionType};
use schema_examples::storage::{Folder, NewFolder};
use schema_tests::fixtures::examples_db;

const HOSTILE: &[&str] = &[
    "O'Brien",
    "'; DROP TABLE users; --",
    "a -- comment",
    "/* not a comment */ $1 $$ $tag$",
    r#"back\slash "double" 'single'"#,
    "Zoë ünïcødé 日本語 🦀 \u{200b}",
    "tab\tnewline\ncarriage\r",
    "",
];

fn new_user(i: usize, name: &str) -> NewUser {
    NewUser {
        id: None,
        email: format!("{i}-{name}@example.com"),
        name: name.into(),
        is_active: None,
        created_at: None,
        updated_at: None,
        deleted_at: None,
    }
}

#[test]
fn hostile_text_round_trips_through_insert_filter_update_upsert() {
    let (_db, mut c) = examples_db();
    for (i, value) in HOSTILE.iter().enumerate() {
        let statement = query::insert_statement(&new_user(i, value)).unwrap();
        let built = Statement::build(&statement);
        if !value.is_empty() {
            assert!(!built.sql.contains(value), "{}", built.sql);
        }
        assert!(built.sql.contains("$2"), "{}", built.sql);

        let user = query::insert(&mut c, &new_user(i, value)).unwrap();
        assert_eq!(user.name, *value);
        let found = query::select::<User>()
            .filter(User::COLUMNS.name.eq(*value))
            .all(&mut c)
            .unwrap();
        assert_eq!(found, vec![user.clone()], "filter on {value:?}");

        let reversed: String = value.chars().rev().collect();
        let updated = query::update(
            &mut c,
            &user.id,
            &UserPatch {
                name: Some(reversed.clone()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(updated.name, reversed);
        let upserted = query::upsert(&new_user(i, value))
            .on_conflict(User::COLUMNS.email)
            .run(&mut c)
            .unwrap();
        assert_eq!((upserted.id, upserted.name.as_str()), (user.id, *value));
    }
    // Nothing was dropped or injected.
    let count: i64 = c
        .query_one("SELECT count(*) FROM public.users", &[])
        .unwrap()
        .get(0);
    assert_eq!(count, HOSTILE.len() as i64);
}

#[test]
fn hostile_values_in_varchar_jsonb_and_enum_columns() {
    let (_db, mut c) = examples_db();
    for value in HOSTILE {
        let folder = query::insert(
            &mut c,
            &NewFolder {
                id: None,
                user_id: value.to_string(),
                parent_folder_id: None,
                name: format!("x{value}"),
                is_favorite: None,
                is_deleted: None,
                deleted_at: None,
                created_at: None,
                updated_at: None,
            },
        )
        .unwrap();
        assert_eq!(
            query::find::<Folder>(&mut c, &folder.id).unwrap(),
            Some(folder.clone())
        );
        assert_eq!(folder.name, format!("x{value}"));

        let t = query::insert(
            &mut c,
            &NewTransaction {
                id: None,
                user_id: value.to_string(),
                r#type: TransactionType::Adjustment,
                amount: 1,
                balance_after: 1,
                description: Some(value.to_string()),
                tags: Some(Json(vec![value.to_string(), "'".into()])),
                metadata: Some(serde_json::json!({ *value: value, "nested": [value] })),
                created_at: None,
            },
        )
        .unwrap();
        let back = query::find::<Transaction>(&mut c, &t.id).unwrap().unwrap();
        assert_eq!(back, t);
        assert_eq!(back.tags.0[0], *value);
        assert_eq!(back.description.as_deref(), Some(*value));
    }
}

#[test]
fn rendered_sql_never_contains_the_values() {
    let user = new_user(0, "'; DROP TABLE users; --");
    let built = Statement::build(&query::insert_statement(&user).unwrap());
    assert_eq!(
        built.sql,
        r#"INSERT INTO "public"."users" ("email", "name", "deleted_at") VALUES ($1, $2, $3) RETURNING "id", "email", "name", "is_active", "created_at", "updated_at", "deleted_at""#
    );
    assert_eq!(built.values.0.len(), 3);
}
