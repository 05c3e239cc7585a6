//! Privileges: `GRANT` and `REVOKE` on schemas, tables and views, columns, sequences and
//! functions.

use super::{quote_ident, quote_qualified};
use crate::model::{is_public, Grant, GrantObject};

/// `SELECT, INSERT ON TABLE "s"."t"`, `SELECT ("c") ON TABLE "s"."t"`: the privileges and
/// what they are on. A function is named without its arguments, which its name alone
/// determines (the models declare one function per name).
fn privileges_on(grant: &Grant) -> String {
    let privileges: Vec<&str> = grant.privileges.iter().map(|p| p.keyword()).collect();
    let privileges = privileges.join(", ");
    match &grant.on {
        GrantObject::Schema { name } => format!("{privileges} ON SCHEMA {}", quote_ident(name)),
        GrantObject::Table { schema, name } => {
            format!("{privileges} ON TABLE {}", quote_qualified(schema, name))
        }
        GrantObject::Column {
            schema,
            table,
            column,
        } => {
            let each: Vec<String> = grant
                .privileges
                .iter()
                .map(|p| format!("{} ({})", p.keyword(), quote_ident(column)))
                .collect();
            format!(
                "{} ON TABLE {}",
                each.join(", "),
                quote_qualified(schema, table)
            )
        }
        GrantObject::Sequence { schema, name } => {
            format!("{privileges} ON SEQUENCE {}", quote_qualified(schema, name))
        }
        GrantObject::Function { schema, name } => {
            format!("{privileges} ON FUNCTION {}", quote_qualified(schema, name))
        }
    }
}

/// The grantee: `PUBLIC`, or the quoted role.
fn grantee(role: &str) -> String {
    if is_public(role) {
        "PUBLIC".to_owned()
    } else {
        quote_ident(role)
    }
}

/// `GRANT .. ON .. TO .. [WITH GRANT OPTION]`
pub fn grant(grant: &Grant) -> String {
    format!(
        "GRANT {} TO {}{}",
        privileges_on(grant),
        grantee(&grant.to),
        if grant.with_grant_option {
            " WITH GRANT OPTION"
        } else {
            ""
        }
    )
}

/// `REVOKE [GRANT OPTION FOR] .. ON .. FROM ..`: the privileges of `grant`, or only the right
/// to grant them on.
pub fn revoke(grant: &Grant, grant_option_only: bool) -> String {
    format!(
        "REVOKE {}{} FROM {}",
        if grant_option_only {
            "GRANT OPTION FOR "
        } else {
            ""
        },
        privileges_on(grant),
        grantee(&grant.to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Privilege, QualifiedName};

    #[test]
    fn statements() {
        let table = QualifiedName::new("tenancy", "members");
        let mut select = Grant::on_table(table.clone())
            .privileges([Privilege::Select, Privilege::Insert])
            .to("app")
            .with_grant_option();
        assert_eq!(
            grant(&select),
            "GRANT SELECT, INSERT ON TABLE \"tenancy\".\"members\" TO \"app\" WITH GRANT OPTION"
        );
        select.with_grant_option = false;
        assert_eq!(
            revoke(&select, true),
            "REVOKE GRANT OPTION FOR SELECT, INSERT ON TABLE \"tenancy\".\"members\" FROM \"app\""
        );
        let column = Grant::on_table_column(table, "email")
            .privileges([Privilege::Select, Privilege::Update])
            .to("public");
        assert_eq!(
            grant(&column),
            "GRANT SELECT (\"email\"), UPDATE (\"email\") ON TABLE \"tenancy\".\"members\" TO PUBLIC"
        );
        let usage = Grant::on_schema("tenancy")
            .privilege(Privilege::Usage)
            .to("app");
        assert_eq!(
            revoke(&usage, false),
            "REVOKE USAGE ON SCHEMA \"tenancy\" FROM \"app\""
        );
        let run = Grant::on_function(QualifiedName::new("public", "touch"))
            .privilege(Privilege::Execute)
            .to("app");
        assert_eq!(
            grant(&run),
            "GRANT EXECUTE ON FUNCTION \"public\".\"touch\" TO \"app\""
        );
        let next = Grant::on_sequence(QualifiedName::new("public", "numbers"))
            .privilege(Privilege::Usage)
            .to("app");
        assert_eq!(
            grant(&next),
            "GRANT USAGE ON SEQUENCE \"public\".\"numbers\" TO \"app\""
        );
    }
}
