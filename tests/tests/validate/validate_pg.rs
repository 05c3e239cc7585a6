//! The validators agree with PostgreSQL (issue #5): a value that passes `New<Model>`'s
//! validation inserts without a length, enum or nullability error, and a value that fails only
//! on a rule the column implies (a `varchar(n)` length, an enum label) is refused by PostgreSQL
//! too, and accepted once the field the Rust issue names is replaced: Rust names the field
//! PostgreSQL rejects.
//!
//! Values come from the differential test's corpus (`schema_tests::zod_corpus`). Foreign keys
//! point at parent rows inserted first. Every value is inserted in its own transaction, which
//! is rolled back, with `INSERT .. SELECT .. FROM jsonb_populate_record(NULL::t, $1)`: the value
//! is a bound parameter, never spliced into SQL.

use postgres::error::SqlState;
use postgres::{Client, GenericClient};
use schema_core::model::{Schema, SqlType, TableDef};
use schema_core::render::quote_ident;
use schema_core::validate::json::{validate_json, JsonType, Shape};
use schema_core::validate::{Issue, IssueCode, ModelRules, PathSegment, Validate};
use schema_examples::{accounts, blog, credits, storage, tenancy};
use schema_tests::apply::apply_schema;
use schema_tests::pg::TestDb;
use schema_tests::zod_corpus::{chars_of, corpus, fields, full_value, table_of, valid_value};
use schema_tests::zod_corpus::{Case, FILLERS};
use serde_json::{json, Map, Value};

/// The typed insert shape of `model` read from `value`: its validation outcome and the value
/// serde writes back (absent optional fields left out, so the column takes its default).
/// `None` when serde refuses the value.
fn typed_insert(model: &str, value: &Value) -> Option<(Result<(), Vec<Issue>>, Value)> {
    fn run<T>(value: &Value) -> Option<(Result<(), Vec<Issue>>, Value)>
    where
        T: serde::de::DeserializeOwned + serde::Serialize + Validate,
    {
        let typed: T = serde_json::from_value(value.clone()).ok()?;
        let verdict = typed.validate().map_err(|e| e.issues);
        Some((verdict, serde_json::to_value(&typed).unwrap()))
    }
    match model {
        "User" => run::<accounts::NewUser>(value),
        "Post" => run::<blog::NewPost>(value),
        "Folder" => run::<storage::NewFolder>(value),
        "File" => run::<storage::NewFile>(value),
        "Tag" => run::<storage::NewTag>(value),
        "FileTag" => run::<storage::NewFileTag>(value),
        "FileVersion" => run::<storage::NewFileVersion>(value),
        "Balance" => run::<credits::NewBalance>(value),
        "Transaction" => run::<credits::NewTransaction>(value),
        "Tenant" => run::<tenancy::NewTenant>(value),
        "Member" => run::<tenancy::NewMember>(value),
        "Workflow" => run::<tenancy::NewWorkflow>(value),
        _ => panic!("model {model} is not listed in typed_insert"),
    }
}

/// The primary key of the parent row of each referenced table.
fn parent_id(table: &str) -> Value {
    match table {
        "users" => json!("aaaaaaaa-0000-4000-8000-000000000001"),
        "folders" => json!("aaaaaaaa-0000-4000-8000-000000000002"),
        "files" => json!("aaaaaaaa-0000-4000-8000-000000000003"),
        "tags" => json!("aaaaaaaa-0000-4000-8000-000000000004"),
        "tenants" => json!("parent-tenant"),
        "members" => json!("parent-member"),
        other => panic!("no parent row for {other}"),
    }
}

/// The example tables, and one parent row for every table a foreign key references.
fn database(schema: &Schema) -> (TestDb, Client) {
    let db = TestDb::new();
    let mut client = db.client();
    let encoding: String = client
        .query_one("SHOW server_encoding", &[])
        .unwrap()
        .get(0);
    assert_eq!(encoding, "UTF8", "lengths are only comparable in UTF8");
    apply_schema(&mut client, schema);
    let parents = [
        (
            "public.users",
            json!({ "id": parent_id("users"), "email": "parent@example.com", "name": "Parent" }),
        ),
        (
            "storage.folders",
            json!({ "id": parent_id("folders"), "user_id": "parent", "name": "Parent" }),
        ),
        (
            "storage.files",
            json!({ "id": parent_id("files"), "user_id": "parent", "name": "parent.txt",
                    "mime_type": "text/plain", "size": 1, "storage_path": "/parent",
                    "storage_key": "parent-key" }),
        ),
        (
            "storage.tags",
            json!({ "id": parent_id("tags"), "user_id": "parent", "name": "Parent" }),
        ),
        (
            "tenancy.tenants",
            json!({ "id": parent_id("tenants"), "name": "Parent tenant" }),
        ),
        (
            "tenancy.members",
            json!({ "id": parent_id("members"), "email": "parent@example.com",
                    "password_hash": "x", "tenant_id": parent_id("tenants") }),
        ),
    ];
    for (name, row) in parents {
        let (ns, table) = name.split_once('.').unwrap();
        let table = schema
            .tables
            .iter()
            .find(|t| t.schema == ns && t.name == table)
            .unwrap();
        insert(&mut client, table, row.as_object().unwrap()).unwrap();
    }
    (db, client)
}

/// Points every non-null foreign-key field of `row` at the parent row.
fn with_parents(table: &TableDef, mut row: Map<String, Value>) -> Map<String, Value> {
    for fk in &table.foreign_keys {
        for column in &fk.columns {
            if row.get(column).is_some_and(|v| !v.is_null()) {
                row.insert(column.clone(), parent_id(&fk.target.name));
            }
        }
    }
    row
}

/// Inserts the keys of `row` that are columns a client writes (the others take their defaults).
fn insert(
    client: &mut impl GenericClient,
    table: &TableDef,
    row: &Map<String, Value>,
) -> Result<(), postgres::Error> {
    // What PostgreSQL numbers or computes (`identity(always)`, `generated`) is never sent.
    let columns: Vec<String> = table
        .columns
        .iter()
        .filter(|c| row.contains_key(&c.name) && c.is_writable())
        .map(|c| quote_ident(&c.name))
        .collect();
    let qualified = format!(
        "{}.{}",
        quote_ident(&table.schema),
        quote_ident(&table.name)
    );
    let sql = format!(
        "INSERT INTO {qualified} ({cols}) SELECT {cols} FROM jsonb_populate_record(NULL::{qualified}, $1)",
        cols = columns.join(", ")
    );
    client.execute(&sql, &[&Value::Object(row.clone())])?;
    Ok(())
}

/// Inserts in a transaction that is rolled back, so values never collide with each other.
fn try_insert(client: &mut Client, table: &TableDef, row: &Map<String, Value>) -> Option<String> {
    let mut tx = client.transaction().unwrap();
    let outcome = insert(&mut tx, table, row);
    tx.rollback().unwrap();
    outcome.err().map(|e| match e.as_db_error() {
        Some(db) => format!("{}: {}", db.code().code(), db.message()),
        None => e.to_string(),
    })
}

fn insert_cases(schema: &Schema) -> Vec<Case> {
    corpus(schema)
        .into_iter()
        .filter(|c| c.shape == Shape::Insert && c.value.is_object())
        .collect()
}

/// PostgreSQL's `text` cannot hold U+0000, and no Zod or Rust rule refuses it: the one kind of
/// value that passes validation and is still refused (by the jsonb parameter, `22P05`).
fn holds_nul(value: &Value) -> bool {
    value.as_object().is_some_and(|o| {
        o.values()
            .any(|v| v.as_str().is_some_and(|s| s.contains('\0')))
    })
}

#[test]
fn a_valid_new_value_always_inserts() {
    let schema = schema_examples::schema();
    let (_db, mut client) = database(&schema);
    let (mut inserted, mut failures) = (0, Vec::new());
    for case in insert_cases(&schema) {
        let Some((verdict, typed)) = typed_insert(case.model.model, &case.value) else {
            continue;
        };
        if verdict.is_err() {
            continue;
        }
        let table = table_of(&schema, case.model);
        let row = with_parents(table, typed.as_object().unwrap().clone());
        let outcome = try_insert(&mut client, table, &row);
        match outcome {
            None => inserted += 1,
            Some(error) if holds_nul(&case.value) && error.starts_with("22P05") => {}
            Some(error) => failures.push(format!("{} ({}): {error}", case.export(), case.label)),
        }
    }
    assert!(
        failures.is_empty(),
        "valid values PostgreSQL refused:\n{}",
        failures.join("\n")
    );
    assert!(inserted >= 200, "only {inserted} valid values inserted");
}

/// The issue a column's own type implies: a `varchar(n)` length or an enum label.
fn column_issue(schema: &Schema, model: &'static ModelRules, issue: &Issue) -> bool {
    let [PathSegment::Key(field)] = issue.path.as_slice() else {
        return false;
    };
    let table = table_of(schema, model);
    let column = model
        .fields
        .iter()
        .find(|f| f.field == *field)
        .and_then(|f| table.columns.iter().find(|c| c.name == f.column));
    match (column.map(|c| &c.ty), issue.code) {
        (Some(SqlType::Varchar { length: Some(n) }), IssueCode::TooBig) => {
            issue.maximum == Some(*n as f64)
        }
        (Some(SqlType::Enum { .. }), IssueCode::InvalidValue) => true,
        _ => false,
    }
}

#[test]
fn postgres_refuses_the_field_the_rust_issue_names() {
    let schema = schema_examples::schema();
    let (_db, mut client) = database(&schema);
    let (mut lengths, mut labels, mut failures) = (0, 0, Vec::new());
    for case in insert_cases(&schema) {
        let issues = validate_json(&schema, case.model, case.shape, &case.value);
        let [issue] = issues.as_slice() else {
            continue;
        };
        if !column_issue(&schema, case.model, issue) || holds_nul(&case.value) {
            continue;
        }
        let [PathSegment::Key(field)] = issue.path.as_slice() else {
            unreachable!("checked by column_issue");
        };
        let table = table_of(&schema, case.model);
        let row = with_parents(table, case.value.as_object().unwrap().clone());
        let expected = if issue.code == IssueCode::TooBig {
            lengths += 1;
            SqlState::STRING_DATA_RIGHT_TRUNCATION
        } else if row.get(*field).is_none_or(Value::is_null) {
            // Zod reports a missing or null enum as a bad label; PostgreSQL as a NULL.
            labels += 1;
            SqlState::NOT_NULL_VIOLATION
        } else {
            labels += 1;
            SqlState::INVALID_TEXT_REPRESENTATION
        };
        match try_insert(&mut client, table, &row) {
            Some(error) if error.starts_with(expected.code()) => {}
            other => {
                failures.push(format!(
                    "{} ({}): expected {}, got {other:?}",
                    case.export(),
                    case.label,
                    expected.code()
                ));
                continue;
            }
        }
        // Replacing just the field the issue names makes the row acceptable.
        let rules = case
            .model
            .fields
            .iter()
            .find(|f| f.field == *field)
            .unwrap();
        let column = table
            .columns
            .iter()
            .find(|c| c.name == rules.column)
            .unwrap();
        let mut fixed = row.clone();
        fixed.insert(
            (*field).to_owned(),
            valid_value(&JsonType::of(&column.ty, &schema), rules.checks, 7),
        );
        if let Some(error) = try_insert(&mut client, table, &fixed) {
            failures.push(format!(
                "{} ({}): still refused after fixing `{field}`: {error}",
                case.export(),
                case.label
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        lengths >= 20 && labels >= 5,
        "{lengths} length and {labels} enum cases"
    );
}

#[test]
fn strings_at_the_varchar_limit_in_every_width_insert_and_one_more_is_refused() {
    let schema = schema_examples::schema();
    let (_db, mut client) = database(&schema);
    let mut checked = 0;
    for &model in &schema.models.0 {
        let table = table_of(&schema, model);
        let fields = fields(&schema, model);
        for field in &fields {
            let SqlType::Varchar { length: Some(n) } = field.column.ty else {
                continue;
            };
            let n = n as usize;
            for filler in FILLERS {
                for len in [n, n + 1] {
                    let mut value = full_value(&fields, Shape::Insert, 3);
                    let text = chars_of(filler, len);
                    value.insert(field.rules.field.to_owned(), json!(text));
                    let value = Value::Object(value);
                    let (verdict, typed) = typed_insert(model.model, &value).unwrap();
                    let row = with_parents(table, typed.as_object().unwrap().clone());
                    let refused = try_insert(&mut client, table, &row);
                    let what = format!("{}.{} = {len} × {filler:?}", table.name, field.column.name);
                    // The only rule these columns carry besides varchar is the colour's
                    // pattern, which a filler string breaks: look at the length issue only.
                    let length_issue = verdict.err().and_then(|issues| {
                        issues.into_iter().find(|i| i.code == IssueCode::TooBig)
                    });
                    if len == n {
                        assert!(length_issue.is_none(), "{what}: Rust refused the limit");
                        assert_eq!(refused, None, "{what}: PostgreSQL refused the limit");
                    } else {
                        let issue = length_issue
                            .unwrap_or_else(|| panic!("{what}: Rust accepted one too many"));
                        assert_eq!(issue.path, [PathSegment::Key(field.rules.field)], "{what}");
                        assert!(
                            refused.as_deref().is_some_and(|e| e.starts_with("22001")),
                            "{what}: PostgreSQL said {refused:?}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 60, "only {checked} values");
}
