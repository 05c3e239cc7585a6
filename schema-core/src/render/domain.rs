//! Domains: `CREATE DOMAIN`, `ALTER DOMAIN` (checks, `NOT NULL`) and `DROP DOMAIN`.

use super::{quote_ident, quote_qualified};
use crate::model::{CheckConstraint, DomainDef, QualifiedName};

/// `CREATE DOMAIN "schema"."name" AS base [NOT NULL] [CONSTRAINT "c" CHECK (..)]..`
pub fn create_domain(def: &DomainDef) -> String {
    let mut sql = format!(
        "CREATE DOMAIN {} AS {}",
        quote_qualified(&def.schema, &def.name),
        def.base
    );
    if def.not_null {
        sql.push_str(" NOT NULL");
    }
    for check in &def.checks {
        sql.push_str(&format!(
            " CONSTRAINT {} CHECK ({})",
            quote_ident(&check.name),
            check.expression
        ));
    }
    sql
}

/// `DROP DOMAIN "schema"."name"` (fails while a column has the type).
pub fn drop_domain(name: &QualifiedName) -> String {
    format!("DROP DOMAIN {}", quote_qualified(&name.schema, &name.name))
}

/// `ALTER DOMAIN .. ADD CONSTRAINT "c" CHECK (..) NOT VALID`, then `VALIDATE CONSTRAINT`: the
/// values already stored are checked without a lock that stops writes.
pub fn add_check(name: &QualifiedName, check: &CheckConstraint) -> Vec<String> {
    let domain = quote_qualified(&name.schema, &name.name);
    vec![
        format!(
            "ALTER DOMAIN {domain} ADD CONSTRAINT {} CHECK ({}) NOT VALID",
            quote_ident(&check.name),
            check.expression
        ),
        format!(
            "ALTER DOMAIN {domain} VALIDATE CONSTRAINT {}",
            quote_ident(&check.name)
        ),
    ]
}

/// `ALTER DOMAIN .. DROP CONSTRAINT "c"`
pub fn drop_check(name: &QualifiedName, check: &str) -> String {
    format!(
        "ALTER DOMAIN {} DROP CONSTRAINT {}",
        quote_qualified(&name.schema, &name.name),
        quote_ident(check)
    )
}

/// `ALTER DOMAIN .. SET NOT NULL` or `DROP NOT NULL`
pub fn set_not_null(name: &QualifiedName, not_null: bool) -> String {
    format!(
        "ALTER DOMAIN {} {} NOT NULL",
        quote_qualified(&name.schema, &name.name),
        if not_null { "SET" } else { "DROP" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SqlType;

    #[test]
    fn statements() {
        let slug = DomainDef::new("web", "slug", SqlType::Text)
            .not_null()
            .check("slug_max_len", "char_length(VALUE) <= 40");
        assert_eq!(
            create_domain(&slug),
            "CREATE DOMAIN \"web\".\"slug\" AS text NOT NULL CONSTRAINT \"slug_max_len\" CHECK (char_length(VALUE) <= 40)"
        );
        let name = slug.qualified_name();
        assert_eq!(
            add_check(&name, &slug.checks[0]),
            [
                "ALTER DOMAIN \"web\".\"slug\" ADD CONSTRAINT \"slug_max_len\" CHECK (char_length(VALUE) <= 40) NOT VALID",
                "ALTER DOMAIN \"web\".\"slug\" VALIDATE CONSTRAINT \"slug_max_len\"",
            ]
        );
        assert_eq!(
            drop_check(&name, "slug_max_len"),
            "ALTER DOMAIN \"web\".\"slug\" DROP CONSTRAINT \"slug_max_len\""
        );
        assert_eq!(
            set_not_null(&name, false),
            "ALTER DOMAIN \"web\".\"slug\" DROP NOT NULL"
        );
        assert_eq!(drop_domain(&name), "DROP DOMAIN \"web\".\"slug\"");
    }
}
