use serde::{Deserialize, Serialize};

/// A database role the schema needs (`CREATE ROLE`): the role an application's sessions run
/// as, a group of privileges other roles are members of. Declared with
/// [`Schema::role`](super::Schema::role); privileges are given to it with
/// [`Grant`](super::Grant)s and policies name it.
///
/// Roles belong to the cluster, not to one database, so a migration creates a role only if it
/// is missing and leaves one that exists as it is; it alters the attributes and memberships a
/// later model changes. Dropping a role needs `--allow-destructive`, and a down migration
/// never drops one (it may be used by another database). A password is not schema: set it
/// outside the migrations (`ALTER ROLE .. PASSWORD`). A role made elsewhere (by a hosting
/// provider, another team) is declared [`Role::existing`]: it may be named, never created,
/// altered or dropped.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Role {
    /// Role name, unique in the cluster.
    pub name: String,
    /// Made elsewhere: named by grants, policies and memberships, never created or changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub existing: bool,
    /// `LOGIN`: a session may connect as it (a user), rather than only `SET ROLE` to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub login: bool,
    /// `NOINHERIT`: the privileges of the roles it is a member of are not its own until it
    /// `SET ROLE`s to them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_inherit: bool,
    /// `CREATEDB`
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub create_db: bool,
    /// `CREATEROLE`
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub create_role: bool,
    /// `BYPASSRLS`: row-level security policies do not apply to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bypass_rls: bool,
    /// `CONNECTION LIMIT`; `None` is no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_limit: Option<i32>,
    /// The roles it is a member of (`GRANT parent TO role`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_of: Vec<String>,
}

impl Role {
    /// A role to create: `NOLOGIN`, inheriting, without other attributes.
    pub fn new(name: impl Into<String>) -> Self {
        Role {
            name: name.into(),
            existing: false,
            login: false,
            no_inherit: false,
            create_db: false,
            create_role: false,
            bypass_rls: false,
            connection_limit: None,
            member_of: Vec::new(),
        }
    }

    /// A role made outside these migrations, which they may name but never create, alter or
    /// drop: `Role::existing("authenticated")`.
    pub fn existing(name: impl Into<String>) -> Self {
        Role {
            existing: true,
            ..Role::new(name)
        }
    }

    /// `LOGIN`
    pub fn login(mut self) -> Self {
        self.login = true;
        self
    }

    /// `NOINHERIT`
    pub fn no_inherit(mut self) -> Self {
        self.no_inherit = true;
        self
    }

    /// `CREATEDB`
    pub fn create_db(mut self) -> Self {
        self.create_db = true;
        self
    }

    /// `CREATEROLE`
    pub fn create_role(mut self) -> Self {
        self.create_role = true;
        self
    }

    /// `BYPASSRLS`
    pub fn bypass_rls(mut self) -> Self {
        self.bypass_rls = true;
        self
    }

    /// `CONNECTION LIMIT n`
    pub fn connection_limit(mut self, limit: i32) -> Self {
        self.connection_limit = Some(limit);
        self
    }

    /// A member of `parent` (a declared role, or a predefined `pg_` one such as
    /// `pg_read_all_data`).
    pub fn member_of(mut self, parent: impl Into<String>) -> Self {
        self.member_of.push(parent.into());
        self
    }

    /// The role's attributes alone, without its name and memberships: what `ALTER ROLE`
    /// changes.
    pub fn attributes(&self) -> Role {
        Role {
            member_of: Vec::new(),
            ..self.clone()
        }
    }

    /// Memberships sorted.
    pub(super) fn canonical(mut self) -> Self {
        self.member_of.sort();
        self.member_of.dedup();
        self
    }

    /// What PostgreSQL refuses in the role, if anything.
    pub(super) fn problem(&self) -> Option<String> {
        if self.name.eq_ignore_ascii_case("public") || self.name.eq_ignore_ascii_case("none") {
            return Some("is a name PostgreSQL reserves".into());
        }
        if !self.existing && is_predefined(&self.name) {
            return Some(
                "starts with `pg_`, which PostgreSQL reserves for its predefined roles: name it without declaring it".into(),
            );
        }
        if self.existing && *self != Role::existing(self.name.clone()) {
            return Some(
                "is an existing role with attributes or memberships: those of a role made elsewhere are not the schema's, declare them where it is made".into(),
            );
        }
        if self.member_of.contains(&self.name) {
            return Some("is declared a member of itself".into());
        }
        match self.connection_limit {
            Some(limit) if limit < -1 => Some(format!(
                "has connection limit {limit}: a limit is -1 (none) or more"
            )),
            _ => None,
        }
    }
}

/// Whether `role` is one PostgreSQL predefines (`pg_read_all_data`, `pg_monitor`, ...): named
/// without being declared.
pub fn is_predefined(role: &str) -> bool {
    role.starts_with("pg_")
}

/// Whether `role` names every role (`PUBLIC`), as grants and policies write it.
pub fn is_public(role: &str) -> bool {
    role.eq_ignore_ascii_case("public")
}
