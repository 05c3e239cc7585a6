//! Property test over hostile identifiers: names with double and single quotes, `;`, `--`,
//! `/*`, spaces, upper case, non-ASCII (2-, 3- and 4-byte characters), and names that fill
//! PostgreSQL's 63 bytes so that the next character would cross the limit inside its bytes.
//! Every object kind gets one: schemas, enum types and labels, tables, columns, and the names
//! derived from them (`_pkey`, `_key`, `_fkey`, `idx_`, `_check`, shortened to 63 bytes by
//! [`generated_name`]); comments get hostile text too.
//!
//! Each case builds a schema pair at run time, then on PostgreSQL: the CREATE DDL of the first;
//! the ALTER migration to the second (table and column renames, a type change, `SET NOT NULL`
//! with a backfill, enum values added and renamed, keys, indexes, checks and comments added,
//! renamed and dropped, a table created in a new schema); the migration back; and the DROP
//! DDL. After each step the catalog reads back equal to the model and re-diffs as empty.
//! `HOSTILE_NAMES_CASES` sets the number of cases (default 24).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use schema_core::diff::{create_schema_ddl, drop_schema_ddl};
use schema_core::diff::{diff, DiffOptions};
use schema_core::introspect::introspect;
use schema_core::model::{
    canonical, generated_name, CheckConstraint, ColumnDef, ColumnDefault, EnumDef, ForeignKey,
    Index, IndexMethod, PrimaryKey, QualifiedName, SchemaError, SqlType, UniqueConstraint,
    MAX_IDENT_BYTES,
};
use schema_core::render::quote_ident;
use schema_core::{Schema, TableDef};
use schema_tests::pg::TestDb;
use std::cell::RefCell;

/// Pieces hostile names are made of.
const FRAGMENTS: [&str; 16] = [
    "\"",
    "'",
    ";",
    "--",
    "/*",
    "*/",
    " ",
    "DROP TABLE x",
    "Ab",
    "é",
    "✓",
    "😀",
    "\\",
    "$1",
    ".",
    "(,)",
];

/// Characters of 2, 3 and 4 bytes that fill a name up to the limit.
const FILLERS: [char; 3] = ['é', '✓', '😀'];

/// A hostile name starting with `prefix` (which keeps the names of one kind apart, whatever
/// shortening does to their ends). `fill`: filled with `filler` to the last whole character
/// within 63 bytes, so one more would cross the limit inside a character.
fn hostile(prefix: &str, fragments: &[usize], fill: Option<usize>) -> String {
    let mut name = prefix.to_owned();
    for &f in fragments {
        let fragment = FRAGMENTS[f];
        if name.len() + fragment.len() <= MAX_IDENT_BYTES {
            name.push_str(fragment);
        }
    }
    if let Some(filler) = fill {
        let c = FILLERS[filler];
        while name.len() + c.len_utf8() <= MAX_IDENT_BYTES {
            name.push(c);
        }
    }
    name
}

#[derive(Clone, Debug)]
struct Spec {
    /// (fragments, fill) per name: schemas, enum, labels, tables, columns, comment.
    names: Vec<(Vec<usize>, Option<usize>)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let name = (
        proptest::collection::vec(0..FRAGMENTS.len(), 1..6),
        proptest::option::weighted(0.4, 0..FILLERS.len()),
    );
    proptest::collection::vec(name, NAMES).prop_map(|names| Spec { names })
}

const NAMES: usize = 17;

/// The names of one case.
struct Names {
    schema: String,
    new_schema: String,
    enum_name: String,
    enum2_name: String,
    labels: [String; 3],
    tables: [String; 4],
    columns: [String; 6],
    comment: String,
}

impl Names {
    fn new(spec: &Spec) -> Names {
        let n = |i: usize, prefix: &str| {
            let (fragments, fill) = &spec.names[i];
            hostile(prefix, fragments, *fill)
        };
        Names {
            schema: n(0, "S\""),
            new_schema: n(1, "N\""),
            enum_name: n(2, "E\""),
            enum2_name: n(16, "F\""),
            labels: [n(3, "l0'"), n(4, "l1'"), n(5, "l2'")],
            tables: [n(6, "T0\""), n(7, "T1\""), n(8, "R0\""), n(9, "X\"")],
            columns: [
                n(10, "c0\""),
                n(11, "c1\""),
                n(12, "c2\""),
                n(13, "c3\""),
                n(14, "d2\""),
                n(15, "c4\""),
            ],
            comment: n(0, "it's -- a \"comment\"; "),
        }
    }
}

fn key(table: &str) -> PrimaryKey {
    PrimaryKey {
        name: generated_name(&[table, "pkey"]),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    }
}

fn fk(table: &str, column: &str, target: QualifiedName) -> ForeignKey {
    ForeignKey {
        name: generated_name(&[table, column, "fkey"]),
        columns: vec![column.into()],
        target,
        target_columns: vec!["id".into()],
        on_delete: Default::default(),
        on_update: Default::default(),
        deferrable: Default::default(),
        match_full: false,
    }
}

fn index(table: &str, column: &str) -> Index {
    Index {
        name: generated_name(&["idx", table, column]),
        columns: vec![column.into()],
        unique: false,
        method: IndexMethod::Btree,
        predicate: Some(format!("({} > 0)", quote_ident(column))),
        ..Default::default()
    }
}

fn check(table: &str, column: &str) -> CheckConstraint {
    CheckConstraint {
        name: generated_name(&[table, column, "check"]),
        expression: format!("({} <> 7)", quote_ident(column)),
    }
}

/// The schema before: two enums and a table in a hostile schema, a table in `public`.
fn before(n: &Names) -> Schema {
    let [c0, c1, c2, c3, _, _] = &n.columns;
    let mut schema = Schema::new();
    schema.add_enum(EnumDef {
        comment: Some(n.comment.clone()),
        ..EnumDef::new(&n.schema, &n.enum_name, [&n.labels[0], &n.labels[1]])
    });
    schema.add_enum(EnumDef::new(
        &n.schema,
        &n.enum2_name,
        [&n.labels[1], &n.labels[2]],
    ));
    let t0 = &n.tables[0];
    let mut t = TableDef::new(&n.schema, t0);
    t.comment = Some(n.comment.clone());
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns.push(ColumnDef::new(c0, SqlType::Integer, true));
    let mut text = ColumnDef::new(c1, SqlType::Text, true);
    text.comment = Some(n.comment.clone());
    text.default = Some(ColumnDefault::String(n.comment.clone()));
    t.columns.push(text);
    let mut mood = ColumnDef::new(c2, SqlType::enum_type(&n.schema, &n.enum_name), true);
    mood.default = Some(ColumnDefault::String(n.labels[0].clone()));
    t.columns.push(mood);
    t.columns.push(ColumnDef::new(c3, SqlType::Boolean, true));
    t.primary_key = Some(key(t0));
    t.uniques.push(UniqueConstraint {
        name: generated_name(&[t0, c1, "key"]),
        columns: vec![c1.clone()],
        deferrable: Default::default(),
    });
    t.indexes.push(index(t0, c0));
    t.checks.push(check(t0, c0));
    schema.add_table(t);

    let t1 = &n.tables[1];
    let mut t = TableDef::new("public", t1);
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns.push(ColumnDef::new(c0, SqlType::BigInt, true));
    t.columns.push(ColumnDef::new(
        c1,
        SqlType::enum_type(&n.schema, &n.enum2_name),
        true,
    ));
    t.primary_key = Some(key(t1));
    t.foreign_keys
        .push(fk(t1, c0, QualifiedName::new(&n.schema, t0)));
    t.comment = Some(n.comment.clone());
    schema.add_table(t);
    schema
}

/// The schema after: `T0` renamed to `R0` with `c1` renamed to `d2`, `c0` widened to bigint
/// and made NOT NULL with a default, `c3` dropped and `c4` added with a comment, its key,
/// index and check renamed or replaced, the first enum's first label renamed and its comment
/// changed, the second enum's labels reordered (a rebuild), `T1`'s foreign key following the
/// rename and its comment removed, and a table `X` created in a new hostile schema with a
/// foreign key into `R0`.
fn after(n: &Names) -> Schema {
    let [c0, c1, c2, _, d2, c4] = &n.columns;
    let mut schema = Schema::new();
    // The first label renamed (another first character keeps it apart from the others).
    let renamed_label = fit(&format!("r{}", n.labels[0]));
    let mut mood = EnumDef {
        comment: Some(format!("{} (changed)", n.comment)),
        ..EnumDef::new(&n.schema, &n.enum_name, [&renamed_label, &n.labels[1]])
    };
    mood.renamed_values = vec![(renamed_label.clone(), n.labels[0].clone())];
    schema.add_enum(mood);
    // The second enum's labels swap places: the type is rebuilt under a temporary name.
    schema.add_enum(EnumDef::new(
        &n.schema,
        &n.enum2_name,
        [&n.labels[2], &n.labels[1]],
    ));

    let r0 = &n.tables[2];
    let mut t = TableDef::new(&n.schema, r0);
    t.renamed_from = Some(n.tables[0].clone());
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    let mut wide = ColumnDef::new(c0, SqlType::BigInt, false);
    wide.default = Some(ColumnDefault::Number("1".into()));
    t.columns.push(wide);
    let mut text = ColumnDef::new(d2, SqlType::Text, true);
    text.renamed_from = Some(c1.clone());
    text.comment = Some(format!("{} (renamed)", n.comment));
    t.columns.push(text);
    let mut mood = ColumnDef::new(c2, SqlType::enum_type(&n.schema, &n.enum_name), true);
    mood.default = Some(ColumnDefault::String(renamed_label));
    t.columns.push(mood);
    let mut added = ColumnDef::new(c4, SqlType::Varchar { length: Some(20) }, true);
    added.comment = Some(n.comment.clone());
    t.columns.push(added);
    t.primary_key = Some(key(r0));
    t.uniques.push(UniqueConstraint {
        name: generated_name(&[r0, d2, "key"]),
        columns: vec![d2.clone()],
        deferrable: Default::default(),
    });
    t.indexes.push(index(r0, c0));
    t.indexes.push(Index {
        unique: true,
        predicate: None,
        ..index(r0, c4)
    });
    t.checks.push(check(r0, c0));
    schema.add_table(t);

    let t1 = &n.tables[1];
    let mut t = TableDef::new("public", t1);
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns.push(ColumnDef::new(c0, SqlType::BigInt, true));
    t.columns.push(ColumnDef::new(
        c1,
        SqlType::enum_type(&n.schema, &n.enum2_name),
        true,
    ));
    t.primary_key = Some(key(t1));
    t.foreign_keys
        .push(fk(t1, c0, QualifiedName::new(&n.schema, r0)));
    schema.add_table(t);

    let x = &n.tables[3];
    let mut t = TableDef::new(&n.new_schema, x);
    t.comment = Some(n.comment.clone());
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    t.columns.push(ColumnDef::new(c4, SqlType::BigInt, true));
    t.primary_key = Some(key(x));
    t.foreign_keys
        .push(fk(x, c4, QualifiedName::new(&n.schema, r0)));
    t.indexes.push(index(x, c4));
    schema.add_table(t);
    schema
}

/// `name` cut to the last whole character within 63 bytes.
fn fit(name: &str) -> String {
    let mut out = name.to_owned();
    while out.len() > MAX_IDENT_BYTES {
        out.pop();
    }
    out
}

fn comparable(schema: &Schema) -> Schema {
    let mut schema = canonical(schema);
    for table in &mut schema.tables {
        table.columns.sort_by(|a, b| a.name.cmp(&b.name));
    }
    schema
}

/// Drops every schema but the system ones, and recreates an empty `public`.
fn reset(client: &mut postgres::Client) -> Result<(), TestCaseError> {
    let rows = client
        .query(
            "SELECT nspname::text FROM pg_namespace
             WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'",
            &[],
        )
        .map_err(|e| TestCaseError::fail(format!("reset: {e}")))?;
    for row in rows {
        let name: String = row.get(0);
        client
            .batch_execute(&format!("DROP SCHEMA {} CASCADE", quote_ident(&name)))
            .map_err(|e| TestCaseError::fail(format!("reset: {e}")))?;
    }
    client
        .batch_execute("CREATE SCHEMA public")
        .map_err(|e| TestCaseError::fail(format!("reset: {e}")))
}

fn apply(client: &mut postgres::Client, statements: &[String]) -> Result<(), TestCaseError> {
    for statement in statements {
        client
            .batch_execute(statement)
            .map_err(|e| TestCaseError::fail(format!("PostgreSQL rejected\n{statement}\n{e:?}")))?;
    }
    Ok(())
}

fn run_script(client: &mut postgres::Client, sql: &str) -> Result<(), TestCaseError> {
    for segment in schema_core::diff::script::segments(sql) {
        if segment.transaction {
            let mut tx = client
                .transaction()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            for statement in &segment.statements {
                tx.batch_execute(statement).map_err(|e| {
                    TestCaseError::fail(format!(
                        "PostgreSQL rejected\n{statement}\n{e:?}\nin\n{sql}"
                    ))
                })?;
            }
            tx.commit()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        } else {
            apply(client, &segment.statements)?;
        }
    }
    Ok(())
}

/// The catalog equals `expected` and re-diffs against it as empty.
fn catalog_is(
    client: &mut postgres::Client,
    schemas: &[&str],
    expected: &Schema,
    step: &str,
) -> Result<(), TestCaseError> {
    let read =
        introspect(client, schemas).map_err(|e| TestCaseError::fail(format!("{step}: {e}")))?;
    prop_assert_eq!(comparable(&read), comparable(expected), "{}", step);
    let churn = diff(&read, expected, &DiffOptions::default())
        .map_err(|e| TestCaseError::fail(format!("{step}: churn refused: {e}")))?;
    prop_assert!(churn.is_empty(), "{}: churn:\n{}", step, churn.to_sql());
    Ok(())
}

fn check_case(client: &mut postgres::Client, n: &Names) -> Result<(), TestCaseError> {
    let (a, b) = (before(n), after(n));
    prop_assert_eq!(a.validate(), Ok(()));
    prop_assert_eq!(b.validate(), Ok(()));
    let schemas = ["public", n.schema.as_str(), n.new_schema.as_str()];
    reset(client)?;

    apply(client, &create_schema_ddl(&a))?;
    catalog_is(client, &schemas, &a, "create")?;

    let destructive = DiffOptions {
        allow_destructive: true,
    };
    let plan = diff(&a, &b, &destructive).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let kinds: std::collections::BTreeSet<String> = plan
        .ops()
        .map(|op| {
            // `Kind(Variant {..})`: the kind and the variant.
            format!("{op:?}")
                .split([' ', '{'])
                .next()
                .unwrap()
                .replace('(', "::")
        })
        .collect();
    for kind in [
        "Schema::Create",
        "Table::Create",
        "Table::Rename",
        "Column::Rename",
        "Column::Add",
        "Column::Drop",
        "Column::AlterType",
        "Column::SetNotNull",
        "Enum::RenameValue",
        "Enum::Rebuild",
        "Enum::Comment",
        "Table::Comment",
        "Column::Comment",
        "Index::Create",
        "Index::Rename",
        "Constraint::Rename",
        "Constraint::Validate",
    ] {
        prop_assert!(kinds.contains(kind), "no {} in {:?}", kind, kinds);
    }
    let up = plan.to_sql();
    run_script(client, &up)?;
    catalog_is(client, &schemas, &b, &format!("up:\n{up}"))?;

    let down = diff(&b, &a, &destructive)
        .map_err(|e| TestCaseError::fail(e.to_string()))?
        .to_sql();
    run_script(client, &down)?;
    catalog_is(client, &schemas, &a, &format!("down:\n{down}"))?;

    apply(client, &drop_schema_ddl(&a))?;
    catalog_is(client, &schemas, &Schema::new(), "drop")?;
    let left: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname::text = ANY($1::text[])",
            &[&&schemas[1..]],
        )
        .map_err(|e| TestCaseError::fail(e.to_string()))?
        .get(0);
    prop_assert_eq!(left, 0, "the DROP DDL leaves schemas behind");
    Ok(())
}

#[test]
fn hostile_names_survive_create_alter_comment_and_drop() {
    let db = TestDb::new();
    let client = RefCell::new(db.client());
    let mut runner = TestRunner::new(Config {
        cases: std::env::var("HOSTILE_NAMES_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(24),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&spec(), |spec| {
        check_case(&mut client.borrow_mut(), &Names::new(&spec))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The generator reaches the limit: some names fill 63 bytes with multi-byte characters, and
/// some derived names had to be shortened.
#[test]
fn generated_names_reach_the_limit() {
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::deterministic();
    let (mut full, mut shortened) = (0, 0);
    for _ in 0..50 {
        let n = Names::new(&spec().new_tree(&mut runner).unwrap().current());
        for table in before(&n).tables.iter().chain(&after(&n).tables) {
            full += usize::from(table.name.len() > MAX_IDENT_BYTES - 4);
            let pk = &table.primary_key.as_ref().unwrap().name;
            shortened += usize::from(!pk.starts_with(&table.name));
            assert!(pk.len() <= MAX_IDENT_BYTES && pk.ends_with("_pkey"));
        }
    }
    assert!(
        full > 10 && shortened > 10,
        "{full} full, {shortened} shortened"
    );
}

/// A given name over 63 bytes whose 63rd byte falls inside a character: PostgreSQL would keep
/// only the whole characters before it, so the catalog would never match the model. The
/// schema is refused with the name and the reason, and PostgreSQL is shown to cut it.
#[test]
fn a_name_crossing_the_limit_inside_a_character_is_refused() {
    let name = format!("{}\"é", "a".repeat(61)); // 61 + 1 + 2 = 64 bytes; byte 63 is inside é
    let mut table = TableDef::new("public", &name);
    table
        .columns
        .push(ColumnDef::new("id", SqlType::Integer, false));
    let mut schema = Schema::new();
    schema.add_table(table);
    let errors = schema.validate().unwrap_err();
    assert!(
        matches!(&errors[..], [SchemaError::InvalidName { name: n, .. }] if *n == name),
        "{errors:?}"
    );
    assert_eq!(
        errors[0].to_string(),
        format!("table `{name}` cannot be a PostgreSQL name: it is 64 bytes long, and PostgreSQL truncates names to 63 bytes")
    );

    let db = TestDb::new();
    let mut client = db.client();
    apply(&mut client, &create_schema_ddl(&schema)).unwrap();
    let read = introspect(&mut client, &["public"]).unwrap();
    assert_eq!(read.tables[0].name, format!("{}\"", "a".repeat(61)));
}

/// A model whose names fill the limit with multi-byte characters: the derive shortens its
/// derived names at compile time exactly as [`generated_name`] does at run time.
#[derive(schema_core::Table)]
#[table(
    name = "éééééééééééééééééééééééééééééé_xy",
    allow(table_plural, table_snake_case, foreign_key_name)
)]
#[index(columns(parent_id, tick))]
#[allow(dead_code)]
struct Wide {
    #[column(primary_key)]
    id: i64,
    #[column(unique, index, references(Self::id))]
    parent_id: Option<i64>,
    #[column(name = "✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓", allow(column_snake_case))]
    tick: i32,
}

#[test]
fn the_derive_shortens_names_like_generated_name() {
    use schema_core::Table;
    let def = Wide::table_def();
    let t = def.name.as_str();
    assert_eq!(t.len(), 63);
    let pk = def.primary_key.as_ref().unwrap();
    assert_eq!(pk.name, generated_name(&[t, "pkey"]));
    assert_eq!(
        def.uniques[0].name,
        generated_name(&[t, "parent_id", "key"])
    );
    assert_eq!(
        def.foreign_keys[0].name,
        generated_name(&[t, "parent_id", "fkey"])
    );
    let mut indexes: Vec<&str> = def.indexes.iter().map(|i| i.name.as_str()).collect();
    indexes.sort();
    let mut expected = [
        generated_name(&["idx", t, "parent_id"]),
        generated_name(&["idx", t, "parent_id", "✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓"]),
    ];
    expected.sort();
    assert_eq!(indexes, expected);
    assert_eq!(
        schema_core::Schema::new().table::<Wide>().validate(),
        Ok(())
    );
}
