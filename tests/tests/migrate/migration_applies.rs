//! The checked-in first migration of the examples applies to an empty database as one script,
//! exactly as a migration runner would send it, and leaves the declared schema.

use schema_core::introspect::introspect_declared;
use schema_core::model::canonical;
use schema_tests::pg::TestDb;

#[test]
fn examples_first_migration_applies_to_an_empty_database() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/migrations/0000_init.sql"
    );
    let sql = std::fs::read_to_string(path).expect("run `cargo xtask migrate-gen` first");
    let db = TestDb::new();
    let mut client = db.client();
    client.batch_execute(&sql).unwrap();
    let declared = schema_examples::schema();
    let read_back = introspect_declared(
        &mut client,
        &["public", "storage", "credits", "tenancy"],
        &declared,
    )
    .unwrap();
    assert_eq!(canonical(&read_back), canonical(&declared));
}
