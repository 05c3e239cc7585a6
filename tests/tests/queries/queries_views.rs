//! Views (issue 16): a view and a materialized view of the examples read with the typed
//! select and its column handles; a materialized view refreshed, concurrently once filled.

use schema_core::query::{self, QueryError};
use schema_core::Table;
use schema_examples::storage::{FolderSize, StorageUsage};
use schema_tests::fixtures::examples_db;

const FILES: &str = "
    INSERT INTO storage.folders (id, user_id, name) VALUES
        ('00000000-0000-0000-0000-00000000000a', 'u1', 'docs');
    INSERT INTO storage.files (user_id, parent_folder_id, name, mime_type, size, storage_path, storage_key, is_deleted) VALUES
        ('u1', '00000000-0000-0000-0000-00000000000a', 'a', 'text/plain', 10, 'p', 'k1', false),
        ('u1', '00000000-0000-0000-0000-00000000000a', 'b', 'text/plain', 32, 'p', 'k2', false),
        ('u1', NULL, 'c', 'text/plain', 100, 'p', 'k3', true),
        ('u2', NULL, 'd', 'text/plain', 7, 'p', 'k4', false);";

#[test]
fn a_view_is_selected_with_its_column_handles() {
    let (_db, mut client) = examples_db();
    client.batch_execute(FILES).unwrap();
    let sizes = query::select::<FolderSize>()
        .filter(FolderSize::COLUMNS.user_id.eq("u1"))
        .all(&mut client)
        .unwrap();
    assert_eq!(sizes.len(), 1);
    assert_eq!((sizes[0].files, sizes[0].bytes), (2, 42), "live files only");
    let plain = query::refresh::<FolderSize>(&mut client);
    assert!(
        matches!(plain, Err(QueryError::NotMaterialized { .. })),
        "{plain:?}"
    );
}

#[test]
fn a_materialized_view_is_refreshed_concurrently() {
    let (_db, mut client) = examples_db();
    // Filled when created, from no files: empty until refreshed.
    let usage = || {
        query::select::<StorageUsage>().order_by(StorageUsage::COLUMNS.user_id, query::Order::Asc)
    };
    assert!(usage().all(&mut client).unwrap().is_empty());
    client.batch_execute(FILES).unwrap();
    assert!(
        usage().all(&mut client).unwrap().is_empty(),
        "stored rows until a refresh"
    );
    let concurrently = query::refresh::<StorageUsage>(&mut client).unwrap();
    assert!(concurrently, "its unique index allows a concurrent refresh");
    let rows: Vec<(String, i64, i64)> = usage()
        .all(&mut client)
        .unwrap()
        .into_iter()
        .map(|u| (u.user_id, u.files, u.bytes))
        .collect();
    assert_eq!(rows, [("u1".to_owned(), 2, 42), ("u2".to_owned(), 1, 7)]);
}
