//! The operations of a diff as they are generated, grouped by kind of step: [`super::compare`]
//! (schemas, enums, tables created or dropped) and [`super::table_changes`] (inside one table)
//! both add to it, so it lives apart from either.

use super::op::Op;
use crate::model::{QualifiedName, SqlType};
use std::collections::BTreeSet;

/// The operations of a diff, grouped in the order they are generated.
#[derive(Default)]
pub(super) struct Changes<'a> {
    pub roles: Vec<Op<'a>>,
    pub schemas: Vec<Op<'a>>,
    pub extensions: Vec<Op<'a>>,
    pub enums: Vec<Op<'a>>,
    pub domains: Vec<Op<'a>>,
    pub sequences: Vec<Op<'a>>,
    pub functions: Vec<Op<'a>>,
    pub raw: Vec<Op<'a>>,
    pub renames: Vec<Op<'a>>,
    pub revokes: Vec<Op<'a>>,
    pub drop_views: Vec<Op<'a>>,
    pub drop_triggers: Vec<Op<'a>>,
    pub drop_foreign_keys: Vec<Op<'a>>,
    pub drop_constraints: Vec<Op<'a>>,
    pub rebuilds: Vec<Op<'a>>,
    pub columns: Vec<Op<'a>>,
    pub create_tables: Vec<Op<'a>>,
    pub partitions: Vec<Op<'a>>,
    pub add_constraints: Vec<Op<'a>>,
    pub add_foreign_keys: Vec<Op<'a>>,
    pub indexes: Vec<Op<'a>>,
    pub triggers: Vec<Op<'a>>,
    pub views: Vec<Op<'a>>,
    pub view_indexes: Vec<Op<'a>>,
    pub sequence_owners: Vec<Op<'a>>,
    pub comments: Vec<Op<'a>>,
    pub grants: Vec<Op<'a>>,
    pub drop_partitions: Vec<Op<'a>>,
    pub drop_tables: Vec<Op<'a>>,
    pub drop_raw: Vec<Op<'a>>,
    pub drop_functions: Vec<Op<'a>>,
    pub drop_sequences: Vec<Op<'a>>,
    pub drop_domains: Vec<Op<'a>>,
    pub drop_enums: Vec<Op<'a>>,
    pub drop_extensions: Vec<Op<'a>>,
    pub drop_schemas: Vec<Op<'a>>,
    pub drop_roles: Vec<Op<'a>>,
    /// Changes no migration can make yet, each described ([`DiffError::Unsupported`]).
    ///
    /// [`DiffError::Unsupported`]: super::DiffError::Unsupported
    pub unsupported: Vec<String>,
    /// Keys (table, sorted columns) dropped from tables that stay: foreign keys that still
    /// reference them depend on their index and are dropped and added again.
    pub dropped_keys: BTreeSet<(QualifiedName, Vec<String>)>,
    /// Functions dropped and created again (their arguments or result type changed): the
    /// triggers that execute them are dropped before and created again after.
    pub recreated_functions: BTreeSet<QualifiedName>,
    /// The base type of each domain of either side, for the type changes of its columns.
    pub domain_bases: std::collections::BTreeMap<QualifiedName, SqlType>,
}

impl<'a> Changes<'a> {
    /// The type the values of a column of type `ty` have: a domain's base type, else `ty`.
    pub fn value_type<'t>(&'t self, ty: &'t SqlType) -> &'t SqlType {
        match ty {
            SqlType::Domain { schema, name } => self
                .domain_bases
                .get(&QualifiedName::new(schema, name))
                .unwrap_or(ty),
            _ => ty,
        }
    }

    /// Every operation, in generation order.
    pub fn into_ops(self) -> Vec<Op<'a>> {
        let lists = [
            self.roles,
            self.schemas,
            self.extensions,
            self.enums,
            self.domains,
            self.sequences,
            self.functions,
            self.raw,
            self.renames,
            self.revokes,
            self.drop_views,
            self.drop_triggers,
            self.drop_foreign_keys,
            self.drop_constraints,
            self.rebuilds,
            self.columns,
            self.create_tables,
            self.partitions,
            self.add_constraints,
            self.add_foreign_keys,
            self.indexes,
            self.triggers,
            self.views,
            self.view_indexes,
            self.sequence_owners,
            self.comments,
            self.grants,
            self.drop_partitions,
            self.drop_tables,
            self.drop_raw,
            self.drop_functions,
            self.drop_sequences,
            self.drop_domains,
            self.drop_enums,
            self.drop_extensions,
            self.drop_schemas,
            self.drop_roles,
        ];
        // Sized once: a first migration of thousands of tables has thousands of operations,
        // each a few hundred bytes, and growing the list step by step copied them each time.
        let mut ops = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            ops.extend(list);
        }
        ops
    }
}
