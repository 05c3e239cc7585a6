//! Every example model through the write helpers on PostgreSQL: insert, read back equal,
//! update (setting `updated_at`), upsert on a named conflict target, and for the
//! soft-deleting models soft delete, its filter, and restore.

use chrono::Utc;
use schema_core::query::{self, QueryError};
use schema_core::Json;
use schema_examples::accounts::{User, UserPatch};
use schema_examples::blog::{NewPost, Post, PostPatch};
use schema_examples::credits::{
    Balance, BalancePatch, NewBalance, NewTransaction, Transaction, TransactionPatch,
    TransactionType,
};
use schema_examples::storage::{
    File, FileTag, FileTagPatch, FileVersion, FileVersionPatch, Folder, FolderPatch, NewFileTag,
    NewFileVersion, NewFolder, NewTag, Tag, TagPatch,
};
use schema_examples::tenancy::{
    Member, MemberPatch, NewMember, NewTenant, NewWorkflow, Tenant, TenantPatch, Workflow,
    WorkflowPatch,
};
use schema_tests::fixtures::{examples_db, new_file, new_folder, new_tag, new_user};
use uuid::Uuid;

#[test]
fn users_insert_update_upsert_soft_delete() {
    let (_db, mut c) = examples_db();
    let user = query::insert(&mut c, &new_user("ada@example.com", "Ada")).unwrap();
    assert!(user.is_active, "the default applies");
    assert_eq!(
        query::find::<User>(&mut c, &user.id).unwrap(),
        Some(user.clone())
    );

    let patch = UserPatch {
        name: Some("Ada Lovelace".into()),
        ..Default::default()
    };
    let updated = query::update(&mut c, &user.id, &patch).unwrap();
    assert_eq!(updated.name, "Ada Lovelace");
    assert_eq!(updated.email, user.email);
    assert!(updated.updated_at >= user.updated_at);
    assert_eq!(
        query::find::<User>(&mut c, &user.id).unwrap(),
        Some(updated.clone())
    );

    // Upsert on the unique email: the existing row is updated, its id kept.
    let upserted = query::upsert(&new_user("ada@example.com", "Countess"))
        .on_conflict(User::COLUMNS.email)
        .run(&mut c)
        .unwrap();
    assert_eq!((upserted.id, upserted.name.as_str()), (user.id, "Countess"));
    // And a new email inserts.
    let other = query::upsert(&new_user("bob@example.com", "Bob"))
        .on_conflict(User::COLUMNS.email)
        .run(&mut c)
        .unwrap();
    assert_ne!(other.id, user.id);
    assert_eq!(query::select::<User>().count(&mut c).unwrap(), 2);

    // Soft delete: the row stays, selects skip it unless asked.
    let deleted = query::soft_delete::<User>(&mut c, &user.id).unwrap();
    assert!(deleted.deleted_at.is_some());
    assert_eq!(query::find::<User>(&mut c, &user.id).unwrap(), None);
    let live = query::select::<User>().all(&mut c).unwrap();
    assert_eq!(live, vec![other.clone()]);
    assert_eq!(
        query::select::<User>()
            .with_deleted()
            .count(&mut c)
            .unwrap(),
        2
    );
    assert_eq!(
        query::select::<User>().only_deleted().all(&mut c).unwrap(),
        vec![deleted.clone()]
    );
    // A deleted row is neither updated nor deleted again.
    let err = query::update(&mut c, &user.id, &patch).unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(query::soft_delete::<User>(&mut c, &user.id)
        .unwrap_err()
        .is_not_found());
    let restored = query::restore::<User>(&mut c, &user.id).unwrap();
    assert_eq!(restored.deleted_at, None);
    assert_eq!(query::select::<User>().count(&mut c).unwrap(), 2);

    // Hard delete.
    assert!(query::delete::<User>(&mut c, &other.id).unwrap());
    assert!(!query::delete::<User>(&mut c, &other.id).unwrap());
}

/// `#[column(on_update_now)]`: the trigger moves `updated_at` on every update, whatever the
/// statement says (and the patch shape has no `updated_at` to say it with).
#[test]
fn an_update_moves_updated_at_through_the_trigger() {
    let (_db, mut c) = examples_db();
    let long_ago = "2000-01-01T00:00:00Z"
        .parse::<chrono::DateTime<Utc>>()
        .unwrap();
    let user = query::insert(
        &mut c,
        &schema_examples::accounts::NewUser {
            updated_at: Some(long_ago),
            ..new_user("ada@example.com", "Ada")
        },
    )
    .unwrap();
    assert_eq!(
        user.updated_at, long_ago,
        "an insert keeps what it is given"
    );
    let patch = UserPatch {
        name: Some("Ada Lovelace".into()),
        ..Default::default()
    };
    let updated = query::update(&mut c, &user.id, &patch).unwrap();
    assert!(updated.updated_at > Utc::now() - chrono::Duration::minutes(5));
    // An update that names the column gets the trigger's value too.
    let row = c
        .query_one(
            "UPDATE users SET updated_at = '2000-01-01' WHERE id = $1 RETURNING updated_at",
            &[&user.id],
        )
        .unwrap();
    assert!(row.get::<_, chrono::DateTime<Utc>>(0) > long_ago);
}

#[test]
fn posts_insert_update_upsert() {
    let (_db, mut c) = examples_db();
    let author = query::insert(&mut c, &new_user("a@example.com", "A")).unwrap();
    let post = query::insert(
        &mut c,
        &NewPost {
            id: None,
            title: "Hello".into(),
            content: "A first post, long enough.".into(),
            author_id: author.id,
            is_published: None,
            created_at: None,
            updated_at: None,
        },
    )
    .unwrap();
    assert!(!post.is_published);
    assert_eq!(
        query::find::<Post>(&mut c, &post.id).unwrap(),
        Some(post.clone())
    );
    let published = query::update(
        &mut c,
        &post.id,
        &PostPatch {
            is_published: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(published.is_published);
    assert_eq!(published.title, "Hello");
    // Upsert on the primary key (the default target).
    let again = query::upsert(&NewPost {
        id: Some(post.id),
        title: "Hello again".into(),
        content: post.content.clone(),
        author_id: author.id,
        is_published: Some(false),
        created_at: None,
        updated_at: None,
    })
    .run(&mut c)
    .unwrap();
    assert_eq!((again.id, again.title.as_str()), (post.id, "Hello again"));
    assert_eq!(query::select::<Post>().count(&mut c).unwrap(), 1);
}

#[test]
fn folders_soft_delete_with_both_columns() {
    let (_db, mut c) = examples_db();
    let root = query::insert(&mut c, &new_folder("u1", "root", None)).unwrap();
    let child = query::insert(&mut c, &new_folder("u1", "child", Some(root.id))).unwrap();
    assert_eq!(
        query::find::<Folder>(&mut c, &child.id).unwrap(),
        Some(child.clone())
    );
    let renamed = query::update(
        &mut c,
        &child.id,
        &FolderPatch {
            name: Some("renamed".into()),
            parent_folder_id: Some(None),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.parent_folder_id),
        ("renamed", None)
    );
    let upserted = query::upsert(&NewFolder {
        id: Some(root.id),
        ..new_folder("u1", "root v2", None)
    })
    .on_conflict(Folder::COLUMNS.id)
    .run(&mut c)
    .unwrap();
    assert_eq!(upserted.name, "root v2");

    let deleted = query::soft_delete::<Folder>(&mut c, &root.id).unwrap();
    assert!(deleted.is_deleted && deleted.deleted_at.is_some());
    let live: Vec<Uuid> = query::select::<Folder>()
        .all(&mut c)
        .unwrap()
        .into_iter()
        .map(|f| f.id)
        .collect();
    assert_eq!(live, vec![child.id]);
    // `is_deleted` alone also hides a row.
    c.execute(
        "UPDATE storage.folders SET is_deleted = true WHERE id = $1",
        &[&child.id],
    )
    .unwrap();
    assert_eq!(query::select::<Folder>().count(&mut c).unwrap(), 0);
    assert_eq!(
        query::select::<Folder>()
            .with_deleted()
            .count(&mut c)
            .unwrap(),
        2
    );
}

#[test]
fn files_insert_update_upsert_soft_delete() {
    let (_db, mut c) = examples_db();
    let file = query::insert(&mut c, &new_file("u1", "a.txt", None, "k1")).unwrap();
    assert_eq!(
        query::find::<File>(&mut c, &file.id).unwrap(),
        Some(file.clone())
    );
    let described = query::update(
        &mut c,
        &file.id,
        &schema_examples::storage::FilePatch {
            description: Some(Some("notes".into())),
            size: Some(43),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (described.description.as_deref(), described.size),
        (Some("notes"), 43)
    );
    // Upsert on the unique storage key.
    let replaced = query::upsert(&new_file("u1", "b.txt", None, "k1"))
        .on_conflict(File::COLUMNS.storage_key)
        .run(&mut c)
        .unwrap();
    assert_eq!((replaced.id, replaced.name.as_str()), (file.id, "b.txt"));
    // On a constraint, by name.
    let by_name = query::upsert(&new_file("u1", "c.txt", None, "k1"))
        .on_constraint("files_storage_key_key")
        .run(&mut c)
        .unwrap();
    assert_eq!((by_name.id, by_name.name.as_str()), (file.id, "c.txt"));
    query::soft_delete::<File>(&mut c, &file.id).unwrap();
    assert_eq!(query::find::<File>(&mut c, &file.id).unwrap(), None);
    assert_eq!(
        query::select::<File>()
            .with_deleted()
            .count(&mut c)
            .unwrap(),
        1
    );
}

#[test]
fn tags_and_file_tags_composite_keys() {
    let (_db, mut c) = examples_db();
    let tag = query::insert(&mut c, &new_tag("u1", "work")).unwrap();
    assert_eq!(
        query::find::<Tag>(&mut c, &tag.id).unwrap(),
        Some(tag.clone())
    );
    // Upsert on the two-column unique (user_id, name).
    let recoloured = query::upsert(&NewTag {
        color: Some("#ffffff".into()),
        ..new_tag("u1", "work")
    })
    .on_conflict(Tag::COLUMNS.user_id)
    .on_conflict(Tag::COLUMNS.name)
    .run(&mut c)
    .unwrap();
    assert_eq!(
        (recoloured.id, recoloured.color.as_deref()),
        (tag.id, Some("#ffffff"))
    );
    let cleared = query::update(
        &mut c,
        &tag.id,
        &TagPatch {
            color: Some(None),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(cleared.color, None);

    let file = query::insert(&mut c, &new_file("u1", "a", None, "k")).unwrap();
    let link = query::insert(
        &mut c,
        &NewFileTag {
            file_id: file.id,
            tag_id: tag.id,
            created_at: None,
        },
    )
    .unwrap();
    let key = (file.id, tag.id);
    assert_eq!(
        query::find::<FileTag>(&mut c, &key).unwrap(),
        Some(link.clone())
    );
    // Upsert on the composite primary key: nothing else to change, the row comes back.
    let same = query::upsert(&NewFileTag {
        file_id: file.id,
        tag_id: tag.id,
        created_at: None,
    })
    .run(&mut c)
    .unwrap();
    assert_eq!(same, link);
    let at = Utc::now() - chrono::Duration::days(1);
    let moved = query::update(
        &mut c,
        &key,
        &FileTagPatch {
            created_at: Some(at),
        },
    )
    .unwrap();
    assert_eq!(moved.created_at.timestamp_micros(), at.timestamp_micros());
    assert!(query::delete::<FileTag>(&mut c, &key).unwrap());
}

#[test]
fn file_versions_with_json_metadata() {
    let (_db, mut c) = examples_db();
    let file = query::insert(&mut c, &new_file("u1", "a", None, "k")).unwrap();
    let new = |n: i32, meta: serde_json::Value| NewFileVersion {
        id: None,
        file_id: file.id,
        version_number: n,
        storage_path: format!("/v/{n}"),
        size: 10,
        metadata: Some(meta),
        user_id: "u1".into(),
        created_at: None,
    };
    let v1 = query::insert(
        &mut c,
        &new(1, serde_json::json!({"sha": "abc", "n": [1, 2]})),
    )
    .unwrap();
    assert_eq!(
        query::find::<FileVersion>(&mut c, &v1.id).unwrap(),
        Some(v1.clone())
    );
    let patched = query::update(
        &mut c,
        &v1.id,
        &FileVersionPatch {
            metadata: Some(None),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(patched.metadata, None);
    let up = query::upsert(&new(1, serde_json::json!({"sha": "def"})))
        .on_conflict(FileVersion::COLUMNS.file_id)
        .on_conflict(FileVersion::COLUMNS.version_number)
        .run(&mut c)
        .unwrap();
    assert_eq!(up.id, v1.id);
    assert_eq!(up.metadata, Some(serde_json::json!({"sha": "def"})));
}

#[test]
fn balances_upsert_bumps_version() {
    let (_db, mut c) = examples_db();
    let new = |amount| NewBalance {
        id: None,
        user_id: "u1".into(),
        amount: Some(amount),
        version: None,
        created_at: None,
        updated_at: None,
    };
    let balance = query::insert(&mut c, &new(100)).unwrap();
    assert_eq!(balance.version, 1);
    assert_eq!(
        query::find::<Balance>(&mut c, &balance.id).unwrap(),
        Some(balance.clone())
    );
    let up = query::upsert(&new(150))
        .on_conflict(Balance::COLUMNS.user_id)
        .run(&mut c)
        .unwrap();
    assert_eq!((up.id, up.amount, up.version), (balance.id, 150, 2));
    // A plain update bumps the version too, whatever the patch says about it.
    let updated = query::update(
        &mut c,
        &balance.id,
        &BalancePatch {
            amount: Some(120),
            version: Some(99),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((updated.amount, updated.version), (120, 3));
    // The check constraint is PostgreSQL's error, passed through.
    let err = query::update(
        &mut c,
        &balance.id,
        &BalancePatch {
            amount: Some(-1),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, QueryError::Database(_)), "{err}");
}

#[test]
fn transactions_with_enum_and_json() {
    let (_db, mut c) = examples_db();
    let new = |kind| NewTransaction {
        id: None,
        user_id: "u1".into(),
        r#type: kind,
        amount: 5,
        balance_after: 5,
        description: None,
        tags: None,
        metadata: None,
        created_at: None,
    };
    let t = query::insert(&mut c, &new(TransactionType::Purchase)).unwrap();
    assert_eq!(
        t.tags,
        Json(Vec::<String>::new()),
        "the jsonb default applies"
    );
    assert_eq!(
        query::find::<Transaction>(&mut c, &t.id).unwrap(),
        Some(t.clone())
    );
    let refund = query::update(
        &mut c,
        &t.id,
        &TransactionPatch {
            r#type: Some(TransactionType::Refund),
            tags: Some(Json(vec!["vip".into()])),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(refund.r#type, TransactionType::Refund);
    assert_eq!(refund.tags, Json(vec!["vip".to_owned()]));
    // Filters on the enum column cast the label to the enum type.
    let refunds = query::select::<Transaction>()
        .filter(Transaction::COLUMNS.r#type.eq(TransactionType::Refund))
        .all(&mut c)
        .unwrap();
    assert_eq!(refunds, vec![refund.clone()]);
    let up = query::upsert(&NewTransaction {
        id: Some(t.id),
        ..new(TransactionType::Bonus)
    })
    .run(&mut c)
    .unwrap();
    assert_eq!((up.id, up.r#type), (t.id, TransactionType::Bonus));
}

#[test]
fn tenancy_text_keys() {
    let (_db, mut c) = examples_db();
    let tenant = query::insert(
        &mut c,
        &NewTenant {
            id: "t_1".into(),
            name: "Acme".into(),
            created_at: None,
            updated_at: None,
        },
    )
    .unwrap();
    assert_eq!(
        query::find::<Tenant>(&mut c, &"t_1".to_owned()).unwrap(),
        Some(tenant.clone())
    );
    let renamed = query::update(
        &mut c,
        &tenant.id,
        &TenantPatch {
            name: Some("Acme Inc".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(renamed.name, "Acme Inc");
    // Upsert on the unique name: the row keeps its key.
    let same = query::upsert(&NewTenant {
        id: "t_other".into(),
        name: "Acme Inc".into(),
        created_at: None,
        updated_at: None,
    })
    .on_conflict(Tenant::COLUMNS.name)
    .run(&mut c)
    .unwrap();
    assert_eq!(same.id, "t_1");
    assert!(same.updated_at >= renamed.updated_at);
    let new_member = |id: &str, level| NewMember {
        id: id.into(),
        email: "m@example.com".into(),
        password_hash: "x".into(),
        level: Some(level),
        tenant_id: tenant.id.clone(),
        created_at: None,
        updated_at: None,
    };
    let member = query::insert(&mut c, &new_member("m_1", 1)).unwrap();
    assert_eq!(
        query::find::<Member>(&mut c, &member.id).unwrap(),
        Some(member.clone())
    );
    // Upsert on the (email, tenant_id) unique: same row, new level.
    let up = query::upsert(&new_member("m_2", 7))
        .on_conflict(Member::COLUMNS.email)
        .on_conflict(Member::COLUMNS.tenant_id)
        .run(&mut c)
        .unwrap();
    assert_eq!((up.id.as_str(), up.level), ("m_1", 7), "the key is kept");
    let up = query::update(
        &mut c,
        &up.id,
        &MemberPatch {
            level: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(up.level, 3);
    let workflow = query::insert(
        &mut c,
        &NewWorkflow {
            id: "w_1".into(),
            name: "Nightly".into(),
            config: "{}".into(),
            member_id: up.id.clone(),
            tenant_id: tenant.id.clone(),
            created_at: None,
            updated_at: None,
        },
    )
    .unwrap();
    assert_eq!(
        query::find::<Workflow>(&mut c, &workflow.id).unwrap(),
        Some(workflow.clone())
    );
    let changed = query::update(
        &mut c,
        &workflow.id,
        &WorkflowPatch {
            config: Some(r#"{"cron":"0 3 * * *"}"#.into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(changed.config, r#"{"cron":"0 3 * * *"}"#);
    let up = query::upsert(&NewWorkflow {
        id: "w_1".into(),
        name: "Weekly".into(),
        config: "{}".into(),
        member_id: up.id.clone(),
        tenant_id: tenant.id.clone(),
        created_at: None,
        updated_at: None,
    })
    .run(&mut c)
    .unwrap();
    assert_eq!(up.name, "Weekly");
}

#[test]
fn missing_keys_are_not_found() {
    let (_db, mut c) = examples_db();
    let err = query::update(
        &mut c,
        &Uuid::new_v4(),
        &UserPatch {
            name: Some("x".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(err.to_string(), "no row of `public.users` has this key");
    assert_eq!(query::find::<User>(&mut c, &Uuid::new_v4()).unwrap(), None);
}
