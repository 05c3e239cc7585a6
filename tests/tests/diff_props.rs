//! Property test of the diff engine on PostgreSQL: for random schema pairs (A, B), apply A,
//! apply `diff(A, B)`, read the catalog back: it equals B, and diffs against B as empty.
//!
//! Schemas are drawn from a small universe so that pairs share objects: three tables in
//! `public` or `s1`, single or composite keys, integer/text/varchar/enum columns with
//! nullability and defaults (quotes, backslashes, unicode), unique keys, foreign keys
//! (self-references and cycles included), indexes (unique, hash, partial), checks, comments,
//! an enum whose labels are added, removed and reordered, and renames declared by hints. The
//! down migration, `diff(B, A)`, must then bring back A. Column order is compared by name:
//! PostgreSQL appends added columns, and cannot reorder them.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use schema_core::diff::{diff, script, DiffOptions};
use schema_core::introspect::introspect;
use schema_core::model::{
    canonical, CheckConstraint, ColumnDef, ColumnDefault, EnumDef, ForeignKey, Index, IndexMethod,
    PrimaryKey, QualifiedName, ReferentialAction, SqlType, UniqueConstraint,
};
use schema_core::render::render_create_schema;
use schema_core::{Schema, TableDef};
use schema_tests::pg::TestDb;
use std::cell::RefCell;

const LABELS: [&str; 4] = ["a", "b", "c", "d"];
const TEXTS: [&str; 4] = ["", "it's", "back\\slash", "ünïcødé ✓"];
const TABLES: usize = 3;

#[derive(Clone, Debug)]
struct TableSpec {
    present: bool,
    in_s1: bool,
    /// Named `r<i>` rather than `t<i>` (a rename, hinted when `hint_move`).
    renamed: bool,
    /// The foreign key cascades on delete.
    cascade: bool,
    /// The `n` column has a comment.
    n_comment: bool,
    hint_move: bool,
    composite_pk: bool,
    /// (bigint, nullable, default)
    n: Option<(bool, bool, Option<i8>)>,
    /// (varchar length, nullable, default index into TEXTS)
    label: Option<(Option<u16>, bool, Option<usize>)>,
    unique_label: bool,
    /// The text column is called `title` rather than `label`.
    title: bool,
    /// (nullable, default index into the enum's labels)
    mood: Option<(bool, Option<usize>)>,
    /// Referenced table.
    fk: Option<usize>,
    /// (unique, hash, partial)
    index: Option<(bool, bool, bool)>,
    check: bool,
    comment: Option<usize>,
}

#[derive(Clone, Debug)]
struct SchemaSpec {
    /// Indexes into LABELS, in order, no repeats; `None`: no enum.
    mood: Option<Vec<usize>>,
    /// Labels new on this side are declared renames of labels the other side loses.
    rename_labels: bool,
    tables: Vec<TableSpec>,
}

fn table_spec() -> impl Strategy<Value = TableSpec> {
    (
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        proptest::option::of((any::<bool>(), any::<bool>(), proptest::option::of(-3i8..3))),
        proptest::option::of((
            proptest::option::of(prop_oneof![Just(12u16), Just(200u16)]),
            any::<bool>(),
            proptest::option::of(0..TEXTS.len()),
        )),
        any::<bool>(),
        proptest::option::of((any::<bool>(), proptest::option::of(0usize..4))),
        proptest::option::of(0..TABLES),
        proptest::option::of((any::<bool>(), any::<bool>(), any::<bool>())),
        any::<bool>(),
        proptest::option::of(0..TEXTS.len()),
        (any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (present, in_s1, hint_move, composite_pk, title),
                n,
                label,
                unique_label,
                mood,
                fk,
                index,
                check,
                comment,
                (renamed, cascade, n_comment),
            )| {
                TableSpec {
                    present: present || composite_pk, // mostly present
                    in_s1,
                    renamed,
                    cascade,
                    n_comment,
                    hint_move,
                    composite_pk,
                    n,
                    label,
                    unique_label,
                    title,
                    mood,
                    fk,
                    index,
                    check,
                    comment,
                }
            },
        )
}

fn schema_spec() -> impl Strategy<Value = SchemaSpec> {
    (
        proptest::option::of(
            Just((0..LABELS.len()).collect::<Vec<_>>())
                .prop_shuffle()
                .prop_flat_map(|labels| (1..=labels.len()).prop_map(move |n| labels[..n].to_vec())),
        ),
        any::<bool>(),
        proptest::collection::vec(table_spec(), TABLES),
    )
        .prop_map(|(mood, rename_labels, tables)| SchemaSpec {
            mood,
            rename_labels,
            tables,
        })
}

fn mood_type() -> SqlType {
    SqlType::enum_type("public", "mood")
}

/// The schema a spec describes. `previous`: the other side, for move hints.
fn build(spec: &SchemaSpec, previous: Option<&SchemaSpec>) -> Schema {
    let mut schema = Schema::new();
    let labels: Option<Vec<String>> = spec
        .mood
        .as_ref()
        .map(|m| m.iter().map(|&i| LABELS[i].to_owned()).collect());
    if let Some(labels) = &labels {
        let mut def = EnumDef::new("public", "mood", labels.clone());
        if let (true, Some(Some(old))) = (spec.rename_labels, previous.map(|p| p.mood.as_ref())) {
            let gone = old
                .iter()
                .filter(|l| !spec.mood.as_ref().is_some_and(|m| m.contains(l)));
            let new = labels
                .iter()
                .filter(|l| !old.iter().any(|&o| LABELS[o] == l.as_str()));
            def.renamed_values = new
                .zip(gone)
                .map(|(n, &o)| (n.clone(), LABELS[o].to_owned()))
                .collect();
        }
        schema.add_enum(def);
    }
    let location = |spec: &SchemaSpec, i: usize| -> Option<QualifiedName> {
        let t = &spec.tables[i];
        t.present.then(|| {
            QualifiedName::new(
                if t.in_s1 { "s1" } else { "public" },
                format!("{}{i}", if t.renamed { "r" } else { "t" }),
            )
        })
    };
    for (i, t) in spec.tables.iter().enumerate() {
        let Some(name) = location(spec, i) else {
            continue;
        };
        let mut table = TableDef::new(&name.schema, &name.name);
        table
            .columns
            .push(ColumnDef::new("id", SqlType::BigInt, false));
        let mut key = vec!["id".to_owned()];
        if t.composite_pk {
            table
                .columns
                .push(ColumnDef::new("k", SqlType::Integer, false));
            key.push("k".into());
        }
        table.primary_key = Some(PrimaryKey {
            name: format!("t{i}_pkey"),
            columns: key,
        });
        if let Some((big, nullable, default)) = t.n {
            let ty = if big {
                SqlType::BigInt
            } else {
                SqlType::Integer
            };
            let mut c = ColumnDef::new("n", ty, nullable);
            c.default = default.map(|d| ColumnDefault::Number(d.to_string()));
            c.comment = t.n_comment.then(|| "n's comment".to_owned());
            table.columns.push(c);
            if t.check {
                table.checks.push(CheckConstraint {
                    name: format!("t{i}_n_check"),
                    expression: "n <> 7".into(),
                });
            }
            if let Some((unique, hash, partial)) = t.index {
                table.indexes.push(Index {
                    name: format!("idx_t{i}_n"),
                    columns: vec!["n".into()],
                    unique: unique && !hash,
                    method: if hash && !unique {
                        IndexMethod::Hash
                    } else {
                        IndexMethod::Btree
                    },
                    predicate: partial.then(|| "n > 0".to_owned()),
                });
            }
        }
        if let Some((length, nullable, default)) = t.label {
            let ty = match length {
                Some(n) => SqlType::Varchar {
                    length: Some(n.into()),
                },
                None => SqlType::Text,
            };
            let column = if t.title { "title" } else { "label" };
            let mut c = ColumnDef::new(column, ty, nullable);
            c.default = default.map(|d| ColumnDefault::String(TEXTS[d].to_owned()));
            // Renamed since the other side, when the other side has the column.
            if let Some(p) = previous.map(|p| &p.tables[i]) {
                if p.present && p.label.is_some() && p.title != t.title {
                    c.renamed_from = Some(if p.title { "title" } else { "label" }.to_owned());
                }
            }
            table.columns.push(c);
            if t.unique_label {
                table.uniques.push(UniqueConstraint {
                    name: format!("t{i}_{column}_key"),
                    columns: vec![column.into()],
                });
            }
        }
        if let (Some((nullable, default)), Some(labels)) = (t.mood, &labels) {
            let mut c = ColumnDef::new("mood", mood_type(), nullable);
            c.default = default.map(|d| ColumnDefault::String(labels[d % labels.len()].clone()));
            table.columns.push(c);
        }
        if let Some(target) = t.fk {
            let single_key = spec.tables[target].present && !spec.tables[target].composite_pk;
            if let (Some(target_name), true) = (location(spec, target), single_key) {
                table
                    .columns
                    .push(ColumnDef::new("ref", SqlType::BigInt, true));
                table.foreign_keys.push(ForeignKey {
                    name: format!("t{i}_ref_fkey"),
                    columns: vec!["ref".into()],
                    target: target_name,
                    target_columns: vec!["id".into()],
                    on_delete: if t.cascade {
                        ReferentialAction::Cascade
                    } else {
                        ReferentialAction::NoAction
                    },
                    on_update: Default::default(),
                });
            }
        }
        table.comment = t.comment.map(|c| format!("table {}", TEXTS[c]));
        if let Some(Some(old)) = previous.map(|p| location(p, i)) {
            if t.hint_move && old != name {
                table.renamed_from = Some(format!("{}.{}", old.schema, old.name));
            }
        }
        schema.add_table(table);
    }
    schema
}

/// Canonical form with columns in name order.
fn comparable(schema: &Schema) -> Schema {
    let mut schema = canonical(schema);
    for table in &mut schema.tables {
        table.columns.sort_by(|a, b| a.name.cmp(&b.name));
    }
    schema
}

fn run(client: &mut postgres::Client, sql: &str) -> Result<(), String> {
    for segment in script::segments(sql) {
        if segment.transaction {
            let mut tx = client.transaction().map_err(|e| e.to_string())?;
            for statement in &segment.statements {
                tx.batch_execute(statement)
                    .map_err(|e| format!("{statement}: {e:?}"))?;
            }
            tx.commit().map_err(|e| e.to_string())?;
        } else {
            for statement in &segment.statements {
                client
                    .batch_execute(statement)
                    .map_err(|e| format!("{statement}: {e:?}"))?;
            }
        }
    }
    Ok(())
}

fn check_pair(client: &mut postgres::Client, a: &Schema, b: &Schema) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.validate(), Ok(()));
    prop_assert_eq!(b.validate(), Ok(()));
    let plan = diff(
        a,
        b,
        &DiffOptions {
            allow_destructive: true,
        },
    )
    .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let sql = plan.to_sql();
    client
        .batch_execute(
            "DROP SCHEMA IF EXISTS s1 CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public",
        )
        .map_err(|e| TestCaseError::fail(format!("reset: {e:?}")))?;
    for statement in render_create_schema(a) {
        client
            .batch_execute(&statement)
            .map_err(|e| TestCaseError::fail(format!("before: {statement}: {e:?}")))?;
    }
    run(client, &sql).map_err(|e| TestCaseError::fail(format!("{e}\nin\n{sql}")))?;
    let read =
        introspect(client, &["public", "s1"]).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(comparable(&read), comparable(b), "migration:\n{}", sql);
    let churn = diff(&read, b, &DiffOptions::default())
        .map_err(|e| TestCaseError::fail(format!("churn refused: {e}")))?;
    prop_assert!(churn.is_empty(), "churn:\n{}", churn.to_sql());
    // And back down, with the hints read in reverse.
    let down = diff(
        b,
        a,
        &DiffOptions {
            allow_destructive: true,
        },
    )
    .map_err(|e| TestCaseError::fail(e.to_string()))?
    .to_sql();
    run(client, &down).map_err(|e| TestCaseError::fail(format!("down: {e}\nin\n{down}")))?;
    let read =
        introspect(client, &["public", "s1"]).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(
        comparable(&read),
        comparable(a),
        "down migration:\n{}",
        down
    );
    Ok(())
}

/// 200 cases in one database, emptied before each case (a database per case is slower).
#[test]
fn migration_reaches_the_target_schema() {
    let db = TestDb::new();
    let client = RefCell::new(db.client());
    let mut runner = TestRunner::new(Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(200),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..Config::default()
    });
    let result = runner.run(&(schema_spec(), schema_spec()), |(a, b)| {
        let before = build(&a, None);
        let after = build(&b, Some(&a));
        check_pair(&mut client.borrow_mut(), &before, &after)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The generator exercises every kind of operation: each appears in 500 generated pairs (the
/// same deterministic pairs every run), so the property test above is not passing vacuously.
#[test]
fn generated_pairs_cover_every_operation() {
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::deterministic();
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for _ in 0..500 {
        let (a, b) = (schema_spec(), schema_spec())
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let plan = diff(
            &build(&a, None),
            &build(&b, Some(&a)),
            &DiffOptions {
                allow_destructive: true,
            },
        )
        .unwrap();
        for op in &plan.ops {
            let name = format!("{op:?}");
            let name = name.split([' ', '{', '(']).next().unwrap().to_owned();
            *counts.entry(name).or_default() += 1;
        }
    }
    let expected = [
        "AddCheck",
        "AddColumn",
        "AddEnumValue",
        "AddForeignKey",
        "AddPrimaryKey",
        "AddUnique",
        "AlterColumnType",
        "CommentOnColumn",
        "CommentOnTable",
        "CreateEnum",
        "CreateIndex",
        "CreateSchema",
        "CreateTable",
        "DropCheck",
        "DropColumn",
        "DropDefault",
        "DropEnum",
        "DropForeignKey",
        "DropIndex",
        "DropNotNull",
        "DropPrimaryKey",
        "DropSchema",
        "DropTable",
        "DropUnique",
        "FinishSetNotNull",
        "MoveTable",
        "RebuildEnum",
        "RenameColumn",
        "RenameConstraint",
        "RenameEnumValue",
        "RenameTable",
        "SetDefault",
        "SetNotNull",
        "ValidateConstraint",
    ];
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|op| !counts.contains_key(*op))
        .collect();
    assert!(
        missing.is_empty(),
        "never generated: {missing:?}; seen: {counts:#?}"
    );
}
