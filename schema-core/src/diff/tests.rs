//! Refusals and hints, without a database (the database cases are `tests/tests/migrate/diff_cases.rs`).

use super::op::ColumnOp;
use super::*;
use crate::model::{canonical, ColumnDef, ColumnDefault, EnumDef, PrimaryKey, SqlType};
use crate::TableDef;

fn users(extra: impl FnOnce(&mut TableDef)) -> Schema {
    let mut t = TableDef::new("public", "users");
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns.push(ColumnDef::new("email", SqlType::Text, true));
    t.primary_key = Some(PrimaryKey {
        name: "users_pkey".into(),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    extra(&mut t);
    let mut s = Schema::new();
    s.add_table(t);
    s
}

fn refusals(from: &Schema, to: &Schema) -> Vec<Refusal> {
    match diff(from, to, &DiffOptions::default()) {
        Err(DiffError::Refused {
            refusals: items, ..
        }) => {
            // Confirmed, the same change is planned.
            let plan = diff(
                from,
                to,
                &DiffOptions {
                    allow_destructive: true,
                },
            );
            assert!(plan.is_ok_and(|p| !p.is_empty()));
            items
        }
        Ok(plan) => panic!("not refused:\n{}", plan.to_sql()),
        Err(error) => panic!("not refused but {error}"),
    }
}

fn message(items: Vec<Refusal>) -> String {
    DiffError::Refused {
        refusals: items,
        renames: Vec::new(),
    }
    .to_string()
}

#[test]
fn drop_table_is_refused_with_its_name() {
    let text = message(refusals(&users(|_| {}), &Schema::new()));
    assert!(text.contains("drop table `public.users`"), "{text}");
    assert!(text.contains("--allow-destructive"), "{text}");
}

#[test]
fn drop_column_is_refused_with_its_name() {
    let text = message(refusals(
        &users(|_| {}),
        &users(|t| {
            t.columns.pop();
        }),
    ));
    assert!(
        text.contains("drop column `email` of `public.users`"),
        "{text}"
    );
}

#[test]
fn narrowing_is_refused_with_both_types() {
    let from = users(|t| t.columns[1].ty = SqlType::Varchar { length: Some(500) });
    let to = users(|t| t.columns[1].ty = SqlType::Varchar { length: Some(100) });
    let text = message(refusals(&from, &to));
    assert!(
        text.contains("change type of column `email` of `public.users` from character varying(500) to character varying(100)"),
        "{text}"
    );
    for (a, b) in [
        (SqlType::BigInt, SqlType::Integer),
        (SqlType::Text, SqlType::Varchar { length: Some(10) }),
    ] {
        let from = users(|t| t.columns[1].ty = a.clone());
        let to = users(|t| t.columns[1].ty = b.clone());
        assert_eq!(refusals(&from, &to).len(), 1);
    }
    let from = users(|t| t.columns[1].ty = SqlType::Integer);
    let to = users(|t| t.columns[1].ty = SqlType::BigInt);
    assert!(diff(&from, &to, &DiffOptions::default()).is_ok());
}

#[test]
fn removing_an_enum_label_is_refused_with_the_label() {
    let with = |values: &[&str]| {
        let mut s = users(|t| {
            t.columns.push(ColumnDef::new(
                "mood",
                SqlType::enum_type("public", "mood"),
                true,
            ))
        });
        s.add_enum(EnumDef::new("public", "mood", values.iter().copied()));
        s
    };
    let text = message(refusals(&with(&["happy", "sad"]), &with(&["happy"])));
    assert!(
        text.contains("remove value `sad` from enum `public.mood`"),
        "{text}"
    );
    // Adding is free.
    assert!(diff(
        &with(&["happy"]),
        &with(&["happy", "sad"]),
        &DiffOptions::default()
    )
    .is_ok());
}

#[test]
fn set_not_null_needs_a_default_or_confirmation() {
    let from = users(|_| {});
    let to = users(|t| t.columns[1].nullable = false);
    let text = message(refusals(&from, &to));
    assert!(
        text.contains("set NOT NULL on column `email` of `public.users`"),
        "{text}"
    );
    let to = users(|t| {
        t.columns[1].nullable = false;
        t.columns[1].default = Some(ColumnDefault::String("none".into()));
    });
    let plan = diff(&from, &to, &DiffOptions::default()).unwrap();
    assert!(plan.to_sql().contains("WHERE \"email\" IS NULL"));
}

#[test]
fn every_refusal_is_listed_at_once() {
    let from = users(|t| t.columns.push(ColumnDef::new("a", SqlType::Text, true)));
    let mut to = users(|t| {
        t.columns.retain(|c| c.name != "a");
        t.columns[1].nullable = false;
    });
    to.add_table(TableDef::new("public", "other"));
    assert_eq!(refusals(&from, &to).len(), 2);
}

#[test]
fn hints_never_make_a_schema_look_changed() {
    let hinted = users(|t| {
        t.renamed_from = Some("people".into());
        t.columns[1].renamed_from = Some("mail".into());
        t.columns[1].using = Some("x".into());
    });
    assert!(diff(&hinted, &hinted, &DiffOptions::default())
        .unwrap()
        .is_empty());
    assert!(diff(&users(|_| {}), &hinted, &DiffOptions::default())
        .unwrap()
        .is_empty());
    assert_eq!(canonical(&hinted), canonical(&users(|_| {})));
}

#[test]
fn a_rename_hint_works_both_ways() {
    let before = users(|t| t.columns[1].name = "mail".into());
    let after = users(|t| t.columns[1].renamed_from = Some("mail".into()));
    let up = diff(&before, &after, &DiffOptions::default()).unwrap();
    assert_eq!(
        up.ops().collect::<Vec<_>>(),
        [&Op::Column(ColumnOp::Rename {
            table: crate::model::QualifiedName::new("public", "users"),
            from: "mail".into(),
            to: "email".into(),
        })]
    );
    let down = diff(&after, &before, &DiffOptions::default()).unwrap();
    assert!(
        matches!(&down.ops().collect::<Vec<_>>()[..], [Op::Column(ColumnOp::Rename { to, .. })] if to == "mail")
    );
}

#[test]
fn an_empty_plan_renders_nothing() {
    assert_eq!(Plan::default().to_sql(), "");
    assert!(Plan::default().is_empty());
}

#[test]
fn only_a_down_says_a_column_comes_back_empty() {
    let with = users(|_| {});
    let without = users(|t| {
        t.columns.pop();
    });
    let down = diff_down(&without, &with).unwrap().to_sql();
    assert!(
        down.contains(
            "-- hazard: data-loss: re-adds column email of public.users empty: the values \
             deleted when it was dropped are not restored, every row gets NULL"
        ),
        "{down}"
    );
    let up = diff(&without, &with, &DiffOptions::default())
        .unwrap()
        .to_sql();
    assert!(!up.contains("re-adds"), "{up}");
    // Without a default, a NOT NULL column cannot be filled: the may-fail hazard says so.
    let strict = users(|t| t.columns[1].nullable = false);
    let down = diff_down(&without, &strict).unwrap().to_sql();
    assert!(down.contains("are not restored\n"), "{down}");
    assert!(
        down.contains("-- hazard: may-fail: NOT NULL without a default"),
        "{down}"
    );
}

/// A generated column built again takes along the check that names it, even when its name is
/// not one word: PostgreSQL would drop the check with the column.
#[test]
fn a_rebuilt_generated_column_takes_its_checks_along_whatever_its_name() {
    let with = |expression: &str| {
        users(|t| {
            t.columns.push(
                ColumnDef::new("Unit Price", SqlType::BigInt, true).with_generated(expression),
            );
            t.checks.push(crate::model::CheckConstraint {
                name: "users_unit_price_check".into(),
                expression: "\"Unit Price\" > 0".into(),
            });
        })
    };
    let plan = diff(&with("id * 2"), &with("id * 3"), &DiffOptions::default()).unwrap();
    let sql = plan.to_sql();
    let at = |needle: &str| {
        sql.find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{sql}"))
    };
    assert!(at("DROP CONSTRAINT \"users_unit_price_check\"") < at("DROP COLUMN \"Unit Price\""));
    assert!(at("ADD COLUMN \"Unit Price\"") < at("ADD CONSTRAINT \"users_unit_price_check\""));
}

#[test]
fn the_words_of_an_expression_include_quoted_names() {
    let words: Vec<&str> =
        deps::words(r#"lower("Unit Price") > 0 AND "a""b" <> x_1 AND "é" IS NULL"#).collect();
    assert_eq!(
        words,
        [
            "lower",
            "Unit Price",
            "AND",
            "a\"\"b",
            "x_1",
            "AND",
            "é",
            "IS",
            "NULL"
        ]
    );
}

#[test]
fn a_function_language_is_compared_as_postgresql_folds_it() {
    let with = |language: &str| {
        Schema::new().function(crate::model::Function::new(
            "public", "one", "", "integer", language, "SELECT 1",
        ))
    };
    assert!(diff(&with("SQL"), &with("sql"), &DiffOptions::default())
        .unwrap()
        .is_empty());
    let plan = diff(&Schema::new(), &with("SQL"), &DiffOptions::default()).unwrap();
    assert!(
        plan.to_sql().contains("LANGUAGE \"sql\""),
        "{}",
        plan.to_sql()
    );
}

/// `ALTER TABLE ... SET SCHEMA` takes the sequences its columns own along: a sequence of that
/// name created in the old schema waits for the move, and the moved one is dropped where the
/// move put it.
#[test]
fn a_sequence_moves_with_the_table_that_owns_it() {
    use crate::model::Sequence;
    let mut before = Schema::new();
    let mut t = TableDef::new("public", "r1");
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    before.add_table(t.clone());
    before.add_sequence(Sequence::public("q").owned_by("r1", "id"));
    let mut after = Schema::new();
    t.schema = "s1".into();
    t.name = "t1".into();
    t.renamed_from = Some("public.r1".into());
    after.add_table(t);
    after.add_sequence(Sequence::public("q"));
    let sql = diff_down(&before, &after).unwrap().to_sql();
    let at = |statement: &str| {
        sql.find(statement)
            .unwrap_or_else(|| panic!("no {statement} in\n{sql}"))
    };
    assert!(
        at("SET SCHEMA \"s1\"") < at("CREATE SEQUENCE \"public\".\"q\""),
        "{sql}"
    );
    assert!(
        at("SET SCHEMA \"s1\"") < at("DROP SEQUENCE \"s1\".\"q\""),
        "{sql}"
    );
}

/// A table is partitioned when it is created, and a partition's bounds are set when it is:
/// changing either is no migration, and the message says what to do instead. Dropping a
/// partition is refused until confirmed.
#[test]
fn partitioning_changes_no_migration_makes_are_refused() {
    use crate::model::{Partition, PartitionBy};
    let events = |by: Option<&str>, partitions: Vec<Partition>| {
        users(|t| {
            t.columns[1].nullable = false;
            t.primary_key.as_mut().unwrap().columns.push("email".into());
            t.partition_by = by.map(|by| PartitionBy::parse(by).unwrap());
            t.partitions = partitions;
        })
    };
    let plain = events(None, Vec::new());
    let by_list = events(Some("list (email)"), vec![Partition::list("a", ["'a'"])]);
    let message = |from: &Schema, to: &Schema| {
        diff(from, to, &DiffOptions::default())
            .map(|p| p.to_sql())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        message(&plain, &by_list),
        "cannot write this migration: `public.users` changes its partitioning (not partitioned to `list (email)`): a table is partitioned when it is created; create a new table and move the rows"
    );
    let moved = events(Some("list (email)"), vec![Partition::list("a", ["'b'"])]);
    assert_eq!(
        message(&by_list, &moved),
        "cannot write this migration: partition `a` of `public.users` changes its bounds: declare a partition of another name, move the rows, and drop this one"
    );
    let mut moved = by_list.clone();
    moved.tables[0].schema = "archive".into();
    moved.tables[0].renamed_from = Some("public.users".into());
    assert_eq!(
        message(&by_list, &moved),
        "cannot write this migration: partitioned table `public.users` moves to schema `archive`, where PostgreSQL would not move its partitions: move it back, or create it anew in `archive` and move the rows"
    );
    let none = events(Some("list (email)"), Vec::new());
    assert_eq!(
        refusals(&by_list, &none)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["drop partition `a` of `public.users`: the rows it holds are deleted"]
    );
}
