//! The DDL rendered from the models, applied to PostgreSQL and read back from its catalog,
//! is the schema the models declare: `canonical(introspected) == canonical(declared)`, for the
//! whole `Schema`. Runs against `DATABASE_URL` when set, else against a throwaway cluster.

use schema_core::diff::{diff, DiffOptions};
use schema_core::introspect::{introspect, introspect_declared, IntrospectError};
use schema_core::model::{
    canonical, CheckConstraint, ColumnDef, Deferrable, GrantObject, PartitionMethod, QualifiedName,
    ReferentialAction, SqlType,
};
use schema_core::{
    Extension, Grant, Partition, Privilege, Role, Schema, TableDef, Trigger, TriggerTiming,
    Volatility,
};
use schema_tests::apply::apply_schema;
use schema_tests::kitchen_sink;
use schema_tests::pg::TestDb;

const EXAMPLE_NAMESPACES: &[&str] = &["public", "storage", "credits", "tenancy"];

/// Runs the schema's DDL statement by statement, naming the statement PostgreSQL rejects.
fn apply(db: &TestDb, schema: &Schema) -> postgres::Client {
    let mut client = db.client();
    apply_schema(&mut client, schema);
    client
}

/// Table by table first, so a failure shows the one table that differs, then the whole schema.
fn assert_reads_back_equal(declared: &Schema, introspected: &Schema) {
    let declared = canonical(declared);
    let introspected = canonical(introspected);
    let names = |s: &Schema| -> Vec<String> {
        s.tables
            .iter()
            .map(|t| t.qualified_name().to_string())
            .collect()
    };
    assert_eq!(names(&introspected), names(&declared), "the tables differ");
    assert_eq!(introspected.enums, declared.enums, "the enums differ");
    for (read, want) in introspected.tables.iter().zip(&declared.tables) {
        assert_eq!(
            read,
            want,
            "table `{}` reads back differently",
            want.qualified_name()
        );
    }
    assert_eq!(introspected, declared);
}

#[test]
fn examples_read_back_as_declared() {
    let declared = schema_examples::schema();
    let db = TestDb::new();
    let mut client = apply(&db, &declared);
    // With the declared view queries: the catalog keeps them as PostgreSQL rewrote them.
    let introspected = introspect_declared(&mut client, EXAMPLE_NAMESPACES, &declared).unwrap();
    assert_eq!(introspected.tables.len(), declared.tables.len());
    assert_eq!(introspected.views.len(), declared.views.len());
    assert_reads_back_equal(&declared, &introspected);
}

#[test]
fn kitchen_sink_is_a_valid_schema() {
    let schema = kitchen_sink::schema();
    assert_eq!(schema.validate(), Ok(()));
    // `references(Player::id, initially_deferred)`.
    let captain = schema
        .tables
        .iter()
        .flat_map(|t| &t.foreign_keys)
        .find(|fk| fk.name == "teams_captain_id_fkey")
        .unwrap();
    assert_eq!(captain.deferrable, Deferrable::InitiallyDeferred);
    // `primary_key(.., deferrable)`, `unique(.., initially_deferred)`.
    let roster = schema.tables.iter().find(|t| t.name == "roster").unwrap();
    assert_eq!(
        roster.primary_key.as_ref().unwrap().deferrable,
        Deferrable::InitiallyImmediate
    );
    assert_eq!(roster.uniques[0].deferrable, Deferrable::InitiallyDeferred);
    // Domains come with the columns that use them, their rules as named checks.
    let domains: Vec<(&str, bool, Vec<&str>)> = schema
        .domains
        .iter()
        .map(|d| {
            let checks = d.checks.iter().map(|c| c.name.as_str()).collect();
            (d.name.as_str(), d.not_null, checks)
        })
        .collect();
    assert_eq!(
        domains,
        [
            ("quantity", true, vec!["quantity_max", "quantity_min"]),
            (
                "slug",
                false,
                vec!["slug_max_len", "slug_no_double_dash", "slug_regex"]
            ),
        ]
    );
    // `on_update_now`: the trigger and its function come with the model.
    let gadgets = schema.tables.iter().find(|t| t.name == "gadgets").unwrap();
    assert_eq!(
        gadgets.triggers,
        [Trigger::touch("kitchen", "updated_local")]
    );
    assert!(gadgets.touches("updated_local"));
    let functions: Vec<&str> = schema.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        functions,
        [
            "players_changed",
            "team_has",
            "team_renamed",
            "team_size",
            "touch_updated_local"
        ]
    );
    // `citext` from the type of a column, `pg_trgm` declared.
    assert_eq!(
        schema.extensions,
        [
            Extension::new("btree_gist").in_schema("kitchen"),
            Extension::new("citext"),
            Extension::new("pg_trgm").in_schema("kitchen")
        ]
    );
}

#[test]
fn kitchen_sink_reads_back_as_declared() {
    let declared = kitchen_sink::schema();
    let db = TestDb::new();
    let mut client = apply(&db, &declared);
    let introspected =
        introspect_declared(&mut client, kitchen_sink::NAMESPACES, &declared).unwrap();
    assert_reads_back_equal(&declared, &introspected);
    // No churn: the next migration against the catalog is empty, composite keys, partial and
    // gin indexes, enum defaults and the quoted, backslashed, unicode default literals included.
    for (from, to) in [(&introspected, &declared), (&declared, &introspected)] {
        let plan = diff(from, to, &DiffOptions::default()).unwrap();
        assert!(plan.is_empty(), "{}", plan.to_sql());
    }
}

fn table<'a>(schema: &'a mut Schema, name: &str) -> &'a mut TableDef {
    schema
        .tables
        .iter_mut()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no table `{name}`"))
}

fn view<'a>(schema: &'a mut Schema, name: &str) -> &'a mut schema_core::ViewDef {
    schema
        .views
        .iter_mut()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no view `{name}`"))
}

fn role<'a>(schema: &'a mut Schema, name: &str) -> &'a mut Role {
    schema
        .roles
        .iter_mut()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no role `{name}`"))
}

/// The grant of table `table` to `role`.
fn grant<'a>(schema: &'a mut Schema, table: &str, role: &str) -> &'a mut Grant {
    schema
        .grants
        .iter_mut()
        .find(|g| matches!(&g.on, GrantObject::Table { name, .. } if name == table) && g.to == role)
        .unwrap_or_else(|| panic!("no grant on `{table}` to `{role}`"))
}

fn column<'a>(schema: &'a mut Schema, table_name: &str, column: &str) -> &'a mut ColumnDef {
    table(schema, table_name)
        .columns
        .iter_mut()
        .find(|c| c.name == column)
        .unwrap_or_else(|| panic!("no column `{column}`"))
}

/// The comparison has teeth: each of these changes to the declaration, applied to a schema
/// that otherwise reads back equal, makes it compare unequal.
#[test]
fn a_different_declaration_does_not_read_back_equal() {
    let declared = kitchen_sink::schema();
    let db = TestDb::new();
    let mut client = apply(&db, &declared);
    let introspected =
        canonical(&introspect_declared(&mut client, kitchen_sink::NAMESPACES, &declared).unwrap());
    assert_eq!(
        canonical(&declared),
        introspected,
        "the unchanged schema must compare equal"
    );

    type Change = fn(&mut Schema);
    let changes: &[(&str, Change)] = &[
        ("nullability flipped", |s| {
            column(s, "gadgets", "title").nullable = true
        }),
        ("nullability flipped the other way", |s| {
            column(s, "optionals", "a_text").nullable = false
        }),
        ("type changed", |s| {
            column(s, "gadgets", "code").ty = SqlType::Varchar { length: Some(33) }
        }),
        ("enum array became text array", |s| {
            column(s, "gadgets", "moods").ty = SqlType::array_of(SqlType::Text)
        }),
        ("default changed", |s| {
            column(s, "gadgets", "precise").default =
                Some(schema_core::model::ColumnDefault::Number("2.5".into()))
        }),
        ("default removed", |s| {
            column(s, "gadgets", "motto").default = None
        }),
        ("column comment changed", |s| {
            column(s, "gadgets", "code").comment = Some("another comment".into())
        }),
        ("table comment removed", |s| {
            table(s, "gadgets").comment = None
        }),
        ("column order changed", |s| {
            table(s, "gadgets").columns.swap(1, 2)
        }),
        ("column renamed", |s| {
            column(s, "gadgets", "title").name = "heading".into()
        }),
        ("check expression changed", |s| {
            table(s, "gadgets").checks[0].expression = "quantity > 0".into()
        }),
        ("check added", |s| {
            table(s, "gadgets").checks.push(CheckConstraint {
                name: "gadgets_zzz".into(),
                expression: "quantity < 5".into(),
            })
        }),
        ("index predicate removed", |s| {
            for index in &mut table(s, "gadgets").indexes {
                index.predicate = None;
            }
        }),
        ("index method changed", |s| {
            for index in &mut table(s, "gadgets").indexes {
                index.method = Default::default();
            }
        }),
        ("index uniqueness changed", |s| {
            for index in &mut table(s, "gadgets").indexes {
                index.unique = !index.unique;
            }
        }),
        ("foreign key action changed", |s| {
            table(s, "players").foreign_keys[0].on_update = ReferentialAction::NoAction
        }),
        ("foreign key target changed", |s| {
            table(s, "roster").foreign_keys[0].target_columns = vec!["name".into()]
        }),
        ("primary key columns reordered", |s| {
            table(s, "roster")
                .primary_key
                .as_mut()
                .unwrap()
                .columns
                .reverse()
        }),
        ("unique constraint dropped", |s| {
            table(s, "gadgets").uniques.pop();
        }),
        ("enum values reordered", |s| s.enums[0].values.reverse()),
        ("enum comment changed", |s| s.enums[0].comment = None),
        ("table dropped", |s| {
            s.tables.pop();
        }),
        ("function body changed", |s| s.functions[0].body.push(' ')),
        ("function volatility changed", |s| {
            for f in &mut s.functions {
                f.volatility = Volatility::Immutable;
            }
        }),
        ("function result changed", |s| {
            for f in &mut s.functions {
                f.returns = "integer".into();
            }
        }),
        ("function dropped", |s| {
            s.functions.pop();
        }),
        ("trigger event removed", |s| {
            table(s, "players").triggers[0].events.pop();
        }),
        ("trigger per row", |s| {
            table(s, "players").triggers[0].per_row = true
        }),
        ("trigger condition changed", |s| {
            table(s, "teams").triggers[0].when = Some("old.name <> new.name".into())
        }),
        ("trigger columns dropped", |s| {
            table(s, "teams").triggers[0].update_of.clear()
        }),
        ("trigger timing changed", |s| {
            table(s, "gadgets").triggers[0].timing = TriggerTiming::After
        }),
        ("trigger dropped", |s| table(s, "gadgets").triggers.clear()),
        ("sequence increment changed", |s| {
            s.sequences[0].increment = Some(3)
        }),
        ("sequence cycle changed", |s| {
            for sequence in &mut s.sequences {
                sequence.cycle = !sequence.cycle;
            }
        }),
        ("sequence type changed", |s| {
            s.sequences[1].ty = schema_core::SequenceType::BigInt
        }),
        ("sequence owner dropped", |s| {
            for sequence in &mut s.sequences {
                sequence.owned_by = None;
            }
        }),
        ("sequence dropped", |s| {
            s.sequences.pop();
        }),
        ("raw object's statement changed", |s| {
            s.raw_objects[0].create.push_str(" -- changed")
        }),
        ("raw object dropped", |s| {
            s.raw_objects.pop();
        }),
        ("domain check changed", |s| {
            s.domains[1].checks[0].expression = "char_length(VALUE) <= 41".into()
        }),
        ("domain check dropped", |s| {
            s.domains[1].checks.pop();
        }),
        ("domain made nullable", |s| s.domains[0].not_null = false),
        ("domain base changed", |s| {
            s.domains[0].base = SqlType::BigInt
        }),
        ("row security no longer forced", |s| {
            table(s, "shipments").row_security = schema_core::model::RowSecurity::On
        }),
        ("policy expression changed", |s| {
            table(s, "shipments").policies[0].using = Some("id > 1".into())
        }),
        ("policy made permissive", |s| {
            table(s, "shipments").policies[1].restrictive = false
        }),
        ("policy roles changed", |s| {
            table(s, "shipments").policies[1].roles.clear()
        }),
        ("policy dropped", |s| {
            table(s, "shipments").policies.pop();
        }),
        ("column no longer of the domain", |s| {
            column(s, "shipments", "code").ty = SqlType::Text
        }),
        ("view column type changed", |s| {
            view(s, "team_sizes").columns[2].ty = SqlType::Integer
        }),
        ("view column renamed", |s| {
            view(s, "team_sizes").columns[0].name = "id".into()
        }),
        ("view column dropped", |s| {
            view(s, "large_teams").columns.pop();
        }),
        ("view no longer security_invoker", |s| {
            view(s, "large_teams").security_invoker = false
        }),
        ("view made materialized", |s| {
            view(s, "team_sizes").materialized = true
        }),
        ("view comment changed", |s| {
            view(s, "large_teams").comment = Some("another comment".into())
        }),
        ("view dropped", |s| {
            s.views.retain(|v| v.name != "large_teams")
        }),
        ("materialized view index dropped", |s| {
            view(s, "price_totals").indexes.pop();
        }),
        ("materialized view index no longer unique", |s| {
            for index in &mut view(s, "price_totals").indexes {
                index.unique = false;
            }
        }),
        ("role cannot log in", |s| {
            role(s, kitchen_sink::WRITER).login = false
        }),
        ("role inherits", |s| {
            role(s, kitchen_sink::WRITER).no_inherit = false
        }),
        ("role cannot create databases", |s| {
            role(s, kitchen_sink::WRITER).create_db = false
        }),
        ("role cannot create roles", |s| {
            role(s, kitchen_sink::WRITER).create_role = false
        }),
        ("role held to row security", |s| {
            role(s, kitchen_sink::WRITER).bypass_rls = false
        }),
        ("role connection limit changed", |s| {
            role(s, kitchen_sink::WRITER).connection_limit = None
        }),
        ("role membership removed", |s| {
            role(s, kitchen_sink::WRITER).member_of.pop();
        }),
        ("role declared existing", |s| {
            *role(s, kitchen_sink::READER) = Role::existing(kitchen_sink::READER)
        }),
        ("privilege removed", |s| {
            grant(s, "teams", kitchen_sink::READER).privileges.pop();
        }),
        ("grant option removed", |s| {
            grant(s, "players", kitchen_sink::WRITER).with_grant_option = false
        }),
        ("grant to another role", |s| {
            grant(s, "players", kitchen_sink::WRITER).to = kitchen_sink::READER.into()
        }),
        ("column grant on another column", |s| {
            for g in &mut s.grants {
                if let GrantObject::Column { column, .. } = &mut g.on {
                    *column = "team_id".into();
                }
            }
        }),
        ("grant to PUBLIC removed", |s| {
            s.grants.retain(|g| g.to != "public")
        }),
        ("schema grant removed", |s| {
            s.grants
                .retain(|g| !matches!(g.on, GrantObject::Schema { .. }))
        }),
        ("sequence grant removed", |s| {
            s.grants
                .retain(|g| !matches!(g.on, GrantObject::Sequence { .. }))
        }),
        ("function grant removed", |s| {
            s.grants
                .retain(|g| !matches!(g.on, GrantObject::Function { .. }))
        }),
        ("partition bound moved", |s| {
            table(s, "events").partitions[0] =
                Partition::range("events_2026", ["'2026-01-01'"], ["'2028-01-01'"])
        }),
        ("partition bound moved within a day", |s| {
            table(s, "events").partitions[0] = Partition::range(
                "events_2026",
                ["'2026-01-01 00:00:01+00'"],
                ["'2027-01-01'"],
            )
        }),
        ("partition value added", |s| {
            table(s, "sales").partitions[1] = Partition::list("sales_us", ["'us'", "'ca'"])
        }),
        ("partition removed", |s| {
            table(s, "visits").partitions.pop();
        }),
        ("default partition no longer default", |s| {
            table(s, "events").partitions[2] =
                Partition::range("events_rest", ["'2027-01-01'"], ["MAXVALUE"])
        }),
        ("partition key changed", |s| {
            table(s, "visits").partition_by = None;
            table(s, "visits").partitions.clear();
        }),
        ("partitioned by another method", |s| {
            table(s, "sales").partition_by.as_mut().unwrap().method = PartitionMethod::Range
        }),
        ("view grant removed", |s| {
            s.grants.retain(
                |g| !matches!(&g.on, GrantObject::Table { name, .. } if name == "team_sizes"),
            )
        }),
    ];
    for (what, change) in changes {
        let mut different = declared.clone();
        change(&mut different);
        assert_ne!(
            canonical(&different),
            introspected,
            "{what}: a declaration that differs from the database compared equal"
        );
    }
}

/// The catalog cannot give a raw object's statements back: one the declaration names is read
/// back as declared when the catalog has an object of its kind and name, and an aggregate is
/// no longer "unrepresentable" once declared. One that is not there is missing from the
/// read-back, whatever its kind (but `Other`, which the catalog is not asked for).
#[test]
fn declared_raw_objects_are_found_in_the_catalog() {
    let declared = kitchen_sink::schema();
    let db = TestDb::new();
    let mut client = apply(&db, &declared);
    let error = introspect(&mut client, kitchen_sink::NAMESPACES).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`kitchen.total` has a aggregate"),
        "{error}"
    );
    client
        .batch_execute(
            "DROP CAST (text AS kitchen.span); DROP TYPE kitchen.span;
             DROP OPERATOR kitchen.=== (uuid, bigint); DROP COLLATION kitchen.bytewise;
             DROP AGGREGATE kitchen.total(bigint);
             DROP TEXT SEARCH CONFIGURATION kitchen.plain_english",
        )
        .unwrap();
    let read = introspect_declared(&mut client, kitchen_sink::NAMESPACES, &declared).unwrap();
    let kinds: Vec<&str> = read.raw_objects.iter().map(|o| o.kind.word()).collect();
    assert_eq!(kinds, ["object"], "only `Other` is taken as present");
}

/// What `canonical` documents it cannot smooth over: PostgreSQL adds casts and parentheses.
#[test]
fn expressions_postgres_rewrites_do_not_compare_equal() {
    let mut declared = Schema::new();
    let mut t = TableDef::new("public", "notes");
    t.columns
        .push(ColumnDef::new("status", SqlType::Text, false));
    t.columns.push(ColumnDef::new("n", SqlType::Integer, false));
    t.checks.push(CheckConstraint {
        name: "notes_status".into(),
        expression: "status <> 'gone'".into(),
    });
    t.checks.push(CheckConstraint {
        name: "notes_n".into(),
        expression: "n > 0 AND n < 10".into(),
    });
    declared.add_table(t);
    let db = TestDb::new();
    let mut client = apply(&db, &declared);
    let read = introspect(&mut client, &["public"]).unwrap();
    let checks = |s: &Schema| -> Vec<String> {
        canonical(s).tables[0]
            .checks
            .iter()
            .map(|c| c.expression.clone())
            .collect()
    };
    assert_eq!(
        checks(&read),
        ["(n > 0) AND (n < 10)", "status <> 'gone'::text"]
    );
    assert_eq!(checks(&declared), ["n > 0 AND n < 10", "status <> 'gone'"]);
    assert_ne!(canonical(&read), canonical(&declared));
}

#[test]
fn only_the_named_namespaces_are_read() {
    let declared = kitchen_sink::schema();
    let db = TestDb::new();
    let mut client = apply(&db, &declared);
    let kitchen = introspect_declared(&mut client, &["kitchen"], &declared).unwrap();
    assert!(kitchen.tables.iter().all(|t| t.schema == "kitchen"));
    assert!(kitchen.enums.iter().all(|e| e.schema == "kitchen"));
    assert_eq!(
        kitchen.tables.len(),
        declared
            .tables
            .iter()
            .filter(|t| t.schema == "kitchen")
            .count()
    );
    assert_eq!(
        introspect(&mut client, &["no_such_schema"]).unwrap(),
        Schema::new()
    );
}

/// An extension is read with the schema that holds its objects, and what it made (here a
/// table and an enum type added to it, as an extension's script would make them) is its own,
/// not read as the schema's: `verify` would otherwise ask to drop PostGIS's tables.
#[test]
fn extensions_are_read_and_what_they_made_is_theirs() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE SCHEMA ext;
             CREATE EXTENSION hstore WITH SCHEMA ext;
             CREATE TABLE public.made_by_hstore (id integer);
             CREATE TYPE public.mood_of_hstore AS ENUM ('a');
             ALTER EXTENSION hstore ADD TABLE public.made_by_hstore;
             ALTER EXTENSION hstore ADD TYPE public.mood_of_hstore;
             CREATE TABLE public.ours (id integer NOT NULL);",
        )
        .unwrap();
    let read = introspect(&mut client, &["public", "ext"]).unwrap();
    assert_eq!(read.extensions, [Extension::new("hstore").in_schema("ext")]);
    let tables: Vec<String> = read.tables.iter().map(|t| t.name.clone()).collect();
    assert_eq!(tables, ["ours"]);
    assert!(read.enums.is_empty(), "{:?}", read.enums);
    // Read without the schema of its objects, the extension is not there.
    assert!(introspect(&mut client, &["public"])
        .unwrap()
        .extensions
        .is_empty());
}

/// A database's privileges and the roles they name are read (a pull): grants beyond the
/// defaults on tables, columns and functions, the grantee with its attributes and the roles it
/// is a member of; a role declared existing comes back existing. A default taken away has no
/// place in the model, and is an error.
#[test]
fn privileges_and_the_roles_they_name_are_read() {
    let db = TestDb::new();
    let mut client = db.client();
    // Roles belong to the cluster: named after the database, dropped at the end.
    let role = format!("pulled_{}", db.name());
    client
        .batch_execute(&format!(
            "CREATE ROLE \"{role}\" LOGIN CONNECTION LIMIT 4 IN ROLE pg_read_all_data;
             CREATE TABLE docs (id bigint PRIMARY KEY, title text);
             CREATE FUNCTION two() RETURNS integer LANGUAGE sql AS 'SELECT 2';
             GRANT SELECT, UPDATE (title) ON docs TO \"{role}\";
             GRANT TRUNCATE ON docs TO PUBLIC;
             GRANT EXECUTE ON FUNCTION two() TO \"{role}\" WITH GRANT OPTION;"
        ))
        .unwrap();
    let read = introspect(&mut client, &["public"]).unwrap();
    assert_eq!(
        read.roles,
        [Role::new(&role)
            .login()
            .connection_limit(4)
            .member_of("pg_read_all_data")]
    );
    let docs = QualifiedName::new("public", "docs");
    assert_eq!(
        read.grants,
        [
            Grant::on_table(docs.clone())
                .privilege(Privilege::Truncate)
                .to("public"),
            Grant::on_table(docs.clone())
                .privilege(Privilege::Select)
                .to(&role),
            Grant::on_table_column(docs.clone(), "title")
                .privilege(Privilege::Update)
                .to(&role),
            Grant::on_function(QualifiedName::new("public", "two"))
                .privilege(Privilege::Execute)
                .to(&role)
                .with_grant_option(),
        ]
    );
    let declared = Schema::new().role(Role::existing(&role));
    let read = introspect_declared(&mut client, &["public"], &declared).unwrap();
    assert_eq!(read.roles, [Role::existing(&role)]);

    client
        .batch_execute("REVOKE EXECUTE ON FUNCTION two() FROM PUBLIC")
        .unwrap();
    let error = introspect(&mut client, &["public"]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`public.two` has the default privilege EXECUTE of PUBLIC on function public.two revoked, which the model cannot represent"
    );
    client
        .batch_execute(&format!("DROP OWNED BY \"{role}\"; DROP ROLE \"{role}\""))
        .unwrap();
}

#[test]
fn what_the_model_cannot_hold_is_an_error() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE bookings (room bigint NOT NULL, during tstzrange NOT NULL,
                                    EXCLUDE USING gist (during WITH &&) INCLUDE (room));",
        )
        .unwrap();
    let error = introspect(&mut client, &["public"]).unwrap_err();
    assert!(
        matches!(&error, IntrospectError::Unsupported { found } if found.len() == 1 && found[0].what.contains("bookings_during_room_excl")),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "`public.bookings` has exclusion constraint `bookings_during_room_excl` with `INCLUDE` columns or storage parameters, which the model cannot represent"
    );
}

/// Everything the model cannot hold is listed in one error, not only the first found: adopting
/// a database shows all that is missing in one run.
#[test]
fn what_the_model_cannot_hold_is_listed_all_at_once() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE rooms (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                 name text NOT NULL, open tstzrange NOT NULL,
                                 EXCLUDE USING gist (open WITH &&) WITH (fillfactor = 70));
             CREATE TABLE bookings (room bigint NOT NULL, during tstzrange NOT NULL,
                                    EXCLUDE USING gist (during WITH &&) INCLUDE (room));",
        )
        .unwrap();
    let error = introspect(&mut client, &["public"]).unwrap_err();
    let IntrospectError::Unsupported { found } = &error else {
        panic!("{error:?}");
    };
    let whats: Vec<&str> = found.iter().map(|u| u.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "exclusion constraint `rooms_open_excl` with `INCLUDE` columns or storage parameters",
            "exclusion constraint `bookings_during_room_excl` with `INCLUDE` columns or storage parameters",
        ]
    );
    let message = error.to_string();
    assert!(
        message.starts_with("the model cannot represent 2 objects of the database: `public.rooms` has exclusion constraint `rooms_open_excl` with `INCLUDE` columns or storage parameters; "),
        "{message}"
    );
    assert!(!message.contains('\n'), "{message}");
}

/// What the model has no field for yet is listed rather than read without it: a database
/// that has it would otherwise compare equal to models whose next migration would lose it.
#[test]
fn options_the_model_cannot_hold_are_listed_not_dropped() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE parents (a int, b int, PRIMARY KEY (a, b)) WITH (fillfactor = 70);
             CREATE UNLOGGED TABLE scratch (id int PRIMARY KEY);
             CREATE TABLE events (at int NOT NULL) PARTITION BY RANGE ((at / 10));
             CREATE TABLE logs (at date NOT NULL, kind text) PARTITION BY RANGE (at);
             CREATE TABLE logs_2026 PARTITION OF logs FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')
                 PARTITION BY LIST (kind);
             CREATE TABLE deferred (id int, CONSTRAINT deferred_check CHECK (id > 0),
                                    CONSTRAINT deferred_excl EXCLUDE (id WITH =) DEFERRABLE);
             ",
        )
        .unwrap();
    let error = introspect(&mut client, &["public"]).unwrap_err();
    let IntrospectError::Unsupported { found } = &error else {
        panic!("{error:?}");
    };
    let mut whats: Vec<String> = found
        .iter()
        .map(|u| format!("{}: {}", u.table, u.what))
        .collect();
    whats.sort();
    assert_eq!(
        whats,
        [
            "public.deferred: deferrable constraint `deferred_excl` (only keys and foreign keys can be)",
            "public.events: partition key `RANGE (((at / 10)))` on an expression",
            "public.logs: partition `logs_2026` in another schema, or partitioned itself",
            "public.parents: storage parameters (fillfactor=70)",
            "public.scratch: `UNLOGGED` storage",
        ]
    );
}

/// Routines and triggers the model has no place for are listed too, each with what it has.
#[test]
fn routines_and_triggers_the_model_cannot_hold_are_listed() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE notes (id int PRIMARY KEY, body text);
             CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
             CREATE FUNCTION twice(a int) RETURNS int LANGUAGE sql AS 'SELECT a * 2';
             CREATE FUNCTION twice(a text) RETURNS text LANGUAGE sql AS 'SELECT a || a';
             CREATE PROCEDURE tidy() LANGUAGE sql AS 'SELECT 1';
             CREATE TRIGGER guarded BEFORE UPDATE OF body ON notes
                 FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION f();
             CREATE TRIGGER with_args BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION f('x');
             CREATE TRIGGER fine BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION f();
             ",
        )
        .unwrap();
    let error = introspect(&mut client, &["public"]).unwrap_err();
    let IntrospectError::Unsupported { found } = &error else {
        panic!("{error:?}");
    };
    let whats: Vec<String> = found
        .iter()
        .map(|u| format!("{}: {}", u.table, u.what))
        .collect();
    assert_eq!(
        whats,
        [
            "public.notes: trigger `with_args`, which passes arguments",
            "public.tidy: a procedure of that name: only functions are modelled",
            "public.twice: overloads (functions of one name with other arguments)",
        ]
    );
}

/// Deferrable uniques and foreign keys and `MATCH FULL`, written by hand, read into the model,
/// and the model's DDL applied to another database reads back the same.
#[test]
fn deferrable_keys_and_match_full_read_back() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE parents (a int, b int, PRIMARY KEY (a, b));
             CREATE TABLE children (
                 id int PRIMARY KEY,
                 a int, b int,
                 CONSTRAINT children_parent_fkey FOREIGN KEY (a, b) REFERENCES parents
                     MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                 CONSTRAINT children_a_key UNIQUE (a) DEFERRABLE,
                 CONSTRAINT children_b_key UNIQUE (b) DEFERRABLE INITIALLY DEFERRED);",
        )
        .unwrap();
    let read = introspect(&mut client, &["public"]).unwrap();
    let children = read.tables.iter().find(|t| t.name == "children").unwrap();
    let fk = &children.foreign_keys[0];
    assert!(fk.match_full);
    assert_eq!(fk.deferrable, Deferrable::InitiallyDeferred);
    let uniques: Vec<(&str, Deferrable)> = children
        .uniques
        .iter()
        .map(|u| (u.name.as_str(), u.deferrable))
        .collect();
    assert_eq!(
        uniques,
        [
            ("children_a_key", Deferrable::InitiallyImmediate),
            ("children_b_key", Deferrable::InitiallyDeferred)
        ]
    );
    let again = TestDb::new();
    let mut other = apply(&again, &read);
    assert_reads_back_equal(&read, &introspect(&mut other, &["public"]).unwrap());
}

/// Indexes on expressions, with sort orders, operator classes, `INCLUDE` columns and
/// `NULLS NOT DISTINCT`, written by hand as a database that was not made from models has them,
/// read back into the model and written again: the same index definitions.
#[test]
fn indexes_with_expressions_orders_and_included_columns_read_back() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE people (id bigint PRIMARY KEY, email text NOT NULL,
                                  handle varchar(40), created_at timestamptz NOT NULL,
                                  team text);
             CREATE UNIQUE INDEX people_lower_email ON people (lower(email));
             CREATE INDEX people_recent ON people (created_at DESC NULLS LAST, id);
             CREATE INDEX people_handle_prefix ON people (handle varchar_pattern_ops);
             CREATE INDEX people_team ON people (team) INCLUDE (email, handle)
                 WITH (deduplicate_items = off, fillfactor = 50);
             CREATE UNIQUE INDEX people_one_team ON people (team) NULLS NOT DISTINCT;
             CREATE INDEX people_lower_handle ON people (lower(handle), (id + 1) DESC);",
        )
        .unwrap();
    let read = introspect(&mut client, &["public"]).unwrap();
    let definitions = |client: &mut postgres::Client| -> Vec<String> {
        client
            .query(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'people' ORDER BY indexname",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect()
    };
    let written_by_hand = definitions(&mut client);
    let people = &read.tables[0];
    let keys = |name: &str| {
        people
            .indexes
            .iter()
            .find(|i| i.name == name)
            .unwrap()
            .columns
            .clone()
    };
    use schema_core::model::{IndexKey, NullsOrder};
    assert_eq!(
        keys("people_lower_email"),
        [IndexKey::expression("lower(email)")]
    );
    assert_eq!(
        keys("people_recent"),
        [
            IndexKey::column_key("created_at")
                .desc()
                .nulls(NullsOrder::Last),
            IndexKey::column_key("id"),
        ]
    );
    assert_eq!(
        keys("people_handle_prefix"),
        [IndexKey::column_key("handle").opclass("varchar_pattern_ops")]
    );
    assert_eq!(
        keys("people_lower_handle"),
        [
            IndexKey::expression("lower(handle::text)"),
            IndexKey::expression("id + 1").desc(),
        ]
    );
    // Written again from the model into an empty database: PostgreSQL defines each index as
    // it did the hand-written one.
    let again = TestDb::new();
    let mut other = apply(&again, &read);
    assert_eq!(definitions(&mut other), written_by_hand);
    assert_reads_back_equal(&read, &introspect(&mut other, &["public"]).unwrap());
}

/// The model of docs/models-and-attributes.md ("Index keys, included columns and `NULLS NOT
/// DISTINCT`"): its indexes are written as the page says, PostgreSQL takes them, and they read
/// back as declared.
#[test]
// Clippy reads the `unique` of two `#[index(..)]` as one attribute given twice.
#[allow(clippy::duplicated_attributes)]
fn index_keys_are_written_as_documented() {
    use schema_core::Table;
    #[derive(Table)]
    #[table(allow(timestamps))]
    #[index(
        columns(expr("lower(email)")),
        unique,
        name = "idx_accounts_lower_email"
    )]
    #[index(columns(created_at(desc, nulls_last)), include(handle))]
    #[index(columns(handle(ops = "text_pattern_ops")), with(fillfactor = 70))]
    #[index(columns(team), unique, nulls_not_distinct)]
    #[allow(dead_code)]
    struct Account {
        #[column(primary_key)]
        id: i64,
        email: String,
        handle: String,
        team: Option<String>,
        created_at: Option<chrono::DateTime<chrono::Utc>>,
    }
    let schema = Schema::new().table::<Account>();
    let indexes: Vec<String> = schema_core::diff::create_schema_ddl(&schema)
        .into_iter()
        .filter(|s| s.contains(" INDEX "))
        .collect();
    assert_eq!(
        indexes,
        [
            r#"CREATE INDEX "idx_accounts_created_at" ON "public"."accounts" ("created_at" DESC NULLS LAST) INCLUDE ("handle")"#,
            r#"CREATE INDEX "idx_accounts_handle" ON "public"."accounts" ("handle" text_pattern_ops) WITH (fillfactor = 70)"#,
            r#"CREATE UNIQUE INDEX "idx_accounts_lower_email" ON "public"."accounts" ((lower(email)))"#,
            r#"CREATE UNIQUE INDEX "idx_accounts_team" ON "public"."accounts" ("team") NULLS NOT DISTINCT"#,
        ]
    );
    let db = TestDb::new();
    let mut client = apply(&db, &schema);
    assert_reads_back_equal(&schema, &introspect(&mut client, &["public"]).unwrap());
}
