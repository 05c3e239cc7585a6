//! Rows decode into models through postgres-types; a column that does not fit names itself.

use schema_core::query::{FromRow, RowError};
use schema_examples::accounts::User;
use schema_examples::credits::{Transaction, TransactionType};
use schema_tests::fixtures::examples_db;

#[test]
fn wrong_type_names_the_column() {
    let (_db, mut c) = examples_db();
    let row = c
        .query_one(
            "SELECT gen_random_uuid() AS id, 'a@b.c' AS email, 42 AS name, true AS is_active, \
             now() AS created_at, now() AS updated_at, NULL::timestamptz AS deleted_at",
            &[],
        )
        .unwrap();
    let err: RowError = User::from_row(&row).unwrap_err();
    assert_eq!(
        (err.table.as_str(), err.column.as_str()),
        ("public.users", "name")
    );
    assert_eq!(
        err.to_string(),
        "cannot read column `name` of `public.users`: cannot convert between the Rust type `alloc::string::String` and the Postgres type `int4`"
    );
    // By position, the same column is named.
    let err = User::from_row_at(&row, 0).unwrap_err();
    assert_eq!(err.column, "name");
}

#[test]
fn null_and_missing_columns_are_named() {
    let (_db, mut c) = examples_db();
    let row = c
        .query_one(
            "SELECT gen_random_uuid() AS id, NULL::text AS email, 'n' AS name",
            &[],
        )
        .unwrap();
    let err = User::from_row(&row).unwrap_err();
    assert_eq!(err.column, "email");
    assert_eq!(err.message, "a Postgres value was `NULL`");
    let row = c.query_one("SELECT gen_random_uuid() AS id", &[]).unwrap();
    let err = User::from_row(&row).unwrap_err();
    assert_eq!(err.column, "email");
    // Out of range by position.
    let err = User::from_row_at(&row, 0).unwrap_err();
    assert_eq!(err.column, "email");
}

#[test]
fn select_star_decodes_by_name_enum_and_json_included() {
    let (_db, mut c) = examples_db();
    c.batch_execute(
        "INSERT INTO credits.transactions (user_id, type, amount, balance_after, tags) \
         VALUES ('u1', 'refund', -5, 10, '[\"a\"]')",
    )
    .unwrap();
    let row = c
        .query_one("SELECT * FROM credits.transactions", &[])
        .unwrap();
    let t = Transaction::from_row(&row).unwrap();
    assert_eq!(
        (t.r#type, t.amount, t.tags.0.clone()),
        (TransactionType::Refund, -5, vec!["a".to_owned()])
    );
    // A label the enum lacks is an error naming the column, not a panic.
    let row = c.query_one("SELECT 'u1'::text AS v", &[]).unwrap();
    let err =
        schema_core::query::__private::get::<TransactionType>(&row, "credits.transactions", "v")
            .unwrap_err();
    assert_eq!(err.column, "v");
}
