use serde::{Deserialize, Serialize};

/// Row-level security on a table (`ALTER TABLE .. ENABLE ROW LEVEL SECURITY`): off, on (the
/// table's owner and superusers bypass it), or forced on the owner too.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RowSecurity {
    /// Every role sees every row its privileges allow.
    #[default]
    Off,
    /// Roles other than the owner see only the rows a policy allows: none without one.
    On,
    /// The owner too (`FORCE ROW LEVEL SECURITY`).
    Forced,
}

impl RowSecurity {
    /// Whether row-level security is off.
    pub fn is_off(&self) -> bool {
        *self == RowSecurity::Off
    }
}

/// A row-level security policy of a table (`CREATE POLICY`): which rows a command may see
/// (`using`) and write (`with_check`), for which roles. Expressions are compared as
/// PostgreSQL prints them, as checks are: `tenant_id = (current_setting('app.tenant'::text,
/// true))::uuid`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Policy {
    /// Policy name, unique among the table's policies.
    pub name: String,
    /// The command it applies to.
    #[serde(default, skip_serializing_if = "PolicyCommand::is_all")]
    pub command: PolicyCommand,
    /// `AS RESTRICTIVE`: every restrictive policy must pass, besides one permissive policy.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restrictive: bool,
    /// The roles it applies to, sorted; empty for `PUBLIC`, every role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// `USING (..)`: the existing rows the command may see (not for `INSERT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    /// `WITH CHECK (..)`: the rows the command may write (not for `SELECT` or `DELETE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
}

/// What a [`Policy`] applies to.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    /// Every command.
    #[default]
    All,
    /// `SELECT`
    Select,
    /// `INSERT`
    Insert,
    /// `UPDATE`
    Update,
    /// `DELETE`
    Delete,
}

impl PolicyCommand {
    fn is_all(&self) -> bool {
        *self == PolicyCommand::All
    }

    /// The keyword, as `CREATE POLICY .. FOR` takes it.
    pub fn keyword(self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }
}

impl Policy {
    /// A permissive policy `name` for every command and role, without expressions.
    pub fn new(name: impl Into<String>) -> Self {
        Policy {
            name: name.into(),
            command: PolicyCommand::All,
            restrictive: false,
            roles: Vec::new(),
            using: None,
            with_check: None,
        }
    }

    /// What PostgreSQL refuses in the policy, if anything.
    pub(super) fn problem(&self) -> Option<&'static str> {
        match self.command {
            PolicyCommand::Insert if self.using.is_some() => {
                Some("is an INSERT policy with USING: an INSERT policy has only WITH CHECK")
            }
            PolicyCommand::Select | PolicyCommand::Delete if self.with_check.is_some() => {
                Some("is a SELECT or DELETE policy with WITH CHECK: those have only USING")
            }
            _ if self.using.is_none() && self.with_check.is_none() => {
                Some("has neither USING nor WITH CHECK")
            }
            _ => None,
        }
    }

    /// Roles sorted, `public` written as none: how the catalog reads back.
    pub(super) fn normalize(&mut self) {
        self.roles.retain(|r| !r.eq_ignore_ascii_case("public"));
        self.roles.sort();
        self.roles.dedup();
    }
}
