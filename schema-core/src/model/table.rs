use super::{
    CheckConstraint, ColumnDef, ExclusionConstraint, ForeignKey, Index, Partition, PartitionBy,
    Policy, PrimaryKey, QualifiedName, RowSecurity, Trigger, UniqueConstraint,
};
use serde::{Deserialize, Serialize};

/// One table: its columns in declaration order, and its keys, constraints and indexes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableDef {
    /// PostgreSQL schema the table lives in (`public` unless the model names another).
    pub schema: String,
    /// Table name, unique among the relations (tables, indexes) of its schema.
    pub name: String,
    /// `COMMENT ON TABLE` text; `#[derive(Table)]` takes it from the struct's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Columns in physical order, which is declaration order.
    pub columns: Vec<ColumnDef>,
    /// The `PRIMARY KEY` constraint, if the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    /// `UNIQUE` constraints, in name order once [normalized](TableDef::normalize).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<UniqueConstraint>,
    /// `FOREIGN KEY` constraints declared by this table, in name order once normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    /// Indexes created with `CREATE INDEX`, not those PostgreSQL builds for the primary key and
    /// unique constraints; in name order once normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// `CHECK` constraints, in name order once normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckConstraint>,
    /// `EXCLUDE` constraints, in name order once normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<ExclusionConstraint>,
    /// Triggers, in name order once normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Trigger>,
    /// Row-level security.
    #[serde(default, skip_serializing_if = "RowSecurity::is_off")]
    pub row_security: RowSecurity,
    /// Row-level security policies, in name order once normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// `PARTITION BY`: a partitioned table, whose rows are in its [partitions](Self::partitions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<PartitionBy>,
    /// The partitions of a partitioned table, in name order once normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<Partition>,
    /// Rename hint for the diff engine: the table's previous name, in the same PostgreSQL
    /// schema (`"old_name"`) or qualified when the table also moved (`"old_schema.old_name"`).
    /// A hint only: [`canonical`](super::canonical) clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

impl TableDef {
    /// A table `schema.name` with no columns, keys, constraints, indexes or comment.
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            schema: schema.into(),
            name: name.into(),
            comment: None,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            checks: Vec::new(),
            exclusions: Vec::new(),
            triggers: Vec::new(),
            row_security: RowSecurity::Off,
            policies: Vec::new(),
            partition_by: None,
            partitions: Vec::new(),
            renamed_from: None,
        }
    }

    /// The table's schema-qualified name.
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }

    /// The column named `name`, if any.
    pub fn column(&self, name: &str) -> Option<&ColumnDef> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Whether a trigger sets `column` to `now()` on every update: the table has the
    /// [`Trigger::touch`] of the column (`#[column(on_update_now)]`).
    pub fn touches(&self, column: &str) -> bool {
        let touch = Trigger::touch(&self.schema, column);
        self.triggers.contains(&touch)
    }

    /// Puts every name-keyed collection in name order, so that the order in which attributes
    /// were written never shows up in a snapshot or a diff. Column order is kept: it is the
    /// table's physical order.
    pub fn normalize(&mut self) {
        self.uniques.sort_by(|a, b| a.name.cmp(&b.name));
        self.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        self.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        self.checks.sort_by(|a, b| a.name.cmp(&b.name));
        self.exclusions.sort_by(|a, b| a.name.cmp(&b.name));
        for trigger in &mut self.triggers {
            trigger.normalize();
        }
        self.triggers.sort_by(|a, b| a.name.cmp(&b.name));
        for policy in &mut self.policies {
            policy.normalize();
        }
        self.policies.sort_by(|a, b| a.name.cmp(&b.name));
        self.partitions.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// True when `columns`, in any order, are exactly the primary key or a unique constraint,
    /// neither deferrable, or a unique index without a predicate: what PostgreSQL accepts as a
    /// foreign key's target.
    pub fn has_key_on(&self, columns: &[String]) -> bool {
        let same =
            |key: &[String]| key.len() == columns.len() && columns.iter().all(|c| key.contains(c));
        self.primary_key
            .as_ref()
            .is_some_and(|pk| pk.deferrable.is_default() && same(&pk.columns))
            || self
                .uniques
                .iter()
                .any(|u| u.deferrable.is_default() && same(&u.columns))
            || self.indexes.iter().any(|i| {
                i.unique && i.predicate.is_none() && i.plain_columns().is_some_and(|c| same(&c))
            })
    }
}
