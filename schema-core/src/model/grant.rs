use super::role::is_public;
use super::QualifiedName;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Privileges a role holds on one object (`GRANT .. ON .. TO ..`), beyond those PostgreSQL
/// gives by default (the owner's, `PUBLIC`'s `EXECUTE` on functions and `USAGE` on schema
/// `public`). Declared with [`Schema::grant`](super::Schema::grant):
///
/// ```
/// use schema_core::model::{Grant, Privilege, QualifiedName};
/// let read = Grant::on_table(QualifiedName::new("tenancy", "members"))
///     .privileges([Privilege::Select, Privilege::Insert])
///     .to("tenant_app");
/// let usage = Grant::on_schema("tenancy").privilege(Privilege::Usage).to("tenant_app");
/// # let _ = (read, usage);
/// ```
///
/// The models typed `Grant::on::<Member>()` and `Grant::on_column(Member::COLUMNS.email)` name
/// a registered table, view or column. The grants of one object to one role are one `Grant`:
/// two declared for them are merged. Taking a privilege out of the models revokes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Grant {
    /// What the privileges are on.
    pub on: GrantObject,
    /// The role given them; `public` for every role.
    pub to: String,
    /// The privileges, sorted.
    pub privileges: Vec<Privilege>,
    /// `WITH GRANT OPTION`: the role may grant them on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_grant_option: bool,
}

/// The object of a [`Grant`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GrantObject {
    /// A PostgreSQL schema (`USAGE`, `CREATE`).
    Schema {
        /// The schema.
        name: String,
    },
    /// A table, view or materialized view.
    Table {
        /// Its schema.
        schema: String,
        /// Its name.
        name: String,
    },
    /// One column of a table or view (`SELECT`, `INSERT`, `UPDATE`, `REFERENCES`).
    Column {
        /// The table's schema.
        schema: String,
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
    /// A sequence (`USAGE`, `SELECT`, `UPDATE`).
    Sequence {
        /// Its schema.
        schema: String,
        /// Its name.
        name: String,
    },
    /// A function (`EXECUTE`).
    Function {
        /// Its schema.
        schema: String,
        /// Its name.
        name: String,
    },
}

/// A privilege of a [`Grant`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Privilege {
    /// `SELECT`
    Select,
    /// `INSERT`
    Insert,
    /// `UPDATE`
    Update,
    /// `DELETE`
    Delete,
    /// `TRUNCATE`
    Truncate,
    /// `REFERENCES`
    References,
    /// `TRIGGER`
    Trigger,
    /// `USAGE`
    Usage,
    /// `CREATE`
    Create,
    /// `EXECUTE`
    Execute,
}

impl Privilege {
    /// Every privilege, in order.
    pub const ALL: [Privilege; 10] = [
        Privilege::Select,
        Privilege::Insert,
        Privilege::Update,
        Privilege::Delete,
        Privilege::Truncate,
        Privilege::References,
        Privilege::Trigger,
        Privilege::Usage,
        Privilege::Create,
        Privilege::Execute,
    ];

    /// The keyword, as `GRANT` takes it and `aclexplode` prints it.
    pub fn keyword(self) -> &'static str {
        match self {
            Privilege::Select => "SELECT",
            Privilege::Insert => "INSERT",
            Privilege::Update => "UPDATE",
            Privilege::Delete => "DELETE",
            Privilege::Truncate => "TRUNCATE",
            Privilege::References => "REFERENCES",
            Privilege::Trigger => "TRIGGER",
            Privilege::Usage => "USAGE",
            Privilege::Create => "CREATE",
            Privilege::Execute => "EXECUTE",
        }
    }

    /// The privilege `aclexplode` prints as `keyword`.
    pub fn from_keyword(keyword: &str) -> Option<Privilege> {
        Privilege::ALL.into_iter().find(|p| p.keyword() == keyword)
    }
}

impl GrantObject {
    /// The kind of object, as a message names it.
    pub fn kind(&self) -> &'static str {
        match self {
            GrantObject::Schema { .. } => "schema",
            GrantObject::Table { .. } => "table",
            GrantObject::Column { .. } => "column",
            GrantObject::Sequence { .. } => "sequence",
            GrantObject::Function { .. } => "function",
        }
    }

    /// The privileges PostgreSQL grants on an object of this kind.
    pub fn allowed(&self) -> &'static [Privilege] {
        use Privilege::*;
        match self {
            GrantObject::Schema { .. } => &[Usage, Create],
            GrantObject::Table { .. } => &[
                Select, Insert, Update, Delete, Truncate, References, Trigger,
            ],
            GrantObject::Column { .. } => &[Select, Insert, Update, References],
            GrantObject::Sequence { .. } => &[Select, Update, Usage],
            GrantObject::Function { .. } => &[Execute],
        }
    }
}

impl fmt::Display for GrantObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GrantObject::Schema { name } => write!(f, "schema {name}"),
            GrantObject::Table { schema, name } => write!(f, "table {schema}.{name}"),
            GrantObject::Column {
                schema,
                table,
                column,
            } => write!(f, "column {column} of {schema}.{table}"),
            GrantObject::Sequence { schema, name } => write!(f, "sequence {schema}.{name}"),
            GrantObject::Function { schema, name } => write!(f, "function {schema}.{name}"),
        }
    }
}

impl fmt::Display for Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let privileges: Vec<&str> = self.privileges.iter().map(|p| p.keyword()).collect();
        write!(
            f,
            "{} on {} to {}",
            privileges.join(", "),
            self.on,
            self.grantee()
        )
    }
}

impl Grant {
    fn on_object(on: GrantObject) -> Self {
        Grant {
            on,
            to: String::new(),
            privileges: Vec::new(),
            with_grant_option: false,
        }
    }

    /// The role given the privileges as messages name it: `PUBLIC`, or the role.
    pub fn grantee(&self) -> &str {
        if is_public(&self.to) {
            "PUBLIC"
        } else {
            &self.to
        }
    }

    /// Privileges on a PostgreSQL schema.
    pub fn on_schema(name: impl Into<String>) -> Self {
        Self::on_object(GrantObject::Schema { name: name.into() })
    }

    /// Privileges on a table or view, by name.
    pub fn on_table(table: QualifiedName) -> Self {
        Self::on_object(GrantObject::Table {
            schema: table.schema,
            name: table.name,
        })
    }

    /// Privileges on one column of a table or view, by name.
    pub fn on_table_column(table: QualifiedName, column: impl Into<String>) -> Self {
        Self::on_object(GrantObject::Column {
            schema: table.schema,
            table: table.name,
            column: column.into(),
        })
    }

    /// Privileges on a sequence.
    pub fn on_sequence(sequence: QualifiedName) -> Self {
        Self::on_object(GrantObject::Sequence {
            schema: sequence.schema,
            name: sequence.name,
        })
    }

    /// Privileges on a function.
    pub fn on_function(function: QualifiedName) -> Self {
        Self::on_object(GrantObject::Function {
            schema: function.schema,
            name: function.name,
        })
    }

    /// Adds a privilege.
    pub fn privilege(mut self, privilege: Privilege) -> Self {
        self.privileges.push(privilege);
        self
    }

    /// Adds privileges.
    pub fn privileges(mut self, privileges: impl IntoIterator<Item = Privilege>) -> Self {
        self.privileges.extend(privileges);
        self
    }

    /// Every privilege the object's kind has (`GRANT ALL`).
    pub fn all(self) -> Self {
        let all = self.on.allowed();
        self.privileges(all.iter().copied())
    }

    /// The role given the privileges (`"public"` for every role).
    pub fn to(mut self, role: impl Into<String>) -> Self {
        self.to = role.into();
        self
    }

    /// `WITH GRANT OPTION`
    pub fn with_grant_option(mut self) -> Self {
        self.with_grant_option = true;
        self
    }

    /// Privileges sorted and once each; `PUBLIC` in any case written `public`.
    pub(crate) fn normalize(&mut self) {
        self.privileges.sort();
        self.privileges.dedup();
        if is_public(&self.to) {
            self.to = "public".to_owned();
        }
    }

    /// What PostgreSQL refuses in the grant, if anything.
    pub(super) fn problem(&self) -> Option<String> {
        if self.to.is_empty() {
            return Some("names no role: add `.to(\"role\")`".into());
        }
        if self.privileges.is_empty() {
            return Some("grants no privilege".into());
        }
        let allowed = self.on.allowed();
        let refused: Vec<&str> = self
            .privileges
            .iter()
            .filter(|p| !allowed.contains(p))
            .map(|p| p.keyword())
            .collect();
        if refused.is_empty() {
            return None;
        }
        let allowed: Vec<&str> = allowed.iter().map(|p| p.keyword()).collect();
        Some(format!(
            "grants {}, which a {} does not have (it has {})",
            refused.join(", "),
            self.on.kind(),
            allowed.join(", ")
        ))
    }
}
