//! Limit/offset pages with totals, and keyset pages, for every example model: pages cover
//! every live row exactly once, soft-deleted rows are neither listed nor counted, and sort-key
//! ties (half the rows share one `created_at`) are broken by the primary key.

use schema_core::query::{self, Model, Order, Select};
use schema_core::Column;
use schema_examples::accounts::User;
use schema_examples::blog::{NewPost, Post};
use schema_examples::credits::{Balance, NewBalance, NewTransaction, Transaction, TransactionType};
use schema_examples::storage::{
    File, FileTag, FileVersion, Folder, NewFile, NewFileTag, NewFileVersion, NewTag, Tag,
};
use schema_examples::tenancy::{Member, NewMember, NewTenant, NewWorkflow, Tenant, Workflow};
use schema_tests::fixtures::{examples_db, new_file, new_folder, new_user};
use std::collections::BTreeSet;
use std::fmt::Debug;

const N: usize = 11;

/// `N` rows in every table (more links), one soft-deleted row in each soft-deleting table.
fn seed(c: &mut postgres::Client) {
    let mut users = Vec::new();
    for i in 0..N {
        users.push(
            query::insert(
                c,
                &new_user(&format!("u{i}@example.com"), &format!("User {i}")),
            )
            .unwrap(),
        );
    }
    let mut folders: Vec<Folder> = Vec::new();
    let mut files = Vec::new();
    let mut tags = Vec::new();
    let mut members = Vec::new();
    let mut tenants = Vec::new();
    for i in 0..N {
        query::insert(
            c,
            &NewPost {
                id: None,
                title: format!("Post {i}"),
                content: "long enough content".into(),
                author_id: users[i % 3].id,
                is_published: Some(i % 2 == 0),
                created_at: None,
                updated_at: None,
            },
        )
        .unwrap();
        folders.push(
            query::insert(
                c,
                &new_folder("u1", &format!("folder {i}"), folders.first().map(|f| f.id)),
            )
            .unwrap(),
        );
        files.push(
            query::insert(
                c,
                &NewFile {
                    size: i as i64,
                    storage_path: format!("/f/{i}"),
                    ..new_file(
                        "u1",
                        &format!("file {i}"),
                        Some(folders[i / 2].id),
                        &format!("k{i}"),
                    )
                },
            )
            .unwrap(),
        );
        tags.push(
            query::insert(
                c,
                &NewTag {
                    id: None,
                    user_id: "u1".into(),
                    name: format!("tag {i}"),
                    color: None,
                    created_at: None,
                    updated_at: None,
                },
            )
            .unwrap(),
        );
        query::insert(
            c,
            &NewFileVersion {
                id: None,
                file_id: files[0].id,
                version_number: i as i32 + 1,
                storage_path: format!("/v/{i}"),
                size: 1,
                metadata: None,
                user_id: "u1".into(),
                created_at: None,
            },
        )
        .unwrap();
        query::insert(
            c,
            &NewBalance {
                id: None,
                user_id: format!("u{i}"),
                amount: Some(i as i64),
                version: None,
                created_at: None,
                updated_at: None,
            },
        )
        .unwrap();
        query::insert(
            c,
            &NewTransaction {
                id: None,
                user_id: "u1".into(),
                r#type: TransactionType::Usage,
                amount: 1,
                balance_after: i as i64,
                description: Some(format!("t{i}")),
                tags: None,
                metadata: None,
                created_at: None,
            },
        )
        .unwrap();
        tenants.push(
            query::insert(
                c,
                &NewTenant {
                    id: format!("t{i:02}"),
                    name: format!("Tenant {i}"),
                    created_at: None,
                    updated_at: None,
                },
            )
            .unwrap(),
        );
        members.push(
            query::insert(
                c,
                &NewMember {
                    id: format!("m{i:02}"),
                    email: format!("m{i}@example.com"),
                    password_hash: "x".into(),
                    level: None,
                    tenant_id: tenants[0].id.clone(),
                    created_at: None,
                    updated_at: None,
                },
            )
            .unwrap(),
        );
        query::insert(
            c,
            &NewWorkflow {
                id: format!("w{i:02}"),
                name: format!("Flow {i}"),
                config: "{}".into(),
                member_id: members[i / 2].id.clone(),
                tenant_id: tenants[0].id.clone(),
                created_at: None,
                updated_at: None,
            },
        )
        .unwrap();
    }
    for (i, file) in files.iter().enumerate() {
        for tag in tags.iter().skip(i % 3).step_by(4) {
            query::insert(
                c,
                &NewFileTag {
                    file_id: file.id,
                    tag_id: tag.id,
                    created_at: None,
                },
            )
            .unwrap();
        }
    }
    query::soft_delete::<User>(c, &users[4].id).unwrap();
    query::soft_delete::<Folder>(c, &folders[5].id).unwrap();
    query::soft_delete::<File>(c, &files[6].id).unwrap();
    // Ties: half of each table's rows share one `created_at`.
    for table in [
        "public.users",
        "public.posts",
        "storage.folders",
        "storage.files",
        "storage.tags",
        "storage.file_tags",
        "storage.file_versions",
        "credits.balances",
        "credits.transactions",
        "tenancy.tenants",
        "tenancy.members",
        "tenancy.workflows",
    ] {
        c.batch_execute(&format!(
            "UPDATE {table} SET created_at = TIMESTAMPTZ '2020-01-01 00:00:00+00' \
             WHERE created_at <= (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY created_at) FROM {table})"
        ))
        .unwrap();
    }
}

/// Offset pages and keyset pages (both directions, several sizes) each list exactly the live
/// rows, once.
fn check<M, R>(
    c: &mut postgres::Client,
    order: impl Fn(Select<M>) -> Select<M>,
    keyset_column: Column<M, R>,
) where
    M: Model + Debug + PartialEq,
    M::Key: Ord + Debug,
{
    let all: Vec<M> = query::select::<M>().all(c).unwrap();
    let expected: BTreeSet<M::Key> = all.iter().map(Model::key).collect();
    assert_eq!(expected.len(), all.len());
    assert!(!all.is_empty());
    let name = M::table_def().qualified_name().to_string();

    for per_page in [1_u64, 3, 4, 100] {
        let mut seen = Vec::new();
        let mut page = 1;
        loop {
            let p = order(query::select::<M>())
                .paginate(c, page, per_page)
                .unwrap();
            assert_eq!(p.total, all.len() as u64, "{name}: total");
            assert_eq!((p.page, p.per_page), (page, per_page));
            seen.extend(p.items.iter().map(Model::key));
            if !p.has_more {
                break;
            }
            assert_eq!(
                p.items.len() as u64,
                per_page,
                "{name}: a full page before the last"
            );
            page += 1;
        }
        assert_eq!(
            page,
            (all.len() as u64).div_ceil(per_page),
            "{name}: page count"
        );
        assert_eq!(
            seen.len(),
            all.len(),
            "{name}: offset pages of {per_page} repeat a row"
        );
        assert_eq!(
            seen.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{name}"
        );
    }
    // A page past the end is empty and still knows the total.
    let past = order(query::select::<M>()).paginate(c, 99, 10).unwrap();
    assert!(past.items.is_empty() && !past.has_more);
    assert_eq!(past.total, all.len() as u64);

    for direction in [Order::Asc, Order::Desc] {
        for limit in [1_u64, 2, 5, 50] {
            let mut seen = Vec::new();
            let mut cursor = None;
            let mut pages = 0;
            loop {
                let page = query::select::<M>()
                    .keyset(c, keyset_column, direction.clone(), cursor.as_ref(), limit)
                    .unwrap();
                pages += 1;
                assert!(page.items.len() as u64 <= limit);
                seen.extend(page.items.iter().map(Model::key));
                match page.next {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
                assert!(pages <= all.len() + 1, "{name}: keyset pages never end");
            }
            assert_eq!(
                seen.len(),
                all.len(),
                "{name}: keyset pages of {limit} repeat or skip a row"
            );
            assert_eq!(
                seen.into_iter().collect::<BTreeSet<_>>(),
                expected,
                "{name}"
            );
        }
    }
}

#[test]
fn every_model_pages_cover_every_row_once() {
    let (_db, mut c) = examples_db();
    seed(&mut c);
    let c = &mut c;
    check::<User, _>(
        c,
        |s| s.order_by(User::COLUMNS.id, Order::Asc),
        User::COLUMNS.created_at,
    );
    check::<Post, _>(
        c,
        |s| s.order_by(Post::COLUMNS.id, Order::Asc),
        Post::COLUMNS.created_at,
    );
    check::<Folder, _>(
        c,
        |s| s.order_by(Folder::COLUMNS.id, Order::Asc),
        Folder::COLUMNS.created_at,
    );
    check::<File, _>(
        c,
        |s| s.order_by(File::COLUMNS.id, Order::Asc),
        File::COLUMNS.created_at,
    );
    check::<Tag, _>(
        c,
        |s| s.order_by(Tag::COLUMNS.id, Order::Asc),
        Tag::COLUMNS.name,
    );
    check::<FileTag, _>(
        c,
        |s| {
            s.order_by(FileTag::COLUMNS.file_id, Order::Asc)
                .order_by(FileTag::COLUMNS.tag_id, Order::Asc)
        },
        FileTag::COLUMNS.created_at,
    );
    check::<FileVersion, _>(
        c,
        |s| s.order_by(FileVersion::COLUMNS.id, Order::Asc),
        FileVersion::COLUMNS.created_at,
    );
    check::<Balance, _>(
        c,
        |s| s.order_by(Balance::COLUMNS.id, Order::Asc),
        Balance::COLUMNS.amount,
    );
    check::<Transaction, _>(
        c,
        |s| s.order_by(Transaction::COLUMNS.id, Order::Asc),
        Transaction::COLUMNS.r#type,
    );
    check::<Tenant, _>(
        c,
        |s| s.order_by(Tenant::COLUMNS.id, Order::Asc),
        Tenant::COLUMNS.created_at,
    );
    check::<Member, _>(
        c,
        |s| s.order_by(Member::COLUMNS.id, Order::Asc),
        Member::COLUMNS.created_at,
    );
    check::<Workflow, _>(
        c,
        |s| s.order_by(Workflow::COLUMNS.id, Order::Asc),
        Workflow::COLUMNS.member_id,
    );
}

#[test]
fn soft_deleted_rows_are_not_counted() {
    let (_db, mut c) = examples_db();
    seed(&mut c);
    let page = query::select::<User>().paginate(&mut c, 1, 100).unwrap();
    assert_eq!(page.total, N as u64 - 1);
    let all = query::select::<User>()
        .with_deleted()
        .paginate(&mut c, 1, 100)
        .unwrap();
    assert_eq!(all.total, N as u64);
    let filtered = query::select::<File>()
        .filter(File::COLUMNS.size.lt(5_i64))
        .order_by(File::COLUMNS.size, Order::Desc)
        .paginate(&mut c, 1, 2)
        .unwrap();
    assert_eq!(filtered.total, 5);
    assert_eq!(
        filtered.items.iter().map(|f| f.size).collect::<Vec<_>>(),
        vec![4, 3]
    );
    assert!(filtered.has_more);
}
