//! The checks of who may do what: roles, their memberships, the grants to them and the roles
//! policies name, against each other and against the objects granted on.

use super::name::name_problem;
use super::role::{is_predefined, is_public};
use super::{Grant, GrantObject, QualifiedName, Schema, SchemaError, DEFAULT_SCHEMA};
use std::collections::{BTreeMap, BTreeSet};

impl Schema {
    /// Each role once, valid, a member only of roles that exist and not of itself through
    /// others; each grant valid, on an object of the schema, to a role that exists; the roles
    /// of policies declared.
    pub(super) fn check_access(&self, errors: &mut Vec<SchemaError>) {
        let declared: BTreeSet<&str> = self.roles.iter().map(|r| r.name.as_str()).collect();
        let known = |role: &str| is_public(role) || is_predefined(role) || declared.contains(role);
        let undeclared = |role: &str, by: String| SchemaError::UndeclaredRole {
            role: role.to_owned(),
            by,
        };
        for (i, role) in self.roles.iter().enumerate() {
            let invalid = |problem: String| SchemaError::InvalidRole {
                role: role.name.clone(),
                problem,
            };
            if i > 0 && self.roles[i - 1].name == role.name {
                errors.push(invalid("is declared twice, differently".into()));
                continue;
            }
            if let Some(problem) = name_problem(&role.name) {
                errors.push(SchemaError::InvalidName {
                    what: format!("role `{}`", role.name),
                    name: role.name.clone(),
                    problem,
                });
            }
            if let Some(problem) = role.problem() {
                errors.push(invalid(problem));
            }
            for parent in &role.member_of {
                if is_public(parent) || !known(parent) {
                    errors.push(undeclared(
                        parent,
                        format!("role `{}`'s membership", role.name),
                    ));
                }
            }
        }
        if let Some(role) = self.membership_cycle() {
            errors.push(SchemaError::InvalidRole {
                role: role.to_owned(),
                problem: "is a member of itself through the roles it is a member of".into(),
            });
        }
        let mut options: BTreeMap<(&GrantObject, &str), bool> = BTreeMap::new();
        for grant in &self.grants {
            let invalid = |problem: String| SchemaError::InvalidGrant {
                grant: grant.to_string(),
                problem,
            };
            if let Some(problem) = grant.problem() {
                errors.push(invalid(problem));
                continue;
            }
            if options
                .insert((&grant.on, &grant.to), grant.with_grant_option)
                .is_some()
            {
                errors.push(invalid(
                    "is declared both with and without `WITH GRANT OPTION`: declare it once".into(),
                ));
            }
            if !known(&grant.to) {
                errors.push(undeclared(&grant.to, format!("grant `{grant}`")));
            }
            if let Some(problem) = self.missing_object(grant) {
                errors.push(invalid(problem));
            }
        }
        for table in &self.tables {
            for policy in &table.policies {
                for role in policy.roles.iter().filter(|r| !known(r)) {
                    errors.push(undeclared(
                        role,
                        format!("policy `{}` of `{}`", policy.name, table.qualified_name()),
                    ));
                }
            }
        }
    }

    /// Whether the schema has the object: a namespace of its objects (or `public`), a
    /// registered table or view (and its column), a declared sequence or function.
    pub fn has_grant_object(&self, on: &GrantObject) -> bool {
        let columns = |schema: &str, name: &str| -> Option<Vec<&str>> {
            let name = QualifiedName::new(schema, name);
            let table = self
                .find_table(&name)
                .map(|t| t.columns.iter().map(|c| c.name.as_str()).collect());
            table.or_else(|| {
                self.find_view(&name)
                    .map(|v| v.columns.iter().map(|c| c.name.as_str()).collect())
            })
        };
        match on {
            GrantObject::Schema { name } => {
                name == DEFAULT_SCHEMA || self.namespaces().contains(name.as_str())
            }
            GrantObject::Table { schema, name } => columns(schema, name).is_some(),
            GrantObject::Column {
                schema,
                table,
                column,
            } => columns(schema, table).is_some_and(|c| c.contains(&column.as_str())),
            GrantObject::Sequence { schema, name } => self
                .sequences
                .iter()
                .any(|s| s.schema == *schema && s.name == *name),
            GrantObject::Function { schema, name } => self
                .functions
                .iter()
                .any(|f| f.schema == *schema && f.name == *name),
        }
    }

    /// Why the object of `grant` is not one the schema has, if it is not.
    fn missing_object(&self, grant: &Grant) -> Option<String> {
        if self.has_grant_object(&grant.on) {
            return None;
        }
        Some(match &grant.on {
            GrantObject::Schema { .. } => {
                "is on a schema that no object of the models is in".into()
            }
            GrantObject::Table { .. } => "is on a table or view that is not registered".into(),
            GrantObject::Column {
                schema,
                table,
                column,
            } => {
                let table = GrantObject::Table {
                    schema: schema.clone(),
                    name: table.clone(),
                };
                if self.has_grant_object(&table) {
                    format!("is on column `{column}`, which the table does not have")
                } else {
                    "is on a column of a table or view that is not registered".into()
                }
            }
            GrantObject::Sequence { .. } => "is on a sequence that is not declared".into(),
            GrantObject::Function { .. } => "is on a function that is not declared".into(),
        })
    }

    /// A role that is a member of itself through its memberships, if any.
    fn membership_cycle(&self) -> Option<&str> {
        let parents: BTreeMap<&str, &[String]> = self
            .roles
            .iter()
            .map(|r| (r.name.as_str(), r.member_of.as_slice()))
            .collect();
        for start in parents.keys() {
            let mut seen = BTreeSet::new();
            let mut next: Vec<&str> = parents[start].iter().map(String::as_str).collect();
            while let Some(role) = next.pop() {
                if role == *start {
                    return Some(start);
                }
                if seen.insert(role) {
                    next.extend(
                        parents
                            .get(role)
                            .into_iter()
                            .flat_map(|p| p.iter().map(String::as_str)),
                    );
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Grant, Policy, Privilege, QualifiedName, Role, Schema, SchemaError, SqlType, TableDef,
    };

    fn docs() -> TableDef {
        let mut table = TableDef::new("public", "docs");
        table
            .columns
            .push(crate::model::ColumnDef::new("id", SqlType::BigInt, false));
        table
    }

    fn errors(schema: &Schema) -> Vec<String> {
        schema
            .validate()
            .err()
            .unwrap_or_default()
            .iter()
            .map(SchemaError::to_string)
            .collect()
    }

    fn on_docs() -> Grant {
        Grant::on_table(QualifiedName::new("public", "docs"))
    }

    #[test]
    fn a_valid_schema_passes() {
        let mut schema = Schema::new()
            .role(Role::new("readers"))
            .role(
                Role::new("app")
                    .login()
                    .member_of("readers")
                    .member_of("pg_monitor"),
            )
            .role(Role::existing("authenticated"))
            .grant(on_docs().privilege(Privilege::Select).to("readers"))
            .grant(on_docs().privilege(Privilege::Insert).to("authenticated"))
            .grant(on_docs().privilege(Privilege::Select).to("PUBLIC"))
            .grant(
                Grant::on_schema("public")
                    .privilege(Privilege::Usage)
                    .to("app"),
            );
        schema.add_table(docs());
        assert_eq!(schema.validate(), Ok(()));
        // One object's grants to one role are one grant; PUBLIC in any case is `public`.
        let mut merged = schema.clone();
        merged.add_grant(on_docs().privilege(Privilege::Update).to("readers"));
        merged.add_grant(on_docs().privilege(Privilege::Select).to("Public"));
        assert_eq!(merged.grants.len(), schema.grants.len());
        assert!(merged
            .grants
            .iter()
            .any(|g| g.to == "readers" && g.privileges == [Privilege::Select, Privilege::Update]));
    }

    #[test]
    fn misuse_is_reported_all_at_once() {
        let mut schema = Schema::new()
            .role(Role::new("app").member_of("ghosts"))
            .role(Role::new("app").login())
            .role(Role::new("pg_mine"))
            .role(Role::new("public"))
            .role(Role::new("a").member_of("b"))
            .role(Role::new("b").member_of("a"))
            .role(Role::existing("outside").login())
            .role(Role::new("limited").connection_limit(-5))
            .grant(on_docs().privilege(Privilege::Execute).to("a"))
            .grant(on_docs().privilege(Privilege::Select).to("nobody"))
            .grant(
                Grant::on_schema("elsewhere")
                    .privilege(Privilege::Usage)
                    .to("a"),
            )
            .grant(
                Grant::on_table_column(QualifiedName::new("public", "docs"), "missing")
                    .privilege(Privilege::Select)
                    .to("a"),
            )
            .grant(
                Grant::on_table(QualifiedName::new("public", "gone"))
                    .all()
                    .to("a"),
            )
            .grant(
                Grant::on_sequence(QualifiedName::new("public", "numbers"))
                    .privilege(Privilege::Usage)
                    .to("a"),
            )
            .grant(
                Grant::on_function(QualifiedName::new("public", "f"))
                    .privilege(Privilege::Execute)
                    .to("a"),
            )
            .grant(on_docs().privilege(Privilege::Delete).to("b"))
            .grant(
                on_docs()
                    .privilege(Privilege::Update)
                    .to("b")
                    .with_grant_option(),
            )
            .grant(on_docs().privilege(Privilege::Select));
        let mut table = docs();
        table.policies.push(Policy {
            roles: vec!["readers".into()],
            using: Some("true".into()),
            ..Policy::new("read")
        });
        schema.add_table(table);
        let errors = errors(&schema);
        for expected in [
            "role `app` is declared twice, differently",
            "role `ghosts`, named by role `app`'s membership, is not declared: add `.role(Role::new(\"ghosts\"))`, or `Role::existing(\"ghosts\")` for a role made elsewhere",
            "role `pg_mine` starts with `pg_`",
            "role `public` is a name PostgreSQL reserves",
            "role `a` is a member of itself through the roles it is a member of",
            "role `outside` is an existing role with attributes or memberships",
            "role `limited` has connection limit -5",
            "grant of EXECUTE on table public.docs to a grants EXECUTE, which a table does not have (it has SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER)",
            "role `nobody`, named by grant `SELECT on table public.docs to nobody`, is not declared",
            "grant of USAGE on schema elsewhere to a is on a schema that no object of the models is in",
            "grant of SELECT on column missing of public.docs to a is on column `missing`, which the table does not have",
            "grant of SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER on table public.gone to a is on a table or view that is not registered",
            "grant of USAGE on sequence public.numbers to a is on a sequence that is not declared",
            "grant of EXECUTE on function public.f to a is on a function that is not declared",
            "is declared both with and without `WITH GRANT OPTION`: declare it once",
            "grant of SELECT on table public.docs to  names no role: add `.to(\"role\")`",
            "role `readers`, named by policy `read` of `public.docs`, is not declared",
        ] {
            assert!(
                errors.iter().any(|e| e.starts_with(expected) || e.ends_with(expected)),
                "missing error {expected:?} in {errors:#?}"
            );
        }
    }
}
