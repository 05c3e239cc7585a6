//! A model set that uses every supported column type and every attribute, so that applying its
//! DDL to PostgreSQL and reading the catalog back (`tests/ddl/catalog.rs`) covers all of them.
//!
//! Checks and predicates are written the way PostgreSQL prints them back (see
//! [`schema_core::model::canonical`]): the point is that what the models declare is what the
//! database holds, not that PostgreSQL keeps our spelling.

// Clippy reads two `#[index(columns(..))]` naming the same column as a duplicated attribute;
// a known false positive for derive helper attributes (rust-clippy#12923, #13238).
#![allow(clippy::duplicated_attributes)]

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rust_decimal::Decimal;
use schema_core::model::{QualifiedName, SqlType};
use schema_core::{
    Extension, Function, Grant, Json, Partition, PgDomain, PgEnum, PgType, Privilege,
    RawDependency, RawKind, RawObject, Role, Schema, Sequence, SequenceType, Table, View,
    Volatility,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How a gadget feels: "quoted", it's \ back-slashed and ünïcødé ✓.
#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[pg_enum(rename_all = "SCREAMING_SNAKE_CASE", allow(enum_snake_case))]
pub enum Mood {
    VeryHappy,
    Content,
    #[pg_enum(rename = "so-so")]
    SoSo,
}

/// Where a gadget is in its life.
#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[pg_enum(
    schema = "kitchen",
    name = "gadget_stage",
    rename_all = "kebab-case",
    allow(enum_snake_case)
)]
pub enum Stage {
    Draft,
    InReview,
    Shipped,
}

/// An enum no column uses, registered with `Schema::enum_type`.
#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[pg_enum(schema = "kitchen")]
pub enum Priority {
    Low,
    High,
}

/// A typed `jsonb` payload.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Dimensions {
    pub width: f64,
    pub height: f64,
}

/// Every column type, NOT NULL, with literal defaults of every kind.
///
/// Second paragraph of the table comment, with 'quotes'.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(
    schema = "kitchen",
    name = "gadgets",
    unique(code, revision),
    check(name = "gadgets_quantity_non_negative", "quantity >= 0"),
    check(
        name = "gadgets_quantity_range",
        sql = "(quantity >= 0) AND (quantity < 1000)"
    ),
    check(name = "gadgets_title_not_blank", "char_length(title) > 0"),
    index(columns(created_on), name = "gadgets_by_day"),
    // Names outside the conventions are part of what this table tests.
    allow(index_name)
)]
#[index(columns(attributes), using = "gin")]
// The operator class of `pg_trgm`, which the schema puts in `kitchen`.
#[index(
    columns(title(ops = "kitchen.gin_trgm_ops")),
    using = "gin",
    name = "gadgets_title_trgm"
)]
#[index(
    columns(serial),
    name = "gadgets_live_serial",
    unique,
    where = "retired_at IS NULL"
)]
#[index(columns(stage, mood))]
#[index(columns(small), using = "hash")]
#[index(columns(created_at), using = "brin")]
#[index(columns(title), using = "spgist")]
#[index(columns(search), using = "gist")]
// Keys beyond plain columns: an expression, orders, an operator class, included columns, and
// NULLs that count as equal. Written as PostgreSQL prints them back.
#[index(columns(expr("lower(title)")), name = "gadgets_lower_title", unique)]
#[index(
    columns(
        created_on(desc),
        code(nulls_first),
        expr("quantity + 1", desc, nulls_last)
    ),
    name = "gadgets_recent"
)]
#[index(
    columns(label(ops = "text_pattern_ops")),
    include(code, revision),
    with(fillfactor = 70, deduplicate_items = off)
)]
#[index(columns(serial, revision), unique, nulls_not_distinct)]
pub struct Gadget {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    /// The gadget's code.
    /// Two lines of doc comment.
    #[column(varchar(32), unique)]
    pub code: String,
    #[column(default = -1)]
    pub revision: i16,
    #[column(name = "is_enabled", default = true)]
    pub enabled: bool,
    #[column(default = false)]
    pub is_broken: bool,
    #[column(default = -7)]
    pub small: i16,
    #[column(default = -42)]
    pub quantity_delta: i32,
    #[column(default = 0)]
    pub quantity: i32,
    #[column(default = 9007199254740993)]
    pub serial: i64,
    #[column(default = -9007199254740993)]
    pub negative_big: i64,
    #[column(default = 0.5)]
    pub ratio: f32,
    #[column(default = -2.5)]
    pub precise: f64,
    #[column(default = 1.25)]
    pub weight: f64,
    pub title: String,
    #[column(default = "it's 100% 'quoted' :: \"double\" \\ back\\slash ünïcødé ✓\nsecond line")]
    pub motto: String,
    #[column(varchar, default = "")]
    pub label: String,
    #[column(default_sql = "'\\x00ff'::bytea")]
    pub payload: Vec<u8>,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    /// Kept at the time of the row's last update by a trigger.
    #[column(timestamp, default_now, on_update_now, allow(timestamp_suffix))]
    pub updated_local: NaiveDateTime,
    pub seen_at: NaiveDateTime,
    #[column(default_sql = "CURRENT_DATE")]
    pub created_on: NaiveDate,
    #[column(default = "09:30:00")]
    pub opens_at: NaiveTime,
    #[column(default = "{}")]
    pub attributes: serde_json::Value,
    pub dimensions: Json<Dimensions>,
    #[column(default = "[]")]
    pub tags: Json<Vec<String>>,
    #[column(numeric(12, 2), default = 9.99)]
    pub price: Decimal,
    pub amount: Decimal,
    #[column(default = "{1,2,3}")]
    pub scores: Vec<i32>,
    #[column(default = "{}")]
    pub aliases: Vec<String>,
    #[column(default = Stage::InReview)]
    pub stage: Stage,
    #[column(default = Mood::SoSo)]
    pub mood: Mood,
    #[column(default = "{VERY_HAPPY,so-so}")]
    pub moods: Vec<Mood>,
    #[column(type = "inet")]
    pub address: String,
    #[column(type = "tsvector")]
    pub search: String,
    #[column(name = "order", default = 1)]
    pub position: i32,
    pub r#type: String,
    pub retired_at: Option<DateTime<Utc>>,
    #[column(
        references(Category::id),
        on_delete = "set default",
        on_update = "restrict",
        default = 1
    )]
    pub category_id: i64,
}

/// Every column type again, each nullable (`Option`), without defaults.
#[derive(Table, Debug, Clone, PartialEq)]
// Columns named for their type, not their meaning.
#[table(schema = "kitchen", allow(bool_prefix, timestamp_suffix))]
pub struct Optional {
    #[column(primary_key)]
    pub id: i64,
    pub a_bool: Option<bool>,
    pub a_small: Option<i16>,
    pub an_int: Option<i32>,
    pub a_big: Option<i64>,
    pub a_real: Option<f32>,
    pub a_double: Option<f64>,
    pub a_text: Option<String>,
    #[column(varchar(7))]
    pub a_varchar: Option<String>,
    pub a_bytea: Option<Vec<u8>>,
    pub a_uuid: Option<Uuid>,
    pub a_timestamptz: Option<DateTime<Utc>>,
    #[column(timestamp)]
    pub a_timestamp: Option<NaiveDateTime>,
    pub a_date: Option<NaiveDate>,
    pub a_time: Option<NaiveTime>,
    pub a_json: Option<serde_json::Value>,
    pub a_typed_json: Option<Json<Dimensions>>,
    #[column(numeric(5, 0))]
    pub a_numeric: Option<Decimal>,
    pub a_decimal: Option<Decimal>,
    pub ints: Option<Vec<i32>>,
    pub texts: Option<Vec<String>>,
    pub stage: Option<Stage>,
    pub stages: Option<Vec<Stage>>,
    pub moods: Option<Vec<Mood>>,
    #[column(type = "timestamptz(3)")]
    pub a_precise_timestamptz: Option<DateTime<Utc>>,
    #[column(type = "inet")]
    pub an_inet: Option<String>,
    #[column(references(Gadget::id), on_delete = "cascade", on_update = "cascade")]
    pub gadget_id: Option<Uuid>,
}

/// A tree: `parent_id` references the table itself.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(schema = "kitchen")]
pub struct Category {
    #[column(primary_key)]
    pub id: i64,
    #[column(
        references(Self::id),
        on_delete = "set null",
        on_update = "cascade",
        index,
        allow(foreign_key_name)
    )]
    pub parent_id: Option<i64>,
    #[column(varchar(100), unique)]
    pub name: String,
}

/// A name compared without regard to case: `citext`, whose extension the schema declares
/// because the type says it comes from one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handle(pub String);

impl PgType for Handle {
    fn sql_type() -> SqlType {
        SqlType::Custom {
            sql: "citext".into(),
        }
    }

    fn extension() -> Option<Extension> {
        Some(Extension::new("citext"))
    }
}

impl postgres::types::ToSql for Handle {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        self.0.to_sql(ty, out)
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        <String as postgres::types::ToSql>::accepts(ty)
    }

    postgres::types::to_sql_checked!();
}

impl<'a> postgres::types::FromSql<'a> for Handle {
    fn from_sql(
        ty: &postgres::types::Type,
        raw: &'a [u8],
    ) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        String::from_sql(ty, raw).map(Handle)
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        <String as postgres::types::FromSql>::accepts(ty)
    }
}

/// One side of a reference cycle: a team's captain is one of the players. A rename is
/// announced, by a trigger that fires only when the name changes.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(
    schema = "kitchen",
    trigger(
        after(update),
        update_of(name),
        when = "old.name IS DISTINCT FROM new.name",
        execute = "team_renamed"
    )
)]
pub struct Team {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    #[column(unique)]
    pub name: String,
    /// Unique whatever its case, through `citext`.
    #[column(unique)]
    pub handle: Handle,
    /// Checked at commit: a team and its captain are inserted in one transaction.
    #[column(
        references(Player::id, initially_deferred),
        on_delete = "set null",
        allow(foreign_key_name)
    )]
    pub captain_id: Option<Uuid>,
}

/// The other side of the cycle: every player belongs to a team. Every change of the roster
/// is announced by a statement trigger.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(
    schema = "kitchen",
    trigger(
        after(insert, update, delete, truncate),
        execute = "kitchen.players_changed",
        for_each_statement
    )
)]
pub struct Player {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    #[column(references(Team::id), on_delete = "cascade", on_update = "cascade")]
    pub team_id: Uuid,
    pub name: String,
}

/// Bookings of one room never overlap, unless cancelled: an exclusion constraint (GiST, with
/// `btree_gist` for the `=` on the room).
#[derive(Table, Debug, Clone, PartialEq)]
#[table(
    schema = "kitchen",
    exclude(
        using = "gist",
        columns(room(with = "="), during(with = "&&")),
        where = "NOT is_cancelled"
    )
)]
pub struct Booking {
    #[column(primary_key)]
    pub id: i64,
    pub room: i64,
    #[column(type = "tstzrange")]
    pub during: String,
    pub is_cancelled: bool,
    /// Numbered from the `kitchen.booking_numbers` sequence, which the column owns.
    #[column(default_sql = "nextval('kitchen.booking_numbers')")]
    pub number: i32,
}

/// A composite primary key and a multi-column unique constraint, both deferrable: two
/// players swap their jerseys in one transaction, checked at its commit.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(
    schema = "kitchen",
    name = "roster",
    primary_key(team_id, player_id, deferrable),
    allow(table_plural, junction_name),
    unique(team_id, jersey, initially_deferred)
)]
pub struct RosterEntry {
    #[column(references(Team::id), on_delete = "cascade")]
    pub team_id: Uuid,
    #[column(
        references(Player::id),
        on_delete = "restrict",
        on_update = "no action"
    )]
    pub player_id: Uuid,
    pub jersey: i16,
    #[column(default_now)]
    pub joined_at: DateTime<Utc>,
}

/// A table in `public` that references one in `kitchen`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(name = "audit_log", allow(table_plural))]
pub struct AuditEntry {
    #[column(primary_key)]
    pub id: i64,
    #[column(references(Gadget::id), on_delete = "cascade", index)]
    pub gadget_id: Uuid,
    #[column(index)]
    pub happened_at: DateTime<Utc>,
    pub mood: Option<Mood>,
    /// A reference to a unique column rather than a primary key.
    #[column(varchar(100), references(Category::name), on_update = "cascade")]
    pub category_name: Option<String>,
}

/// An order line: numbered by PostgreSQL, its total computed from the row.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(schema = "kitchen", name = "order_lines")]
pub struct OrderLine {
    #[column(primary_key, identity(always, start = 1000, increment = 10))]
    pub id: i64,
    /// A second numbering a client may also set.
    #[column(identity)]
    pub position: i32,
    pub price: i32,
    pub quantity: i32,
    #[column(generated = "price * quantity")]
    pub total: Option<i32>,
}

/// A URL-safe name: a domain whose checks are its rules (at most 40 characters, lower-case
/// letters, digits and dashes) and one written in SQL.
#[derive(PgDomain, Debug, Clone, PartialEq)]
#[pg_domain(
    schema = "kitchen",
    check(name = "slug_no_double_dash", "VALUE !~~ '%--%'::text")
)]
pub struct Slug(#[validate(max_len = 40, regex = "^[a-z0-9-]+$")] pub String);

/// A count from 0 to 1000, never NULL: a domain over `integer`.
#[derive(PgDomain, Debug, Clone, Copy, PartialEq)]
#[pg_domain(schema = "kitchen", not_null)]
pub struct Quantity(#[validate(min = 0, max = 1000)] pub i32);

/// A shipment: its code and alias are slugs, its parcels a quantity. Row security is forced,
/// with a permissive policy for every role and a restrictive one for one role.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(
    schema = "kitchen",
    force_rls,
    policy(name = "shipments_numbered", using = "id > 0", with_check = "id > 0"),
    policy(
        name = "shipments_read_only_aliased",
        command = "select",
        restrictive,
        to("pg_read_all_data"),
        using = "alias IS NOT NULL"
    )
)]
pub struct Shipment {
    #[column(primary_key)]
    pub id: i64,
    pub code: Slug,
    pub parcels: Quantity,
    pub alias: Option<Slug>,
}

/// Each team with its number of players: a view over a join, its columns named by the row
/// struct, calling a function of the schema.
#[derive(View, Debug, Clone, PartialEq)]
#[view(
    schema = "kitchen",
    query = "SELECT t.id, t.name, count(p.id), kitchen.team_has(t.id, 0)
             FROM kitchen.teams t LEFT JOIN kitchen.players p ON p.team_id = t.id
             GROUP BY t.id, t.name"
)]
pub struct TeamSize {
    pub team_id: Uuid,
    pub team_name: String,
    pub players: i64,
    pub empty: bool,
}

/// The largest teams: a view over a view, read as the role that queries it.
#[derive(View, Debug, Clone, PartialEq)]
#[view(
    schema = "kitchen",
    security_invoker,
    query = "SELECT team_id, players FROM kitchen.team_sizes WHERE players > 1"
)]
pub struct LargeTeam {
    pub team_id: Uuid,
    pub players: i64,
}

/// Order totals per price, stored: a materialized view with a unique index (which lets it be
/// refreshed concurrently) and a plain one, created empty.
#[derive(View, Debug, Clone, PartialEq)]
#[view(
    schema = "kitchen",
    materialized,
    with_no_data,
    query = "SELECT price, sum(quantity)::bigint, count(*) FROM kitchen.order_lines GROUP BY price"
)]
#[index(columns(price), unique)]
#[index(columns(lines))]
pub struct PriceTotal {
    pub price: i32,
    pub quantity: i64,
    pub lines: i64,
}

/// Events by when they happened: range partitions by year and a default one, a key and an
/// index made on the parent (and so on each partition).
#[derive(Table, Debug, Clone, PartialEq)]
#[table(
    schema = "kitchen",
    partition_by = "range (happened_at)",
    primary_key(id, happened_at)
)]
#[index(columns(kind))]
pub struct Event {
    pub id: i64,
    pub happened_at: DateTime<Utc>,
    pub kind: String,
}

/// Sales by region: list partitions.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(schema = "kitchen", partition_by = "list (region)", unique(id, region))]
pub struct Sale {
    pub id: i64,
    pub region: String,
    pub amount: i32,
}

/// Visits spread over two hash partitions.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(schema = "kitchen", partition_by = "hash (id)")]
pub struct Visit {
    #[column(primary_key)]
    pub id: Uuid,
    pub page: String,
}

/// The PostgreSQL schemas (namespaces) the kitchen sink lives in.
pub const NAMESPACES: &[&str] = &["public", "kitchen"];

/// Every model of the kitchen sink, plus an enum no column uses and an extension whose
/// operator class an index uses (`pg_trgm`, in a schema of its own).
pub fn schema() -> Schema {
    Schema::new()
        .extension(Extension::new("pg_trgm").in_schema("kitchen"))
        .extension(Extension::new("btree_gist").in_schema("kitchen"))
        .table::<Gadget>()
        .table::<Optional>()
        .table::<Category>()
        .table::<Team>()
        .table::<Player>()
        .table::<RosterEntry>()
        .table::<AuditEntry>()
        .table::<OrderLine>()
        .table::<Booking>()
        .table::<Shipment>()
        .view::<TeamSize>()
        .view::<LargeTeam>()
        .view::<PriceTotal>()
        .enum_type::<Priority>()
        // A sequence a column draws from and owns, and one that stands alone, counting down.
        .sequence(
            Sequence::new("kitchen", "booking_numbers")
                .of_type(SequenceType::Integer)
                .start(100)
                .increment(5)
                .cache(10)
                .owned_by("bookings", "number"),
        )
        .sequence(
            Sequence::public("countdown")
                .of_type(SequenceType::SmallInt)
                .increment(-1)
                .min_value(-100)
                .cycle(),
        )
        // Objects the model has no type for, declared by their SQL: one of each kind the
        // read-back looks up, one it takes as given, and dependencies between them.
        .raw(RawObject::new(
            RawKind::Aggregate,
            "kitchen",
            "total(bigint)",
            "CREATE AGGREGATE kitchen.total(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0')",
            "DROP AGGREGATE kitchen.total(bigint)",
        ))
        .raw(
            RawObject::new(
                RawKind::Operator,
                "kitchen",
                "===(uuid,bigint)",
                "CREATE OPERATOR kitchen.=== (LEFTARG = uuid, RIGHTARG = bigint, FUNCTION = kitchen.team_has)",
                "DROP OPERATOR kitchen.=== (uuid, bigint)",
            )
            .depends_on(RawDependency::Function(QualifiedName::new("kitchen", "team_has"))),
        )
        .raw(RawObject::new(
            RawKind::Type,
            "kitchen",
            "span",
            "CREATE TYPE kitchen.span AS (low integer, high integer)",
            "DROP TYPE kitchen.span",
        ))
        .raw(
            RawObject::new(
                RawKind::Cast,
                "kitchen",
                "text AS kitchen.span",
                "CREATE CAST (text AS kitchen.span) WITH INOUT",
                "DROP CAST (text AS kitchen.span)",
            )
            .depends_on(RawDependency::Raw(QualifiedName::new("kitchen", "span"))),
        )
        .raw(RawObject::new(
            RawKind::Collation,
            "kitchen",
            "bytewise",
            "CREATE COLLATION kitchen.bytewise FROM \"C\"",
            "DROP COLLATION kitchen.bytewise",
        ))
        .raw(
            RawObject::new(
                RawKind::Other,
                "kitchen",
                "plain_english",
                "CREATE TEXT SEARCH CONFIGURATION kitchen.plain_english (COPY = pg_catalog.english)",
                "DROP TEXT SEARCH CONFIGURATION kitchen.plain_english",
            ),
        )
        .function(
            Function::new(
                "kitchen",
                "team_has",
                "team uuid, players bigint",
                "boolean",
                "sql",
                "SELECT kitchen.team_size(team) = players",
            )
            .with_volatility(Volatility::Stable),
        )
        // An SQL function reading a table of the same migration (its body is checked when it
        // is created), with arguments and a volatility.
        .function(
            Function::new(
                "kitchen",
                "team_size",
                "team uuid",
                "bigint",
                "sql",
                "SELECT count(*) FROM kitchen.players WHERE team_id = team",
            )
            .with_volatility(Volatility::Stable),
        )
        .function(Function::trigger(
            "kitchen",
            "team_renamed",
            "BEGIN PERFORM pg_notify('teams', NEW.name); RETURN NULL; END;",
        ))
        // The function of `Player`'s statement trigger.
        .function(Function::trigger(
            "kitchen",
            "players_changed",
            "\nBEGIN\n    PERFORM pg_notify('players', TG_OP);\n    RETURN NULL;\nEND;\n",
        ))
        .partition::<Event>(Partition::range(
            "events_2026",
            ["'2026-01-01'"],
            ["'2027-01-01'"],
        ))
        .partition::<Event>(Partition::range("events_before", ["MINVALUE"], ["'2026-01-01'"]))
        .partition::<Event>(Partition::default_partition("events_rest"))
        .partition::<Sale>(Partition::list("sales_eu", ["'de'", "'fr'"]))
        .partition::<Sale>(Partition::list("sales_us", ["'us'"]))
        .partition::<Visit>(Partition::hash("visits_0", 2, 0))
        .partition::<Visit>(Partition::hash("visits_1", 2, 1))
        .role(Role::new(READER))
        // A user with every attribute but the defaults, a member of a declared role and of a
        // predefined one.
        .role(
            Role::new(WRITER)
                .login()
                .no_inherit()
                .create_db()
                .create_role()
                .bypass_rls()
                .connection_limit(3)
                .member_of(READER)
                .member_of("pg_read_all_stats"),
        )
        .grant(Grant::on_schema("kitchen").privileges([Privilege::Usage]).to(READER))
        .grant(Grant::on_schema("kitchen").privilege(Privilege::Create).to(WRITER))
        .grant(Grant::on::<Team>().privilege(Privilege::Select).to(READER))
        // Merged with the grant above: one per object and role.
        .grant(Grant::on::<Team>().privilege(Privilege::References).to(READER))
        .grant(
            Grant::on::<Player>()
                .privileges([Privilege::Insert, Privilege::Delete])
                .to(WRITER)
                .with_grant_option(),
        )
        .grant(
            Grant::on_column(Player::COLUMNS.name)
                .privileges([Privilege::Select, Privilege::Update])
                .to(WRITER),
        )
        .grant(Grant::on::<Category>().all().to("PUBLIC"))
        .grant(Grant::on::<TeamSize>().privilege(Privilege::Select).to(READER))
        .grant(Grant::on::<PriceTotal>().privilege(Privilege::Select).to(READER))
        .grant(
            Grant::on_sequence(QualifiedName::new("kitchen", "booking_numbers"))
                .privileges([Privilege::Usage, Privilege::Select])
                .to(WRITER),
        )
        .grant(
            Grant::on_function(QualifiedName::new("kitchen", "team_size"))
                .privilege(Privilege::Execute)
                .to(READER),
        )
}

/// The kitchen sink's roles. Roles belong to the cluster, which every test database shares:
/// no other test declares these names, and none drops them.
pub const READER: &str = "kitchen_reader";
/// See [`READER`].
pub const WRITER: &str = "kitchen_writer";
