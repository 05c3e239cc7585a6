//! Property test of the diff engine on PostgreSQL: for random schema pairs (A, B), apply A,
//! apply `diff(A, B)`, read the catalog back: it equals B, and diffs against B as empty.
//!
//! Schemas are drawn from a small universe so that pairs share objects: three tables in
//! `public` or `s1`, single or composite keys, integer/text/varchar/enum columns with
//! nullability and defaults (quotes, backslashes, unicode), unique keys, foreign keys
//! (self-references and cycles included), indexes (unique, hash, partial, on an expression, with
//! an order, included columns, NULLS NOT DISTINCT), checks, exclusion constraints, comments,
//! triggers and the
//! functions they execute (bodies replaced, an SQL function's arguments changed), a sequence
//! (options changed, renamed, owned by and drawn from by a column), a domain (checks added
//! and dropped, a text column converted to and from it), row-level security with a policy
//! (created, altered, dropped and created, forced), views over a table and over a view
//! (materialized with an index, recreated around a retyped column), privileges of a role on a
//! table, a column, a view, a sequence and a function (given and taken, with and without the
//! grant option, following renames, given again to a recreated view or function), raw objects (an aggregate
//! replaced, an operator on a function whose arguments change),
//! an enum whose labels are added, removed and reordered, and renames declared by hints. The
//! down migration, `diff(B, A)`, must then bring back A. Column order is compared by name:
//! PostgreSQL appends added columns, and cannot reorder them.
//!
//! A is filled with rows first (NULLs, integer boundaries, empty, quoted and multi-byte text
//! at the edges of the `varchar` lengths, enum labels, references): after the up migration and
//! again after the down, every value of every column both sides have is still there (see
//! [`rows`] for what the rows avoid so that the migrations can run).
//!
//! `PROPTEST_CASES` sets the number of pairs (default 150, under a minute on 2 cores; the
//! issue's bar is `PROPTEST_CASES=1000`).

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use schema_core::diff::create_schema_ddl;
use schema_core::diff::{diff, script, DiffOptions};
use schema_core::introspect::introspect_declared;
use schema_core::model::ViewColumn;
use schema_core::model::{
    canonical, CheckConstraint, ColumnDef, ColumnDefault, Deferrable, DomainDef, EnumDef,
    ExclusionConstraint, ExclusionElement, Extension, ForeignKey, Identity, Index, IndexKey,
    IndexMethod, KeyPart, NullsOrder, Policy, PolicyCommand, PrimaryKey, QualifiedName,
    ReferentialAction, RowSecurity, SqlType, UniqueConstraint,
};
use schema_core::render::{quote_ident, quote_literal, quote_qualified};
use schema_core::{
    Function, Grant, Privilege, RawDependency, RawKind, RawObject, Role, Schema, Sequence,
    TableDef, Trigger, TriggerEvent, TriggerTiming, ViewDef,
};
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
    /// (unique, hash, partial, keys: 0 plain, 1 `n DESC NULLS LAST` with `fillfactor = 70`, 2
    /// on `n::text`, 3 with
    /// `INCLUDE (id)` and, unique, `NULLS NOT DISTINCT`)
    index: Option<(bool, bool, bool, u8)>,
    check: bool,
    comment: Option<usize>,
    /// `id`'s identity: none, by default, by default counting by 2 from 100, always.
    identity: u8,
    /// A trigger executing `public.stamp` (when the schema has it): (also on `INSERT`, per
    /// row).
    trigger: Option<(bool, bool)>,
    /// An exclusion constraint on `id` (unique already, so rows never conflict), partial
    /// (`WHERE id > 0`) or not.
    exclusion: Option<bool>,
}

#[derive(Clone, Debug)]
struct SchemaSpec {
    /// Indexes into LABELS, in order, no repeats; `None`: no enum.
    mood: Option<Vec<usize>>,
    /// Labels new on this side are declared renames of labels the other side loses.
    rename_labels: bool,
    tables: Vec<TableSpec>,
    /// `hstore`, its objects in `s1` (`Some(true)`) or `public`; `pg_trgm` in `public`.
    extensions: (Option<bool>, bool),
    /// The trigger function `public.stamp` (its body: the second form), and the SQL function
    /// `public.twice` (on `bigint` rather than `integer`).
    functions: (Option<bool>, Option<bool>),
    /// The sequence `public.q`: (counting by 2 from 50 and cycling, named `q2` with a rename
    /// hint from `q`, owned by `t1.id` when that table is in `public`, `t1.id` draws from it
    /// when it is no identity).
    sequence: Option<(bool, bool, bool, bool)>,
    /// Raw objects: the aggregate `public.total(bigint)` (starting from 100, so replaced when
    /// that changes), and the prefix operator `##` on `public.twice` when the schema has it.
    raw: (Option<bool>, bool),
    /// The domain `public.label_text` over text, with a second check when `true`; table 0's
    /// text column (one without a length) is of it.
    domain: Option<bool>,
    /// Row-level security on table 1: (forced, its policy `t1_policy`: none, for every
    /// command, restrictive for `SELECT`, for one role with a check).
    security: Option<(bool, u8)>,
    /// The view `public.v0` over table 0 (reading `id`; `n IS NULL` too, or `n` itself, when
    /// table 0 has `n`): (what it reads, materialized with an index on `id`, the view
    /// `public.v1` over it, a comment).
    view: Option<(u8, bool, bool, bool)>,
    /// Privileges of the role [`GRANTEE`] (declared on every side, so never created or
    /// dropped by a pair): (on table 0, a mask of `SELECT`, `INSERT`, `UPDATE`, `DELETE`; with
    /// the grant option; `UPDATE` or `REFERENCES` on its column `id`; `SELECT` on `v0`,
    /// `USAGE` on `q`, `EXECUTE` on `twice`).
    access: Option<(u8, bool, Option<bool>, bool)>,
}

/// The role the generated schemas grant to. Roles belong to the cluster: no other test
/// names it.
const GRANTEE: &str = "prop_grantee";

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
        proptest::option::of((any::<bool>(), any::<bool>(), any::<bool>(), 0u8..4)),
        any::<bool>(),
        proptest::option::of(0..TEXTS.len()),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0u8..4,
            proptest::option::of((any::<bool>(), any::<bool>())),
            proptest::option::of(any::<bool>()),
        ),
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
                (renamed, cascade, n_comment, identity, trigger, exclusion),
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
                    identity,
                    trigger,
                    exclusion,
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
        (proptest::option::of(any::<bool>()), any::<bool>()),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
        proptest::option::of((any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>())),
        (proptest::option::of(any::<bool>()), any::<bool>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of((any::<bool>(), 0u8..4)),
        proptest::option::of((0u8..3, any::<bool>(), any::<bool>(), any::<bool>())),
        proptest::option::of((
            0u8..16,
            any::<bool>(),
            proptest::option::of(any::<bool>()),
            any::<bool>(),
        )),
    )
        .prop_map(
            |(
                mood,
                rename_labels,
                tables,
                extensions,
                functions,
                sequence,
                raw,
                domain,
                security,
                view,
                access,
            )| {
                SchemaSpec {
                    mood,
                    rename_labels,
                    tables,
                    extensions,
                    functions,
                    sequence,
                    raw,
                    domain,
                    security,
                    view,
                    access,
                }
            },
        )
}

fn mood_type() -> SqlType {
    SqlType::enum_type("public", "mood")
}

/// Where table `i` of `spec` is, if it is present.
fn location(spec: &SchemaSpec, i: usize) -> Option<QualifiedName> {
    let t = &spec.tables[i];
    t.present.then(|| {
        QualifiedName::new(
            if t.in_s1 { "s1" } else { "public" },
            format!("{}{i}", if t.renamed { "r" } else { "t" }),
        )
    })
}

/// The sequence of a spec, if it has one.
fn sequence(spec: &SchemaSpec) -> Option<Sequence> {
    let (options, renamed, owned, _) = spec.sequence?;
    let mut sequence = if renamed {
        Sequence::public("q2").renamed_from("q")
    } else {
        Sequence::public("q")
    };
    if options {
        sequence = sequence.start(50).increment(2).cycle();
    }
    let owner_in_public = location(spec, 1).is_some_and(|t| t.schema == "public");
    if owned && owner_in_public {
        sequence = sequence.owned_by(location(spec, 1).unwrap().name, "id");
    }
    Some(sequence)
}

/// The schema a spec describes. `previous`: the other side, for move hints.
fn build(spec: &SchemaSpec, previous: Option<&SchemaSpec>) -> Schema {
    let mut schema = Schema::new();
    if let Some(in_s1) = spec.extensions.0 {
        let hstore = Extension::new("hstore");
        schema.add_extension(if in_s1 {
            hstore.in_schema("s1")
        } else {
            hstore
        });
    }
    if spec.extensions.1 {
        schema.add_extension(Extension::new("pg_trgm"));
    }
    if let Some(second) = spec.functions.0 {
        // Either body keeps every row as it is written: the rows are compared afterwards.
        schema.add_function(Function::trigger(
            "public",
            "stamp",
            if second {
                "BEGIN IF TG_LEVEL = 'ROW' THEN RETURN NEW; END IF; RETURN NULL; END;"
            } else {
                "BEGIN RETURN NEW; END;"
            },
        ));
    }
    if let Some(big) = spec.functions.1 {
        let ty = if big { "bigint" } else { "integer" };
        schema.add_function(schema_tests::fixtures::twice(ty));
    }
    if let Some(from_100) = spec.raw.0 {
        let init = if from_100 { ", INITCOND = '100'" } else { "" };
        schema.add_raw(RawObject::new(
            RawKind::Aggregate,
            "public",
            "total(bigint)",
            format!("CREATE AGGREGATE public.total(bigint) (SFUNC = int8pl, STYPE = bigint{init})"),
            "DROP AGGREGATE public.total(bigint)",
        ));
    }
    if let (true, Some(big)) = (spec.raw.1, spec.functions.1) {
        let ty = if big { "bigint" } else { "integer" };
        schema.add_raw(
            RawObject::new(
                RawKind::Operator,
                "public",
                format!("##(none,{ty})"),
                format!("CREATE OPERATOR public.## (RIGHTARG = {ty}, FUNCTION = public.twice)"),
                format!("DROP OPERATOR public.## (NONE, {ty})"),
            )
            .depends_on(RawDependency::Function(QualifiedName::new(
                "public", "twice",
            ))),
        );
    }
    if let Some(second) = spec.domain {
        // Checks every generated text passes: the rows survive the conversion.
        let mut def = DomainDef::new("public", "label_text", SqlType::Text)
            .check("label_text_max_len", "char_length(VALUE) <= 100000");
        if second {
            def = def.check("label_text_not_forbidden", "VALUE <> 'forbidden'::text");
        }
        schema.add_domain(def);
    }
    let sequence = sequence(spec);
    if let Some(sequence) = &sequence {
        schema.add_sequence(sequence.clone());
    }
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
    for (i, t) in spec.tables.iter().enumerate() {
        let Some(name) = location(spec, i) else {
            continue;
        };
        let mut table = TableDef::new(&name.schema, &name.name);
        let mut id = ColumnDef::new("id", SqlType::BigInt, false);
        id.identity = match t.identity {
            1 => Some(Identity::BY_DEFAULT),
            2 => Some(Identity {
                start: Some(100),
                increment: Some(2),
                ..Identity::BY_DEFAULT
            }),
            3 => Some(Identity::ALWAYS),
            _ => None,
        };
        if let (1, 0, Some(sequence)) = (i, t.identity, &sequence) {
            if spec.sequence.is_some_and(|(.., drawn)| drawn) {
                id.default = Some(ColumnDefault::Sql(schema_core::render::nextval(sequence)));
            }
        }
        table.columns.push(id);
        // On both sides of a pair (a generated column cannot be added to or made of an
        // existing column): on every third table slot. Its expression differs between the
        // sides with the foreign key's `cascade` (an unrelated draw), so that pairs change it:
        // the column is dropped and added again.
        if i % 3 == 0 {
            let expression = if t.cascade { "id * 3" } else { "id * 2" };
            table
                .columns
                .push(ColumnDef::new("g", SqlType::BigInt, true).with_generated(expression));
        }
        let mut key = vec!["id".to_owned()];
        if t.composite_pk {
            // With a default, so that a key made composite keeps the table's rows (a NOT NULL
            // column without one is generated by `n` and `label`).
            let mut k = ColumnDef::new("k", SqlType::Integer, false);
            k.default = Some(ColumnDefault::Number("0".into()));
            table.columns.push(k);
            key.push("k".into());
        }
        table.primary_key = Some(PrimaryKey {
            name: format!("t{i}_pkey"),
            columns: key,
            deferrable: Default::default(),
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
            if let Some((unique, hash, partial, keys)) = t.index {
                let hash = hash && !unique;
                // A hash index has one plain key and nothing else.
                let keys = if hash { 0 } else { keys };
                table.indexes.push(Index {
                    name: format!("idx_t{i}_n"),
                    columns: vec![match keys {
                        1 => IndexKey::column_key("n").desc().nulls(NullsOrder::Last),
                        2 => IndexKey::expression("n::text"),
                        _ => "n".into(),
                    }],
                    include: if keys == 3 {
                        vec!["id".into()]
                    } else {
                        Vec::new()
                    },
                    // Only where `n` holds no NULL: two would be a duplicate.
                    nulls_not_distinct: keys == 3 && unique && !nullable,
                    with: if keys == 1 {
                        [("fillfactor".to_owned(), "70".to_owned())].into()
                    } else {
                        Default::default()
                    },
                    unique,
                    method: if hash {
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
                None if i == 0 && spec.domain.is_some() => SqlType::Domain {
                    schema: "public".into(),
                    name: "label_text".into(),
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
                    // Deferral rides on another choice: it changes between the sides of a
                    // pair as often, without a field of its own.
                    deferrable: if t.n_comment {
                        Deferrable::InitiallyImmediate
                    } else {
                        Deferrable::Not
                    },
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
                    deferrable: if t.n_comment {
                        Deferrable::InitiallyDeferred
                    } else {
                        Deferrable::Not
                    },
                    match_full: t.cascade,
                });
            }
        }
        if let (Some((insert, per_row)), Some(_)) = (t.trigger, spec.functions.0) {
            let events = [TriggerEvent::Update]
                .into_iter()
                .chain(insert.then_some(TriggerEvent::Insert));
            table.triggers.push(Trigger {
                per_row,
                ..Trigger::new(
                    format!("t{i}_stamp"),
                    TriggerTiming::Before,
                    events,
                    QualifiedName::new("public", "stamp"),
                )
            });
        }
        if let Some(partial) = t.exclusion {
            table.exclusions.push(ExclusionConstraint {
                name: format!("t{i}_id_excl"),
                method: IndexMethod::Btree,
                elements: vec![ExclusionElement::new("id", "=")],
                predicate: partial.then(|| "id > 0".to_owned()),
            });
        }
        if let (1, Some((forced, variant))) = (i, spec.security) {
            table.row_security = if forced {
                RowSecurity::Forced
            } else {
                RowSecurity::On
            };
            let policy = Policy::new("t1_policy");
            table.policies.extend(match variant {
                1 => Some(Policy {
                    using: Some("id > 0".into()),
                    ..policy
                }),
                2 => Some(Policy {
                    command: PolicyCommand::Select,
                    restrictive: true,
                    using: Some("id > 1".into()),
                    ..policy
                }),
                3 => Some(Policy {
                    roles: vec!["pg_read_all_data".into()],
                    using: Some("id > 0".into()),
                    with_check: Some("id > 0".into()),
                    ..policy
                }),
                _ => None,
            });
        }
        table.comment = t.comment.map(|c| format!("table {}", TEXTS[c]));
        if let Some(Some(old)) = previous.map(|p| location(p, i)) {
            if t.hint_move && old != name {
                table.renamed_from = Some(format!("{}.{}", old.schema, old.name));
            }
        }
        schema.add_table(table);
    }
    add_views(spec, &mut schema);
    add_grants(spec, &mut schema);
    schema
}

/// The privileges of `spec` on the objects `schema` has.
fn add_grants(spec: &SchemaSpec, schema: &mut Schema) {
    schema.add_role(Role::new(GRANTEE));
    let Some((mask, option, on_id, elsewhere)) = spec.access else {
        return;
    };
    if let Some(table) = location(spec, 0) {
        let privileges: Vec<Privilege> = [
            Privilege::Select,
            Privilege::Insert,
            Privilege::Update,
            Privilege::Delete,
        ]
        .into_iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, p)| p)
        .collect();
        if !privileges.is_empty() {
            let mut grant = Grant::on_table(table.clone())
                .privileges(privileges)
                .to(GRANTEE);
            grant.with_grant_option = option;
            schema.add_grant(grant);
        }
        if let Some(update) = on_id {
            let privilege = if update {
                Privilege::Update
            } else {
                Privilege::References
            };
            schema.add_grant(
                Grant::on_table_column(table, "id")
                    .privilege(privilege)
                    .to(GRANTEE),
            );
        }
    }
    if !elsewhere {
        return;
    }
    let objects = [
        (
            schema
                .find_view(&QualifiedName::new("public", "v0"))
                .is_some(),
            Grant::on_table(QualifiedName::new("public", "v0")).privilege(Privilege::Select),
        ),
        (
            sequence(spec).is_some(),
            Grant::on_sequence(QualifiedName::new(
                "public",
                sequence(spec).map_or("q".into(), |s| s.name),
            ))
            .privilege(Privilege::Usage),
        ),
        (
            schema.functions.iter().any(|f| f.name == "twice"),
            Grant::on_function(QualifiedName::new("public", "twice")).privilege(Privilege::Execute),
        ),
    ];
    for (there, grant) in objects {
        if there {
            schema.add_grant(grant.to(GRANTEE));
        }
    }
}

/// The views of `spec`, over table 0 as `schema` has it.
fn add_views(spec: &SchemaSpec, schema: &mut Schema) {
    let (Some((reads, materialized, over, comment)), Some(name)) = (spec.view, location(spec, 0))
    else {
        return;
    };
    let table = schema.find_table(&name).unwrap().clone();
    let column = |c: &str| table.columns.iter().find(|x| x.name == c);
    let id = column("id").unwrap();
    let mut select = vec!["id".to_owned()];
    let mut columns = vec![ViewColumn {
        name: "id".into(),
        ty: id.ty.clone(),
    }];
    match (reads, column("n")) {
        (1, Some(_)) => {
            select.push("n IS NULL".into());
            columns.push(ViewColumn {
                name: "n_missing".into(),
                ty: SqlType::Boolean,
            });
        }
        (2, Some(n)) => {
            select.push("n".into());
            columns.push(ViewColumn {
                name: "n".into(),
                ty: n.ty.clone(),
            });
        }
        _ => {}
    }
    let query = format!(
        "SELECT {} FROM {}",
        select.join(", "),
        quote_qualified(&name.schema, &name.name)
    );
    let mut v0 = ViewDef::new("public", "v0", query);
    v0.columns = columns;
    v0.comment = comment.then(|| "view v0".to_owned());
    if materialized {
        v0.materialized = true;
        v0.indexes.push(Index {
            name: "v0_id".into(),
            columns: vec!["id".into()],
            ..Default::default()
        });
    }
    if over {
        let mut v1 = ViewDef::new("public", "v1", "SELECT id FROM public.v0");
        v1.columns = vec![v0.columns[0].clone()];
        schema.add_view(v1);
    }
    schema.add_view(v0);
}

/// How many rows each table of the "before" schema gets (1 to 5), and per column a seed that
/// picks where in its pool of values the rows start.
#[derive(Clone, Debug)]
struct RowsSpec {
    tables: Vec<(usize, [usize; 4])>,
}

fn rows_spec() -> impl Strategy<Value = RowsSpec> {
    proptest::collection::vec(
        (0usize..=4, [0usize..16, 0usize..16, 0usize..16, 0usize..16]),
        TABLES,
    )
    .prop_map(|tables| RowsSpec { tables })
}

/// Integers at the edges of both integer types; never 7, which the check forbids.
const NUMBERS: [Option<&str>; 10] = [
    Some("0"),
    Some("-1"),
    Some("2147483647"),
    Some("-2147483648"),
    Some("9223372036854775807"),
    Some("-9223372036854775808"),
    None,
    Some("42"),
    None,
    Some("1"),
];

/// Texts at the edges of `varchar(12)` and `varchar(200)`, counted in characters of 1 to 4
/// bytes, with quotes, comment and statement markers.
fn texts() -> Vec<Option<String>> {
    [
        Some(String::new()),
        Some("it's".into()),
        None,
        Some("abcdefghijkl".into()),
        Some("abcdefghijklm".into()),
        Some("😀".repeat(12)),
        Some("ж".repeat(200)),
        None,
        Some("ж".repeat(201)),
        Some("back\\slash".into()),
        Some("--;\"x\"/*".into()),
        Some("ünïcødé ✓".into()),
    ]
    .into()
}

/// What a column holds, as `col::text` prints it, by row id.
type Values = Vec<(i64, Option<String>)>;

/// One column of the "before" schema that the migration keeps: where it is on each side.
#[derive(Debug)]
struct Kept {
    a_table: QualifiedName,
    a_column: String,
    b_table: QualifiedName,
    b_column: String,
    /// The values inserted, expected after the up migration, and after the down migration.
    before: Values,
    after: Values,
    down: Values,
}

fn fits(ty: &SqlType, value: &str) -> bool {
    match ty {
        SqlType::Integer => value.parse::<i32>().is_ok(),
        SqlType::BigInt => value.parse::<i64>().is_ok(),
        SqlType::Varchar { length: Some(n) } => value.chars().count() <= *n as usize,
        _ => true,
    }
}

fn default_text(default: &ColumnDefault) -> Option<String> {
    match default {
        ColumnDefault::Number(n) => Some(n.clone()),
        ColumnDefault::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn unique_on(table: &TableDef, column: &str) -> bool {
    let single = |columns: &[String]| columns.len() == 1 && columns[0] == column;
    table.uniques.iter().any(|u| single(&u.columns))
        || table.indexes.iter().any(|i| {
            // Any order; an expression key is `n::text`, unique exactly when `n` is.
            let on_column = |key: &IndexKey| match &key.part {
                KeyPart::Column(c) => c == column,
                KeyPart::Expression(e) => *e == format!("{column}::text"),
            };
            i.unique && i.columns.len() == 1 && on_column(&i.columns[0])
        })
}

/// The label `label` of `a`'s enum becomes in `b`'s: renamed by a hint, kept, or gone.
fn label_after(b: &Schema, label: &str) -> Option<String> {
    let e = b.enums.first()?;
    match e.renamed_values.iter().find(|(_, old)| old == label) {
        Some((new, _)) => Some(new.clone()),
        None => e
            .values
            .iter()
            .any(|v| v == label)
            .then(|| label.to_owned()),
    }
}

/// The label `label` of `b`'s enum was in `a`'s: the inverse of [`label_after`].
fn label_before(b: &Schema, label: &str) -> String {
    b.enums
        .first()
        .and_then(|e| e.renamed_values.iter().find(|(new, _)| new == label))
        .map_or_else(|| label.to_owned(), |(_, old)| old.clone())
}

/// Rows for the "before" schema that every step of the pair can carry: each value fits its
/// column on both sides (type, length, NOT NULL, uniqueness, the check, the enum's labels, the
/// foreign key's target), so the migrations run, and the test can then ask that every value
/// of every column both sides have survives the up and the down. Declared-destructive changes
/// lose nothing here: a dropped column or table is not compared, a removed enum label is
/// never stored, and a narrowing type change only meets values that fit (values that do not
/// fit make `bigint` → `integer` fail and are cut by a `varchar(n)` cast, which is the hazard
/// the migration declares). A table that gains a NOT NULL column without a default, up or
/// down, gets no rows: that migration cannot run on rows, as its may-fail hazard says.
///
/// Returns the INSERT/UPDATE statements and the kept columns with their expected values.
fn rows(
    a_spec: &SchemaSpec,
    b_spec: &SchemaSpec,
    a: &Schema,
    b: &Schema,
    rows: &RowsSpec,
) -> (Vec<String>, Vec<Kept>) {
    let tables_a: Vec<Option<&TableDef>> = (0..TABLES)
        .map(|i| location(a_spec, i).and_then(|q| a.find_table(&q)))
        .collect();
    // Table i of `b`, when it is table i of `a` kept (same place, or moved by a hint).
    let kept_table = |i: usize| -> Option<&TableDef> {
        let (at, bt) = (tables_a[i]?, b.find_table(&location(b_spec, i)?)?);
        let old = at.qualified_name();
        (bt.qualified_name() == old
            || bt.renamed_from.as_deref() == Some(format!("{}.{}", old.schema, old.name).as_str()))
        .then_some(bt)
    };
    let kept_column = |i: usize, column: &str| -> Option<&ColumnDef> {
        kept_table(i)?
            .columns
            .iter()
            .find(|c| c.renamed_from.as_deref().unwrap_or(&c.name) == column)
    };
    let texts = texts();
    // A NOT NULL column without a default that one side adds (the up, or the down re-adding
    // what the up dropped) cannot be added to a table with rows.
    let required = |c: &ColumnDef| !c.nullable && c.default.is_none();
    let mut counts: Vec<usize> = (0..TABLES)
        .map(|i| match (tables_a[i], kept_table(i)) {
            (None, _) => 0,
            (Some(at), Some(bt))
                if bt.columns.iter().any(|c| {
                    required(c)
                        && !at
                            .columns
                            .iter()
                            .any(|o| c.renamed_from.as_deref().unwrap_or(&c.name) == o.name)
                }) || at
                    .columns
                    .iter()
                    .any(|c| required(c) && kept_column(i, &c.name).is_none()) =>
            {
                0
            }
            // Likewise a column one side adds with a default and a unique key: every row gets
            // the same value, so at most one row.
            (Some(at), Some(bt))
                if bt.columns.iter().any(|c| {
                    c.default.is_some()
                        && unique_on(bt, &c.name)
                        && !at
                            .columns
                            .iter()
                            .any(|o| c.renamed_from.as_deref().unwrap_or(&c.name) == o.name)
                }) || at.columns.iter().any(|c| {
                    c.default.is_some()
                        && unique_on(at, &c.name)
                        && kept_column(i, &c.name).is_none()
                }) =>
            {
                rows.tables[i].0.min(1)
            }
            _ => rows.tables[i].0,
        })
        .collect();
    // values[i][column] by row; a column with no fitting value for a row ends the rows there.
    let mut values: Vec<Vec<(String, Vec<Option<String>>)>> = vec![Vec::new(); TABLES];
    for i in 0..TABLES {
        let Some(at) = tables_a[i] else { continue };
        let seeds = rows.tables[i].1;
        let mut columns: Vec<(String, Vec<Option<String>>)> = Vec::new();
        for column in &at.columns {
            let after = kept_column(i, &column.name);
            let bt = kept_table(i);
            let unique = unique_on(at, &column.name)
                || bt.zip(after).is_some_and(|(bt, c)| unique_on(bt, &c.name));
            // A NULL the up migration fills with the default must be able to go back down:
            // a label new on the other side would make the down migration's rebuild fail.
            let filled_goes_back = |c: &ColumnDef| match (&c.default, column.name.as_str()) {
                (Some(ColumnDefault::String(label)), "mood") => {
                    a.enums[0].values.contains(&label_before(b, label))
                }
                (default, _) => default.is_some(),
            };
            // And filled NULLs all get the one default, which a unique key refuses.
            let null_ok = column.nullable
                && after.is_none_or(|c| c.nullable || (filled_goes_back(c) && !unique));
            let pool: Vec<Option<String>> = match column.name.as_str() {
                "id" | "k" | "ref" | "g" => continue,
                "n" => NUMBERS.iter().map(|n| n.map(str::to_owned)).collect(),
                // Labels the other side renames first: the first row starts there.
                "mood" => {
                    let labels = &a.enums[0].values;
                    let renamed = |l: &String| label_after(b, l).is_some_and(|n| n != *l);
                    let (first, rest): (Vec<&String>, Vec<&String>) =
                        labels.iter().partition(|l| renamed(l));
                    first
                        .into_iter()
                        .chain(rest)
                        .cloned()
                        .map(Some)
                        .chain([None])
                        .collect()
                }
                _ => texts.clone(),
            };
            let seed = seeds[match column.name.as_str() {
                "n" => 0,
                "mood" => 2,
                _ => 1,
            }];
            let fitting = |v: &Option<String>| match v {
                None => null_ok,
                Some(v) if column.name == "mood" => after.is_none() || label_after(b, v).is_some(),
                Some(v) => fits(&column.ty, v) && after.is_none_or(|c| fits(&c.ty, v)),
            };
            let mut chosen: Vec<Option<String>> = Vec::new();
            for r in 0..counts[i] {
                let pick = (0..pool.len())
                    .map(|k| {
                        let start = if column.name == "mood" && r == 0 {
                            0
                        } else {
                            seed + r
                        };
                        &pool[(start + k) % pool.len()]
                    })
                    .find(|v| fitting(v) && !(unique && v.is_some() && chosen.contains(v)));
                match pick {
                    Some(v) => chosen.push(v.clone()),
                    None => break,
                }
            }
            counts[i] = counts[i].min(chosen.len());
            columns.push((column.name.clone(), chosen));
        }
        values[i] = columns;
    }
    for (i, columns) in values.iter_mut().enumerate() {
        for (_, v) in columns.iter_mut() {
            v.truncate(counts[i]);
        }
    }

    // Rows first, then the references between them, whatever the order of the tables.
    let mut statements = Vec::new();
    let mut updates = Vec::new();
    let mut kept = Vec::new();
    for i in 0..TABLES {
        let Some(at) = tables_a[i] else { continue };
        let table = quote_qualified(&at.schema, &at.name);
        for r in 0..counts[i] {
            let mut names = vec!["\"id\"".to_owned()];
            let mut literals = vec![(r + 1).to_string()];
            if at.column("k").is_some() {
                names.push("\"k\"".into());
                literals.push(r.to_string());
            }
            for (name, v) in &values[i] {
                names.push(quote_ident(name));
                literals.push(v[r].as_deref().map_or("NULL".into(), quote_literal));
            }
            // The ids are given, also to an `identity(always)` column.
            statements.push(format!(
                "INSERT INTO {table} ({}) OVERRIDING SYSTEM VALUE VALUES ({})",
                names.join(", "),
                literals.join(", ")
            ));
        }
        // References point at rows of a table both sides keep, under the same key.
        let mut refs: Vec<Option<String>> = vec![None; counts[i]];
        if let Some(fk) = at.foreign_keys.first() {
            let j =
                (0..TABLES).find(|&j| tables_a[j].is_some_and(|t| t.qualified_name() == fk.target));
            let same_target = |j: usize| match (kept_column(i, "ref"), kept_table(i)) {
                (None, _) => true,
                (Some(_), Some(bt)) => bt.foreign_keys.first().is_some_and(|bfk| {
                    kept_table(j).is_some_and(|t| t.qualified_name() == bfk.target)
                }),
                (Some(_), None) => false,
            };
            if let Some(j) = j.filter(|&j| counts[j] > 0 && same_target(j)) {
                for (r, value) in refs.iter_mut().enumerate() {
                    // Every third row refers to nothing.
                    if !(rows.tables[i].1[3] + r).is_multiple_of(3) {
                        *value = Some(((rows.tables[i].1[3] + r) % counts[j] + 1).to_string());
                    }
                }
            }
            for (r, value) in refs.iter().enumerate() {
                if let Some(id) = value {
                    updates.push(format!(
                        "UPDATE {table} SET \"ref\" = {id} WHERE \"id\" = {}",
                        r + 1
                    ));
                }
            }
        }
        let Some(bt) = kept_table(i) else { continue };
        let ids = |v: &[Option<String>]| -> Values {
            v.iter()
                .enumerate()
                .map(|(r, v)| (r as i64 + 1, v.clone()))
                .collect()
        };
        let mut columns: Vec<(String, Vec<Option<String>>)> = values[i].clone();
        columns.push((
            "id".into(),
            (1..=counts[i]).map(|r| Some(r.to_string())).collect(),
        ));
        if at.column("k").is_some() {
            columns.push((
                "k".into(),
                (0..counts[i]).map(|r| Some(r.to_string())).collect(),
            ));
        }
        if at.column("ref").is_some() {
            columns.push(("ref".into(), refs));
        }
        for (name, before) in columns {
            let Some(bc) = kept_column(i, &name) else {
                continue;
            };
            let after: Vec<Option<String>> = before
                .iter()
                .map(|v| match v {
                    None if !bc.nullable => bc.default.as_ref().and_then(default_text),
                    None => None,
                    Some(label) if name == "mood" => label_after(b, label),
                    Some(v) => Some(v.clone()),
                })
                .collect();
            // Back down, a value is what it was, except a NULL the up migration filled.
            let down: Vec<Option<String>> = before
                .iter()
                .zip(&after)
                .map(|(before, after)| match (before, after) {
                    (None, Some(label)) if name == "mood" => Some(label_before(b, label)),
                    (None, after) => after.clone(),
                    (before, _) => before.clone(),
                })
                .collect();
            kept.push(Kept {
                a_table: at.qualified_name(),
                a_column: name.clone(),
                b_table: bt.qualified_name(),
                b_column: bc.name.clone(),
                before: ids(&before),
                after: ids(&after),
                down: ids(&down),
            });
        }
    }
    statements.extend(updates);
    (statements, kept)
}

/// The values of `column`, as text, by row id.
fn read_values(
    client: &mut postgres::Client,
    table: &QualifiedName,
    column: &str,
) -> Result<Values, TestCaseError> {
    let sql = format!(
        "SELECT \"id\"::bigint, {}::text FROM {} ORDER BY 1",
        quote_ident(column),
        quote_qualified(&table.schema, &table.name)
    );
    Ok(client
        .query(&sql, &[])
        .map_err(|e| TestCaseError::fail(format!("{sql}: {e:?}")))?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect())
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

fn check_pair(
    client: &mut postgres::Client,
    a: &Schema,
    b: &Schema,
    (inserts, kept): &(Vec<String>, Vec<Kept>),
) -> Result<(), TestCaseError> {
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
    for statement in create_schema_ddl(a) {
        client
            .batch_execute(&statement)
            .map_err(|e| TestCaseError::fail(format!("before: {statement}: {e:?}")))?;
    }
    for statement in inserts {
        client
            .batch_execute(statement)
            .map_err(|e| TestCaseError::fail(format!("rows: {statement}: {e:?}")))?;
    }
    run(client, &sql).map_err(|e| TestCaseError::fail(format!("{e}\nin\n{sql}")))?;
    for k in kept {
        let read = read_values(client, &k.b_table, &k.b_column)?;
        prop_assert_eq!(
            &read,
            &k.after,
            "values of {}.{} after the migration:\n{}",
            k.b_table,
            k.b_column,
            sql
        );
    }
    let read = introspect_declared(client, &["public", "s1"], b)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
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
    let read = introspect_declared(client, &["public", "s1"], a)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(
        comparable(&read),
        comparable(a),
        "down migration:\n{}",
        down
    );
    for k in kept {
        let read = read_values(client, &k.a_table, &k.a_column)?;
        prop_assert_eq!(
            &read,
            &k.down,
            "values of {}.{} after the down migration:\n{}",
            k.a_table,
            k.a_column,
            down
        );
    }
    Ok(())
}

/// `PROPTEST_CASES` pairs (default 150), in one database emptied before each case (a database per
/// case is slower).
#[test]
fn migration_reaches_the_target_schema() {
    let db = TestDb::new();
    let client = RefCell::new(db.client());
    let mut runner = TestRunner::new(Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(150),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..Config::default()
    });
    let result = runner.run(&(schema_spec(), schema_spec(), rows_spec()), |(a, b, r)| {
        let before = build(&a, None);
        let after = build(&b, Some(&a));
        let data = rows(&a, &b, &before, &after, &r);
        check_pair(&mut client.borrow_mut(), &before, &after, &data)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The generator exercises every kind of operation: each appears in 500 generated pairs (the
/// same deterministic pairs every run), so the property test above is not passing vacuously.
/// Not listed: a foreign key altered in place (`Constraint::AlterForeignKeyDeferral`), which
/// needs a pair that keeps a key as it is but for its deferral, seldom drawn; the diff case
/// `foreign_key_made_deferrable` has it.
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
        for op in plan.ops() {
            let name = format!("{op:?}");
            // `Kind(Variant {..})`: the kind and the variant.
            let name = name.split([' ', '{']).next().unwrap().replace('(', "::");
            *counts.entry(name).or_default() += 1;
        }
    }
    let expected = [
        "Column::Add",
        "Column::AddIdentity",
        "Column::AlterIdentity",
        "Column::AlterType",
        "Column::Comment",
        "Column::Drop",
        "Column::DropDefault",
        "Column::DropIdentity",
        "Column::DropNotNull",
        "Column::FinishSetNotNull",
        "Column::Rename",
        "Column::SetDefault",
        "Column::SetNotNull",
        "Constraint::AddCheck",
        "Constraint::AddForeignKey",
        "Constraint::AddPrimaryKey",
        "Constraint::AddUnique",
        "Constraint::AddExclusion",
        "Constraint::DropCheck",
        "Constraint::DropExclusion",
        "Constraint::DropForeignKey",
        "Constraint::DropPrimaryKey",
        "Constraint::DropUnique",
        "Constraint::Rename",
        "Constraint::Validate",
        "Domain::AddCheck",
        "Domain::Create",
        "Domain::Drop",
        "Domain::DropCheck",
        "Enum::AddValue",
        "Enum::Create",
        "Enum::Drop",
        "Enum::Rebuild",
        "Enum::RenameValue",
        "Extension::Create",
        "Extension::Drop",
        "Extension::SetSchema",
        "Function::Create",
        "Function::Drop",
        "Function::Replace",
        "Index::Create",
        "Index::Drop",
        "Policy::Alter",
        "Policy::Create",
        "Policy::Drop",
        "Policy::SetRowSecurity",
        "Raw::Create",
        "Raw::Drop",
        "Schema::Create",
        "Schema::Drop",
        "Sequence::Alter",
        "Sequence::Create",
        "Sequence::Drop",
        "Sequence::Rename",
        "Sequence::SetOwner",
        "Table::Comment",
        "Table::Create",
        "Table::Drop",
        "Table::Move",
        "Table::Rename",
        "Trigger::Create",
        "Trigger::Drop",
        "Trigger::Replace",
        "View::Comment",
        "View::Create",
        "View::Drop",
        "Grant::Grant",
        "Grant::Revoke",
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

/// The rows are not vacuous: over 1,000 generated cases (the same every run) the kept columns
/// carry NULLs, integer and text boundary values, multi-byte text, enum labels renamed by the
/// migration, NULLs the migration fills with a default, and values through type changes.
#[test]
fn generated_rows_reach_every_kind_of_value() {
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::deterministic();
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for _ in 0..1000 {
        let (a, b, r) = (schema_spec(), schema_spec(), rows_spec())
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let (before, after) = (build(&a, None), build(&b, Some(&a)));
        let (_, kept) = rows(&a, &b, &before, &after, &r);
        for k in &kept {
            let a_type = &before
                .find_table(&k.a_table)
                .unwrap()
                .column(&k.a_column)
                .unwrap()
                .ty;
            let b_type = &after
                .find_table(&k.b_table)
                .unwrap()
                .column(&k.b_column)
                .unwrap()
                .ty;
            for (((_, before), (_, up)), (_, down)) in k.before.iter().zip(&k.after).zip(&k.down) {
                let mut count = |what| *seen.entry(what).or_default() += 1;
                match (before, up) {
                    (None, None) => count("NULL"),
                    (None, Some(_)) => count("NULL filled by a default"),
                    (Some(b), Some(u)) if b != u => count("enum label renamed"),
                    (Some(v), _) if v == "9223372036854775807" || v == "-2147483648" => {
                        count("integer boundary")
                    }
                    (Some(v), _) if v.chars().count() == 12 && v.len() > 12 => {
                        count("12 multi-byte characters")
                    }
                    (Some(v), _) if v.chars().count() > 200 => count("text over 200 characters"),
                    (Some(_), _) => count("other value"),
                }
                assert!(before.is_none() || down == before, "{k:?}");
                if a_type != b_type {
                    count("value through a type change");
                }
                if k.a_column != k.b_column {
                    count("value through a column rename");
                }
                if k.a_table != k.b_table {
                    count("value through a table rename or move");
                }
            }
        }
    }
    // A renamed label needs a kept table with the enum column on both sides and a rename:
    // rare in the generator, so one of each is asked for.
    for what in [
        "NULL",
        "NULL filled by a default",
        "enum label renamed",
        "integer boundary",
        "12 multi-byte characters",
        "text over 200 characters",
        "value through a type change",
        "value through a column rename",
        "value through a table rename or move",
    ] {
        assert!(seen.contains_key(what), "never {what}: {seen:#?}");
    }
}
