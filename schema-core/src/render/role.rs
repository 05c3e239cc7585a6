//! Roles: created if missing (`DO` block), altered, given and taken memberships, dropped.

use super::{quote_ident, quote_literal};
use crate::model::Role;

/// `LOGIN NOINHERIT ..`: every attribute, so that an `ALTER ROLE` leaves none as it was.
fn attributes(role: &Role) -> String {
    let flag = |on: bool, word: &str| {
        if on {
            word.to_owned()
        } else {
            format!("NO{word}")
        }
    };
    format!(
        "{} {} {} {} {} CONNECTION LIMIT {}",
        flag(role.login, "LOGIN"),
        flag(!role.no_inherit, "INHERIT"),
        flag(role.create_db, "CREATEDB"),
        flag(role.create_role, "CREATEROLE"),
        flag(role.bypass_rls, "BYPASSRLS"),
        role.connection_limit.unwrap_or(-1)
    )
}

/// Creates the role unless the cluster has it: a role another database (or a concurrent
/// migration) created is kept as it is. Checked first, so that a migration whose user may not
/// create roles passes when they exist; a creation racing another one is taken as done.
pub fn create_role(role: &Role) -> String {
    format!(
        "DO $role$\nBEGIN\n    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {}) THEN\n        CREATE ROLE {} WITH {};\n    END IF;\nEXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\nEND\n$role$",
        quote_literal(&role.name),
        quote_ident(&role.name),
        attributes(role)
    )
}

/// `ALTER ROLE "name" WITH ..`, every attribute as `role` has it.
pub fn alter_role(role: &Role) -> String {
    format!(
        "ALTER ROLE {} WITH {}",
        quote_ident(&role.name),
        attributes(role)
    )
}

/// `GRANT "parent" TO "role"`, in a block that takes a membership granted at the same moment
/// by another migration (of another database of the cluster) as done.
pub fn grant_membership(role: &str, parent: &str) -> String {
    format!(
        "DO $role$\nBEGIN\n    GRANT {} TO {};\nEXCEPTION WHEN unique_violation THEN NULL;\nEND\n$role$",
        quote_ident(parent),
        quote_ident(role)
    )
}

/// `REVOKE "parent" FROM "role"`
pub fn revoke_membership(role: &str, parent: &str) -> String {
    format!("REVOKE {} FROM {}", quote_ident(parent), quote_ident(role))
}

/// `DROP ROLE IF EXISTS "name"`: fails while the role holds privileges or owns objects in any
/// database of the cluster.
pub fn drop_role(name: &str) -> String {
    format!("DROP ROLE IF EXISTS {}", quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements() {
        let role = Role::new("app").login().connection_limit(5);
        assert_eq!(
            alter_role(&role),
            "ALTER ROLE \"app\" WITH LOGIN INHERIT NOCREATEDB NOCREATEROLE NOBYPASSRLS CONNECTION LIMIT 5"
        );
        insta::assert_snapshot!(create_role(&Role::new("it's").no_inherit()), @r#"
        DO $role$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'it''s') THEN
                CREATE ROLE "it's" WITH NOLOGIN NOINHERIT NOCREATEDB NOCREATEROLE NOBYPASSRLS CONNECTION LIMIT -1;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END
        $role$
        "#);
        assert_eq!(
            grant_membership("app", "readers"),
            "DO $role$\nBEGIN\n    GRANT \"readers\" TO \"app\";\nEXCEPTION WHEN unique_violation THEN NULL;\nEND\n$role$"
        );
        assert_eq!(
            revoke_membership("app", "readers"),
            "REVOKE \"readers\" FROM \"app\""
        );
        assert_eq!(drop_role("app"), "DROP ROLE IF EXISTS \"app\"");
    }
}
