//! Reads a live database's catalog back into the model: the other half of checking that the
//! DDL rendered from the models creates exactly what they declare.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use schema_core::introspect::introspect;
//! use schema_core::model::canonical;
//!
//! let mut client = postgres::Client::connect("postgres://postgres@127.0.0.1/app", postgres::NoTls)?;
//! let live = introspect(&mut client, &["public", "storage"])?;
//! # let declared = schema_core::Schema::new();
//! assert_eq!(canonical(&live), canonical(&declared));
//! # Ok(())
//! # }
//! ```
//!
//! Only what the model can express is read. Where the catalog holds something the model has
//! no place for and dropping it would make the result wrong (an exclusion constraint with
//! `INCLUDE` columns, a trigger with a `WHEN` condition), [`introspect`] fails with
//! [`IntrospectError::Unsupported`] instead of returning a schema that looks equal but is not.
//! The error lists every such object at once, so that adopting a database shows the whole of
//! what is missing in one run.
//! Finer details the model does not carry are not read and do not fail: index column order
//! (`DESC`, `NULLS FIRST`), operator classes and collations, `INCLUDE` columns of a constraint's
//! index, `NOT VALID`, and an
//! identity's sequence options other than `START` and `INCREMENT` (`MINVALUE`, `MAXVALUE`,
//! `CACHE`, `CYCLE`).

use crate::model::{
    strip_outer_parens, CheckConstraint, ColumnDef, ColumnDefault, Deferrable, DomainDef, EnumDef,
    ExclusionConstraint, ExclusionElement, Extension, ForeignKey, Function, Identity, Index,
    IndexKey, IndexMethod, KeyPart, NullsOrder, Policy, PolicyCommand, PrimaryKey, QualifiedName,
    RawKind, RawObject, ReferentialAction, RowSecurity, Schema, Sequence, SequenceType, SqlType,
    TableDef, Trigger, TriggerEvent, TriggerTiming, UniqueConstraint, ViewColumn, ViewDef,
    Volatility,
};
use postgres::Client;
use std::collections::BTreeMap;

mod partitions;
mod privileges;

/// Why the catalog could not be read into the model.
#[derive(Debug, thiserror::Error)]
pub enum IntrospectError {
    /// A catalog query failed (connection lost, permission denied, ...).
    #[error("catalog query failed: {0}")]
    Query(#[from] postgres::Error),
    /// The database holds things the model cannot represent: every one found, in catalog
    /// order.
    #[error("{}", unsupported_message(found))]
    Unsupported {
        /// What was found, at least one.
        found: Vec<Unrepresentable>,
    },
}

/// One object of the catalog the model has no place for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unrepresentable {
    /// The table (or, for a type, the type) concerned.
    pub table: QualifiedName,
    /// What was found, e.g. "index `idx_lower_email` on expressions".
    pub what: String,
}

impl std::fmt::Display for Unrepresentable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` has {}", self.table, self.what)
    }
}

/// One line: the one object, or how many and each of them.
fn unsupported_message(found: &[Unrepresentable]) -> String {
    match found {
        [one] => format!("{one}, which the model cannot represent"),
        many => {
            let listed: Vec<String> = many.iter().map(ToString::to_string).collect();
            format!(
                "the model cannot represent {} objects of the database: {}",
                many.len(),
                listed.join("; ")
            )
        }
    }
}

/// Reads the enum types and tables of the PostgreSQL schemas (namespaces) `schemas` into a
/// [`Schema`], in the model's normalized order.
///
/// * Extensions whose objects are in `schemas` (but `plpgsql`). The objects an extension
///   made (a table or enum type of PostGIS, say) are the extension's, not read as the
///   schema's own.
/// * Enums: their values in sort order (`enumsortorder`) and their comment.
/// * Sequences but an identity column's: type, options ([`Sequence::canonical`]) and the
///   column that owns them (a `serial`'s sequence is one).
/// * Functions, by schema and name.
/// * Tables (ordinary and partitioned: their key and partitions with bounds, a declared
///   bound kept when PostgreSQL finds its values equal) and their comments; columns in
///   `attnum` order with type, nullability, default and comment. Enum types, and arrays of
///   them, become [`SqlType::Enum`] (inside [`SqlType::Array`]) by looking at `pg_type`;
///   other types are [`SqlType::parse`]d from `format_type`. Defaults are read with
///   [`ColumnDefault::from_sql`]; an identity column's kind, start and increment (from its
///   sequence) as an [`Identity`]; a stored generated column's expression as `pg_get_expr`
///   prints it, less one pair of outer parentheses.
/// * Primary keys, unique constraints, foreign keys (columns and referenced columns in key
///   order, `ON DELETE` / `ON UPDATE` actions) and check constraints (the expression as
///   `pg_get_constraintdef` prints it, less `CHECK` and one pair of outer parentheses).
/// * Roles and privileges: the grants beyond PostgreSQL's defaults on what is read, and the
///   roles they, the policies and `declared` name, with their memberships.
/// * Indexes that do not back a primary-key, unique or exclusion constraint: columns in key
///   order, uniqueness, access method and partial-index predicate (as `pg_get_expr` prints
///   it, less one pair of outer parentheses).
///
/// Expressions come back in PostgreSQL's spelling, not the one that created them; compare a
/// declared schema with a read-back one through [`crate::model::canonical`], whose
/// documentation says which differences that smooths over and which it cannot.
pub fn introspect(client: &mut Client, schemas: &[&str]) -> Result<Schema, IntrospectError> {
    introspect_declared(client, schemas, &Schema::new())
}

/// [`introspect`], knowing the [raw objects](RawObject) `declared` declares: the catalog
/// cannot give their statements back, so each one whose kind and name the catalog has (an
/// aggregate or routine by its signature, an operator, a type, a cast, a collation; an object
/// of another kind always) is read back as declared, and an aggregate, procedure or overload
/// one of them declares is not reported as unrepresentable. What `migrate verify` and
/// `baseline` compare a database with.
pub fn introspect_declared(
    client: &mut Client,
    schemas: &[&str],
    declared: &Schema,
) -> Result<Schema, IntrospectError> {
    let schemas: Vec<&str> = schemas.to_vec();
    let raw: Vec<&RawObject> = declared
        .raw_objects
        .iter()
        .filter(|o| o.kind == RawKind::Cast || schemas.contains(&o.schema.as_str()))
        .collect();
    let mut schema = Schema::new();
    for extension in read_extensions(client, &schemas)? {
        schema.add_extension(extension);
    }
    for def in read_enums(client, &schemas)? {
        schema.add_enum(def);
    }
    let mut found = Vec::new();
    for def in read_domains(client, &schemas, &mut found)? {
        schema.add_domain(def);
    }
    let mut tables = read_tables(client, &schemas, &mut found)?;
    let oids: Vec<u32> = tables.keys().copied().collect();
    read_columns(client, &oids, &mut tables, &mut found)?;
    read_constraints(client, &oids, &mut tables, &mut found)?;
    read_indexes(client, &oids, &mut tables, &mut found)?;
    read_exclusions(client, &oids, &mut tables, &mut found)?;
    read_triggers(client, &oids, &mut tables, &mut found)?;
    read_policies(client, &oids, &mut tables)?;
    partitions::read_partitions(client, &mut tables, declared, &mut found)?;
    let (functions, routines) = read_functions(client, &schemas, &raw, &mut found)?;
    for function in functions {
        schema.add_function(function);
    }
    for object in read_raw_objects(client, &raw, &routines)? {
        schema.add_raw(object);
    }
    for sequence in read_sequences(client, &schemas, &mut found)? {
        schema.add_sequence(sequence);
    }
    for view in read_views(client, &schemas, declared, &mut found)? {
        schema.add_view(view);
    }
    for table in tables.into_values() {
        schema.add_table(table);
    }
    for grant in privileges::read_grants(client, &schemas, &schema, &mut found)? {
        schema.add_grant(grant);
    }
    for role in privileges::read_roles(client, &schema, declared)? {
        schema.add_role(role);
    }
    if !found.is_empty() {
        return Err(IntrospectError::Unsupported { found });
    }
    Ok(schema)
}

/// The extensions whose objects are in `schemas`, but `plpgsql`, which every database has
/// from its template.
fn read_extensions(
    client: &mut Client,
    schemas: &[&str],
) -> Result<Vec<Extension>, IntrospectError> {
    let rows = client.query(
        "SELECT e.extname::text, n.nspname::text
         FROM pg_catalog.pg_extension e
         JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname <> 'plpgsql' AND n.nspname::text = ANY($1::text[])",
        &[&schemas],
    )?;
    Ok(rows
        .iter()
        .map(|row| Extension::new(row.get::<_, String>(0)).in_schema(row.get::<_, String>(1)))
        .collect())
}

fn read_enums(client: &mut Client, schemas: &[&str]) -> Result<Vec<EnumDef>, IntrospectError> {
    let rows = client.query(
        "SELECT n.nspname::text, t.typname::text, obj_description(t.oid, 'pg_type'),
                ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
                      WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
         FROM pg_catalog.pg_type t
         JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
         WHERE t.typtype = 'e' AND n.nspname::text = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                           WHERE dep.classid = 'pg_catalog.pg_type'::regclass
                             AND dep.objid = t.oid AND dep.deptype = 'e')",
        &[&schemas],
    )?;
    Ok(rows
        .iter()
        .map(|row| EnumDef {
            schema: row.get(0),
            name: row.get(1),
            comment: row.get(2),
            values: row.get(3),
            renamed_values: Vec::new(),
        })
        .collect())
}

fn read_tables(
    client: &mut Client,
    schemas: &[&str],
    found: &mut Vec<Unrepresentable>,
) -> Result<BTreeMap<u32, TableDef>, IntrospectError> {
    let rows = client.query(
        "SELECT c.oid, n.nspname::text, c.relname::text, obj_description(c.oid, 'pg_class'),
                c.relkind::text, c.relpersistence::text, array_to_string(c.reloptions, ', '),
                c.relrowsecurity, c.relforcerowsecurity
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND n.nspname::text = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                           WHERE dep.classid = 'pg_catalog.pg_class'::regclass
                             AND dep.objid = c.oid AND dep.deptype = 'e')",
        &[&schemas],
    )?;
    let mut tables = BTreeMap::new();
    for row in &rows {
        let mut table = TableDef::new(row.get::<_, String>(1), row.get::<_, String>(2));
        table.comment = row.get(3);
        // Read as a plain table, each of these would compare equal to models without it.
        if row.get::<_, String>(5) == "u" {
            found.push(unsupported(&table, "`UNLOGGED` storage".to_owned()));
        }
        if let Some(options) = row.get::<_, Option<String>>(6) {
            found.push(unsupported(
                &table,
                format!("storage parameters ({options})"),
            ));
        }
        table.row_security = match (row.get(7), row.get(8)) {
            (true, true) => RowSecurity::Forced,
            (true, false) => RowSecurity::On,
            // Forced without being on does nothing: read as off.
            (false, _) => RowSecurity::Off,
        };
        tables.insert(row.get(0), table);
    }
    Ok(tables)
}

/// The row-level security policies of the tables: command, kind, roles (none for `PUBLIC`)
/// and expressions as `pg_get_expr` prints them, less one pair of outer parentheses.
fn read_policies(
    client: &mut Client,
    oids: &[u32],
    tables: &mut BTreeMap<u32, TableDef>,
) -> Result<(), IntrospectError> {
    let rows = client.query(
        "SELECT p.polrelid, p.polname::text, p.polcmd::text, p.polpermissive,
                ARRAY(SELECT r.rolname::text FROM pg_catalog.pg_roles r
                      WHERE r.oid = ANY(p.polroles) ORDER BY 1),
                pg_catalog.pg_get_expr(p.polqual, p.polrelid),
                pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)
         FROM pg_catalog.pg_policy p
         WHERE p.polrelid = ANY($1::oid[])
         ORDER BY p.polrelid, p.polname",
        &[&oids],
    )?;
    for row in rows {
        let table = table_of(tables, row.get(0));
        let command = match row.get::<_, String>(2).as_str() {
            "r" => PolicyCommand::Select,
            "a" => PolicyCommand::Insert,
            "w" => PolicyCommand::Update,
            "d" => PolicyCommand::Delete,
            _ => PolicyCommand::All,
        };
        let expression = |e: Option<String>| e.map(|e| strip_outer_parens(&e).to_owned());
        table.policies.push(Policy {
            name: row.get(1),
            command,
            restrictive: !row.get::<_, bool>(3),
            roles: row.get(4),
            using: expression(row.get(5)),
            with_check: expression(row.get(6)),
        });
    }
    Ok(())
}

fn read_columns(
    client: &mut Client,
    oids: &[u32],
    tables: &mut BTreeMap<u32, TableDef>,
    found: &mut Vec<Unrepresentable>,
) -> Result<(), IntrospectError> {
    let rows = client.query(
        "SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum),
                t.typtype::text, tn.nspname::text, t.typname::text,
                et.typtype::text, etn.nspname::text, et.typname::text,
                a.attidentity::text, a.attgenerated::text, seq.seqstart, seq.seqincrement
         FROM pg_catalog.pg_attribute a
         JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
         JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
         LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typlen = -1
         LEFT JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace
         LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         -- An identity column's sequence depends on it internally ('i').
         LEFT JOIN pg_catalog.pg_depend dep
           ON a.attidentity <> '' AND dep.refclassid = 'pg_catalog.pg_class'::regclass
          AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
          AND dep.classid = 'pg_catalog.pg_class'::regclass AND dep.deptype = 'i'
         LEFT JOIN pg_catalog.pg_sequence seq ON seq.seqrelid = dep.objid
         WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attrelid, a.attnum",
        &[&oids],
    )?;
    for row in rows {
        let table = table_of(tables, row.get(0));
        let name: String = row.get(1);
        let identity = match row.get::<_, String>(12).as_str() {
            "" => None,
            kind @ ("a" | "d") => Some(
                Identity {
                    always: kind == "a",
                    start: row.get(14),
                    increment: row.get(15),
                }
                .canonical(),
            ),
            other => {
                found.push(unsupported(
                    table,
                    format!("identity column `{name}` of unknown kind `{other}`"),
                ));
                continue;
            }
        };
        // A generated column's expression is kept where a default would be.
        let generated = match row.get::<_, String>(13).as_str() {
            "" => false,
            "s" => true,
            other => {
                found.push(unsupported(
                    table,
                    format!("generated column `{name}` of unknown kind `{other}`"),
                ));
                continue;
            }
        };
        let ty = if let Some(ty) = enum_type(row.get(6), row.get(7), row.get(8)) {
            ty
        } else if let Some(element) = enum_type(row.get(9), row.get(10), row.get(11)) {
            SqlType::array_of(element)
        } else {
            SqlType::parse(row.get(2))
        };
        let not_null: bool = row.get(3);
        let expression: Option<String> = row.get(4);
        let (default, generated) = match expression {
            Some(expr) if generated => (None, Some(strip_outer_parens(&expr).to_owned())),
            expr => (expr.map(|expr| ColumnDefault::from_sql(&expr, &ty)), None),
        };
        let comment: Option<String> = row.get(5);
        table.columns.push(ColumnDef {
            name,
            ty,
            nullable: !not_null,
            default,
            identity,
            generated,
            comment,
            renamed_from: None,
            using: None,
        });
    }
    Ok(())
}

fn read_constraints(
    client: &mut Client,
    oids: &[u32],
    tables: &mut BTreeMap<u32, TableDef>,
    found: &mut Vec<Unrepresentable>,
) -> Result<(), IntrospectError> {
    let rows = client.query(
        "SELECT con.conrelid, con.conname::text, con.contype::text,
                ARRAY(SELECT a.attname::text
                      FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_catalog.pg_attribute a
                        ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                      ORDER BY k.ord),
                fn.nspname::text, fc.relname::text,
                ARRAY(SELECT a.attname::text
                      FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_catalog.pg_attribute a
                        ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                      ORDER BY k.ord),
                con.confdeltype::text, con.confupdtype::text, pg_get_constraintdef(con.oid),
                con.condeferrable, con.condeferred, con.confmatchtype::text
         FROM pg_catalog.pg_constraint con
         LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
         LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
         WHERE con.conrelid = ANY($1::oid[])
         ORDER BY con.conrelid, con.conname",
        &[&oids],
    )?;
    for row in rows {
        let table = table_of(tables, row.get(0));
        let name: String = row.get(1);
        let kind: String = row.get(2);
        let columns: Vec<String> = row.get(3);
        // What the model has no field for: read as a constraint without it, a database would
        // compare equal to models that would drop it.
        let deferrable = match (row.get::<_, bool>(10), row.get::<_, bool>(11)) {
            (false, _) => Deferrable::Not,
            (true, false) => Deferrable::InitiallyImmediate,
            (true, true) => Deferrable::InitiallyDeferred,
        };
        if deferrable != Deferrable::Not && !matches!(kind.as_str(), "p" | "u" | "f") {
            found.push(unsupported(
                table,
                format!("deferrable constraint `{name}` (only keys and foreign keys can be)"),
            ));
            continue;
        }
        // PostgreSQL does not implement it; only a catalog edited by hand could hold it.
        if kind == "f" && row.get::<_, String>(12) == "p" {
            found.push(unsupported(
                table,
                format!("foreign key `{name}` with MATCH PARTIAL"),
            ));
            continue;
        }
        match constraint(table, name, &kind, columns, deferrable, &row) {
            Ok(()) => {}
            Err(what) => found.push(what),
        }
    }
    Ok(())
}

/// Adds one catalog constraint to `table`, or says why the model cannot hold it.
fn constraint(
    table: &mut TableDef,
    name: String,
    kind: &str,
    columns: Vec<String>,
    deferrable: Deferrable,
    row: &postgres::Row,
) -> Result<(), Unrepresentable> {
    match kind {
        "p" => {
            table.primary_key = Some(PrimaryKey {
                name,
                columns,
                deferrable,
            })
        }
        "u" => table.uniques.push(UniqueConstraint {
            name,
            columns,
            deferrable,
        }),
        "f" => {
            let (Some(target_schema), Some(target_name)) = (
                row.get::<_, Option<String>>(4),
                row.get::<_, Option<String>>(5),
            ) else {
                return Err(unsupported(
                    table,
                    format!("foreign key `{name}` whose referenced table cannot be read"),
                ));
            };
            let action = |code: String| {
                referential_action(&code).ok_or_else(|| {
                    unsupported(
                        table,
                        format!("foreign key `{name}` with unknown referential action `{code}`"),
                    )
                })
            };
            let on_delete = action(row.get(7))?;
            let on_update = action(row.get(8))?;
            table.foreign_keys.push(ForeignKey {
                name,
                columns,
                target: QualifiedName::new(target_schema, target_name),
                target_columns: row.get(6),
                on_delete,
                on_update,
                deferrable,
                match_full: row.get::<_, String>(12) == "f",
            });
        }
        "c" => {
            let definition: String = row.get(9);
            let expression = definition
                .strip_prefix("CHECK ")
                .map(strip_outer_parens)
                .ok_or_else(|| {
                    unsupported(
                        table,
                        format!("check constraint `{name}` that reads back as `{definition}`"),
                    )
                })?
                .to_owned();
            table.checks.push(CheckConstraint { name, expression });
        }
        // `NOT NULL` constraints (PostgreSQL 18): nullability is read from the column.
        "n" => {}
        // Read with their index's keys and operators (`read_exclusions`).
        "x" => {}
        "t" => return Err(unsupported(table, format!("constraint trigger `{name}`"))),
        other => {
            return Err(unsupported(
                table,
                format!("constraint `{name}` of unknown kind `{other}`"),
            ))
        }
    }
    Ok(())
}

/// The keys of the index `i` (`pg_index`), four arrays of one element per key: its column
/// (NULL for an expression), its definition as PostgreSQL prints it, its `indoption` bits (1:
/// DESC, 2: NULLS FIRST) and its operator class unless it is the default one for the key's
/// type. Read back by [`index_keys`].
const INDEX_KEYS: &str = "ARRAY(SELECT a.attname::text
                      FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                      LEFT JOIN pg_catalog.pg_attribute a
                        ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
                      WHERE k.ord <= i.indnkeyatts
                      ORDER BY k.ord),
                ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k.ord::int, true)
                      FROM generate_series(1, i.indnkeyatts) AS k(ord)
                      ORDER BY k.ord),
                ARRAY(SELECT o.option::int
                      FROM unnest(i.indoption::int2[]) WITH ORDINALITY AS o(option, ord)
                      WHERE o.ord <= i.indnkeyatts
                      ORDER BY o.ord),
                ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL
                                  WHEN pg_catalog.pg_opclass_is_visible(oc.oid) THEN oc.opcname::text
                                  ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END
                      FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS c(opclass, ord)
                      JOIN pg_catalog.pg_opclass oc ON oc.oid = c.opclass
                      JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
                      WHERE c.ord <= i.indnkeyatts
                      ORDER BY c.ord)";

/// The keys of an index from the four arrays of [`INDEX_KEYS`], at column `at` of `row` on.
fn index_keys(row: &postgres::Row, at: usize) -> Vec<IndexKey> {
    let columns: Vec<Option<String>> = row.get(at);
    let definitions: Vec<String> = row.get(at + 1);
    let options: Vec<i32> = row.get(at + 2);
    let opclasses: Vec<Option<String>> = row.get(at + 3);
    columns
        .into_iter()
        .zip(definitions)
        .zip(options.into_iter().zip(opclasses))
        .map(|((column, definition), (option, opclass))| {
            let descending = option & 1 != 0;
            let nulls_first = option & 2 != 0;
            IndexKey {
                part: match column {
                    Some(column) => KeyPart::Column(column),
                    None => KeyPart::Expression(strip_outer_parens(&definition).to_owned()),
                },
                descending,
                nulls: match (descending, nulls_first) {
                    (false, true) => Some(NullsOrder::First),
                    (true, false) => Some(NullsOrder::Last),
                    _ => None,
                },
                opclass,
            }
        })
        .collect()
}

/// The exclusion constraints of the tables: each element's key (as an index's), its operator,
/// the access method and the predicate of the constraint's index.
fn read_exclusions(
    client: &mut Client,
    oids: &[u32],
    tables: &mut BTreeMap<u32, TableDef>,
    found: &mut Vec<Unrepresentable>,
) -> Result<(), IntrospectError> {
    let rows = client.query(
        &format!(
            "SELECT con.conrelid, con.conname::text, am.amname::text,
                    {KEYS},
                    ARRAY(SELECT CASE WHEN pg_catalog.pg_operator_is_visible(o.oid) THEN o.oprname::text
                                      ELSE 'OPERATOR(' || quote_ident(n.nspname) || '.' || o.oprname || ')' END
                          FROM unnest(con.conexclop) WITH ORDINALITY AS x(op, ord)
                          JOIN pg_catalog.pg_operator o ON o.oid = x.op
                          JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
                          ORDER BY x.ord),
                    pg_get_expr(i.indpred, i.indrelid), i.indnatts > i.indnkeyatts,
                    ic.reloptions IS NOT NULL
             FROM pg_catalog.pg_constraint con
             JOIN pg_catalog.pg_index i ON i.indexrelid = con.conindid
             JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
             JOIN pg_catalog.pg_am am ON am.oid = ic.relam
             WHERE con.contype = 'x' AND con.conrelid = ANY($1::oid[])
             ORDER BY con.conrelid, con.conname",
            KEYS = INDEX_KEYS
        ),
        &[&oids],
    )?;
    for row in rows {
        let table = table_of(tables, row.get(0));
        let name: String = row.get(1);
        let method_name: String = row.get(2);
        let method = IndexMethod::parse(&method_name);
        if method.is_none() || row.get::<_, bool>(9) || row.get::<_, bool>(10) {
            found.push(unsupported(
                table,
                format!(
                    "exclusion constraint `{name}` with {}",
                    if method.is_none() {
                        format!("access method `{method_name}`")
                    } else {
                        "`INCLUDE` columns or storage parameters".to_owned()
                    }
                ),
            ));
            continue;
        }
        let operators: Vec<String> = row.get(7);
        let elements = index_keys(&row, 3)
            .into_iter()
            .zip(operators)
            .map(|(key, operator)| ExclusionElement { key, operator })
            .collect();
        table.exclusions.push(ExclusionConstraint {
            name,
            method: method.unwrap_or_default(),
            elements,
            predicate: row
                .get::<_, Option<String>>(8)
                .map(|p| strip_outer_parens(&p).to_owned()),
        });
    }
    Ok(())
}

fn read_indexes(
    client: &mut Client,
    oids: &[u32],
    tables: &mut BTreeMap<u32, TableDef>,
    found: &mut Vec<Unrepresentable>,
) -> Result<(), IntrospectError> {
    // The keys as `INDEX_KEYS` reads them. `indnullsnotdistinct` exists from PostgreSQL 15 on:
    // read through `to_jsonb` so that older servers give `false`.
    let rows = client.query(
        &format!(
            "SELECT i.indrelid, ic.relname::text, i.indisunique, am.amname::text,
                {KEYS},
                ARRAY(SELECT a.attname::text
                      FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_catalog.pg_attribute a
                        ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                      WHERE k.ord > i.indnkeyatts
                      ORDER BY k.ord),
                COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::bool, false),
                pg_get_expr(i.indpred, i.indrelid),
                COALESCE(ic.reloptions, '{{}}')
         FROM pg_catalog.pg_index i
         JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_catalog.pg_am am ON am.oid = ic.relam
         WHERE i.indrelid = ANY($1::oid[])
           AND NOT EXISTS (
               SELECT 1 FROM pg_catalog.pg_constraint con
               WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                 AND con.contype IN ('p', 'u', 'x'))
         ORDER BY i.indrelid, ic.relname",
            KEYS = INDEX_KEYS
        ),
        &[&oids],
    )?;
    for row in rows {
        let table = table_of(tables, row.get(0));
        let name: String = row.get(1);
        let method_name: String = row.get(3);
        let Some(method) = IndexMethod::parse(&method_name) else {
            found.push(unsupported(
                table,
                format!("index `{name}` using access method `{method_name}`"),
            ));
            continue;
        };
        let keys = index_keys(&row, 4);
        let predicate = row
            .get::<_, Option<String>>(10)
            .map(|p| strip_outer_parens(&p).to_owned());
        let with = row
            .get::<_, Vec<String>>(11)
            .into_iter()
            .map(|option| match option.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => (option, String::new()),
            })
            .collect();
        table.indexes.push(Index {
            name,
            columns: keys,
            with,
            include: row.get(8),
            nulls_not_distinct: row.get(9),
            unique: row.get(2),
            method,
            predicate,
        });
    }
    Ok(())
}

/// The views and materialized views of `schemas`: columns and their types, indexes, comment.
/// The catalog keeps a query as PostgreSQL rewrote it (`pg_get_viewdef`), not as written: a
/// view the models declare (`declared`) is read with its declared query and `WITH NO DATA`,
/// which the catalog cannot give back, and compares by the rest.
fn read_views(
    client: &mut Client,
    schemas: &[&str],
    declared: &Schema,
    found: &mut Vec<Unrepresentable>,
) -> Result<Vec<ViewDef>, IntrospectError> {
    let rows = client.query(
        "SELECT c.oid, n.nspname::text, c.relname::text, c.relkind = 'm',
                obj_description(c.oid, 'pg_class'), pg_get_viewdef(c.oid, true),
                c.relispopulated,
                array_to_string(ARRAY(SELECT o FROM unnest(c.reloptions) o
                                      WHERE o NOT LIKE 'security_invoker=%'), ', '),
                EXISTS (SELECT 1 FROM unnest(c.reloptions) o
                        WHERE o IN ('security_invoker=true', 'security_invoker=on',
                                    'security_invoker=1', 'security_invoker=yes'))
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('v', 'm') AND n.nspname::text = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                           WHERE dep.classid = 'pg_catalog.pg_class'::regclass
                             AND dep.objid = c.oid AND dep.deptype = 'e')",
        &[&schemas],
    )?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // Their columns and indexes are read as a table's.
    let mut relations: BTreeMap<u32, TableDef> = BTreeMap::new();
    let mut views = BTreeMap::new();
    for row in &rows {
        let oid: u32 = row.get(0);
        let mut view = ViewDef::new(
            row.get::<_, String>(1),
            row.get::<_, String>(2),
            String::new(),
        );
        view.materialized = row.get(3);
        view.comment = row.get(4);
        let rewritten: String = row.get(5);
        let populated: bool = row.get(6);
        match declared
            .find_view(&view.qualified_name())
            .filter(|d| d.materialized == view.materialized)
        {
            Some(d) => {
                view.query = d.query.clone();
                view.with_no_data = d.with_no_data;
            }
            None => {
                view.query = rewritten.trim().trim_end_matches(';').to_owned();
                view.with_no_data = view.materialized && !populated;
            }
        }
        view.security_invoker = row.get(8);
        let table = TableDef::new(&view.schema, &view.name);
        if let Some(options) = row.get::<_, Option<String>>(7).filter(|o| !o.is_empty()) {
            found.push(unsupported(&table, format!("view options ({options})")));
        }
        relations.insert(oid, table);
        views.insert(oid, view);
    }
    let oids: Vec<u32> = relations.keys().copied().collect();
    read_columns(client, &oids, &mut relations, found)?;
    read_indexes(client, &oids, &mut relations, found)?;
    Ok(views
        .into_iter()
        .map(|(oid, mut view)| {
            let relation = relations
                .remove(&oid)
                .unwrap_or_else(|| TableDef::new(&view.schema, &view.name));
            view.columns = relation
                .columns
                .into_iter()
                .map(|c| ViewColumn {
                    name: c.name,
                    ty: c.ty,
                })
                .collect();
            view.indexes = relation.indexes;
            view
        })
        .collect())
}

/// An enum type from its `pg_type.typtype`, namespace and name; `None` for any other type.
fn enum_type(
    typtype: Option<String>,
    schema: Option<String>,
    name: Option<String>,
) -> Option<SqlType> {
    match (typtype.as_deref(), schema, name) {
        (Some("e"), Some(schema), Some(name)) => Some(SqlType::Enum { schema, name }),
        (Some("d"), Some(schema), Some(name)) => Some(SqlType::Domain { schema, name }),
        _ => None,
    }
}

/// The domains of `schemas` that no extension made: base type (an enum, an array of one, or
/// [`SqlType::parse`]d), `NOT NULL` and checks (as `pg_get_constraintdef` prints them, less
/// `CHECK` and one pair of parentheses). A domain default has no place in the model.
fn read_domains(
    client: &mut Client,
    schemas: &[&str],
    found: &mut Vec<Unrepresentable>,
) -> Result<Vec<DomainDef>, IntrospectError> {
    let rows = client.query(
        "SELECT n.nspname::text, t.typname::text, format_type(t.typbasetype, t.typtypmod),
                t.typnotnull, t.typdefault IS NOT NULL,
                b.typtype::text, bn.nspname::text, b.typname::text,
                ARRAY(SELECT c.conname::text FROM pg_catalog.pg_constraint c
                      WHERE c.contypid = t.oid ORDER BY c.conname),
                ARRAY(SELECT pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c
                      WHERE c.contypid = t.oid ORDER BY c.conname)
         FROM pg_catalog.pg_type t
         JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
         JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype
         JOIN pg_catalog.pg_namespace bn ON bn.oid = b.typnamespace
         WHERE t.typtype = 'd' AND n.nspname::text = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                           WHERE dep.classid = 'pg_catalog.pg_type'::regclass
                             AND dep.objid = t.oid AND dep.deptype = 'e')
         ORDER BY 1, 2",
        &[&schemas],
    )?;
    let mut domains = Vec::new();
    for row in &rows {
        let base = enum_type(row.get(5), row.get(6), row.get(7))
            .unwrap_or_else(|| SqlType::parse(row.get(2)));
        let mut def = DomainDef::new(row.get::<_, String>(0), row.get::<_, String>(1), base);
        def.not_null = row.get(3);
        if row.get::<_, bool>(4) {
            found.push(Unrepresentable {
                what: "a default, which a domain of the model does not have".to_owned(),
                table: def.qualified_name(),
            });
        }
        let names: Vec<String> = row.get(8);
        let definitions: Vec<String> = row.get(9);
        for (name, definition) in names.into_iter().zip(definitions) {
            match definition.strip_prefix("CHECK ") {
                Some(expression) => {
                    def = def.check(name, strip_outer_parens(expression));
                }
                None => found.push(Unrepresentable {
                    what: format!("constraint `{name}`, which is no check: {definition}"),
                    table: def.qualified_name(),
                }),
            }
        }
        domains.push(def);
    }
    Ok(domains)
}

/// The sequences of `schemas` that are neither an identity column's (which the column's
/// [`Identity`] stands for) nor an extension's: a `serial` column's sequence is one, owned by
/// its column, which its `nextval(..)` default draws from.
fn read_sequences(
    client: &mut Client,
    schemas: &[&str],
    found: &mut Vec<Unrepresentable>,
) -> Result<Vec<Sequence>, IntrospectError> {
    let rows = client.query(
        "SELECT n.nspname::text, c.relname::text, format_type(s.seqtypid, NULL), s.seqstart,
                s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                owner.relname::text, a.attname::text, owner_ns.nspname::text
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
         -- A column owns a sequence by an automatic dependency ('a') on it.
         LEFT JOIN pg_catalog.pg_depend dep
           ON dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = c.oid
          AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjsubid > 0
          AND dep.deptype = 'a'
         LEFT JOIN pg_catalog.pg_class owner ON owner.oid = dep.refobjid
         LEFT JOIN pg_catalog.pg_namespace owner_ns ON owner_ns.oid = owner.relnamespace
         LEFT JOIN pg_catalog.pg_attribute a
           ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
         WHERE c.relkind = 'S' AND n.nspname::text = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                           WHERE d.classid = 'pg_catalog.pg_class'::regclass
                             AND d.objid = c.oid AND d.deptype IN ('i', 'e'))
         ORDER BY 1, 2",
        &[&schemas],
    )?;
    let mut sequences = Vec::new();
    for row in &rows {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let type_name: String = row.get(2);
        let Some(ty) = SequenceType::from_sql(&type_name) else {
            found.push(Unrepresentable {
                what: format!(
                    "values of type {type_name}: a sequence is smallint, integer or bigint"
                ),
                table: name,
            });
            continue;
        };
        let mut sequence = Sequence::new(&name.schema, &name.name).of_type(ty);
        sequence.start = Some(row.get(3));
        sequence.increment = Some(row.get(4));
        sequence.min_value = Some(row.get(5));
        sequence.max_value = Some(row.get(6));
        sequence.cache = Some(row.get(7));
        sequence.cycle = row.get(8);
        let owner: (Option<String>, Option<String>, Option<String>) =
            (row.get(9), row.get(10), row.get(11));
        if let (Some(table), Some(column), Some(schema)) = owner {
            // PostgreSQL keeps an owner in the sequence's schema (moving the table moves
            // its sequences).
            if schema != name.schema {
                found.push(Unrepresentable {
                    what: format!("an owner in another schema, `{schema}.{table}.{column}`"),
                    table: name,
                });
                continue;
            }
            sequence = sequence.owned_by(table, column);
        }
        sequences.push(sequence.canonical());
    }
    Ok(sequences)
}

/// The functions of `schemas` that no extension made, and the signatures of the aggregates
/// and routines `raw` declares. Any other procedure, aggregate or window function, and a
/// second function of one name (an overload), have no place in the model.
fn read_functions(
    client: &mut Client,
    schemas: &[&str],
    raw: &[&RawObject],
    found: &mut Vec<Unrepresentable>,
) -> Result<(Vec<Function>, Vec<Signature>), IntrospectError> {
    let rows = client.query(
        "SELECT n.nspname::text, p.proname::text, pg_catalog.pg_get_function_arguments(p.oid),
                pg_catalog.pg_get_function_result(p.oid), l.lanname::text, p.prosrc,
                p.provolatile::text, p.prokind::text,
                p.proname::text || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')'
         FROM pg_catalog.pg_proc p
         JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
         JOIN pg_catalog.pg_language l ON l.oid = p.prolang
         WHERE n.nspname::text = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                           WHERE dep.classid = 'pg_catalog.pg_proc'::regclass
                             AND dep.objid = p.oid AND dep.deptype = 'e')
         ORDER BY 1, 2, 3",
        &[&schemas],
    )?;
    let mut functions: Vec<Function> = Vec::new();
    // The routines and aggregates declared as raw objects: (schema, signature without spaces).
    let mut routines = Vec::new();
    for row in &rows {
        let name = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let signature: String = row.get::<_, String>(8).split_whitespace().collect();
        let declared_raw = raw.iter().any(|o| {
            matches!(o.kind, RawKind::Aggregate | RawKind::Routine) && {
                let (_, schema, declared) = o.key();
                schema == name.schema && declared == signature
            }
        });
        if declared_raw {
            routines.push((name.schema, signature));
            continue;
        }
        let kind = match row.get::<_, String>(7).as_str() {
            "f" => None,
            "p" => Some("procedure"),
            "a" => Some("aggregate"),
            "w" => Some("window function"),
            _ => Some("routine"),
        };
        if let Some(kind) = kind {
            found.push(Unrepresentable {
                what: format!("a {kind} of that name: only functions are modelled"),
                table: name,
            });
            continue;
        }
        if functions
            .last()
            .is_some_and(|f| f.schema == name.schema && f.name == name.name)
        {
            found.push(Unrepresentable {
                what: "overloads (functions of one name with other arguments)".to_owned(),
                table: name,
            });
            continue;
        }
        let volatility = match row.get::<_, String>(6).as_str() {
            "i" => Volatility::Immutable,
            "s" => Volatility::Stable,
            _ => Volatility::Volatile,
        };
        functions.push(
            Function::new(
                name.schema,
                name.name,
                row.get::<_, String>(2),
                row.get::<_, String>(3),
                row.get::<_, String>(4),
                row.get::<_, String>(5),
            )
            .with_volatility(volatility),
        );
    }
    Ok((functions, routines))
}

/// A routine's schema and `name(argument types)`, without spaces.
type Signature = (String, String);

/// The declared raw objects the catalog has, as declared: `routines` are the aggregates and
/// routines [`read_functions`] found; the other kinds are looked up by name, and an object of
/// kind [`RawKind::Other`] is taken as present.
fn read_raw_objects(
    client: &mut Client,
    raw: &[&RawObject],
    routines: &[Signature],
) -> Result<Vec<RawObject>, IntrospectError> {
    let mut present = Vec::new();
    for &object in raw {
        let (_, schema, signature) = object.key();
        let qualified = format!("{}.{}", object.schema, object.name);
        let exists = match object.kind {
            RawKind::Aggregate | RawKind::Routine => {
                routines.iter().any(|(s, n)| s == schema && *n == signature)
            }
            RawKind::Operator => client
                .query_one("SELECT to_regoperator($1) IS NOT NULL", &[&qualified])?
                .get(0),
            RawKind::Type => client
                .query_one("SELECT to_regtype($1) IS NOT NULL", &[&qualified])?
                .get(0),
            RawKind::Cast => {
                let lower = object.name.to_lowercase();
                let (source, target) = match lower.find(" as ") {
                    Some(at) => (&object.name[..at], &object.name[at + 4..]),
                    None => (object.name.as_str(), ""),
                };
                client
                    .query_one(
                        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_cast
                                        WHERE castsource = to_regtype($1)
                                          AND casttarget = to_regtype($2))",
                        &[&source.trim(), &target.trim()],
                    )?
                    .get(0)
            }
            RawKind::Collation => client
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_collation c
                                    JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
                                    WHERE n.nspname = $1 AND c.collname = $2)",
                    &[&object.schema, &object.name],
                )?
                .get(0),
            RawKind::Other => true,
        };
        if exists {
            present.push(object.clone());
        }
    }
    Ok(present)
}

/// The triggers of the tables, but those PostgreSQL makes for foreign keys, with their
/// `UPDATE OF` columns and `WHEN` condition (as PostgreSQL prints it). Constraint triggers,
/// disabled triggers, transition tables and arguments have no place in the model.
fn read_triggers(
    client: &mut Client,
    oids: &[u32],
    tables: &mut BTreeMap<u32, TableDef>,
    found: &mut Vec<Unrepresentable>,
) -> Result<(), IntrospectError> {
    let rows = client.query(
        "SELECT t.tgrelid, t.tgname::text, t.tgtype::int, fn.nspname::text, p.proname::text,
                t.tgconstraint <> 0, t.tgenabled::text, t.tgnargs::int,
                ARRAY(SELECT a.attname::text
                      FROM unnest(t.tgattr::int2[]) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_catalog.pg_attribute a
                        ON a.attrelid = t.tgrelid AND a.attnum = k.attnum
                      ORDER BY k.ord),
                pg_catalog.pg_get_triggerdef(t.oid, true),
                t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL
         FROM pg_catalog.pg_trigger t
         JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
         JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
         WHERE NOT t.tgisinternal AND t.tgrelid = ANY($1::oid[])
         ORDER BY t.tgrelid, t.tgname",
        &[&oids],
    )?;
    for row in &rows {
        let table = table_of(tables, row.get(0));
        let name: String = row.get(1);
        let unsupported_parts: Vec<&str> = [
            (row.get::<_, bool>(5), "is a constraint trigger"),
            (
                row.get::<_, String>(6) != "O",
                "is disabled or fires only on replicas",
            ),
            (row.get::<_, i32>(7) > 0, "passes arguments"),
            (row.get::<_, bool>(10), "has transition tables"),
        ]
        .into_iter()
        .filter_map(|(found, what)| found.then_some(what))
        .collect();
        if !unsupported_parts.is_empty() {
            found.push(unsupported(
                table,
                format!(
                    "trigger `{name}`, which {}",
                    unsupported_parts.join(" and ")
                ),
            ));
            continue;
        }
        // `pg_trigger.tgtype` bits, as `utils/rel.h` defines them.
        let bits: i32 = row.get(2);
        let timing = if bits & 64 != 0 {
            TriggerTiming::InsteadOf
        } else if bits & 2 != 0 {
            TriggerTiming::Before
        } else {
            TriggerTiming::After
        };
        let events = [
            (4, TriggerEvent::Insert),
            (8, TriggerEvent::Delete),
            (16, TriggerEvent::Update),
            (32, TriggerEvent::Truncate),
        ]
        .into_iter()
        .filter(|(bit, _)| bits & bit != 0)
        .map(|(_, event)| event);
        let mut trigger = Trigger::new(
            name,
            timing,
            events,
            QualifiedName::new(row.get::<_, String>(3), row.get::<_, String>(4)),
        );
        trigger.per_row = bits & 1 != 0;
        trigger.update_of = row.get(8);
        trigger.when = when_condition(&row.get::<_, String>(9));
        table.triggers.push(trigger);
    }
    Ok(())
}

/// The condition of a trigger's `WHEN (..)` in `pg_get_triggerdef`'s text (`.. FOR EACH ROW
/// WHEN ((old.a IS DISTINCT FROM new.a)) EXECUTE FUNCTION ..`), less the clause's parentheses.
fn when_condition(definition: &str) -> Option<String> {
    let after_level = definition.find(" FOR EACH ")?;
    let start = definition[after_level..].find(" WHEN (")? + after_level + " WHEN ".len();
    let end = definition.rfind(" EXECUTE FUNCTION ")?;
    // The clause's own parentheses, then those PostgreSQL puts around an operator expression.
    (start < end)
        .then(|| strip_outer_parens(strip_outer_parens(&definition[start..end])).to_owned())
}

/// The table a catalog row belongs to; every query is restricted to the oids of `tables`.
/// What the model has no place for, found on `table`.
fn unsupported(table: &TableDef, what: String) -> Unrepresentable {
    Unrepresentable {
        table: table.qualified_name(),
        what,
    }
}

fn table_of(tables: &mut BTreeMap<u32, TableDef>, oid: u32) -> &mut TableDef {
    tables
        .get_mut(&oid)
        .expect("catalog rows are filtered to the tables read first")
}

/// `pg_constraint.confdeltype` / `confupdtype` codes.
fn referential_action(code: &str) -> Option<ReferentialAction> {
    match code {
        "a" => Some(ReferentialAction::NoAction),
        "r" => Some(ReferentialAction::Restrict),
        "c" => Some(ReferentialAction::Cascade),
        "n" => Some(ReferentialAction::SetNull),
        "d" => Some(ReferentialAction::SetDefault),
        _ => None,
    }
}
