//! Row-level security: `ALTER TABLE .. ENABLE / FORCE ROW LEVEL SECURITY`, `CREATE POLICY`,
//! `ALTER POLICY`, `DROP POLICY`.

use super::{quote_ident, quote_qualified};
use crate::model::{Policy, QualifiedName, RowSecurity};

/// The statements that take a table's row-level security from `from` to `to`.
pub fn set_row_security(table: &QualifiedName, from: RowSecurity, to: RowSecurity) -> Vec<String> {
    use RowSecurity::*;
    let alter = |what: &str| {
        format!(
            "ALTER TABLE {} {what} ROW LEVEL SECURITY",
            quote_qualified(&table.schema, &table.name)
        )
    };
    match (from, to) {
        (Off, On) => vec![alter("ENABLE")],
        (Off, Forced) => vec![alter("ENABLE"), alter("FORCE")],
        (On, Forced) => vec![alter("FORCE")],
        (Forced, On) => vec![alter("NO FORCE")],
        (On, Off) => vec![alter("DISABLE")],
        (Forced, Off) => vec![alter("NO FORCE"), alter("DISABLE")],
        _ => Vec::new(),
    }
}

/// ` TO "a", "b"`, or ` TO PUBLIC` for none.
fn roles(policy: &Policy) -> String {
    if policy.roles.is_empty() {
        " TO PUBLIC".to_owned()
    } else {
        let roles: Vec<String> = policy.roles.iter().map(|r| quote_ident(r)).collect();
        format!(" TO {}", roles.join(", "))
    }
}

/// ` USING (..)` and ` WITH CHECK (..)`, those the policy has.
fn expressions(policy: &Policy) -> String {
    let mut sql = String::new();
    if let Some(using) = &policy.using {
        sql.push_str(&format!(" USING ({using})"));
    }
    if let Some(check) = &policy.with_check {
        sql.push_str(&format!(" WITH CHECK ({check})"));
    }
    sql
}

/// `CREATE POLICY "name" ON "schema"."table" [AS RESTRICTIVE] FOR .. TO .. [USING (..)]
/// [WITH CHECK (..)]`
pub fn create_policy(table: &QualifiedName, policy: &Policy) -> String {
    format!(
        "CREATE POLICY {} ON {}{} FOR {}{}{}",
        quote_ident(&policy.name),
        quote_qualified(&table.schema, &table.name),
        if policy.restrictive {
            " AS RESTRICTIVE"
        } else {
            ""
        },
        policy.command.keyword(),
        roles(policy),
        expressions(policy)
    )
}

/// `ALTER POLICY "name" ON "schema"."table" TO .. [USING (..)] [WITH CHECK (..)]`: the roles
/// and the expressions the policy has (one it no longer has is a drop and a create).
pub fn alter_policy(table: &QualifiedName, policy: &Policy) -> String {
    format!(
        "ALTER POLICY {} ON {}{}{}",
        quote_ident(&policy.name),
        quote_qualified(&table.schema, &table.name),
        roles(policy),
        expressions(policy)
    )
}

/// `DROP POLICY "name" ON "schema"."table"`
pub fn drop_policy(table: &QualifiedName, name: &str) -> String {
    format!(
        "DROP POLICY {} ON {}",
        quote_ident(name),
        quote_qualified(&table.schema, &table.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PolicyCommand;

    #[test]
    fn statements() {
        let table = QualifiedName::new("tenancy", "members");
        let policy = Policy {
            command: PolicyCommand::Select,
            restrictive: true,
            roles: vec!["app".into(), "Admin".into()],
            using: Some("tenant_id = 1".into()),
            ..Policy::new("tenant_isolation")
        };
        assert_eq!(
            create_policy(&table, &policy),
            "CREATE POLICY \"tenant_isolation\" ON \"tenancy\".\"members\" AS RESTRICTIVE FOR SELECT TO \"app\", \"Admin\" USING (tenant_id = 1)"
        );
        let open = Policy {
            with_check: Some("true".into()),
            ..Policy::new("open")
        };
        assert_eq!(
            alter_policy(&table, &open),
            "ALTER POLICY \"open\" ON \"tenancy\".\"members\" TO PUBLIC WITH CHECK (true)"
        );
        assert_eq!(
            drop_policy(&table, "open"),
            "DROP POLICY \"open\" ON \"tenancy\".\"members\""
        );
        assert_eq!(
            set_row_security(&table, RowSecurity::Forced, RowSecurity::Off),
            [
                "ALTER TABLE \"tenancy\".\"members\" NO FORCE ROW LEVEL SECURITY",
                "ALTER TABLE \"tenancy\".\"members\" DISABLE ROW LEVEL SECURITY",
            ]
        );
    }
}
