//! Tables as a whole: created with their columns and keys, renamed, moved, commented, dropped.

use super::sql_default;
use super::Operation;
use crate::diff::deps::{key, qn, relation, table_objects, Deps, Name, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{QualifiedName, TableDef};
use crate::render::alter;
use std::borrow::Cow;

/// An operation on a table as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableOp<'a> {
    /// `CREATE TABLE` with its columns, keys, checks and the foreign keys it holds inline.
    Create {
        /// The table; its `foreign_keys` are those written inside the `CREATE TABLE`, its
        /// `indexes` and comments are separate operations (neither is written from here).
        table: Cow<'a, TableDef>,
        /// A down migration re-creates a table its up migration dropped: empty, since the rows
        /// are gone (see [`diff_down`](crate::diff::diff_down)).
        restored: bool,
    },
    /// `DROP TABLE`: the table's rows are lost.
    Drop {
        /// The table as it was; its `foreign_keys` are those dropped with it.
        table: Cow<'a, TableDef>,
    },
    /// `ALTER TABLE ... RENAME TO`
    Rename {
        /// The table's current name.
        from: QualifiedName,
        /// The new name, in the same schema.
        to: String,
    },
    /// `ALTER TABLE ... SET SCHEMA`: the table moves with its indexes, constraints and the
    /// sequences its columns own.
    Move {
        /// The table's current name.
        from: QualifiedName,
        /// The schema it moves to.
        to_schema: String,
        /// The names of the sequences its columns own, which move with it.
        sequences: Vec<String>,
    },
    /// `COMMENT ON TABLE`
    Comment {
        /// The table.
        table: QualifiedName,
        /// The comment; `None` removes it.
        comment: Option<String>,
    },
}

impl TableOp<'_> {
    /// The same step, owning what it borrowed.
    pub(in crate::diff) fn into_owned(self) -> TableOp<'static> {
        match self {
            TableOp::Create { table, restored } => TableOp::Create {
                table: Cow::Owned(table.into_owned()),
                restored,
            },
            TableOp::Drop { table } => TableOp::Drop {
                table: Cow::Owned(table.into_owned()),
            },
            TableOp::Rename { from, to } => TableOp::Rename { from, to },
            TableOp::Move {
                from,
                to_schema,
                sequences,
            } => TableOp::Move {
                from,
                to_schema,
                sequences,
            },
            TableOp::Comment { table, comment } => TableOp::Comment { table, comment },
        }
    }
}

impl Operation for TableOp<'_> {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { table, .. } => vec![alter::create_table(table)],
            Self::Drop { table } => vec![alter::drop_table(&table.qualified_name())],
            Self::Rename { from, to } => vec![alter::rename_table(from, to)],
            Self::Move {
                from, to_schema, ..
            } => vec![alter::set_schema(from, to_schema)],
            Self::Comment { table, comment } => {
                vec![alter::comment_on_table(table, comment.as_deref())]
            }
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            Self::Drop { table } => vec![hazard(
                DataLoss,
                format!("deletes table {} and all its rows", table.qualified_name()),
            )],
            Self::Create {
                table,
                restored: true,
            } => vec![hazard(
                DataLoss,
                format!(
                    "re-creates {} empty: the rows deleted when it was dropped are not restored",
                    table.qualified_name()
                ),
            )],
            Self::Rename { from, to } => vec![hazard(
                BreakingChange,
                format!("clients that use {from} fail once it is renamed to {to}"),
            )],
            Self::Move {
                from, to_schema, ..
            } => vec![hazard(
                BreakingChange,
                format!("clients that use {from} fail once it moves to schema {to_schema}"),
            )],
            _ => Vec::new(),
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Drop { table } => vec![Refusal::new(
                format!("drop table `{}`", table.qualified_name()),
                "its rows are deleted",
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { table, .. } => {
                let name = (table.schema.as_str(), table.name.as_str());
                d.namespace(&table.schema, true);
                for column in &table.columns {
                    d.needs_type(&column.ty, column.default.as_ref());
                }
                for fk in &table.foreign_keys {
                    if qn(&fk.target) != name {
                        d.requires.push(Res::Table(qn(&fk.target)));
                        d.requires.push(key(qn(&fk.target), &fk.target_columns));
                        for column in &fk.target_columns {
                            d.needs_column(&fk.target, column);
                        }
                    }
                }
                d.creates.extend(table_objects(table));
            }
            Self::Drop { table } => {
                d.namespace(&table.schema, false);
                for column in &table.columns {
                    d.releases_type(&column.ty);
                }
                // Its triggers go with it: until then they hold their functions.
                for trigger in &table.triggers {
                    d.releases.push(Res::Function(qn(&trigger.function)));
                }
                // Its own foreign keys go with it: until then they hold their targets.
                for fk in &table.foreign_keys {
                    if qn(&fk.target) != (table.schema.as_str(), table.name.as_str()) {
                        d.releases.push(Res::Table(qn(&fk.target)));
                        d.releases.push(key(qn(&fk.target), &fk.target_columns));
                    }
                }
                d.drops.extend(table_objects(table));
                for index in &table.indexes {
                    d.drops.push(relation(
                        (table.schema.as_str(), table.name.as_str()),
                        &index.name,
                    ));
                }
            }
            Self::Rename { from, to } => {
                let new: Name<'_> = (&from.schema, to);
                d.requires.push(Res::Table(qn(from)));
                d.drops.push(Res::Table(qn(from)));
                d.drops.push(relation(qn(from), &from.name));
                d.creates.push(Res::Table(new));
                d.creates.push(relation(new, to));
            }
            Self::Move {
                from,
                to_schema,
                sequences,
            } => {
                let new: Name<'_> = (to_schema, &from.name);
                for sequence in sequences {
                    d.drops.push(Res::Sequence((&from.schema, sequence)));
                    d.drops.push(Res::Relation(&from.schema, sequence));
                    d.creates.push(Res::Sequence((to_schema, sequence)));
                    d.creates.push(Res::Relation(to_schema, sequence));
                }
                d.namespace(to_schema, true);
                d.namespace(&from.schema, false);
                d.requires.push(Res::Table(qn(from)));
                d.drops.push(Res::Table(qn(from)));
                d.drops.push(relation(qn(from), &from.name));
                d.creates.push(Res::Table(new));
                d.creates.push(relation(new, &from.name));
            }
            Self::Comment { table, .. } => d.on_table(table),
        }
    }

    fn expressions(&self) -> Vec<&str> {
        match self {
            Self::Create { table, .. } => table
                .checks
                .iter()
                .map(|c| c.expression.as_str())
                .chain(
                    table
                        .columns
                        .iter()
                        .filter_map(|c| sql_default(c.default.as_ref())),
                )
                .collect(),
            _ => Vec::new(),
        }
    }

    fn may_run_long(&self) -> bool {
        // The table's files are removed.
        matches!(self, Self::Drop { .. })
    }
}
