//! The operations of a diff as they are generated, grouped by kind of step: [`super::compare`]
//! (schemas, enums, tables created or dropped) and [`super::table_changes`] (inside one table)
//! both add to it, so it lives apart from either.

use super::op::Op;
use crate::model::QualifiedName;
use std::collections::BTreeSet;

/// The operations of a diff, grouped in the order they are generated.
#[derive(Default)]
pub(super) struct Changes {
    pub schemas: Vec<Op>,
    pub enums: Vec<Op>,
    pub renames: Vec<Op>,
    pub drop_foreign_keys: Vec<Op>,
    pub drop_constraints: Vec<Op>,
    pub rebuilds: Vec<Op>,
    pub columns: Vec<Op>,
    pub create_tables: Vec<Op>,
    pub add_constraints: Vec<Op>,
    pub add_foreign_keys: Vec<Op>,
    pub indexes: Vec<Op>,
    pub comments: Vec<Op>,
    pub drop_tables: Vec<Op>,
    pub drop_enums: Vec<Op>,
    pub drop_schemas: Vec<Op>,
    /// Changes no migration can make yet, each described ([`DiffError::Unsupported`]).
    ///
    /// [`DiffError::Unsupported`]: super::DiffError::Unsupported
    pub unsupported: Vec<String>,
    /// Keys (table, sorted columns) dropped from tables that stay: foreign keys that still
    /// reference them depend on their index and are dropped and added again.
    pub dropped_keys: BTreeSet<(QualifiedName, Vec<String>)>,
}

impl Changes {
    /// Every operation, in generation order.
    pub fn into_ops(self) -> Vec<Op> {
        [
            self.schemas,
            self.enums,
            self.renames,
            self.drop_foreign_keys,
            self.drop_constraints,
            self.rebuilds,
            self.columns,
            self.create_tables,
            self.add_constraints,
            self.add_foreign_keys,
            self.indexes,
            self.comments,
            self.drop_tables,
            self.drop_enums,
            self.drop_schemas,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
