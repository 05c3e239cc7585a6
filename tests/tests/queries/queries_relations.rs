//! Relations on PostgreSQL: batch loading issues one statement per relation (counted), and
//! gives what a loop of single queries gives; joins built from relations; the self-relation
//! of folders; many-to-many through `file_tags`.

use schema_core::query::{self, Order};
use schema_examples::accounts::{NewUser, User};
use schema_examples::blog::NewPost;
use schema_examples::storage::{File, Folder, NewFile, NewFileTag, NewFileVersion, NewTag, Tag};
use schema_tests::fixtures::{examples_db, new_file, new_folder, new_tag, Counting};
use uuid::Uuid;

fn folder(c: &mut postgres::Client, name: &str, parent: Option<Uuid>) -> Folder {
    query::insert(c, &new_folder("u1", name, parent)).unwrap()
}

fn file(c: &mut postgres::Client, name: &str, folder: Option<Uuid>) -> File {
    query::insert(
        c,
        &NewFile {
            size: 1,
            storage_path: format!("/f/{name}"),
            ..new_file("u1", name, folder, &Uuid::new_v4().to_string())
        },
    )
    .unwrap()
}

fn tag(c: &mut postgres::Client, name: &str) -> Tag {
    query::insert(
        c,
        &NewTag {
            color: None,
            ..new_tag("u1", name)
        },
    )
    .unwrap()
}

#[test]
fn files_of_100_folders_in_one_query_equal_a_loop_of_queries() {
    let (_db, mut c) = examples_db();
    let mut folders = Vec::new();
    for i in 0..100 {
        let f = folder(&mut c, &format!("folder {i}"), None);
        // 0 to 4 files per folder, some soft-deleted.
        for j in 0..(i % 5) {
            let created = file(&mut c, &format!("f{i}-{j}"), Some(f.id));
            if j == 3 {
                query::soft_delete::<File>(&mut c, &created.id).unwrap();
            }
        }
        folders.push(f);
    }
    // Files elsewhere do not leak in.
    file(&mut c, "loose", None);

    let mut counting = Counting::new(&mut c);
    let grouped = Folder::RELATIONS
        .files
        .load(&mut counting, &folders)
        .unwrap();
    assert_eq!(counting.statements.len(), 1, "{:#?}", counting.statements);
    assert!(counting.statements[0].contains(r#""files"."parent_folder_id" IN ($1, $2,"#));
    assert_eq!(grouped.len(), folders.len());

    // The N+1 way, for comparison: one query per folder.
    let mut looped = Vec::new();
    for f in &folders {
        looped.push(
            query::select::<File>()
                .filter(File::COLUMNS.parent_folder_id.eq(f.id))
                .order_by(File::COLUMNS.id, Order::Asc)
                .all(&mut counting)
                .unwrap(),
        );
    }
    assert_eq!(counting.statements.len(), 1 + folders.len());
    assert_eq!(grouped, looped);
    let total: usize = grouped.iter().map(Vec::len).sum();
    assert_eq!(total, (0..100).map(|i| (i % 5).min(3)).sum::<usize>());

    // And back: each file's folder, one query.
    let files: Vec<File> = grouped.into_iter().flatten().collect();
    let mut counting = Counting::new(&mut c);
    let parents = File::RELATIONS
        .parent_folder
        .load(&mut counting, &files)
        .unwrap();
    assert_eq!(counting.statements.len(), 1);
    for (file, parent) in files.iter().zip(&parents) {
        assert_eq!(parent.as_ref().map(|p| p.id), file.parent_folder_id);
    }
    // No parents, no query.
    let none = Folder::RELATIONS.files.load(&mut counting, &[]).unwrap();
    assert!(none.is_empty());
    assert_eq!(counting.statements.len(), 1);
}

#[test]
fn self_relation_parent_and_children() {
    let (_db, mut c) = examples_db();
    let root = folder(&mut c, "root", None);
    let a = folder(&mut c, "a", Some(root.id));
    let b = folder(&mut c, "b", Some(root.id));
    let a1 = folder(&mut c, "a1", Some(a.id));
    let gone = folder(&mut c, "gone", Some(root.id));
    query::soft_delete::<Folder>(&mut c, &gone.id).unwrap();

    let parents = [root.clone(), a.clone(), b.clone()];
    let children = Folder::RELATIONS.children.load(&mut c, &parents).unwrap();
    let names = |v: &Vec<Folder>| {
        let mut n: Vec<String> = v.iter().map(|f| f.name.clone()).collect();
        n.sort();
        n
    };
    assert_eq!(
        names(&children[0]),
        ["a", "b"],
        "the soft-deleted child is left out"
    );
    assert_eq!(names(&children[1]), ["a1"]);
    assert!(children[2].is_empty());

    let up = Folder::RELATIONS
        .parent_folder
        .load(&mut c, &[root.clone(), a1.clone()])
        .unwrap();
    assert_eq!(up[0], None);
    assert_eq!(up[1].as_ref().map(|f| f.id), Some(a.id));

    // The self-join aliases the joined side by the relation's name.
    let joined = query::select::<Folder>()
        .filter(Folder::COLUMNS.name.eq("a1"))
        .join(Folder::RELATIONS.parent_folder);
    assert!(joined
        .to_string()
        .contains(r#"LEFT JOIN "storage"."folders" AS "parent_folder" ON "parent_folder"."id" = "folders"."parent_folder_id""#));
    let rows = joined.all(&mut c).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].0.id, rows[0].1.as_ref().map(|p| p.id)),
        (a1.id, Some(a.id))
    );
    let rows = query::select::<Folder>()
        .filter(Folder::COLUMNS.name.eq("root"))
        .join(Folder::RELATIONS.parent_folder)
        .all(&mut c)
        .unwrap();
    assert_eq!((rows.len(), rows[0].1.is_none()), (1, true));
}

#[test]
fn many_to_many_through_file_tags() {
    let (_db, mut c) = examples_db();
    let files: Vec<File> = (0..4)
        .map(|i| file(&mut c, &format!("f{i}"), None))
        .collect();
    let tags: Vec<Tag> = ["red", "green", "blue"]
        .iter()
        .map(|n| tag(&mut c, n))
        .collect();
    // f0: red, green; f1: green; f2: (none); f3: red, green, blue
    for (f, t) in [(0, 0), (0, 1), (1, 1), (3, 0), (3, 1), (3, 2)] {
        query::insert(
            &mut c,
            &NewFileTag {
                file_id: files[f].id,
                tag_id: tags[t].id,
                created_at: None,
            },
        )
        .unwrap();
    }
    let mut counting = Counting::new(&mut c);
    let by_file = File::RELATIONS.tags.load(&mut counting, &files).unwrap();
    assert_eq!(counting.statements.len(), 1);
    fn names(v: &[Tag]) -> Vec<&str> {
        let mut n: Vec<&str> = v.iter().map(|t| t.name.as_str()).collect();
        n.sort();
        n
    }
    assert_eq!(names(&by_file[0]), ["green", "red"]);
    assert_eq!(names(&by_file[1]), ["green"]);
    assert!(by_file[2].is_empty());
    assert_eq!(names(&by_file[3]), ["blue", "green", "red"]);

    let by_tag = Tag::RELATIONS.files.load(&mut counting, &tags).unwrap();
    assert_eq!(counting.statements.len(), 2);
    assert_eq!(by_tag.iter().map(Vec::len).collect::<Vec<_>>(), [2, 3, 1]);

    // A join through the junction: one row per (file, tag), files without tags once.
    let rows = query::select::<File>()
        .join(File::RELATIONS.tags)
        .all(&mut c)
        .unwrap();
    assert_eq!(rows.len(), 6 + 1);
    assert_eq!(rows.iter().filter(|(_, t)| t.is_none()).count(), 1);
}

#[test]
fn has_many_versions_and_posts_and_joins() {
    let (_db, mut c) = examples_db();
    let f = file(&mut c, "doc", None);
    for n in 1..=3 {
        query::insert(
            &mut c,
            &NewFileVersion {
                id: None,
                file_id: f.id,
                version_number: n,
                storage_path: format!("/v/{n}"),
                size: 1,
                metadata: None,
                user_id: "u1".into(),
                created_at: None,
            },
        )
        .unwrap();
    }
    let versions = File::RELATIONS
        .versions
        .load(&mut c, std::slice::from_ref(&f))
        .unwrap();
    let mut numbers: Vec<i32> = versions[0].iter().map(|v| v.version_number).collect();
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3]);

    let user = query::insert(
        &mut c,
        &NewUser {
            id: None,
            email: "a@example.com".into(),
            name: "A".into(),
            is_active: None,
            created_at: None,
            updated_at: None,
            deleted_at: None,
        },
    )
    .unwrap();
    let lurker = query::insert(
        &mut c,
        &NewUser {
            id: None,
            email: "b@example.com".into(),
            name: "B".into(),
            is_active: None,
            created_at: None,
            updated_at: None,
            deleted_at: None,
        },
    )
    .unwrap();
    for i in 0..2 {
        query::insert(
            &mut c,
            &NewPost {
                id: None,
                title: format!("p{i}"),
                content: "long enough content".into(),
                author_id: user.id,
                is_published: None,
                created_at: None,
                updated_at: None,
            },
        )
        .unwrap();
    }
    let posts = User::RELATIONS
        .posts
        .load(&mut c, &[user.clone(), lurker.clone()])
        .unwrap();
    assert_eq!((posts[0].len(), posts[1].len()), (2, 0));
    let rows = query::select::<User>()
        .order_by(User::COLUMNS.email, Order::Asc)
        .join(User::RELATIONS.posts)
        .all(&mut c)
        .unwrap();
    let shape: Vec<(String, bool)> = rows
        .iter()
        .map(|(u, p)| (u.name.clone(), p.is_some()))
        .collect();
    assert_eq!(
        shape,
        [
            ("A".to_owned(), true),
            ("A".to_owned(), true),
            ("B".to_owned(), false)
        ]
    );
}
