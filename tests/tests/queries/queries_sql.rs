//! The SQL each helper sends, with its bound values listed apart, as insta snapshots. The
//! examples in docs/queries.md show these.

use schema_core::query::{self, Order, Statement};
use schema_core::Json;
use schema_examples::accounts::User;
use schema_examples::credits::{
    Balance, BalancePatch, NewBalance, NewTransaction, Transaction, TransactionType,
};
use schema_examples::storage::{File, FilePatch, FileTag, Folder, NewFile, Tag};
use sea_query_postgres::PostgresBinder;
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// The SQL, then one `$n = value` line per bound value.
fn shown<S: PostgresBinder>(statement: &S) -> String {
    let built = Statement::build(statement);
    let mut out = built.sql;
    for (i, value) in built.values.0.iter().enumerate() {
        out.push_str(&format!("\n  ${} = {:?}", i + 1, value.0));
    }
    out
}

fn folder(n: u128) -> Folder {
    let at = chrono::DateTime::UNIX_EPOCH;
    Folder {
        id: id(n),
        user_id: "u1".into(),
        parent_folder_id: None,
        name: format!("f{n}"),
        is_favorite: false,
        is_deleted: false,
        deleted_at: None,
        created_at: at,
        updated_at: at,
    }
}

fn new_file() -> NewFile {
    NewFile {
        id: None,
        user_id: "u1".into(),
        parent_folder_id: Some(id(1)),
        name: "report.pdf".into(),
        mime_type: "application/pdf".into(),
        size: 1024,
        storage_path: "/u1/report.pdf".into(),
        storage_key: "k-1".into(),
        description: None,
        is_favorite: None,
        is_public: Some(true),
        is_deleted: None,
        deleted_at: None,
        created_at: None,
        updated_at: None,
    }
}

#[test]
fn select_with_soft_delete_filter() {
    let q = query::select::<File>()
        .filter(File::COLUMNS.user_id.eq("u1"))
        .filter(File::COLUMNS.size.gt(100_i64))
        .order_by(File::COLUMNS.created_at, Order::Desc)
        .limit(20);
    insta::assert_snapshot!("select", shown(&q.statement().unwrap()));
    let q = query::select::<User>().with_deleted();
    insta::assert_snapshot!("select_with_deleted", shown(&q.statement().unwrap()));
    let q = query::select::<User>().only_deleted();
    insta::assert_snapshot!("select_only_deleted", shown(&q.statement().unwrap()));
}

#[test]
fn insert_and_upsert() {
    insta::assert_snapshot!(
        "insert",
        shown(&query::insert_statement(&new_file()).unwrap())
    );
    let file = new_file();
    let upsert = query::upsert(&file).on_conflict(File::COLUMNS.storage_key);
    insta::assert_snapshot!("upsert", shown(&upsert.statement().unwrap()));
    let balance = NewBalance {
        id: None,
        user_id: "u1".into(),
        amount: Some(500),
        version: None,
        created_at: None,
        updated_at: None,
    };
    let upsert = query::upsert(&balance).on_conflict(Balance::COLUMNS.user_id);
    insta::assert_snapshot!("upsert_versioned", shown(&upsert.statement().unwrap()));
    let t = NewTransaction {
        id: None,
        user_id: "u1".into(),
        r#type: TransactionType::Purchase,
        amount: 100,
        balance_after: 600,
        description: None,
        tags: Some(Json(vec!["promo".into()])),
        metadata: None,
        created_at: None,
    };
    insta::assert_snapshot!("insert_enum", shown(&query::insert_statement(&t).unwrap()));
    let link = schema_examples::storage::NewFileTag {
        file_id: id(1),
        tag_id: id(2),
        created_at: None,
    };
    insta::assert_snapshot!(
        "upsert_nothing_to_change",
        shown(&query::upsert(&link).statement().unwrap())
    );
}

#[test]
fn updates() {
    let patch = FilePatch {
        name: Some("renamed.pdf".into()),
        description: Some(None),
        ..Default::default()
    };
    insta::assert_snapshot!(
        "update",
        shown(&query::update_statement(&id(7), &patch).unwrap())
    );
    let patch = BalancePatch {
        amount: Some(450),
        ..Default::default()
    };
    insta::assert_snapshot!(
        "update_versioned",
        shown(&query::update_versioned_statement(&id(8), 3, &patch).unwrap())
    );
    insta::assert_snapshot!(
        "soft_delete",
        shown(&query::soft_delete_statement::<Folder>(&id(9)).unwrap())
    );
    insta::assert_snapshot!(
        "restore",
        shown(&query::restore_statement::<User>(&id(9)).unwrap())
    );
    insta::assert_snapshot!(
        "delete_composite_key",
        shown(&query::delete_statement::<FileTag>(&(id(1), id(2))).unwrap())
    );
}

#[test]
fn pagination() {
    let q = query::select::<File>()
        .filter(File::COLUMNS.user_id.eq("u1"))
        .order_by(File::COLUMNS.created_at, Order::Desc)
        .order_by(File::COLUMNS.id, Order::Desc);
    let page = q.clone().limit(20).offset(40);
    insta::assert_snapshot!("page", shown(&page.statement().unwrap()));
    insta::assert_snapshot!("page_count", shown(&q.count_statement().unwrap()));
    let cursor = query::Cursor(vec![
        chrono::DateTime::<chrono::Utc>::UNIX_EPOCH.into(),
        id(5).into(),
    ]);
    let keyset = query::select::<File>()
        .filter(File::COLUMNS.user_id.eq("u1"))
        .keyset_statement(File::COLUMNS.created_at, Order::Desc, Some(&cursor), 20)
        .unwrap();
    insta::assert_snapshot!("keyset", shown(&keyset));
    let keyset = query::select::<Transaction>()
        .keyset_statement(
            Transaction::COLUMNS.r#type,
            Order::Asc,
            Some(&query::Cursor(vec!["refund".into(), id(5).into()])),
            10,
        )
        .unwrap();
    insta::assert_snapshot!("keyset_enum", shown(&keyset));
}

#[test]
fn relations() {
    let folders = [folder(1), folder(2)];
    insta::assert_snapshot!(
        "load_has_many",
        shown(&Folder::RELATIONS.files.load_statement(&folders).unwrap())
    );
    insta::assert_snapshot!(
        "load_self_children",
        shown(&Folder::RELATIONS.children.load_statement(&folders).unwrap())
    );
    let nested = [
        Folder {
            parent_folder_id: Some(id(1)),
            ..folder(3)
        },
        Folder {
            parent_folder_id: Some(id(1)),
            ..folder(4)
        },
        folder(5),
    ];
    insta::assert_snapshot!(
        "load_belongs_to",
        shown(
            &Folder::RELATIONS
                .parent_folder
                .load_statement(&nested)
                .unwrap()
        )
    );
    insta::assert_snapshot!(
        "join_belongs_to",
        shown(
            &query::select::<File>()
                .join(File::RELATIONS.parent_folder)
                .statement()
                .unwrap()
        )
    );
    insta::assert_snapshot!(
        "join_self",
        shown(
            &query::select::<Folder>()
                .join(Folder::RELATIONS.parent_folder)
                .statement()
                .unwrap()
        )
    );
    insta::assert_snapshot!(
        "join_many_to_many",
        shown(
            &query::select::<Tag>()
                .join(Tag::RELATIONS.files)
                .statement()
                .unwrap()
        )
    );
}

#[test]
fn many_to_many_load() {
    let at = chrono::DateTime::UNIX_EPOCH;
    let tag = Tag {
        id: id(3),
        user_id: "u1".into(),
        name: "work".into(),
        color: None,
        created_at: at,
        updated_at: at,
    };
    insta::assert_snapshot!(
        "load_many_to_many",
        shown(&Tag::RELATIONS.files.load_statement(&[tag]).unwrap())
    );
}
