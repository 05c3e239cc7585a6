//! The diff engine, case by case: for each named change, the up and down migration SQL as an
//! insta snapshot, and on a real PostgreSQL: `before` applied, the up migration applied and
//! read back equal to `after`, the down migration applied and read back equal to `before`,
//! no churn (`diff(after, after)` and `diff(read back, after)` are empty). Then the same change
//! as files written by `migrate-gen` goes through the runner: `migrate` up, `down` one step,
//! `migrate` again, the catalog equal to the snapshot at each step.

use schema_core::diff::{diff, diff_down, script, DiffError, DiffOptions, Plan};
use schema_core::introspect::{introspect, introspect_declared};
use schema_core::migrate::runner::{down, migrate, migrate_with, DownTarget, RunOptions};
use schema_core::migrate::{generate_with, GenerateOptions, Generated};
use schema_core::model::ViewColumn;
use schema_core::model::{
    canonical, CheckConstraint, ColumnDef, ColumnDefault, Deferrable, DomainDef, EnumDef,
    ExclusionConstraint, ExclusionElement, Extension, ForeignKey, Identity, Index, IndexKey,
    IndexMethod, NullsOrder, Partition, PartitionBy, Policy, PolicyCommand, PrimaryKey,
    QualifiedName, ReferentialAction, RowSecurity, SqlType, UniqueConstraint,
};
use schema_core::{
    Function, Grant, Privilege, RawDependency, RawKind, RawObject, Role, Schema, Sequence,
    SequenceType, TableDef, Trigger, TriggerEvent, TriggerTiming, ViewDef, Volatility,
};
use schema_tests::apply::{apply_schema, apply_script, try_apply_script};
use schema_tests::fixtures::twice;
use schema_tests::pg::TestDb;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Building schemas

struct T(TableDef);

fn t(qualified: &str) -> T {
    let (schema, name) = qualified.split_once('.').unwrap_or(("public", qualified));
    T(TableDef::new(schema, name))
}

impl T {
    /// A `NOT NULL` column.
    fn col(self, name: &str, ty: SqlType) -> T {
        self.column(ColumnDef::new(name, ty, false))
    }
    /// A nullable column.
    fn null(self, name: &str, ty: SqlType) -> T {
        self.column(ColumnDef::new(name, ty, true))
    }
    fn column(mut self, column: ColumnDef) -> T {
        self.0.columns.push(column);
        self
    }
    fn pk(mut self, columns: &[&str]) -> T {
        self.0.primary_key = Some(PrimaryKey {
            name: format!("{}_pkey", self.0.name),
            columns: strings(columns),
            deferrable: Default::default(),
        });
        self
    }
    fn id(self) -> T {
        self.col("id", SqlType::BigInt).pk(&["id"])
    }
    fn unique(mut self, name: &str, columns: &[&str]) -> T {
        self.0.uniques.push(UniqueConstraint {
            name: name.into(),
            columns: strings(columns),
            deferrable: Default::default(),
        });
        self
    }
    fn fk(mut self, name: &str, columns: &[&str], target: &str, target_columns: &[&str]) -> T {
        let (schema, table) = target.split_once('.').unwrap_or(("public", target));
        self.0.foreign_keys.push(ForeignKey {
            name: name.into(),
            columns: strings(columns),
            target: QualifiedName::new(schema, table),
            target_columns: strings(target_columns),
            on_delete: ReferentialAction::NoAction,
            on_update: ReferentialAction::NoAction,
            deferrable: Default::default(),
            match_full: false,
        });
        self
    }
    /// The last foreign key, or else the last unique constraint, gets `deferrable`.
    fn deferrable(mut self, deferrable: Deferrable) -> T {
        match self.0.foreign_keys.last_mut() {
            Some(fk) => fk.deferrable = deferrable,
            None => self.0.uniques.last_mut().unwrap().deferrable = deferrable,
        }
        self
    }
    fn match_full(mut self) -> T {
        self.0.foreign_keys.last_mut().unwrap().match_full = true;
        self
    }
    fn on_delete(mut self, action: ReferentialAction) -> T {
        if let Some(fk) = self.0.foreign_keys.last_mut() {
            fk.on_delete = action;
        }
        self
    }
    fn index(mut self, name: &str, columns: &[&str]) -> T {
        self.0.indexes.push(Index {
            name: name.into(),
            columns: columns.iter().map(|&c| c.into()).collect(),
            unique: false,
            method: IndexMethod::Btree,
            predicate: None,
            ..Default::default()
        });
        self
    }
    fn last_index(mut self, f: impl FnOnce(&mut Index)) -> T {
        if let Some(index) = self.0.indexes.last_mut() {
            f(index);
        }
        self
    }
    fn check(mut self, name: &str, expression: &str) -> T {
        self.0.checks.push(CheckConstraint {
            name: name.into(),
            expression: expression.into(),
        });
        self
    }
    fn comment(mut self, comment: &str) -> T {
        self.0.comment = Some(comment.into());
        self
    }
    /// Row-level security, and the policies given.
    fn rls(mut self, security: RowSecurity, policies: Vec<Policy>) -> T {
        self.0.row_security = security;
        self.0.policies = policies;
        self
    }
    /// Partitioned by `by` (`range (at)`), with these partitions.
    fn partitioned(mut self, by: &str, partitions: Vec<Partition>) -> T {
        self.0.partition_by = Some(PartitionBy::parse(by).unwrap());
        self.0.partitions = partitions;
        self
    }
    fn renamed_from(mut self, hint: &str) -> T {
        self.0.renamed_from = Some(hint.into());
        self
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn schema(tables: Vec<T>, enums: Vec<EnumDef>) -> Schema {
    let mut s = Schema::new();
    for table in tables {
        s.add_table(table.0);
    }
    for e in enums {
        s.add_enum(e);
    }
    s
}

fn tables(tables: Vec<T>) -> Schema {
    schema(tables, Vec::new())
}

fn status(values: &[&str]) -> EnumDef {
    EnumDef::new("public", "status", values.iter().copied())
}

/// `status` with these labels and a comment, which a rebuild of the type must write again.
fn commented_status(values: &[&str], comment: &str) -> EnumDef {
    EnumDef {
        comment: Some(comment.into()),
        ..status(values)
    }
}

fn status_type() -> SqlType {
    SqlType::enum_type("public", "status")
}

fn varchar(n: u32) -> SqlType {
    SqlType::Varchar { length: Some(n) }
}

fn users() -> T {
    t("users").id().col("email", SqlType::Text)
}

fn posts() -> T {
    t("posts").id().col("author_id", SqlType::BigInt)
}

/// `citext`, the type of the extension of that name.
fn citext() -> SqlType {
    SqlType::Custom {
        sql: "citext".into(),
    }
}

/// A table whose column has an extension's type (`citext`) and whose index an extension's
/// operator class (`pg_trgm`'s `gin_trgm_ops`).
fn handles() -> T {
    t("handles")
        .id()
        .col("handle", citext())
        .col("bio", SqlType::Text)
        .index("idx_handles_bio", &["bio"])
        .last_index(|i| {
            i.method = IndexMethod::Gin;
            i.columns[0] = IndexKey::column_key("bio").opclass("gin_trgm_ops");
        })
}

/// `bookings` of rooms over time ranges, and its exclusion constraint `excl` when given one:
/// (name, operator on `during`, predicate).
fn bookings(excl: Option<(&str, &str, Option<&str>)>) -> T {
    let mut t = t("bookings")
        .id()
        .col("room", SqlType::BigInt)
        .col(
            "during",
            SqlType::Custom {
                sql: "tstzrange".into(),
            },
        )
        .col("is_cancelled", SqlType::Boolean);
    if let Some((name, operator, predicate)) = excl {
        t.0.exclusions.push(ExclusionConstraint {
            name: name.into(),
            method: IndexMethod::Gist,
            elements: vec![
                ExclusionElement::new("room", "="),
                ExclusionElement::new("during", operator),
            ],
            predicate: predicate.map(str::to_owned),
        });
    }
    t
}

/// `slots` whose generated column `g` (`expression`) no two rows share, by an exclusion
/// constraint.
fn slots(expression: &str) -> T {
    let mut slots = t("slots")
        .id()
        .col("room", SqlType::BigInt)
        .column(ColumnDef::new("g", SqlType::BigInt, true).with_generated(expression));
    slots.0.exclusions.push(ExclusionConstraint {
        name: "slots_g_excl".into(),
        method: IndexMethod::Btree,
        elements: vec![ExclusionElement::new("g", "=")],
        predicate: None,
    });
    slots
}

/// Two bookings of room 1 that do not overlap, and a cancelled one that overlaps both.
const BOOKED: &str = "INSERT INTO bookings VALUES
    (1, 1, '[2026-01-01 10:00, 2026-01-01 11:00)', false),
    (2, 1, '[2026-01-01 11:00, 2026-01-01 12:00)', false),
    (3, 1, '[2026-01-01 10:30, 2026-01-01 11:30)', true)";
const BOOKINGS: &str = "SELECT id::text FROM bookings ORDER BY id";

/// `notes` with an `updated_at` column, and its trigger when `touched`.
fn notes(touched: bool) -> T {
    let mut notes = t("notes").id().col("body", SqlType::Text).column(
        ColumnDef::new("updated_at", SqlType::Timestamptz, false).with_default(ColumnDefault::Now),
    );
    if touched {
        notes
            .0
            .triggers
            .push(Trigger::touch("public", "updated_at"));
    }
    notes
}

/// `tables` with the function of `Trigger::touch` for `updated_at`.
fn touching(tables: Vec<T>) -> Schema {
    self::tables(tables).function(Function::touch("public", "updated_at"))
}

/// `invoices` whose `number` draws from the sequence `drawn_from` when given one, with a
/// `legacy_number` column when `legacy`.
fn invoices(drawn_from: Option<&Sequence>, legacy: bool) -> T {
    let number = ColumnDef::new("number", SqlType::BigInt, false);
    let number = match drawn_from {
        Some(sequence) => {
            number.with_default(ColumnDefault::Sql(schema_core::render::nextval(sequence)))
        }
        None => number,
    };
    let invoices = t("invoices").id().column(number);
    if legacy {
        invoices.null("legacy_number", SqlType::BigInt)
    } else {
        invoices
    }
}

/// The invoice-number sequence, from 1000.
fn invoice_numbers() -> Sequence {
    Sequence::public("invoice_numbers").start(1000)
}

/// Inserts an invoice without a number and gives the number it drew.
const NEXT_INVOICE: &str =
    "WITH n AS (INSERT INTO invoices (id) VALUES (100) RETURNING number) SELECT number::text FROM n";
const INVOICE_NUMBERS: &str = "SELECT string_agg(number::text, ',' ORDER BY id) FROM invoices";

/// The policy `name` for `command`, seeing the rows `using` allows.
fn policy(name: &str, command: PolicyCommand, using: &str) -> Policy {
    Policy {
        command,
        using: Some(using.into()),
        ..Policy::new(name)
    }
}

/// `notes` with a body, under row-level security `security` with `policies`.
fn secured_notes(security: RowSecurity, policies: Vec<Policy>) -> T {
    t("notes")
        .id()
        .col("body", SqlType::Text)
        .rls(security, policies)
}

const NOTE_IDS: &str = "SELECT string_agg(id::text, ',' ORDER BY id) FROM notes";

/// The view `public.name` of `query`, with these columns.
fn view(name: &str, query: &str, columns: &[(&str, SqlType)]) -> ViewDef {
    let mut def = ViewDef::new("public", name, query);
    def.columns = columns
        .iter()
        .map(|(name, ty)| ViewColumn {
            name: (*name).into(),
            ty: ty.clone(),
        })
        .collect();
    def
}

/// The materialized view of [`view`], with these indexes.
fn materialized(mut def: ViewDef, indexes: Vec<Index>) -> ViewDef {
    def.materialized = true;
    def.indexes = indexes;
    def
}

fn with_views(tables: Vec<T>, views: Vec<ViewDef>) -> Schema {
    let mut schema = self::tables(tables);
    for view in views {
        schema.add_view(view);
    }
    schema
}

/// `orders` with an amount of type `amount`.
fn orders(amount: SqlType) -> T {
    t("orders").id().col("amount", amount)
}

/// The orders above 100, as a flag: its columns' types do not follow `amount`'s.
fn big_orders() -> ViewDef {
    view(
        "big_orders",
        "SELECT id, amount > 100 FROM orders",
        &[("id", SqlType::BigInt), ("big", SqlType::Boolean)],
    )
}

/// A view over [`big_orders`].
fn big_order_ids() -> ViewDef {
    view(
        "big_order_ids",
        "SELECT id FROM big_orders WHERE big",
        &[("id", SqlType::BigInt)],
    )
}

/// Totals per amount, stored.
fn order_totals(indexes: Vec<Index>) -> ViewDef {
    materialized(
        view(
            "order_totals",
            "SELECT amount, count(*) FROM orders GROUP BY amount",
            &[("amount", SqlType::Integer), ("orders", SqlType::BigInt)],
        ),
        indexes,
    )
}

fn unique_index(name: &str, columns: &[&str]) -> Index {
    Index {
        name: name.into(),
        columns: columns.iter().map(|&c| c.into()).collect(),
        unique: true,
        ..Default::default()
    }
}

/// `events` partitioned by when they happened, keyed by (id, at), with these partitions.
fn events(partitions: Vec<Partition>) -> T {
    t("events")
        .col("id", SqlType::BigInt)
        .col("at", SqlType::Date)
        .null("kind", SqlType::Text)
        .pk(&["id", "at"])
        .partitioned("range (at)", partitions)
}

fn year(year: u32) -> Partition {
    Partition::range(
        format!("events_{year}"),
        [format!("'{year}-01-01'")],
        [format!("'{}-01-01'", year + 1)],
    )
}

const EVENTS: &str = "INSERT INTO events VALUES (1, '2026-03-01', 'a'), (2, '2027-05-01', 'b'), (3, '2031-01-01', NULL)";
/// Each event with the partition that holds it.
const EVENTS_WHERE: &str =
    "SELECT string_agg(id || ':' || tableoid::regclass::text, ',' ORDER BY id) FROM events";

/// `schema` with these roles and grants. Roles belong to the cluster, which the tests share:
/// each case names its own (`case_<case>_..`), and [`check_case`] drops them first.
fn access(mut schema: Schema, roles: Vec<Role>, grants: Vec<Grant>) -> Schema {
    for role in roles {
        schema.add_role(role);
    }
    for grant in grants {
        schema.add_grant(grant);
    }
    schema
}

/// `docs`, with a title, granted on.
fn docs() -> T {
    t("docs").id().col("title", SqlType::Text)
}

fn on_docs() -> Grant {
    Grant::on_table(QualifiedName::new("public", "docs"))
}

fn on_title() -> Grant {
    Grant::on_table_column(QualifiedName::new("public", "docs"), "title")
}

const DOCS: &str = "INSERT INTO docs VALUES (1, 'one'), (2, 'two')";

/// The privileges of role `role` on `docs` and its columns, as one line: what a case's rows
/// check after each step.
macro_rules! docs_privileges {
    ($role:literal) => {
        concat!(
            "SELECT concat_ws(' ', (SELECT string_agg(privilege_type || ':' || is_grantable, ',' ORDER BY privilege_type) \
               FROM information_schema.role_table_grants WHERE grantee = '", $role, "' AND table_name = 'docs'), \
             (SELECT string_agg(column_name || '.' || privilege_type, ',' ORDER BY column_name, privilege_type) \
               FROM information_schema.column_privileges WHERE grantee = '", $role, "' AND table_name = 'docs' \
               AND NOT EXISTS (SELECT FROM information_schema.role_table_grants g WHERE g.grantee = '", $role, "' \
                               AND g.table_name = 'docs' AND g.privilege_type = column_privileges.privilege_type)))"
        )
    };
}

/// `tasks` of the enum `status` with these labels, and the view of the open ones, whose
/// column is of the enum too.
fn open_tasks(labels: &[&str]) -> Schema {
    let mut schema = with_views(
        vec![t("tasks").id().col("status", status_type())],
        vec![view(
            "open_tasks",
            "SELECT id, status FROM tasks WHERE status = 'open'",
            &[("id", SqlType::BigInt), ("status", status_type())],
        )],
    );
    schema.add_enum(status(labels));
    schema
}

const ORDERS: &str = "INSERT INTO orders VALUES (1, 50), (2, 150), (3, 250)";
const BIG_ORDER_IDS: &str = "SELECT string_agg(id::text, ',' ORDER BY id) FROM big_order_ids";

/// The domain `public.slug` over text, with these (name, expression) checks.
fn slug(not_null: bool, checks: &[(&str, &str)]) -> DomainDef {
    let mut def = DomainDef::new("public", "slug", SqlType::Text);
    def.not_null = not_null;
    for (name, expression) in checks {
        def = def.check(*name, *expression);
    }
    def
}

/// `pages` whose `slug` column is of the domain `slug` (else text).
fn pages(domain: bool) -> T {
    let ty = if domain {
        SqlType::Domain {
            schema: "public".into(),
            name: "slug".into(),
        }
    } else {
        SqlType::Text
    };
    t("pages").id().null("slug", ty)
}

/// `tables` with `domain`.
fn with_domain(tables: Vec<T>, domain: DomainDef) -> Schema {
    let mut schema = self::tables(tables);
    schema.add_domain(domain);
    schema
}

const MAX_40: (&str, &str) = ("slug_max_len", "char_length(VALUE) <= 40");
const LOWER: (&str, &str) = ("slug_lowercase", "VALUE !~ '[A-Z]'::text");
const SLUGS: &str = "SELECT coalesce(slug, 'NULL') FROM pages ORDER BY id";

/// The aggregate `public.total(bigint)`, summing from `init` when given.
fn total(init: Option<&str>) -> RawObject {
    let init = init.map_or_else(String::new, |i| format!(", INITCOND = '{i}'"));
    RawObject::new(
        RawKind::Aggregate,
        "public",
        "total(bigint)",
        format!("CREATE AGGREGATE public.total(bigint) (SFUNC = int8pl, STYPE = bigint{init})"),
        "DROP AGGREGATE public.total(bigint)",
    )
}

/// The composite type `public.pair`, with the fields `fields`.
fn pair(fields: &str) -> RawObject {
    RawObject::new(
        RawKind::Type,
        "public",
        "pair",
        format!("CREATE TYPE public.pair AS ({fields})"),
        "DROP TYPE public.pair",
    )
}

/// A cast from text to `pair`, through the type's input.
fn text_to_pair() -> RawObject {
    RawObject::new(
        RawKind::Cast,
        "public",
        "text AS pair",
        "CREATE CAST (text AS public.pair) WITH INOUT",
        "DROP CAST (text AS public.pair)",
    )
    .depends_on(RawDependency::Raw(QualifiedName::new("public", "pair")))
}

/// `a === b`: `a` and `b` at most 1 apart, through the function `public.near`.
fn near() -> (Function, RawObject) {
    let function = Function::new(
        "public",
        "near",
        "a bigint, b bigint",
        "boolean",
        "sql",
        "SELECT abs(a - b) < 2",
    )
    .with_volatility(Volatility::Immutable);
    let operator = RawObject::new(
        RawKind::Operator,
        "public",
        "===(bigint,bigint)",
        "CREATE OPERATOR public.=== (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.near)",
        "DROP OPERATOR public.=== (bigint, bigint)",
    )
    .depends_on(RawDependency::Function(QualifiedName::new(
        "public", "near",
    )));
    (function, operator)
}

const TOTAL: &str = "SELECT coalesce(total(id), 0)::text FROM users";

/// An update of the note, and whether the row it left has a current `updated_at`: what the
/// trigger is for.
const TOUCHED: &str = "UPDATE notes SET body = 'edited', updated_at = '2000-01-01' RETURNING (updated_at > '2001-01-01')::text";

fn string(s: &str) -> ColumnDefault {
    ColumnDefault::String(s.into())
}

// ---------------------------------------------------------------------------------------------
// Running a case

fn namespaces(schemas: &[&Schema]) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::from(["public".to_owned()]);
    for s in schemas {
        out.extend(s.namespaces().into_iter().map(str::to_owned));
    }
    out.into_iter().collect()
}

/// The catalog of `names`, with the raw objects `declared` declares.
fn read_back(client: &mut postgres::Client, names: &[String], declared: &Schema) -> Schema {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    introspect_declared(client, &names, declared).expect("introspect")
}

/// Runs a migration script as a runner would: transactional segments in one transaction,
/// the others statement by statement.
fn assert_same(read: &Schema, want: &Schema, what: &str) {
    let (read, want) = (canonical(read), canonical(want));
    assert_eq!(read.enums, want.enums, "{what}: the enums differ");
    for (r, w) in read.tables.iter().zip(&want.tables) {
        assert_eq!(r, w, "{what}: table `{}` differs", w.qualified_name());
    }
    assert_eq!(read, want, "{what}");
}

fn plan(from: &Schema, to: &Schema, allow_destructive: bool) -> Plan<'static> {
    match diff(from, to, &DiffOptions { allow_destructive }) {
        Ok(plan) => plan,
        Err(e) => panic!("diff refused: {e}"),
    }
}

/// Every comment PostgreSQL holds on an object of the namespaces `names`, as
/// `(kind, object, comment)`: types, tables, columns, constraints and indexes by name, any
/// other object kind by its `pg_identify_object` identity, so that a comment left on a
/// temporary object or lost by a rebuild shows.
fn comments(client: &mut postgres::Client, names: &[String]) -> BTreeSet<(String, String, String)> {
    const SQL: &str = "
        SELECT kind, object, comment FROM (
            SELECT 'type' AS kind, n.nspname || '.' || t.typname AS object, n.nspname AS ns,
                   d.description AS comment
            FROM pg_description d
            JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid
            JOIN pg_namespace n ON n.oid = t.typnamespace
          UNION ALL
            SELECT CASE WHEN c.relkind IN ('i', 'I') THEN 'index' ELSE 'table' END,
                   n.nspname || '.' || c.relname, n.nspname, d.description
            FROM pg_description d
            JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid
                           AND d.objsubid = 0
            JOIN pg_namespace n ON n.oid = c.relnamespace
          UNION ALL
            SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname, n.nspname,
                   d.description
            FROM pg_description d
            JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
                               AND d.objsubid > 0
            JOIN pg_namespace n ON n.oid = c.relnamespace
          UNION ALL
            SELECT 'constraint',
                   n.nspname || '.' || coalesce(c.relname, t.typname) || '.' || k.conname,
                   n.nspname, d.description
            FROM pg_description d
            JOIN pg_constraint k ON d.classoid = 'pg_constraint'::regclass AND d.objoid = k.oid
            JOIN pg_namespace n ON n.oid = k.connamespace
            LEFT JOIN pg_class c ON c.oid = k.conrelid
            LEFT JOIN pg_type t ON t.oid = k.contypid
          UNION ALL
            SELECT o.type, o.identity, o.schema, d.description
            FROM pg_description d,
                 LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
            WHERE d.classoid NOT IN ('pg_type'::regclass, 'pg_class'::regclass,
                                     'pg_constraint'::regclass)
        ) x
        WHERE ns = ANY($1)";
    client
        .query(SQL, &[&names])
        .expect("read comments")
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect()
}

/// The comments `schema` declares, in the form of [`comments`]. The model has comments on
/// types, tables and columns only: a comment on a constraint or an index is never expected.
fn expected_comments(schema: &Schema) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for def in &schema.enums {
        if let Some(comment) = &def.comment {
            out.insert((
                "type".into(),
                format!("{}.{}", def.schema, def.name),
                comment.clone(),
            ));
        }
    }
    for table in &schema.tables {
        let name = format!("{}.{}", table.schema, table.name);
        if let Some(comment) = &table.comment {
            out.insert(("table".into(), name.clone(), comment.clone()));
        }
        for column in &table.columns {
            if let Some(comment) = &column.comment {
                out.insert((
                    "column".into(),
                    format!("{name}.{}", column.name),
                    comment.clone(),
                ));
            }
        }
    }
    out
}

/// The catalog (read back) and every comment equal `want`.
fn assert_state(client: &mut postgres::Client, names: &[String], want: &Schema, what: &str) {
    assert_same(&read_back(client, names, want), want, what);
    assert_eq!(
        comments(client, names),
        expected_comments(want),
        "{what}: the comments differ"
    );
}

/// Rows for a case: inserted once `before` is applied, then checked by a query (one text
/// column) after the up and after the down migration.
struct Rows {
    insert: &'static str,
    after_up: (&'static str, &'static [&'static str]),
    after_down: (&'static str, &'static [&'static str]),
}

fn query_texts(client: &mut postgres::Client, query: &str) -> Vec<String> {
    client
        .query(query, &[])
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .iter()
        .map(|row| {
            row.get::<_, Option<String>>(0)
                .unwrap_or_else(|| "NULL".into())
        })
        .collect()
}

fn assert_rows(client: &mut postgres::Client, (query, want): (&str, &[&str]), what: &str) {
    assert_eq!(query_texts(client, query), want, "{what}: rows of {query}");
}

/// The whole check of one case. `destructive`: the up migration needs confirmation.
fn check_case(name: &str, before: Schema, after: Schema, destructive: bool, rows: Option<Rows>) {
    assert_eq!(before.validate(), Ok(()), "{name}: `before` is invalid");
    assert_eq!(after.validate(), Ok(()), "{name}: `after` is invalid");
    let refused = diff(&before, &after, &DiffOptions::default());
    assert_eq!(
        refused.is_err(),
        destructive,
        "{name}: refusal without confirmation: {refused:?}"
    );
    let up = plan(&before, &after, destructive);
    let down = down_plan(&after, &before);
    assert!(!up.is_empty(), "{name}: the up migration is empty");
    let (up_sql, down_sql) = (up.to_sql(), down.to_sql());
    insta::assert_snapshot!(name, format!("-- up\n\n{up_sql}\n-- down\n\n{down_sql}"));

    assert!(
        plan(&after, &after, false).is_empty(),
        "{name}: after vs after"
    );
    assert!(
        plan(&before, &before, false).is_empty(),
        "{name}: before vs before"
    );

    let names = namespaces(&[&before, &after]);
    let db = TestDb::new();
    let mut client = db.client();
    drop_case_roles(&mut client, &before, &after);
    apply_schema(&mut client, &before);
    assert_state(&mut client, &names, &before, "before applied");
    if let Some(rows) = &rows {
        client.batch_execute(rows.insert).unwrap();
    }
    apply_script(&mut client, &up_sql);
    assert_state(&mut client, &names, &after, "after the up migration");
    if let Some(rows) = &rows {
        assert_rows(&mut client, rows.after_up, "after the up migration");
    }
    let upped = read_back(&mut client, &names, &after);
    let churn = plan(&canonical(&upped), &after, true);
    assert!(churn.is_empty(), "{name}: churn:\n{}", churn.to_sql());
    apply_script(&mut client, &down_sql);
    assert_state(&mut client, &names, &before, "after the down migration");
    if let Some(rows) = &rows {
        assert_rows(&mut client, rows.after_down, "after the down migration");
    }
    let downed = read_back(&mut client, &names, &before);
    let churn = plan(&canonical(&downed), &before, true);
    assert!(
        churn.is_empty(),
        "{name}: churn after down:\n{}",
        churn.to_sql()
    );
    // Gone before the runner's database is made: the privileges it holds would keep a role
    // the runner drops.
    drop(client);
    drop(db);
    round_trip_through_the_runner(name, &before, &after, &names, rows.as_ref());
}

/// Drops the roles a case manages, which the cluster keeps from an earlier run in whatever
/// state it ended: a role that exists is not created again, so the case would start from it.
fn drop_case_roles(client: &mut postgres::Client, before: &Schema, after: &Schema) {
    for role in before
        .roles
        .iter()
        .chain(&after.roles)
        .filter(|r| !r.existing)
    {
        let drop = schema_core::render::role::drop_role(&role.name);
        client.batch_execute(&drop).unwrap_or_else(|e| {
            panic!("{drop}: {e} (a database of an earlier run may hold its privileges)")
        });
    }
}

/// The case as a migrations folder (`before` as its first migration unless empty, then the
/// change), applied by the runner: up, down one step, up again.
fn round_trip_through_the_runner(
    name: &str,
    before: &Schema,
    after: &Schema,
    names: &[String],
    rows: Option<&Rows>,
) {
    let dir = tempfile::tempdir().unwrap();
    let options = GenerateOptions {
        allow_destructive: true,
        ..GenerateOptions::default()
    };
    let first = match generate_with(before, dir.path(), &options).unwrap() {
        Generated::Written { migration, .. } => Some(migration),
        Generated::NoChanges { .. } => None,
    };
    assert!(
        matches!(
            generate_with(after, dir.path(), &options).unwrap(),
            Generated::Written { .. }
        ),
        "{name}: migrate-gen wrote no change"
    );
    let db = TestDb::new();
    let run = RunOptions::default();
    if let Some(first) = &first {
        migrate_with(db.url(), dir.path(), &run, Some(first), false, &mut |_| {})
            .unwrap_or_else(|e| panic!("{name}: runner, first migration: {e}"));
    }
    let mut client = db.client();
    if let Some(rows) = rows {
        client.batch_execute(rows.insert).unwrap();
    }
    migrate(db.url(), dir.path(), &run).unwrap_or_else(|e| panic!("{name}: runner, up: {e}"));
    assert_state(&mut client, names, after, &format!("{name}: runner up"));
    if let Some(rows) = rows {
        assert_rows(&mut client, rows.after_up, "after the runner's up");
    }
    down(
        db.url(),
        dir.path(),
        &DownTarget::Steps(1),
        true,
        &run,
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{name}: runner, down: {e}"));
    assert_state(&mut client, names, before, &format!("{name}: runner down"));
    if let Some(rows) = rows {
        assert_rows(&mut client, rows.after_down, "after the runner's down");
    }
    migrate(db.url(), dir.path(), &run).unwrap_or_else(|e| panic!("{name}: runner, up again: {e}"));
    assert_state(
        &mut client,
        names,
        after,
        &format!("{name}: runner up again"),
    );
}

/// The down migration, as `migrate-gen` writes it.
fn down_plan(from: &Schema, to: &Schema) -> Plan<'static> {
    match diff_down(from, to) {
        Ok(plan) => plan,
        Err(e) => panic!("down refused: {e}"),
    }
}

macro_rules! cases {
    ($($name:ident, $destructive:expr => $build:expr $(, $rows:expr)?;)*) => {
        $(
            #[test]
            fn $name() {
                let (before, after): (Schema, Schema) = $build;
                #[allow(unused_mut, unused_assignments)]
                let mut rows = None;
                $(rows = Some($rows);)?
                check_case(stringify!($name), before, after, $destructive, rows);
            }
        )*
    };
}

// ---------------------------------------------------------------------------------------------
// The cases

cases! {
    schema_create, false => (
        tables(vec![users()]),
        tables(vec![users(), t("billing.invoices").id()]),
    );
    schema_drop, true => (
        tables(vec![users(), t("billing.invoices").id()]),
        tables(vec![users()]),
    );
    enum_create, false => (
        Schema::new(),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
    );
    enum_drop_unused, false => (
        schema(vec![users()], vec![status(&["open", "done"])]),
        tables(vec![users()]),
    );
    enum_add_value_last, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done", "archived"])]),
    );
    enum_add_value_first, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["draft", "open", "done"])]),
    );
    enum_add_values_in_the_middle, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "review", "blocked", "done"])]),
    );
    enum_add_value_used_as_default, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(
            vec![t("tasks").id().column(ColumnDef::new("status", status_type(), false).with_default(string("draft")))],
            vec![status(&["draft", "open", "done"])],
        ),
    );
    enum_add_value_used_in_check, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(
            vec![t("tasks").id().col("status", status_type()).check("tasks_not_archived", "status <> 'archived'::status")],
            vec![status(&["open", "done", "archived"])],
        ),
    );
    enum_rename_value, false => (
        schema(
            vec![t("tasks").id().column(ColumnDef::new("status", status_type(), false).with_default(string("open")))],
            vec![status(&["open", "done"])],
        ),
        schema(
            vec![t("tasks").id().column(ColumnDef::new("status", status_type(), false).with_default(string("todo")))],
            vec![EnumDef { renamed_values: vec![("todo".into(), "open".into())], ..status(&["todo", "done"]) }],
        ),
    );
    enum_remove_value, true => (
        schema(
            vec![t("tasks").id()
                .column(ColumnDef::new("status", status_type(), false).with_default(string("open")))
                .null("history", SqlType::array_of(status_type()))],
            vec![status(&["open", "stale", "done"])],
        ),
        schema(
            vec![t("tasks").id()
                .column(ColumnDef::new("status", status_type(), false).with_default(string("open")))
                .null("history", SqlType::array_of(status_type()))],
            vec![status(&["open", "done"])],
        ),
    );
    enum_remove_value_keeps_comment, true => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![commented_status(&["open", "stale", "done"], "Task status.")]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![commented_status(&["open", "done"], "Task status.")]),
    ), Rows {
        insert: "INSERT INTO tasks VALUES (1, 'open'), (2, 'done')",
        after_up: ("SELECT id || ':' || status FROM tasks ORDER BY id", &["1:open", "2:done"]),
        after_down: ("SELECT id || ':' || status FROM tasks ORDER BY id", &["1:open", "2:done"]),
    };
    // A check and a partial index that name the type cannot be re-parsed against the new type
    // while the column converts: they are dropped and created again around the rebuild.
    enum_remove_value_with_check_and_predicate_naming_the_type, true => (
        schema(vec![t("tasks").id().col("status", status_type())
            .check("tasks_not_done", "status <> 'done'::status")
            .index("idx_tasks_open", &["id"]).last_index(|i| i.predicate = Some("status = 'open'::status".into()))],
            vec![status(&["open", "stale", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())
            .check("tasks_not_done", "status <> 'done'::status")
            .index("idx_tasks_open", &["id"]).last_index(|i| i.predicate = Some("status = 'open'::status".into()))],
            vec![status(&["open", "done"])]),
    ), Rows {
        insert: "INSERT INTO tasks VALUES (1, 'open')",
        after_up: ("SELECT id || ':' || status FROM tasks", &["1:open"]),
        after_down: ("SELECT id || ':' || status FROM tasks", &["1:open"]),
    };
    enum_reorder_values_with_check_naming_the_type, false => (
        schema(vec![t("tasks").id().col("status", status_type()).check("tasks_not_done", "status <> 'done'::status")],
            vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type()).check("tasks_not_done", "status <> 'done'::status")],
            vec![status(&["done", "open"])]),
    ), Rows {
        insert: "INSERT INTO tasks VALUES (1, 'open')",
        after_up: ("SELECT id || ':' || status FROM tasks", &["1:open"]),
        after_down: ("SELECT id || ':' || status FROM tasks", &["1:open"]),
    };
    // The down of an added label is a rebuild: the comment must survive it.
    enum_add_value_keeps_comment_in_down, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![commented_status(&["open", "done"], "Task status.")]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![commented_status(&["open", "done", "archived"], "Task status.")]),
    ), Rows {
        insert: "INSERT INTO tasks VALUES (1, 'open'), (2, 'done')",
        after_up: ("SELECT id || ':' || status FROM tasks ORDER BY id", &["1:open", "2:done"]),
        after_down: ("SELECT id || ':' || status FROM tasks ORDER BY id", &["1:open", "2:done"]),
    };
    enum_reorder_values_and_change_comment, false => (
        schema(vec![t("tasks").id().col("status", status_type()).column(ColumnDef::new("note", SqlType::Text, true).with_comment("Free text."))],
            vec![commented_status(&["open", "done"], "Old.")]),
        schema(vec![t("tasks").id().col("status", status_type()).column(ColumnDef::new("note", SqlType::Text, true).with_comment("Free text."))],
            vec![commented_status(&["done", "open"], "New.")]),
    );
    enum_comment, false => (
        schema(vec![users()], vec![status(&["open"])]),
        schema(vec![users()], vec![EnumDef { comment: Some("Task status.".into()), ..status(&["open"]) }]),
    );
    table_create, false => (
        tables(vec![users()]),
        tables(vec![
            users(),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).index("idx_posts_author_id", &["author_id"]).comment("Posts."),
        ]),
    );
    table_drop, true => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).comment("Posts.")]),
        tables(vec![users()]),
    ), Rows {
        insert: "INSERT INTO users VALUES (1, 'a@b.c'); INSERT INTO posts VALUES (10, 1)",
        after_up: ("SELECT count(*)::text FROM users", &["1"]),
        // The down re-creates the table empty, as its hazard says.
        after_down: ("SELECT count(*)::text FROM posts", &["0"]),
    };
    table_rename, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![
            t("accounts").id().col("email", SqlType::Text).renamed_from("users"),
            posts().fk("posts_author_id_fkey", &["author_id"], "accounts", &["id"]),
        ]),
    );
    table_move_between_schemas, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).index("idx_posts_author_id", &["author_id"])]),
        tables(vec![
            users(),
            t("blog.posts").id().col("author_id", SqlType::BigInt)
                .fk("posts_author_id_fkey", &["author_id"], "users", &["id"])
                .index("idx_posts_author_id", &["author_id"])
                .renamed_from("public.posts"),
        ]),
    );
    column_add_nullable, false => (
        tables(vec![users()]),
        tables(vec![users().null("nickname", SqlType::Text)]),
    );
    column_add_not_null_with_default, false => (
        tables(vec![users()]),
        tables(vec![users().column(ColumnDef::new("is_admin", SqlType::Boolean, false).with_default(ColumnDefault::Bool(false)))]),
    );
    column_add_with_comment, false => (
        tables(vec![users()]),
        tables(vec![users().column(ColumnDef::new("bio", SqlType::Text, true).with_comment("About the user."))]),
    );
    column_drop, true => (
        tables(vec![users().null("nickname", SqlType::Text)]),
        tables(vec![users()]),
    ), Rows {
        insert: "INSERT INTO users VALUES (1, 'a@b.c', 'ab')",
        after_up: ("SELECT id || ':' || email FROM users", &["1:a@b.c"]),
        // The down re-adds the column empty, as its hazard says.
        after_down: ("SELECT id || ':' || coalesce(nickname, 'NULL') FROM users", &["1:NULL"]),
    };
    column_drop_with_default_and_comment, true => (
        tables(vec![users().column(ColumnDef::new("score", SqlType::Integer, false)
            .with_default(ColumnDefault::Number("7".into())).with_comment("Points."))]),
        tables(vec![users()]),
    ), Rows {
        insert: "INSERT INTO users VALUES (1, 'a@b.c', 40)",
        after_up: ("SELECT id || ':' || email FROM users", &["1:a@b.c"]),
        after_down: ("SELECT id || ':' || score FROM users", &["1:7"]),
    };
    column_rename, false => (
        tables(vec![users().null("nick", SqlType::Text).index("idx_users_nick", &["nick"])]),
        tables(vec![users().column(ColumnDef::new("nickname", SqlType::Text, true).with_renamed_from("nick")).index("idx_users_nick", &["nickname"])]),
    );
    column_rename_referenced_by_foreign_key, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![
            t("users").column(ColumnDef::new("user_id", SqlType::BigInt, false).with_renamed_from("id")).col("email", SqlType::Text)
                .0.into_t_with_pk("users_pkey", &["user_id"]),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["user_id"]),
        ]),
    );
    type_widen_varchar, false => (
        tables(vec![t("items").id().col("name", varchar(100))]),
        tables(vec![t("items").id().col("name", varchar(500))]),
    ), Rows {
        insert: "INSERT INTO items VALUES (1, 'abc')",
        after_up: ("SELECT name FROM items", &["abc"]),
        after_down: ("SELECT name FROM items", &["abc"]),
    };
    type_narrow_varchar, true => (
        tables(vec![t("items").id().col("name", varchar(500))]),
        tables(vec![t("items").id().col("name", varchar(100))]),
    ), Rows {
        insert: "INSERT INTO items VALUES (1, 'abc')",
        after_up: ("SELECT name FROM items", &["abc"]),
        after_down: ("SELECT name FROM items", &["abc"]),
    };
    type_narrow_varchar_array, true => (
        tables(vec![t("items").id().col("tags", SqlType::array_of(varchar(10)))]),
        tables(vec![t("items").id().col("tags", SqlType::array_of(varchar(3)))]),
    ), Rows {
        insert: "INSERT INTO items VALUES (1, '{abc,de}')",
        after_up: ("SELECT tags::text FROM items", &["{abc,de}"]),
        after_down: ("SELECT tags::text FROM items", &["{abc,de}"]),
    };
    type_numeric_scale_reduction, true => (
        tables(vec![t("prices").id().column(ColumnDef::new("amount", SqlType::Numeric { precision: Some(10), scale: Some(4) }, false).with_comment("Amount."))]),
        tables(vec![t("prices").id().column(ColumnDef::new("amount", SqlType::Numeric { precision: Some(10), scale: Some(1) }, false).with_comment("Amount."))]),
    ), Rows {
        insert: "INSERT INTO prices VALUES (1, 1.2346)",
        // Rounded, as the up file's data-loss hazard says; the down does not bring the digits back.
        after_up: ("SELECT amount::text FROM prices", &["1.2"]),
        after_down: ("SELECT amount::text FROM prices", &["1.2000"]),
    };
    type_float_to_integer, true => (
        tables(vec![t("items").id().col("qty", SqlType::DoublePrecision)]),
        tables(vec![t("items").id().col("qty", SqlType::Integer)]),
    ), Rows {
        insert: "INSERT INTO items VALUES (1, 2.5), (2, 7)",
        after_up: ("SELECT qty::text FROM items ORDER BY id", &["2", "7"]),
        after_down: ("SELECT qty::text FROM items ORDER BY id", &["2", "7"]),
    };
    type_int_to_bigint, false => (
        tables(vec![t("items").id().col("qty", SqlType::Integer)]),
        tables(vec![t("items").id().col("qty", SqlType::BigInt)]),
    );
    type_bigint_to_int, true => (
        tables(vec![t("items").id().col("qty", SqlType::BigInt)]),
        tables(vec![t("items").id().col("qty", SqlType::Integer)]),
    );
    type_text_to_varchar, true => (
        tables(vec![t("items").id().col("code", SqlType::Text)]),
        tables(vec![t("items").id().col("code", varchar(20))]),
    ), Rows {
        insert: "INSERT INTO items VALUES (1, 'A-1')",
        after_up: ("SELECT code FROM items", &["A-1"]),
        after_down: ("SELECT code FROM items", &["A-1"]),
    };
    type_text_to_integer_with_using, true => (
        tables(vec![t("items").id().col("qty", SqlType::Text)]),
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Integer, false).with_using("trim(\"qty\")::integer"))]),
    );
    type_change_with_default, false => (
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Integer, false).with_default(ColumnDefault::Number("0".into())))]),
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Text, false).with_default(string("none")))]),
    );
    type_text_to_enum, true => (
        schema(vec![t("tasks").id().col("status", SqlType::Text)], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
    );
    type_enum_to_another_enum, true => (
        schema(vec![t("tasks").id().col("state", status_type())], vec![status(&["open", "done"])]),
        schema(
            vec![t("tasks").id().col("state", SqlType::enum_type("public", "task_state"))],
            vec![EnumDef::new("public", "task_state", ["open", "done", "archived"])],
        ),
    );
    enum_reorder_values, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["done", "open"])]),
    );
    table_rename_and_move, false => (
        tables(vec![users().index("idx_users_email", &["email"])]),
        tables(vec![t("auth.accounts").id().col("email", SqlType::Text).index("idx_users_email", &["email"]).renamed_from("public.users")]),
    );
    nullability_drop_not_null, false => (
        tables(vec![users()]),
        tables(vec![t("users").id().null("email", SqlType::Text)]),
    );
    nullability_set_not_null_with_default, false => (
        tables(vec![t("users").id().null("email", SqlType::Text)]),
        tables(vec![t("users").id().column(ColumnDef::new("email", SqlType::Text, false).with_default(string("unknown")))]),
    );
    nullability_set_not_null_without_default, true => (
        tables(vec![t("users").id().null("email", SqlType::Text)]),
        tables(vec![users()]),
    );
    default_set, false => (
        tables(vec![t("items").id().col("qty", SqlType::Integer)]),
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Integer, false).with_default(ColumnDefault::Number("-1".into())))]),
    );
    default_change, false => (
        tables(vec![t("items").id().column(ColumnDef::new("label", SqlType::Text, false).with_default(string("a")))]),
        tables(vec![t("items").id().column(ColumnDef::new("label", SqlType::Text, false).with_default(string("b")))]),
    );
    default_drop, false => (
        tables(vec![t("items").id().column(ColumnDef::new("created_at", SqlType::Timestamptz, false).with_default(ColumnDefault::Now))]),
        tables(vec![t("items").id().col("created_at", SqlType::Timestamptz)]),
    );
    default_with_quotes_backslashes_unicode, false => (
        tables(vec![t("items").id().col("label", SqlType::Text)]),
        tables(vec![t("items").id().column(ColumnDef::new("label", SqlType::Text, false).with_default(string("it's a \\path\\ \"q\" ünïcødé ✓ 🚀")))]),
    );
    default_jsonb_and_enum, false => (
        schema(vec![t("tasks").id().col("status", status_type()).col("tags", SqlType::Jsonb)], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id()
            .column(ColumnDef::new("status", status_type(), false).with_default(string("done")))
            .column(ColumnDef::new("tags", SqlType::Jsonb, false).with_default(string("[]")))], vec![status(&["open", "done"])]),
    );
    primary_key_add, false => (
        tables(vec![t("items").col("id", SqlType::BigInt)]),
        tables(vec![t("items").id()]),
    );
    primary_key_drop, false => (
        tables(vec![t("items").id()]),
        tables(vec![t("items").col("id", SqlType::BigInt)]),
    );
    primary_key_composite_change, false => (
        tables(vec![t("file_tags").col("file_id", SqlType::BigInt).col("tag_id", SqlType::BigInt).pk(&["file_id"])]),
        tables(vec![t("file_tags").col("file_id", SqlType::BigInt).col("tag_id", SqlType::BigInt).pk(&["file_id", "tag_id"])]),
    );
    primary_key_referenced_by_foreign_key_changes, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![
            users().unique("users_id_key", &["id"]).0.into_t_with_pk("users_pkey", &["id", "email"]),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]),
        ]),
    );
    unique_add, false => (
        tables(vec![users()]),
        tables(vec![users().unique("users_email_key", &["email"])]),
    );
    unique_drop, false => (
        tables(vec![users().unique("users_email_key", &["email"])]),
        tables(vec![users()]),
    );
    unique_change_columns, false => (
        tables(vec![users().col("tenant_id", SqlType::BigInt).unique("users_email_key", &["email"])]),
        tables(vec![users().col("tenant_id", SqlType::BigInt).unique("users_email_key", &["email", "tenant_id"])]),
    );
    unique_rename, false => (
        tables(vec![users().unique("users_email_key", &["email"])]),
        tables(vec![users().unique("users_email_unique", &["email"])]),
    );
    foreign_key_add, false => (
        tables(vec![users(), posts()]),
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
    );
    foreign_key_drop, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![users(), posts()]),
    );
    foreign_key_action_change, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).on_delete(ReferentialAction::Cascade)]),
    );
    foreign_key_rename, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![users(), posts().fk("posts_author_id_users_id_fk", &["author_id"], "users", &["id"])]),
    );
    foreign_key_to_new_unique, false => (
        tables(vec![users(), posts().col("author_email", SqlType::Text)]),
        tables(vec![
            users().unique("users_email_key", &["email"]),
            posts().col("author_email", SqlType::Text).fk("posts_author_email_fkey", &["author_email"], "users", &["email"]),
        ]),
    );
    foreign_key_target_key_replaced, false => (
        tables(vec![
            users().index("idx_users_email", &["email"]).last_index(|i| i.unique = true),
            posts().col("author_email", SqlType::Text).fk("posts_author_email_fkey", &["author_email"], "users", &["email"]),
        ]),
        tables(vec![
            users().unique("users_email_key", &["email"]),
            posts().col("author_email", SqlType::Text).fk("posts_author_email_fkey", &["author_email"], "users", &["email"]),
        ]),
    );
    self_reference_new_table, false => (
        Schema::new(),
        tables(vec![t("folders").id().null("parent_id", SqlType::BigInt).fk("folders_parent_id_fkey", &["parent_id"], "folders", &["id"]).on_delete(ReferentialAction::SetNull)]),
    );
    self_reference_add_to_existing, false => (
        tables(vec![t("folders").id().null("parent_id", SqlType::BigInt)]),
        tables(vec![t("folders").id().null("parent_id", SqlType::BigInt).fk("folders_parent_id_fkey", &["parent_id"], "folders", &["id"])]),
    );
    cyclic_foreign_keys_new_tables, false => (
        tables(vec![users()]),
        tables(vec![
            users(),
            t("teams").id().null("owner_id", SqlType::BigInt).fk("teams_owner_id_fkey", &["owner_id"], "members", &["id"]),
            t("members").id().col("team_id", SqlType::BigInt).fk("members_team_id_fkey", &["team_id"], "teams", &["id"]),
        ]),
    );
    cyclic_foreign_keys_between_existing_tables, false => (
        tables(vec![
            t("teams").id().null("owner_id", SqlType::BigInt),
            t("members").id().col("team_id", SqlType::BigInt),
        ]),
        tables(vec![
            t("teams").id().null("owner_id", SqlType::BigInt).fk("teams_owner_id_fkey", &["owner_id"], "members", &["id"]),
            t("members").id().col("team_id", SqlType::BigInt).fk("members_team_id_fkey", &["team_id"], "teams", &["id"]),
        ]),
    );
    index_add, false => (
        tables(vec![posts()]),
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
    );
    index_drop, false => (
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
        tables(vec![posts()]),
    );
    index_columns_change, false => (
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_author", &["author_id"])]),
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_author", &["author_id", "created"])]),
    );
    index_unique_change, false => (
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
        tables(vec![posts().index("idx_posts_author_id", &["author_id"]).last_index(|i| i.unique = true)]),
    );
    index_predicate_change, false => (
        tables(vec![posts().null("deleted_at", SqlType::Timestamptz).index("idx_posts_live", &["author_id"])]),
        tables(vec![posts().null("deleted_at", SqlType::Timestamptz).index("idx_posts_live", &["author_id"]).last_index(|i| i.predicate = Some("deleted_at IS NULL".into()))]),
    );
    index_method_change, false => (
        tables(vec![posts().col("tags", SqlType::array_of(SqlType::Text)).index("idx_posts_tags", &["tags"])]),
        tables(vec![posts().col("tags", SqlType::array_of(SqlType::Text)).index("idx_posts_tags", &["tags"]).last_index(|i| i.method = IndexMethod::Gin)]),
    );
    index_rename, false => (
        tables(vec![posts().index("posts_author_idx", &["author_id"])]),
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
    );
    index_on_an_expression_add, false => (
        tables(vec![users()]),
        tables(vec![users().index("users_lower_email", &[]).last_index(|i| {
            i.columns = vec![IndexKey::expression("lower(email)")];
            i.unique = true;
        })]),
    );
    index_key_order_change, false => (
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_created", &["created", "author_id"])]),
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_created", &["created", "author_id"]).last_index(|i| {
            i.columns[0] = IndexKey::column_key("created").desc().nulls(NullsOrder::Last);
        })]),
    );
    index_include_and_nulls_not_distinct_change, false => (
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_author_id", &["author_id"]).last_index(|i| i.unique = true)]),
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_author_id", &["author_id"]).last_index(|i| {
            i.unique = true;
            i.include = vec!["created".into()];
            i.nulls_not_distinct = true;
        })]),
    );
    index_storage_parameters_change, false => (
        tables(vec![users().index("idx_users_email", &["email"])]),
        tables(vec![users().index("idx_users_email", &["email"]).last_index(|i| {
            i.with = [("fillfactor".to_owned(), "70".to_owned())].into();
        })]),
    );
    index_operator_class_change, false => (
        tables(vec![users().index("idx_users_email", &["email"])]),
        tables(vec![users().index("idx_users_email", &["email"]).last_index(|i| {
            i.columns[0] = IndexKey::column_key("email").opclass("text_pattern_ops");
        })]),
    );
    extension_create_with_a_table_whose_column_and_index_use_it, false => (
        tables(vec![users()]),
        tables(vec![users(), handles()]).extension("citext").extension("pg_trgm"),
    );
    extension_drop_with_the_table_that_uses_it, true => (
        tables(vec![users(), handles()]).extension("citext").extension("pg_trgm"),
        tables(vec![users()]),
    );
    extension_added_with_a_column_of_its_type, false => (
        tables(vec![users()]),
        tables(vec![users().null("handle", citext())]).extension("citext"),
    );
    extension_moved_to_another_schema, false => (
        tables(vec![users()]).extension("hstore"),
        tables(vec![users()]).extension(Extension::new("hstore").in_schema("ext")),
    );
    foreign_key_made_deferrable, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])
            .deferrable(Deferrable::InitiallyDeferred)]),
    );
    unique_made_deferrable, false => (
        tables(vec![users().unique("users_email_key", &["email"])]),
        tables(vec![users().unique("users_email_key", &["email"]).deferrable(Deferrable::InitiallyImmediate)]),
    );
    function_and_trigger_added_to_a_table, false => (
        tables(vec![notes(false)]),
        touching(vec![notes(true)]),
    ), Rows {
        insert: "INSERT INTO notes VALUES (1, 'first', now())",
        after_up: (TOUCHED, &["true"]),
        after_down: (TOUCHED, &["false"]),
    };
    table_created_with_its_trigger, false => (
        tables(vec![users()]),
        touching(vec![users(), notes(true)]),
    );
    table_dropped_with_its_trigger_and_function, true => (
        touching(vec![users(), notes(true)]),
        tables(vec![users()]),
    );
    trigger_function_body_replaced, false => (
        touching(vec![notes(true)]),
        tables(vec![notes(true)]).function(Function {
            body: "\nBEGIN\n    NEW.updated_at := '1999-01-01';\n    RETURN NEW;\nEND;\n".into(),
            ..Function::touch("public", "updated_at")
        }),
    ), Rows {
        insert: "INSERT INTO notes VALUES (1, 'first', now())",
        after_up: ("UPDATE notes SET body = 'x' RETURNING updated_at::date::text", &["1999-01-01"]),
        after_down: (TOUCHED, &["true"]),
    };
    trigger_replaced_with_other_events, false => (
        touching(vec![notes(true)]),
        {
            let mut notes = notes(true);
            notes.0.triggers[0].events.push(TriggerEvent::Insert);
            touching(vec![notes])
        },
    );
    trigger_made_a_statement_trigger_on_another_function, false => (
        touching(vec![notes(true)]),
        {
            let mut notes = notes(false);
            notes.0.triggers.push(Trigger {
                per_row: false,
                ..Trigger::new("touch_updated_at", TriggerTiming::After, [TriggerEvent::Truncate], QualifiedName::new("public", "notes_truncated"))
            });
            tables(vec![notes]).function(Function::trigger("public", "notes_truncated", "BEGIN RETURN NULL; END;"))
        },
    );
    sql_function_reading_a_table_of_the_same_migration, false => (
        Schema::new(),
        tables(vec![users()]).function(Function::new("public", "user_count", "", "bigint", "sql", "SELECT count(*) FROM users").with_volatility(Volatility::Stable)),
    );
    function_arguments_changed, false => (
        tables(vec![users()]).function(twice("integer")),
        tables(vec![users()]).function(twice("bigint")),
    );
    function_in_a_new_schema, false => (
        tables(vec![users()]),
        tables(vec![users()]).function(Function::new("util", "answer", "", "integer", "sql", "SELECT 42")),
    );
    sequence_created_for_a_default, false => (
        tables(vec![invoices(None, false)]),
        tables(vec![invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers().owned_by("invoices", "number")),
    ), Rows {
        insert: "INSERT INTO invoices VALUES (1, 7)",
        after_up: (NEXT_INVOICE, &["1000"]),
        after_down: (INVOICE_NUMBERS, &["7,1000"]),
    };
    table_created_with_a_sequence_it_owns, false => (
        tables(vec![users()]),
        tables(vec![users(), invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers().owned_by("invoices", "number")),
    );
    sequence_in_a_new_schema, false => (
        tables(vec![users()]),
        tables(vec![users()]).sequence(Sequence::new("billing", "receipt_numbers").of_type(SequenceType::Integer).cache(20)),
    );
    sequence_options_changed, false => (
        tables(vec![invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers()),
        tables(vec![invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers().increment(10).max_value(1_000_000).cycle()),
    ), Rows {
        insert: "INSERT INTO invoices (id) VALUES (1), (2)",
        after_up: (NEXT_INVOICE, &["1011"]),
        after_down: ("SELECT nextval('invoice_numbers')::text", &["1012"]),
    };
    sequence_renamed_keeps_its_value, false => (
        tables(vec![invoices(Some(&Sequence::public("invoice_seq")), false)]).sequence(Sequence::public("invoice_seq").start(1000)),
        tables(vec![invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers().renamed_from("invoice_seq")),
    ), Rows {
        insert: "INSERT INTO invoices (id) VALUES (1), (2)",
        after_up: (NEXT_INVOICE, &["1002"]),
        after_down: (INVOICE_NUMBERS, &["1000,1001,1002"]),
    };
    sequence_dropped_after_the_default_drawing_from_it, true => (
        tables(vec![invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers()),
        tables(vec![invoices(None, false)]),
    );
    sequence_dropped_with_the_column_that_owns_it, true => (
        tables(vec![invoices(None, true)]).sequence(invoice_numbers().owned_by("invoices", "legacy_number")),
        tables(vec![invoices(None, false)]),
    );
    sequence_disowned_before_its_column_is_dropped, true => (
        tables(vec![invoices(Some(&invoice_numbers()), true)]).sequence(invoice_numbers().owned_by("invoices", "legacy_number")),
        tables(vec![invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers()),
    ), Rows {
        insert: "INSERT INTO invoices (id) VALUES (1)",
        after_up: (NEXT_INVOICE, &["1001"]),
        after_down: (INVOICE_NUMBERS, &["1000,1001"]),
    };
    sequence_follows_its_renamed_table, false => (
        tables(vec![invoices(Some(&invoice_numbers()), false)]).sequence(invoice_numbers().owned_by("invoices", "number")),
        {
            let mut bills = invoices(Some(&invoice_numbers()), false).renamed_from("invoices");
            bills.0.name = "bills".into();
            tables(vec![bills]).sequence(invoice_numbers().owned_by("bills", "number"))
        },
    );
    sequence_renamed_where_its_moved_table_took_it, false => (
        tables(vec![invoices(Some(&Sequence::public("invoice_seq")), false)]).sequence(Sequence::public("invoice_seq").owned_by("invoices", "number")),
        {
            let numbers = Sequence::new("billing", "invoice_numbers").renamed_from("invoice_seq").owned_by("invoices", "number");
            let mut invoices = invoices(Some(&numbers), false).renamed_from("public.invoices");
            invoices.0.schema = "billing".into();
            tables(vec![invoices]).sequence(numbers)
        },
    ), Rows {
        insert: "INSERT INTO invoices (id) VALUES (1)",
        after_up: ("WITH n AS (INSERT INTO billing.invoices (id) VALUES (100) RETURNING number) SELECT number::text FROM n", &["2"]),
        after_down: (INVOICE_NUMBERS, &["1,2"]),
    };
    row_security_enabled_with_a_policy, false => (
        tables(vec![secured_notes(RowSecurity::Off, vec![])]),
        tables(vec![secured_notes(RowSecurity::On, vec![policy("notes_visible", PolicyCommand::All, "id > 0")])]),
    ), Rows {
        insert: "INSERT INTO notes VALUES (1, 'a'), (2, 'b')",
        after_up: (NOTE_IDS, &["1,2"]),
        after_down: (NOTE_IDS, &["1,2"]),
    };
    policy_altered_in_place, false => (
        tables(vec![secured_notes(RowSecurity::On, vec![policy("notes_visible", PolicyCommand::Update, "id > 0")])]),
        tables(vec![secured_notes(RowSecurity::On, vec![Policy {
            roles: vec!["pg_read_all_data".into()],
            with_check: Some("body <> ''::text".into()),
            ..policy("notes_visible", PolicyCommand::Update, "id > 1")
        }])]),
    );
    policy_command_changed_is_dropped_and_created, false => (
        tables(vec![secured_notes(RowSecurity::On, vec![policy("notes_visible", PolicyCommand::All, "id > 0")])]),
        tables(vec![secured_notes(RowSecurity::On, vec![Policy {
            restrictive: true,
            ..policy("notes_visible", PolicyCommand::Select, "id > 0")
        }])]),
    );
    row_security_forced_then_disabled, false => (
        tables(vec![secured_notes(RowSecurity::Forced, vec![policy("notes_visible", PolicyCommand::All, "id > 0")])]),
        tables(vec![secured_notes(RowSecurity::Off, vec![])]),
    ), Rows {
        insert: "INSERT INTO notes VALUES (1, 'a')",
        after_up: (NOTE_IDS, &["1"]),
        after_down: (NOTE_IDS, &["1"]),
    };
    policy_dropped_before_the_column_it_names, true => (
        tables(vec![secured_notes(RowSecurity::On, vec![policy("notes_with_body", PolicyCommand::Select, "body <> ''::text")])]),
        tables(vec![t("notes").id().rls(RowSecurity::On, vec![policy("notes_visible", PolicyCommand::Select, "id > 0")])]),
    );
    table_created_with_row_security, false => (
        tables(vec![users()]),
        tables(vec![users(), secured_notes(RowSecurity::Forced, vec![
            policy("notes_visible", PolicyCommand::Select, "id > 0"),
            Policy {
                with_check: Some("body <> ''::text".into()),
                ..Policy::new("notes_written")
            },
        ])]),
    );
    view_created_over_a_table_and_a_view, false => (
        tables(vec![orders(SqlType::Integer)]),
        with_views(vec![orders(SqlType::Integer)], vec![big_orders(), big_order_ids()]),
    ), Rows {
        insert: ORDERS,
        after_up: (BIG_ORDER_IDS, &["2,3"]),
        after_down: ("SELECT count(*)::text FROM orders", &["3"]),
    };
    views_recreated_around_a_retyped_column, false => (
        with_views(vec![orders(SqlType::Integer)], vec![big_orders(), big_order_ids()]),
        with_views(vec![orders(SqlType::BigInt)], vec![big_orders(), big_order_ids()]),
    ), Rows {
        insert: ORDERS,
        after_up: (BIG_ORDER_IDS, &["2,3"]),
        after_down: (BIG_ORDER_IDS, &["2,3"]),
    };
    view_query_changed, false => (
        with_views(vec![orders(SqlType::Integer)], vec![big_orders(), big_order_ids()]),
        with_views(vec![orders(SqlType::Integer)], vec![ViewDef {
            query: "SELECT id, amount > 200 FROM orders".into(),
            ..big_orders()
        }, big_order_ids()]),
    ), Rows {
        insert: ORDERS,
        after_up: (BIG_ORDER_IDS, &["3"]),
        after_down: (BIG_ORDER_IDS, &["2,3"]),
    };
    view_made_security_invoker, false => (
        with_views(vec![orders(SqlType::Integer)], vec![big_orders()]),
        with_views(vec![orders(SqlType::Integer)], vec![ViewDef { security_invoker: true, ..big_orders() }]),
    );
    view_follows_a_renamed_table_and_column, false => (
        with_views(vec![orders(SqlType::Integer)], vec![big_orders()]),
        with_views(vec![t("purchases").id()
            .column(ColumnDef::new("total", SqlType::Integer, false).with_renamed_from("amount"))
            .renamed_from("orders")], vec![ViewDef {
            query: "SELECT id, total > 100 FROM purchases".into(),
            ..big_orders()
        }]),
    ), Rows {
        insert: ORDERS,
        after_up: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM big_orders WHERE big", &["2,3"]),
        after_down: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM big_orders WHERE big", &["2,3"]),
    };
    view_dropped_before_the_column_it_reads, true => (
        with_views(vec![orders(SqlType::Integer).null("note", SqlType::Text)], vec![view(
            "notes", "SELECT id, note FROM orders", &[("id", SqlType::BigInt), ("note", SqlType::Text)],
        )]),
        with_views(vec![orders(SqlType::Integer)], vec![view(
            "notes", "SELECT id FROM orders", &[("id", SqlType::BigInt)],
        )]),
    );
    view_recreated_around_the_rebuild_of_the_enum_it_reads, true => (
        open_tasks(&["open", "stale", "done"]),
        open_tasks(&["open", "done"]),
    ), Rows {
        insert: "INSERT INTO tasks VALUES (1, 'open'), (2, 'done')",
        after_up: ("SELECT string_agg(id::text, ',') FROM open_tasks", &["1"]),
        after_down: ("SELECT string_agg(id::text, ',') FROM open_tasks", &["1"]),
    };
    materialized_view_created_empty_with_a_unique_index, false => (
        tables(vec![orders(SqlType::Integer)]),
        with_views(vec![orders(SqlType::Integer)], vec![ViewDef {
            with_no_data: true,
            ..order_totals(vec![unique_index("order_totals_amount", &["amount"])])
        }]),
    );
    materialized_view_index_added_concurrently, false => (
        with_views(vec![orders(SqlType::Integer)], vec![order_totals(vec![])]),
        with_views(vec![orders(SqlType::Integer)], vec![order_totals(vec![unique_index("order_totals_amount", &["amount"])])]),
    ), Rows {
        insert: ORDERS,
        after_up: ("SELECT count(*)::text FROM order_totals", &["0"]),
        after_down: ("SELECT count(*)::text FROM order_totals", &["0"]),
    };
    materialized_view_query_changed_keeps_its_indexes, false => (
        with_views(vec![orders(SqlType::Integer)], vec![order_totals(vec![unique_index("order_totals_amount", &["amount"])])]),
        with_views(vec![orders(SqlType::Integer).index("orders_amount", &["amount"])], vec![ViewDef {
            query: "SELECT amount, count(*) FROM orders WHERE amount > 0 GROUP BY amount".into(),
            ..order_totals(vec![unique_index("order_totals_amount", &["amount"])])
        }]),
    ), Rows {
        insert: ORDERS,
        after_up: ("SELECT string_agg(amount::text, ',' ORDER BY amount) FROM order_totals", &["50,150,250"]),
        after_down: ("SELECT string_agg(amount::text, ',' ORDER BY amount) FROM order_totals", &["50,150,250"]),
    };
    domain_created_for_a_new_column, false => (
        tables(vec![users()]),
        with_domain(vec![users(), pages(true)], slug(false, &[MAX_40])),
    );
    domain_check_added_to_a_column_with_rows, false => (
        with_domain(vec![pages(true)], slug(false, &[MAX_40])),
        with_domain(vec![pages(true)], slug(false, &[LOWER, MAX_40])),
    ), Rows {
        insert: "INSERT INTO pages VALUES (1, 'intro'), (2, NULL)",
        after_up: (SLUGS, &["intro", "NULL"]),
        after_down: (SLUGS, &["intro", "NULL"]),
    };
    domain_check_changed, false => (
        with_domain(vec![pages(true)], slug(false, &[MAX_40])),
        with_domain(vec![pages(true)], slug(false, &[("slug_max_len", "char_length(VALUE) <= 80")])),
    ), Rows {
        insert: "INSERT INTO pages VALUES (1, 'intro')",
        after_up: (SLUGS, &["intro"]),
        after_down: (SLUGS, &["intro"]),
    };
    domain_made_not_null, false => (
        with_domain(vec![pages(true)], slug(false, &[])),
        with_domain(vec![pages(true)], slug(true, &[])),
    ), Rows {
        insert: "INSERT INTO pages VALUES (1, 'intro')",
        after_up: (SLUGS, &["intro"]),
        after_down: (SLUGS, &["intro"]),
    };
    column_converted_to_a_domain, false => (
        tables(vec![pages(false)]),
        with_domain(vec![pages(true)], slug(false, &[MAX_40])),
    ), Rows {
        insert: "INSERT INTO pages VALUES (1, 'intro')",
        after_up: (SLUGS, &["intro"]),
        after_down: (SLUGS, &["intro"]),
    };
    domain_dropped_with_its_table, true => (
        with_domain(vec![users(), pages(true)], slug(true, &[LOWER])),
        tables(vec![users()]),
    );
    raw_aggregate_created, false => (
        tables(vec![users()]),
        tables(vec![users()]).raw(total(None)),
    ), Rows {
        insert: "INSERT INTO users VALUES (1, 'a'), (2, 'b')",
        after_up: (TOTAL, &["3"]),
        after_down: ("SELECT count(*)::text FROM users", &["2"]),
    };
    raw_aggregate_changed_is_replaced, false => (
        tables(vec![users()]).raw(total(None)),
        tables(vec![users()]).raw(total(Some("100"))),
    ), Rows {
        insert: "INSERT INTO users VALUES (1, 'a'), (2, 'b')",
        after_up: (TOTAL, &["103"]),
        after_down: (TOTAL, &["3"]),
    };
    raw_aggregate_dropped, true => (
        tables(vec![users()]).raw(total(None)),
        tables(vec![users()]),
    );
    raw_operator_on_a_function_of_the_same_migration, false => (
        tables(vec![users()]),
        {
            let (function, operator) = near();
            tables(vec![users()]).function(function).raw(operator)
        },
    ), Rows {
        insert: "INSERT INTO users VALUES (1, 'a'), (2, 'b'), (5, 'c')",
        after_up: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM users WHERE id === 2", &["1,2"]),
        after_down: ("SELECT count(*)::text FROM users", &["3"]),
    };
    raw_type_a_column_uses_and_a_cast_to_it, false => (
        tables(vec![users()]),
        tables(vec![users(), t("points").id().col("p", SqlType::Custom { sql: "pair".into() })])
            .raw(pair("a integer, b integer"))
            .raw(text_to_pair()),
    );
    raw_type_changed_replaces_the_cast_that_needs_it, false => (
        tables(vec![users()]).raw(pair("a integer, b integer")).raw(text_to_pair()),
        tables(vec![users()]).raw(pair("a integer, b integer, c integer")).raw(text_to_pair()),
    );
    exclusion_added_to_a_table_with_rows, false => (
        tables(vec![bookings(None)]).extension("btree_gist"),
        tables(vec![bookings(Some(("bookings_no_overlap", "&&", Some("NOT is_cancelled"))))]).extension("btree_gist"),
    ), Rows {
        insert: BOOKED,
        after_up: (BOOKINGS, &["1", "2", "3"]),
        after_down: (BOOKINGS, &["1", "2", "3"]),
    };
    exclusion_changed_is_dropped_and_added, false => (
        tables(vec![bookings(Some(("bookings_no_overlap", "&&", Some("NOT is_cancelled"))))]).extension("btree_gist"),
        tables(vec![bookings(Some(("bookings_no_overlap", "-|-", Some("NOT is_cancelled"))))]).extension("btree_gist"),
    ), Rows {
        insert: "INSERT INTO bookings VALUES (1, 1, '[2026-01-01 10:00, 2026-01-01 11:00)', false)",
        after_up: (BOOKINGS, &["1"]),
        after_down: (BOOKINGS, &["1"]),
    };
    exclusion_renamed, false => (
        tables(vec![bookings(Some(("bookings_no_overlap", "&&", None)))]).extension("btree_gist"),
        tables(vec![bookings(Some(("bookings_room_during_excl", "&&", None)))]).extension("btree_gist"),
    );
    table_created_with_an_exclusion, false => (
        tables(vec![users()]),
        tables(vec![users(), bookings(Some(("bookings_no_overlap", "&&", Some("NOT is_cancelled"))))]).extension("btree_gist"),
    );
    generated_column_rebuilt_under_an_exclusion, false => (
        tables(vec![slots("room * 2")]),
        tables(vec![slots("room * 3")]),
    ), Rows {
        insert: "INSERT INTO slots (id, room) VALUES (1, 1), (2, 2)",
        after_up: ("SELECT g::text FROM slots ORDER BY id", &["3", "6"]),
        after_down: ("SELECT g::text FROM slots ORDER BY id", &["2", "4"]),
    };
    primary_key_made_deferrable, false => (
        tables(vec![t("seats").col("row_no", SqlType::Integer).col("seat", SqlType::Integer).pk(&["row_no", "seat"])]),
        {
            let mut seats = t("seats").col("row_no", SqlType::Integer).col("seat", SqlType::Integer).pk(&["row_no", "seat"]);
            seats.0.primary_key.as_mut().unwrap().deferrable = Deferrable::InitiallyDeferred;
            tables(vec![seats])
        },
    ), Rows {
        insert: "INSERT INTO seats VALUES (1, 1), (1, 2)",
        after_up: ("SELECT row_no || '-' || seat FROM seats ORDER BY 1", &["1-1", "1-2"]),
        after_down: ("SELECT row_no || '-' || seat FROM seats ORDER BY 1", &["1-1", "1-2"]),
    };
    trigger_narrowed_to_columns_and_a_condition, false => (
        touching(vec![notes(true)]),
        {
            let mut notes = notes(true);
            let narrowed = notes.0.triggers[0].clone().update_of(["body"]).when("old.body IS DISTINCT FROM new.body");
            notes.0.triggers[0] = narrowed;
            touching(vec![notes])
        },
    ), Rows {
        insert: "INSERT INTO notes VALUES (1, 'first', now())",
        // Setting the body to what it is does not fire the narrowed trigger.
        after_up: ("UPDATE notes SET body = body, updated_at = '2000-01-01' RETURNING (updated_at > '2001-01-01')::text", &["false"]),
        after_down: ("UPDATE notes SET body = body, updated_at = '2000-01-01' RETURNING (updated_at > '2001-01-01')::text", &["true"]),
    };
    composite_foreign_key_made_match_full, false => (
        tables(vec![
            t("rooms").col("building", SqlType::Integer).col("number", SqlType::Integer).pk(&["building", "number"]),
            t("bookings").id().null("building", SqlType::Integer).null("number", SqlType::Integer)
                .fk("bookings_room_fkey", &["building", "number"], "rooms", &["building", "number"]),
        ]),
        tables(vec![
            t("rooms").col("building", SqlType::Integer).col("number", SqlType::Integer).pk(&["building", "number"]),
            t("bookings").id().null("building", SqlType::Integer).null("number", SqlType::Integer)
                .fk("bookings_room_fkey", &["building", "number"], "rooms", &["building", "number"]).match_full(),
        ]),
    );
    check_add, false => (
        tables(vec![t("balances").id().col("amount", SqlType::BigInt)]),
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount >= 0")]),
    );
    check_drop, false => (
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount >= 0")]),
        tables(vec![t("balances").id().col("amount", SqlType::BigInt)]),
    );
    check_change, false => (
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount >= 0")]),
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount > '-100'::integer")]),
    );
    comment_on_table, false => (
        tables(vec![users().comment("People.")]),
        tables(vec![users().comment("People who can sign in; it's \"them\".")]),
    );
    comment_on_column_change_and_drop, false => (
        tables(vec![t("users").id().column(ColumnDef::new("email", SqlType::Text, false).with_comment("Old."))]),
        tables(vec![t("users").id().column(ColumnDef::new("email", SqlType::Text, false).with_comment("New ünïcødé."))]),
    );
    rename_table_and_column_with_incoming_foreign_key, false => (
        tables(vec![
            t("folders").id().col("name", SqlType::Text).index("idx_folders_name", &["name"]),
            t("files").id().col("folder_id", SqlType::BigInt).fk("files_folder_id_fkey", &["folder_id"], "folders", &["id"]),
        ]),
        tables(vec![
            t("directories").id().column(ColumnDef::new("title", SqlType::Text, false).with_renamed_from("name"))
                .index("idx_directories_title", &["title"]).renamed_from("folders"),
            t("files").id().column(ColumnDef::new("directory_id", SqlType::BigInt, false).with_renamed_from("folder_id"))
                .fk("files_directory_id_fkey", &["directory_id"], "directories", &["id"]),
        ]),
    );
    roles_and_grants_created, false => (
        tables(vec![docs()]),
        access(tables(vec![docs()]), vec![
            Role::new("case_created_reader"),
            Role::new("case_created_writer").login().connection_limit(2).member_of("case_created_reader"),
        ], vec![
            Grant::on_schema("public").privilege(Privilege::Usage).to("case_created_reader"),
            on_docs().privilege(Privilege::Select).to("case_created_reader"),
            on_docs().privileges([Privilege::Insert, Privilege::Delete]).to("case_created_writer").with_grant_option(),
            on_title().privilege(Privilege::Update).to("case_created_writer"),
        ]),
    ), Rows {
        insert: DOCS,
        after_up: (docs_privileges!("case_created_writer"), &["DELETE:YES,INSERT:YES title.UPDATE"]),
        after_down: (docs_privileges!("case_created_writer"), &[""]),
    };
    grants_changed, false => (
        access(tables(vec![docs()]), vec![Role::new("case_changed")], vec![
            on_docs().privileges([Privilege::Select, Privilege::Insert]).to("case_changed"),
            on_title().privilege(Privilege::Update).to("case_changed").with_grant_option(),
            Grant::on_schema("public").privilege(Privilege::Create).to("case_changed"),
        ]),
        access(tables(vec![docs()]), vec![Role::new("case_changed")], vec![
            // One privilege taken, one given; the grant option given.
            on_docs().privileges([Privilege::Select, Privilege::Update]).to("case_changed").with_grant_option(),
            // The grant option taken, a privilege added.
            on_title().privileges([Privilege::Update, Privilege::References]).to("case_changed"),
            on_docs().privilege(Privilege::Select).to("public"),
        ]),
    ), Rows {
        insert: DOCS,
        after_up: (docs_privileges!("case_changed"), &["SELECT:YES,UPDATE:YES title.REFERENCES"]),
        after_down: (docs_privileges!("case_changed"), &["INSERT:NO,SELECT:NO title.UPDATE"]),
    };
    role_altered, false => (
        access(tables(vec![docs()]), vec![
            Role::new("case_altered_group"),
            Role::new("case_altered").login().member_of("case_altered_group"),
        ], vec![on_docs().privilege(Privilege::Select).to("case_altered_group")]),
        access(tables(vec![docs()]), vec![
            Role::new("case_altered_group"),
            Role::new("case_altered").bypass_rls().connection_limit(1).member_of("pg_read_all_data"),
        ], vec![on_docs().privilege(Privilege::Select).to("case_altered_group")]),
    ), Rows {
        insert: DOCS,
        after_up: ("SELECT pg_has_role('case_altered', 'case_altered_group', 'MEMBER')::text", &["false"]),
        after_down: ("SELECT pg_has_role('case_altered', 'case_altered_group', 'MEMBER')::text", &["true"]),
    };
    role_dropped_after_its_privileges, true => (
        access(tables(vec![docs()]), vec![Role::new("case_dropped")], vec![
            on_docs().privilege(Privilege::Select).to("case_dropped"),
            on_title().privilege(Privilege::Update).to("case_dropped"),
        ]),
        tables(vec![docs()]),
    ), Rows {
        insert: DOCS,
        after_up: ("SELECT count(*)::text FROM pg_roles WHERE rolname = 'case_dropped'", &["0"]),
        after_down: (docs_privileges!("case_dropped"), &["SELECT:NO title.UPDATE"]),
    };
    grants_follow_a_renamed_table_and_column, false => (
        access(tables(vec![docs()]), vec![Role::new("case_renamed")], vec![
            on_docs().privilege(Privilege::Select).to("case_renamed"),
            on_title().privilege(Privilege::Update).to("case_renamed"),
        ]),
        access(tables(vec![t("papers").id()
            .column(ColumnDef::new("heading", SqlType::Text, false).with_renamed_from("title"))
            .renamed_from("docs")]), vec![Role::new("case_renamed")], vec![
            Grant::on_table(QualifiedName::new("public", "papers")).privilege(Privilege::Select).to("case_renamed"),
            Grant::on_table_column(QualifiedName::new("public", "papers"), "heading").privilege(Privilege::Update).to("case_renamed"),
        ]),
    ), Rows {
        insert: DOCS,
        after_up: ("SELECT has_column_privilege('case_renamed', 'papers', 'heading', 'UPDATE')::text", &["true"]),
        after_down: (docs_privileges!("case_renamed"), &["SELECT:NO title.UPDATE"]),
    };
    grants_given_again_to_a_recreated_view, false => (
        access(with_views(vec![orders(SqlType::Integer)], vec![big_orders()]), vec![Role::new("case_view_reader")], vec![
            Grant::on_table(QualifiedName::new("public", "big_orders")).privilege(Privilege::Select).to("case_view_reader"),
        ]),
        access(with_views(vec![orders(SqlType::BigInt)], vec![big_orders()]), vec![Role::new("case_view_reader")], vec![
            Grant::on_table(QualifiedName::new("public", "big_orders")).privilege(Privilege::Select).to("case_view_reader"),
        ]),
    ), Rows {
        insert: ORDERS,
        after_up: ("SELECT has_table_privilege('case_view_reader', 'big_orders', 'SELECT')::text", &["true"]),
        after_down: ("SELECT has_table_privilege('case_view_reader', 'big_orders', 'SELECT')::text", &["true"]),
    };
    policy_for_a_role_created_with_it, false => (
        tables(vec![secured_notes(RowSecurity::On, vec![])]),
        access(tables(vec![secured_notes(RowSecurity::On, vec![Policy {
            roles: vec!["case_policy_reader".into()],
            ..policy("notes_read", PolicyCommand::Select, "id > 1")
        }])]), vec![Role::new("case_policy_reader")], vec![
            Grant::on_table(QualifiedName::new("public", "notes")).privilege(Privilege::Select).to("case_policy_reader"),
        ]),
    ), Rows {
        insert: "INSERT INTO notes VALUES (1, 'a'), (2, 'b')",
        after_up: ("SELECT count(*)::text FROM pg_policies WHERE 'case_policy_reader' = ANY(roles)", &["1"]),
        after_down: ("SELECT count(*)::text FROM pg_policies", &["0"]),
    };
    partitioned_table_created_with_its_partitions, false => (
        Schema::new(),
        tables(vec![events(vec![year(2026), year(2027), Partition::default_partition("events_rest")])]),
    );
    partition_added_beside_a_default_one, false => (
        tables(vec![events(vec![year(2026), Partition::default_partition("events_rest")])]),
        tables(vec![events(vec![year(2026), year(2030), Partition::default_partition("events_rest")])]),
    ), Rows {
        // 2031 is in the default partition, out of 2030's range: the new partition can be made.
        insert: "INSERT INTO events VALUES (1, '2026-03-01', 'a'), (3, '2031-01-01', NULL)",
        after_up: (EVENTS_WHERE, &["1:events_2026,3:events_rest"]),
        after_down: (EVENTS_WHERE, &["1:events_2026,3:events_rest"]),
    };
    partition_dropped_with_its_rows, true => (
        tables(vec![events(vec![year(2026), year(2027), Partition::default_partition("events_rest")])]),
        tables(vec![events(vec![year(2026), Partition::default_partition("events_rest")])]),
    ), Rows {
        insert: EVENTS,
        after_up: (EVENTS_WHERE, &["1:events_2026,3:events_rest"]),
        after_down: (EVENTS_WHERE, &["1:events_2026,3:events_rest"]),
    };
    keys_and_indexes_added_to_a_partitioned_table, false => (
        tables(vec![t("kinds").col("name", SqlType::Text).pk(&["name"]), events(vec![year(2026), year(2027)])]),
        tables(vec![
            t("kinds").col("name", SqlType::Text).pk(&["name"]),
            events(vec![year(2026), year(2027)])
                .index("idx_events_kind", &["kind"])
                .unique("events_kind_at_key", &["kind", "at"])
                .fk("events_kind_fkey", &["kind"], "kinds", &["name"]),
        ]),
    ), Rows {
        insert: "INSERT INTO kinds VALUES ('a'), ('b'); INSERT INTO events VALUES (1, '2026-03-01', 'a'), (2, '2027-05-01', 'b')",
        after_up: (EVENTS_WHERE, &["1:events_2026,2:events_2027"]),
        after_down: (EVENTS_WHERE, &["1:events_2026,2:events_2027"]),
    };
    many_changes_at_once, true => (
        schema(vec![
            users().null("legacy", SqlType::Text),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]),
        ], vec![status(&["open", "done"])]),
        schema(vec![
            users().unique("users_email_key", &["email"]).null("status", status_type()),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).on_delete(ReferentialAction::Cascade)
                .index("idx_posts_author_id", &["author_id"]),
            t("app.audit").id().null("user_id", SqlType::BigInt).fk("audit_user_id_fkey", &["user_id"], "users", &["id"]),
        ], vec![status(&["open", "review", "done"])]),
    );
}

trait IntoT {
    fn into_t_with_pk(self, name: &str, columns: &[&str]) -> T;
}

impl IntoT for TableDef {
    fn into_t_with_pk(mut self, name: &str, columns: &[&str]) -> T {
        self.primary_key = Some(PrimaryKey {
            name: name.into(),
            columns: strings(columns),
            deferrable: Default::default(),
        });
        T(self)
    }
}

// ---------------------------------------------------------------------------------------------
// Data survives

fn migrate_with_rows(before: &Schema, after: &Schema, setup: &str, query: &str) -> Vec<String> {
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, before);
    client.batch_execute(setup).unwrap();
    apply_script(&mut client, &plan(before, after, true).to_sql());
    client
        .query(query, &[])
        .unwrap()
        .iter()
        .map(|row| row.get::<_, String>(0))
        .collect()
}

#[test]
fn data_survives_a_column_and_table_rename() {
    let before = tables(vec![t("folders").id().col("name", SqlType::Text)]);
    let after = tables(vec![t("directories")
        .id()
        .column(ColumnDef::new("title", SqlType::Text, false).with_renamed_from("name"))
        .renamed_from("folders")]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO folders VALUES (1, 'docs'), (2, 'it''s')",
        "SELECT id || ':' || title FROM directories ORDER BY id",
    );
    assert_eq!(rows, ["1:docs", "2:it's"]);
}

#[test]
fn data_survives_a_type_change_converted() {
    let before = tables(vec![t("items").id().col("qty", SqlType::Text)]);
    let after = tables(vec![t("items").id().col("qty", SqlType::Integer)]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO items VALUES (1, '42'), (2, '-7')",
        "SELECT (qty + 1)::text FROM items ORDER BY id",
    );
    assert_eq!(rows, ["43", "-6"]);
}

#[test]
fn data_survives_a_widening_and_a_using_override() {
    let before = tables(vec![t("items")
        .id()
        .col("name", varchar(5))
        .col("flag", SqlType::Text)]);
    let after = tables(vec![t("items").id().col("name", SqlType::Text).column(
        ColumnDef::new("flag", SqlType::Boolean, false).with_using("\"flag\" = 'yes'"),
    )]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO items VALUES (1, 'abcde', 'yes'), (2, 'x', 'no')",
        "SELECT name || ':' || flag::text FROM items ORDER BY id",
    );
    assert_eq!(rows, ["abcde:true", "x:false"]);
}

#[test]
fn data_survives_set_not_null_with_default() {
    let before = tables(vec![t("users").id().null("email", SqlType::Text)]);
    let after = tables(vec![t("users").id().column(
        ColumnDef::new("email", SqlType::Text, false).with_default(string("unknown")),
    )]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO users VALUES (1, 'a@b.c'), (2, NULL)",
        "SELECT email FROM users ORDER BY id",
    );
    assert_eq!(rows, ["a@b.c", "unknown"]);
}

#[test]
fn data_survives_enum_label_rename_and_removal() {
    let before = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![status(&["open", "stale", "done"])],
    );
    let after = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![EnumDef {
            renamed_values: vec![("todo".into(), "open".into())],
            ..status(&["todo", "done"])
        }],
    );
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO tasks VALUES (1, 'open'), (2, 'done')",
        "SELECT status::text FROM tasks ORDER BY id",
    );
    assert_eq!(rows, ["todo", "done"]);
}

#[test]
fn removing_an_enum_label_still_in_use_fails_instead_of_losing_rows() {
    let before = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![status(&["open", "stale"])],
    );
    let after = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![status(&["open"])],
    );
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    client
        .batch_execute("INSERT INTO tasks VALUES (1, 'stale')")
        .unwrap();
    let sql = plan(&before, &after, true).to_sql();
    let mut tx = client.transaction().unwrap();
    let failed = script::segments(&sql)
        .iter()
        .flat_map(|s| s.statements.clone())
        .any(|statement| tx.batch_execute(&statement).is_err());
    assert!(failed);
}

// ---------------------------------------------------------------------------------------------
// Narrowing never loses data silently

/// A string of `n` characters.
fn long(n: usize) -> String {
    "x".repeat(n)
}

/// Runs `script`, which must fail on the rows in the table, then checks that the schema, its
/// comments and the rows are as they were (`state`, and `query` still returns `rows`).
fn assert_fails_and_leaves_all(
    client: &mut postgres::Client,
    script: &str,
    state: &Schema,
    query: &str,
    rows: &[String],
) {
    let names = namespaces(&[state]);
    let error = try_apply_script(client, script).expect_err("the migration must fail");
    assert_state(client, &names, state, "after the failed migration");
    assert_eq!(query_texts(client, query), rows, "{error}");
}

fn name_column(ty: SqlType) -> Schema {
    tables(vec![t("items")
        .id()
        .column(ColumnDef::new("name", ty, false).with_comment("The name."))
        .comment("Items.")])
}

/// Applies `before`, inserts a row whose `name` is `value`, and checks that the up migration
/// to `after` fails and changes nothing.
fn up_fails_on(before: Schema, after: Schema, value: &str) {
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    client
        .execute(
            &format!(
                "INSERT INTO items VALUES (1, $1::text::{})",
                before.tables[0].columns[1].ty
            ),
            &[&value],
        )
        .unwrap();
    let up = plan(&before, &after, true).to_sql();
    assert!(!up.contains("USING"), "no explicit cast: {up}");
    let query = "SELECT name::text FROM items";
    let rows = query_texts(&mut client, query);
    assert_fails_and_leaves_all(&mut client, &up, &before, query, &rows);
}

/// Applies `before` then the up migration to `after`, inserts a row whose `name` is `value`
/// (it fits `after`), and checks that the down migration fails and changes nothing.
fn down_fails_on(before: Schema, after: Schema, value: &str) {
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    apply_script(&mut client, &plan(&before, &after, true).to_sql());
    client
        .execute(
            &format!(
                "INSERT INTO items VALUES (1, $1::text::{})",
                after.tables[0].columns[1].ty
            ),
            &[&value],
        )
        .unwrap();
    let down = down_plan(&after, &before).to_sql();
    assert!(!down.contains("USING"), "no explicit cast: {down}");
    let query = "SELECT name::text FROM items";
    let rows = query_texts(&mut client, query);
    assert_fails_and_leaves_all(&mut client, &down, &after, query, &rows);
}

#[test]
fn a_narrowed_varchar_fails_on_a_too_long_row_up() {
    up_fails_on(
        name_column(varchar(500)),
        name_column(varchar(100)),
        &long(140),
    );
}

#[test]
fn the_down_of_a_widened_varchar_fails_on_a_too_long_row() {
    down_fails_on(
        name_column(varchar(100)),
        name_column(varchar(150)),
        &long(140),
    );
}

#[test]
fn text_to_varchar_fails_on_a_too_long_row_up_and_down() {
    up_fails_on(
        name_column(SqlType::Text),
        name_column(varchar(3)),
        "abcdefgh",
    );
    down_fails_on(
        name_column(varchar(3)),
        name_column(SqlType::Text),
        "abcdefgh",
    );
}

#[test]
fn a_narrowed_varchar_array_fails_on_a_too_long_element() {
    up_fails_on(
        name_column(SqlType::array_of(varchar(10))),
        name_column(SqlType::array_of(varchar(3))),
        "{abc,abcdefgh}",
    );
}

#[test]
fn the_down_of_a_scale_reduction_fails_on_a_value_too_large() {
    let numeric = |p, s| SqlType::Numeric {
        precision: Some(p),
        scale: Some(s),
    };
    down_fails_on(
        name_column(numeric(10, 4)),
        name_column(numeric(10, 1)),
        "1234567.8",
    );
}

#[test]
fn narrowing_hazards_say_what_happens() {
    let up = plan(&name_column(varchar(150)), &name_column(varchar(100)), true).to_sql();
    assert!(
        up.contains("-- hazard: may-fail: changing name of public.items from character varying(150) to character varying(100) fails on a value longer than 100 characters"),
        "{up}"
    );
    let numeric = |s| SqlType::Numeric {
        precision: Some(10),
        scale: Some(s),
    };
    let up = plan(&name_column(numeric(4)), &name_column(numeric(1)), true).to_sql();
    assert!(
        up.contains("-- hazard: data-loss: changing name of public.items from numeric(10,4) to numeric(10,1): every value is rounded to 1 decimal place"),
        "{up}"
    );
    let Err(DiffError::Refused {
        refusals: items, ..
    }) = diff(
        &name_column(numeric(4)),
        &name_column(numeric(1)),
        &DiffOptions::default(),
    )
    else {
        panic!("a scale reduction must be refused");
    };
    assert!(items[0].reason.contains("rounded"), "{}", items[0]);
}

/// Every type change the engine writes between the built-in types applies on PostgreSQL: a
/// `USING` is left out only where PostgreSQL has an assignment cast of its own.
#[test]
fn a_type_change_without_using_always_has_an_assignment_cast() {
    let types = [
        SqlType::Boolean,
        SqlType::SmallInt,
        SqlType::Integer,
        SqlType::BigInt,
        SqlType::Real,
        SqlType::DoublePrecision,
        SqlType::Numeric {
            precision: Some(10),
            scale: Some(2),
        },
        SqlType::Numeric {
            precision: None,
            scale: None,
        },
        SqlType::Text,
        varchar(5),
        SqlType::Varchar { length: None },
        SqlType::Uuid,
        SqlType::Timestamptz,
        SqlType::Timestamp,
        SqlType::Date,
        SqlType::Time,
        SqlType::Json,
        SqlType::Jsonb,
        SqlType::Bytea,
        status_type(),
        SqlType::array_of(SqlType::Text),
        SqlType::array_of(varchar(5)),
    ];
    let db = TestDb::new();
    let mut client = db.client();
    let mut missing = Vec::new();
    for (i, from) in types.iter().enumerate() {
        for (j, to) in types.iter().enumerate() {
            if i == j {
                continue;
            }
            let with = |ty: &SqlType| {
                schema(
                    vec![t(&format!("t_{i}_{j}")).id().null("c", ty.clone())],
                    vec![status(&["open"])],
                )
            };
            let (before, after) = (with(from), with(to));
            if i == 0 && j == 1 {
                apply_schema(&mut client, &schema(Vec::new(), vec![status(&["open"])]));
            }
            for statement in schema_core::diff::create_schema_ddl(&before) {
                if !statement.starts_with("CREATE TYPE") {
                    client.batch_execute(&statement).unwrap();
                }
            }
            let sql = plan(&before, &after, true).to_sql();
            if let Err(e) = try_apply_script(&mut client, &sql) {
                if !sql.contains("USING") {
                    missing.push(format!("{from} -> {to}: {e}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Refusals, no churn on the examples

#[test]
fn refusal_names_every_item_and_the_confirmation() {
    let before = tables(vec![users().null("nickname", SqlType::Text), posts()]);
    let after = tables(vec![users()]);
    let Err(error) = diff(&before, &after, &DiffOptions::default()) else {
        panic!("expected a refusal");
    };
    let DiffError::Refused { refusals, .. } = &error else {
        panic!("expected a refusal: {error:?}");
    };
    assert_eq!(refusals.len(), 2);
    let message = error.to_string();
    assert!(message.contains("drop table `public.posts`"), "{message}");
    assert!(
        message.contains("drop column `nickname` of `public.users`"),
        "{message}"
    );
    assert!(message.contains("--allow-destructive"), "{message}");
}

#[test]
fn examples_against_their_read_back_catalog_is_empty() {
    let declared = schema_examples::schema();
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &declared);
    let names = namespaces(&[&declared]);
    let read = read_back(&mut client, &names, &declared);
    let churn = plan(&read, &declared, false);
    assert!(churn.is_empty(), "{}", churn.to_sql());
    let up = plan(&Schema::new(), &declared, false);
    let db = TestDb::new();
    let mut client = db.client();
    apply_script(&mut client, &up.to_sql());
    assert_same(
        &read_back(&mut client, &names, &declared),
        &declared,
        "examples from empty",
    );
}

// ---------------------------------------------------------------------------------------------
// Identity and generated columns (issue 15)

fn identity(always: bool, start: Option<i64>, increment: Option<i64>) -> Identity {
    Identity {
        always,
        start,
        increment,
    }
}

/// `tasks (id bigint, title text, price integer, qty integer)` with `id` as given and, when
/// `total`, a stored `total` computed from price and qty.
fn tasks_with(id: ColumnDef, total: Option<&str>) -> Schema {
    let mut tasks = t("tasks")
        .column(id)
        .col("title", SqlType::Text)
        .col("price", SqlType::Integer)
        .col("qty", SqlType::Integer)
        .pk(&["id"]);
    if let Some(expression) = total {
        tasks = tasks
            .column(ColumnDef::new("total", SqlType::Integer, true).with_generated(expression));
    }
    tables(vec![tasks])
}

fn plain_id() -> ColumnDef {
    ColumnDef::new("id", SqlType::BigInt, false)
}

const THREE_TASKS: &str = "INSERT INTO tasks (id, title, price, qty) VALUES (1, 'a', 2, 3), (2, 'b', 5, 1), (3, 'c', 1, 1)";

/// `tasks` with `total` computed by `expression`, an index on it and a check that names it.
fn tasks_with_indexed_total(expression: &str) -> Schema {
    let mut schema = tasks_with(plain_id(), Some(expression));
    let tasks = &mut schema.tables[0];
    tasks.indexes.push(Index {
        name: "idx_tasks_total".into(),
        columns: vec!["total".into()],
        ..Default::default()
    });
    tasks.checks.push(CheckConstraint {
        name: "tasks_total_check".into(),
        expression: "total < 1000".into(),
    });
    schema
}

cases! {
    generated_expression_change_drops_and_adds_the_column_and_what_names_it, false => (
        tasks_with_indexed_total("price * qty"),
        tasks_with_indexed_total("price + qty"),
    ), Rows {
        insert: THREE_TASKS,
        after_up: ("SELECT string_agg(total::text, ',' ORDER BY id) FROM tasks", &["5,6,2"]),
        after_down: ("SELECT string_agg(total::text, ',' ORDER BY id) FROM tasks", &["6,5,1"]),
    };
    identity_and_generated_columns_created, false => (
        Schema::new(),
        tasks_with(plain_id().with_identity(identity(true, Some(100), Some(5))), Some("price * qty")),
    );
    identity_added_to_a_column_with_values_continues_after_them, false => (
        tasks_with(plain_id(), None),
        tasks_with(plain_id().with_identity(Identity::BY_DEFAULT), None),
    ), Rows {
        insert: THREE_TASKS,
        after_up: ("WITH n AS (INSERT INTO tasks (title, price, qty) VALUES ('d', 1, 1) RETURNING id) SELECT id::text FROM n", &["4"]),
        after_down: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", &["1,2,3,4"]),
    };
    identity_changed_to_always_with_options, false => (
        tasks_with(plain_id().with_identity(Identity::BY_DEFAULT), None),
        tasks_with(plain_id().with_identity(identity(true, Some(10), Some(2))), None),
    ), Rows {
        insert: "INSERT INTO tasks (title, price, qty) VALUES ('a', 1, 1), ('b', 1, 1)",
        after_up: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", &["1,2"]),
        after_down: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", &["1,2"]),
    };
    identity_dropped_keeps_the_values, false => (
        tasks_with(plain_id().with_identity(Identity::ALWAYS), None),
        tasks_with(plain_id(), None),
    ), Rows {
        insert: "INSERT INTO tasks (title, price, qty) VALUES ('a', 1, 1), ('b', 1, 1)",
        after_up: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", &["1,2"]),
        after_down: ("SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks", &["1,2"]),
    };
    generated_column_added_to_a_table_with_rows, false => (
        tasks_with(plain_id(), None),
        tasks_with(plain_id(), Some("price * qty")),
    ), Rows {
        insert: THREE_TASKS,
        after_up: ("SELECT string_agg(total::text, ',' ORDER BY id) FROM tasks", &["6,5,1"]),
        after_down: ("SELECT count(*)::text FROM tasks", &["3"]),
    };
}

/// A generated column that stops being generated keeps its values (`DROP EXPRESSION`); the
/// way back, making a column generated, is a change no migration writes yet, so the down
/// migration is refused with the way to get there instead of a wrong script.
#[test]
fn generated_column_made_plain_keeps_its_values() {
    let before = tasks_with(plain_id(), Some("price * qty"));
    let after = tasks_with(plain_id(), None);
    let after = {
        // The plain column is the generated one's type and nullability.
        let mut after = after;
        after.tables[0]
            .columns
            .push(ColumnDef::new("total", SqlType::Integer, true));
        after
    };
    let up = plan(&before, &after, false);
    assert_eq!(
        up.to_sql(),
        "SET lock_timeout = '5s';\nSET statement_timeout = '1min';\n\n\
         -- hazard: breaking-change: total of public.tasks keeps its values but is no longer \
         computed from the row\n\
         ALTER TABLE \"public\".\"tasks\" ALTER COLUMN \"total\" DROP EXPRESSION;\n"
    );
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    client.batch_execute(THREE_TASKS).unwrap();
    apply_script(&mut client, &up.to_sql());
    assert_state(
        &mut client,
        &["public".into()],
        &after,
        "after DROP EXPRESSION",
    );
    client
        .batch_execute("UPDATE tasks SET price = 100 WHERE id = 1")
        .unwrap();
    assert_rows(
        &mut client,
        (
            "SELECT string_agg(total::text, ',' ORDER BY id) FROM tasks",
            &["6,5,1"],
        ),
        "values kept, no longer computed",
    );
    // A column with values does not become computed: its values would be replaced.
    let error = diff(
        &after,
        &before,
        &DiffOptions {
            allow_destructive: true,
        },
    )
    .unwrap_err();
    assert!(
        matches!(&error, DiffError::Unsupported { changes } if changes.len() == 1),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("make generated column `total` of `public.tasks`"),
        "{error}"
    );
}

/// A `bigserial` column (a sequence default) turned into an identity column keeps its values
/// and continues from the sequence's next value, not from 1 and not from the largest value.
#[test]
fn a_serial_column_becomes_an_identity_and_continues_its_sequence() {
    let db = TestDb::new();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE TABLE tasks (id bigserial PRIMARY KEY, title text NOT NULL);
             INSERT INTO tasks (title) VALUES ('a'), ('b'), ('c');
             DELETE FROM tasks WHERE id = 3;",
        )
        .unwrap();
    let live = canonical(&introspect(&mut client, &["public"]).unwrap());
    let mut want = live.clone();
    let id = &mut want.tables[0].columns[0];
    assert!(
        matches!(&id.default, Some(ColumnDefault::Sql(sql)) if sql.starts_with("nextval(")),
        "{id:?}"
    );
    id.default = None;
    id.identity = Some(Identity::BY_DEFAULT);
    let up = plan(&live, &want, false);
    apply_script(&mut client, &up.to_sql());
    assert_state(
        &mut client,
        &["public".into()],
        &want,
        "after the conversion",
    );
    assert_rows(
        &mut client,
        (
            "WITH n AS (INSERT INTO tasks (title) VALUES ('d') RETURNING id) SELECT id::text FROM n",
            &["4"],
        ),
        "the identity continues the sequence",
    );
    // The way back: the serial's sequence, left in place, is the default again.
    apply_script(&mut client, &down_plan(&want, &live).to_sql());
    assert_state(
        &mut client,
        &["public".into()],
        &live,
        "after the down migration",
    );
    assert_rows(
        &mut client,
        (
            "SELECT string_agg(id::text, ',' ORDER BY id) FROM tasks",
            &["1,2,4"],
        ),
        "the rows after the down migration",
    );
}
