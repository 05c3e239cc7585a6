//! Reads privileges and the roles they name: the grants beyond PostgreSQL's defaults on the
//! schemas, tables, views, columns, sequences and functions read, and the roles granted to,
//! named by policies or declared, with the roles they are members of.

use super::{IntrospectError, Unrepresentable};
use crate::model::{is_public, Grant, GrantObject, Privilege, QualifiedName, Role, Schema};
use postgres::Client;
use std::collections::{BTreeMap, BTreeSet};

/// Every object of `schemas` with an access list, its kind, and the list it has by default
/// (`acldefault`: the owner's privileges, and `PUBLIC`'s `EXECUTE` on a function). A column's
/// default list is empty.
const OBJECTS: &str = "
    SELECT 'schema' AS kind, n.nspname::text AS schema, n.nspname::text AS name,
           NULL::text AS column_name, n.nspacl AS acl, acldefault('n', n.nspowner) AS defaults
    FROM pg_catalog.pg_namespace n
    WHERE n.nspname::text = ANY($1::text[])
    UNION ALL
    SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END, n.nspname::text,
           c.relname::text, NULL, c.relacl,
           acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::\"char\", c.relowner)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname::text = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    UNION ALL
    SELECT 'column', n.nspname::text, c.relname::text, a.attname::text, a.attacl,
           acldefault('c', c.relowner)
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname::text = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm')
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
    UNION ALL
    SELECT 'function', n.nspname::text, p.proname::text, NULL, p.proacl,
           acldefault('f', p.proowner)
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname::text = ANY($1::text[]) AND p.prokind = 'f'";

/// The object a row of [`OBJECTS`] is.
fn object(kind: &str, schema: String, name: String, column: Option<String>) -> GrantObject {
    match (kind, column) {
        ("schema", _) => GrantObject::Schema { name },
        ("sequence", _) => GrantObject::Sequence { schema, name },
        ("function", _) => GrantObject::Function { schema, name },
        (_, Some(column)) => GrantObject::Column {
            schema,
            table: name,
            column,
        },
        _ => GrantObject::Table { schema, name },
    }
}

/// Where an unrepresentable privilege is reported: the object's qualified name.
fn place(on: &GrantObject) -> QualifiedName {
    match on {
        GrantObject::Schema { name } => QualifiedName::new(name, name),
        GrantObject::Table { schema, name }
        | GrantObject::Sequence { schema, name }
        | GrantObject::Function { schema, name } => QualifiedName::new(schema, name),
        GrantObject::Column { schema, table, .. } => QualifiedName::new(schema, table),
    }
}

/// The grants on the objects `read` has (the tables, views, sequences and functions read,
/// their schemas), beyond the defaults. A default that was revoked (`REVOKE EXECUTE ON
/// FUNCTION .. FROM PUBLIC`, say) has no place in the model and is reported; so is a privilege
/// the model does not know, or one role holding some privileges of an object with the grant
/// option and some without. Schema `public`'s `USAGE` for `PUBLIC` is the database's from its
/// template, and read as a default.
pub(super) fn read_grants(
    client: &mut Client,
    schemas: &[&str],
    read: &Schema,
    found: &mut Vec<Unrepresentable>,
) -> Result<Vec<Grant>, IntrospectError> {
    let granted = client.query(
        &format!(
            "WITH objects AS ({OBJECTS})
             SELECT o.kind, o.schema, o.name, o.column_name,
                    COALESCE(r.rolname::text, 'public'), a.privilege_type, a.is_grantable
             FROM objects o
             CROSS JOIN LATERAL aclexplode(o.acl) a
             LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
             WHERE (a.grantee, a.privilege_type, a.is_grantable) NOT IN
                   (SELECT d.grantee, d.privilege_type, d.is_grantable FROM aclexplode(o.defaults) d)
               AND NOT (o.kind = 'schema' AND o.name = 'public' AND a.grantee = 0
                        AND a.privilege_type = 'USAGE')
             ORDER BY 1, 2, 3, 4, 5, 6"
        ),
        &[&schemas],
    )?;
    let revoked = client.query(
        &format!(
            "WITH objects AS ({OBJECTS})
             SELECT o.kind, o.schema, o.name, o.column_name,
                    COALESCE(r.rolname::text, 'PUBLIC'), d.privilege_type
             FROM objects o
             CROSS JOIN LATERAL aclexplode(o.defaults) d
             LEFT JOIN pg_catalog.pg_roles r ON r.oid = d.grantee
             WHERE o.acl IS NOT NULL
               AND (d.grantee, d.privilege_type) NOT IN
                   (SELECT a.grantee, a.privilege_type FROM aclexplode(o.acl) a)
             ORDER BY 1, 2, 3, 4, 5, 6"
        ),
        &[&schemas],
    )?;
    for row in &revoked {
        let on = object(row.get(0), row.get(1), row.get(2), row.get(3));
        if read.has_grant_object(&on) {
            found.push(Unrepresentable {
                table: place(&on),
                what: format!(
                    "the default privilege {} of {} on {on} revoked",
                    row.get::<_, String>(5),
                    row.get::<_, String>(4)
                ),
            });
        }
    }
    // Per object and role: the privileges, and whether each may be granted on.
    let mut held: BTreeMap<(GrantObject, String), Vec<(Privilege, bool)>> = BTreeMap::new();
    for row in &granted {
        let on = object(row.get(0), row.get(1), row.get(2), row.get(3));
        if !read.has_grant_object(&on) {
            continue;
        }
        let keyword: String = row.get(5);
        let Some(privilege) = Privilege::from_keyword(&keyword) else {
            found.push(Unrepresentable {
                table: place(&on),
                what: format!("privilege {keyword} on {on}"),
            });
            continue;
        };
        held.entry((on, row.get(4)))
            .or_default()
            .push((privilege, row.get(6)));
    }
    let mut grants = Vec::with_capacity(held.len());
    for ((on, to), privileges) in held {
        let with_grant_option = privileges.iter().all(|(_, grantable)| *grantable);
        if !with_grant_option && privileges.iter().any(|(_, grantable)| *grantable) {
            found.push(Unrepresentable {
                table: place(&on),
                what: format!(
                    "privileges of {to} on {on} some with the grant option, some without"
                ),
            });
        }
        grants.push(Grant {
            on,
            to,
            privileges: privileges.into_iter().map(|(p, _)| p).collect(),
            with_grant_option,
        });
    }
    Ok(grants)
}

/// The roles `read`'s grants and policies name and those `declared` declares, with the roles
/// they are members of (but PostgreSQL's predefined `pg_` roles, named without being
/// declared). A role `declared` declares [existing](Role::existing), and a superuser (which
/// the models cannot make), is read as existing.
pub(super) fn read_roles(
    client: &mut Client,
    read: &Schema,
    declared: &Schema,
) -> Result<Vec<Role>, IntrospectError> {
    let named = read.grants.iter().map(|g| g.to.as_str());
    let in_policies = read
        .tables
        .iter()
        .flat_map(|t| &t.policies)
        .flat_map(|p| p.roles.iter().map(String::as_str));
    let names: BTreeSet<&str> = named
        .chain(in_policies)
        .chain(declared.roles.iter().map(|r| r.name.as_str()))
        .filter(|r| !is_public(r))
        .collect();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let names: Vec<&str> = names.into_iter().collect();
    let rows = client.query(
        "WITH RECURSIVE wanted(oid) AS (
             SELECT oid FROM pg_catalog.pg_roles WHERE rolname::text = ANY($1::text[])
             UNION
             SELECT m.roleid FROM pg_catalog.pg_auth_members m JOIN wanted w ON m.member = w.oid
         )
         SELECT r.rolname::text, r.rolsuper, r.rolcanlogin, r.rolinherit, r.rolcreatedb,
                r.rolcreaterole, r.rolbypassrls, r.rolconnlimit,
                ARRAY(SELECT p.rolname::text FROM pg_catalog.pg_auth_members m
                      JOIN pg_catalog.pg_roles p ON p.oid = m.roleid
                      WHERE m.member = r.oid ORDER BY 1)
         FROM pg_catalog.pg_roles r JOIN wanted w ON w.oid = r.oid
         WHERE r.rolname::text NOT LIKE 'pg\\_%'
         ORDER BY 1",
        &[&names],
    )?;
    let existing: BTreeSet<&str> = declared
        .roles
        .iter()
        .filter(|r| r.existing)
        .map(|r| r.name.as_str())
        .collect();
    Ok(rows
        .iter()
        .map(|row| {
            let name: String = row.get(0);
            if row.get::<_, bool>(1) || existing.contains(name.as_str()) {
                return Role::existing(name);
            }
            let limit: i32 = row.get(7);
            Role {
                login: row.get(2),
                no_inherit: !row.get::<_, bool>(3),
                create_db: row.get(4),
                create_role: row.get(5),
                bypass_rls: row.get(6),
                connection_limit: (limit >= 0).then_some(limit),
                member_of: row.get(8),
                ..Role::new(name)
            }
        })
        .collect())
}
