//! What can go wrong when an operation runs: written as `-- hazard: <kind>: <explanation>`
//! above its statements, so that a reviewer sees the risk where it is taken; and which
//! operations lose data or fail on data, so that the diff refuses them until confirmed
//! (`refusals`). Both are read off the planned operation, here, and nowhere else.

use super::error::Refusal;
use super::op::Op;
use super::type_change::{effects, is_binary_coercible, Effect};
use crate::model::{ColumnDefault, QualifiedName};
use std::fmt;

/// A risk of one operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hazard {
    /// The kind of risk.
    pub kind: HazardKind,
    /// What happens, in words.
    pub explanation: String,
}

/// Kinds of risk, printed in kebab case in the hazard comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HazardKind {
    /// Data is deleted, not restored, or changed (rounded, cut) without an error.
    DataLoss,
    /// PostgreSQL rewrites the whole table (and its indexes) under an `ACCESS EXCLUSIVE` lock.
    TableRewrite,
    /// A lock that blocks reads or writes of the table while the statement runs.
    Lock,
    /// The statement fails on some data (the migration stops; nothing is lost).
    MayFail,
    /// An index build outside a transaction, which can leave an invalid index behind.
    IndexBuild,
    /// Clients that use the old name break.
    BreakingChange,
}

impl fmt::Display for HazardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HazardKind::DataLoss => "data-loss",
            HazardKind::TableRewrite => "table-rewrite",
            HazardKind::Lock => "lock",
            HazardKind::MayFail => "may-fail",
            HazardKind::IndexBuild => "index-build",
            HazardKind::BreakingChange => "breaking-change",
        })
    }
}

impl fmt::Display for Hazard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "-- hazard: {}: {}", self.kind, self.explanation)
    }
}

/// A column that becomes `GENERATED ALWAYS AS IDENTITY` refuses the values clients give it.
fn always_identity(table: &QualifiedName, column: &str) -> Hazard {
    hazard(
        HazardKind::BreakingChange,
        format!(
            "inserts and updates into {table} that give {column} a value fail once it is \
             GENERATED ALWAYS"
        ),
    )
}

fn hazard(kind: HazardKind, explanation: impl Into<String>) -> Hazard {
    Hazard {
        kind,
        explanation: explanation.into(),
    }
}

/// The hazards of `op`, in the order they are printed.
pub fn hazards(op: &Op) -> Vec<Hazard> {
    use HazardKind::*;
    match op {
        Op::DropTable { table } => vec![hazard(
            DataLoss,
            format!("deletes table {} and all its rows", table.qualified_name()),
        )],
        // Its values are computed from the row's other columns: nothing is lost.
        Op::DropColumn { table, column } if column.generated.is_some() => vec![hazard(
            BreakingChange,
            format!(
                "drops generated column {} of {table}: what reads it fails until a column of \
                 that name is added again",
                column.name
            ),
        )],
        Op::DropColumn { table, column } => vec![hazard(
            DataLoss,
            format!("deletes column {} of {table} and its values", column.name),
        )],
        Op::CreateTable {
            table,
            restored: true,
        } => vec![hazard(
            DataLoss,
            format!(
                "re-creates {} empty: the rows deleted when it was dropped are not restored",
                table.qualified_name()
            ),
        )],
        Op::AlterColumnType {
            table,
            column,
            from,
            to,
            using_from_model,
            narrowing,
            restored,
            ..
        } => {
            let mut out = Vec::new();
            if *using_from_model && *narrowing {
                out.push(hazard(
                    DataLoss,
                    format!(
                        "changing {column} of {table} from {from} to {to}: the model's USING \
                         expression converts it, and its result is cast to {to} as an INSERT \
                         would be: what is kept is up to that expression"
                    ),
                ));
            } else if !*using_from_model {
                for effect in effects(from, to) {
                    out.push(match effect {
                        Effect::Fails(values) => hazard(
                            MayFail,
                            format!(
                                "changing {column} of {table} from {from} to {to} fails on \
                                 {values}: the migration stops and its transaction leaves \
                                 {table} as it was"
                            ),
                        ),
                        Effect::Changes(what) => hazard(
                            DataLoss,
                            format!("changing {column} of {table} from {from} to {to}: {what}"),
                        ),
                    });
                }
            }
            if *restored {
                // The up migration's conversion, from `to` to `from`, cannot be undone.
                for effect in effects(to, from) {
                    if let Effect::Changes(what) = effect {
                        out.push(hazard(
                            DataLoss,
                            format!(
                                "{column} of {table} goes back to {to} without undoing the up \
                                 migration, where {what}"
                            ),
                        ));
                    }
                }
            }
            if is_binary_coercible(from, to) {
                out.push(hazard(
                    Lock,
                    format!("ACCESS EXCLUSIVE lock on {table}, brief (no rewrite)"),
                ));
            } else {
                out.push(hazard(
                    TableRewrite,
                    format!(
                        "rewrites {table} and its indexes under an ACCESS EXCLUSIVE lock: reads \
                         and writes wait until it finishes"
                    ),
                ));
            }
            out
        }
        Op::RebuildEnum {
            def,
            removed,
            columns,
        } => {
            let mut out = vec![hazard(
                BreakingChange,
                format!(
                    "{} is replaced by a new type of the same name: clients holding its old OID \
                     (cached plans, prepared statements) must reconnect; privileges granted on \
                     the old type are not carried over",
                    def.qualified_name()
                ),
            )];
            if !removed.is_empty() {
                out.push(hazard(
                    MayFail,
                    format!(
                        "removes {} from {}: rows still holding a removed value make the \
                         conversion fail; update them first",
                        removed
                            .iter()
                            .map(|v| format!("'{v}'"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        def.qualified_name()
                    ),
                ));
            }
            for column in columns {
                out.push(hazard(
                    TableRewrite,
                    format!(
                        "converting {}.{} rewrites {} under an ACCESS EXCLUSIVE lock",
                        column.table, column.column, column.table
                    ),
                ));
            }
            out
        }
        Op::SetNotNull {
            table,
            column,
            backfill,
            ..
        } => match backfill {
            None => vec![hazard(
                MayFail,
                format!("fails if {column} of {table} holds NULL (no default to fill it with)"),
            )],
            Some(_) => vec![hazard(
                Lock,
                format!("the UPDATE locks every row of {table} whose {column} is NULL"),
            )],
        },
        Op::ValidateConstraint { table, name } => vec![hazard(
            MayFail,
            format!("scans {table} (reads and writes go on); fails if a row violates {name}"),
        )],
        Op::AddColumn {
            table,
            column,
            restored,
        } => {
            let mut out = Vec::new();
            // A generated column's values are computed again: nothing is missing.
            if *restored && column.generated.is_none() {
                // NOT NULL without a default: the may-fail hazard below says what happens.
                let fill = match &column.default {
                    Some(default) => format!(", every row gets its default {}", default.to_sql()),
                    None if column.nullable => ", every row gets NULL".to_owned(),
                    None => String::new(),
                };
                out.push(hazard(
                    DataLoss,
                    format!(
                        "re-adds column {} of {table} empty: the values deleted when it was \
                         dropped are not restored{fill}",
                        column.name
                    ),
                ));
            }
            let computed = column.identity.is_some() || column.generated.is_some();
            if !column.nullable && column.default.is_none() && !computed {
                out.push(hazard(
                    MayFail,
                    format!("NOT NULL without a default fails if {table} has rows"),
                ));
            }
            if computed {
                out.push(hazard(
                    TableRewrite,
                    format!(
                        "fills {} in every row, rewriting {table} under an ACCESS EXCLUSIVE lock",
                        column.name
                    ),
                ));
            }
            match &column.default {
                Some(ColumnDefault::RandomUuid) => out.push(hazard(
                    TableRewrite,
                    format!("a volatile default rewrites {table} under an ACCESS EXCLUSIVE lock"),
                )),
                Some(ColumnDefault::Sql(_)) => out.push(hazard(
                    TableRewrite,
                    format!(
                        "rewrites {table} under an ACCESS EXCLUSIVE lock if the default is \
                         volatile"
                    ),
                )),
                _ => {}
            }
            out
        }
        Op::AddPrimaryKey {
            table,
            using_index: false,
            ..
        }
        | Op::AddUnique {
            table,
            using_index: false,
            ..
        } => vec![
            hazard(
                Lock,
                format!("builds the key's index under a SHARE lock: writes to {table} wait"),
            ),
            hazard(
                MayFail,
                "fails if the key columns hold NULL or duplicate values",
            ),
        ],
        Op::AddPrimaryKey {
            table,
            using_index: true,
            ..
        } => vec![hazard(
            Lock,
            format!(
                "ACCESS EXCLUSIVE lock on {table}, brief; a scan if a key column still allows NULL"
            ),
        )],
        Op::DropIndex {
            table,
            index,
            concurrently: false,
        } => vec![hazard(
            Lock,
            format!(
                "ACCESS EXCLUSIVE lock on {table} while {} is dropped, brief",
                index.name
            ),
        )],
        Op::CreateIndex {
            index,
            concurrently: true,
            ..
        } => {
            let mut out = vec![hazard(
                IndexBuild,
                format!(
                    "built without blocking writes, outside a transaction; if it fails, drop \
                     the INVALID index {} before retrying",
                    index.name
                ),
            )];
            if index.unique {
                out.push(hazard(
                    MayFail,
                    if index.key_columns().count() < index.columns.len() {
                        "fails if two rows give its key expressions the same values"
                    } else if index.nulls_not_distinct {
                        "fails if the columns hold duplicate values, NULLs included"
                    } else {
                        "fails if the columns hold duplicate values"
                    },
                ));
            }
            out
        }
        Op::RenameTable { from, to } => vec![hazard(
            BreakingChange,
            format!("clients that use {from} fail once it is renamed to {to}"),
        )],
        Op::MoveTable { from, to_schema } => vec![hazard(
            BreakingChange,
            format!("clients that use {from} fail once it moves to schema {to_schema}"),
        )],
        Op::RenameColumn { table, from, to } => vec![hazard(
            BreakingChange,
            format!("clients that use {from} of {table} fail once it is renamed to {to}"),
        )],
        Op::FinishSetNotNull { table, .. } => vec![hazard(
            Lock,
            format!(
                "ACCESS EXCLUSIVE lock on {table}, brief: the validated check spares the scan, \
                 then the temporary check is dropped"
            ),
        )],
        Op::DropSchema { name } => vec![hazard(
            BreakingChange,
            format!("clients that use schema {name} fail once it is dropped (it is empty by now)"),
        )],
        Op::DropEnum { name } => vec![hazard(
            BreakingChange,
            format!("clients that cast to {name} fail once it is dropped (no column uses it)"),
        )],
        Op::RenameEnumValue { name, from, to } => vec![hazard(
            BreakingChange,
            format!("clients that write '{from}' to {name} fail once it is renamed to '{to}'"),
        )],
        Op::DropNotNull { table, column } => vec![hazard(
            BreakingChange,
            format!("clients that assume {column} of {table} is never NULL may break"),
        )],
        Op::DropDefault { table, column } => vec![hazard(
            BreakingChange,
            format!("inserts into {table} that omit {column} no longer get a default"),
        )],
        Op::AddIdentity {
            table,
            column,
            identity,
            ..
        } => {
            let mut out = vec![hazard(
                Lock,
                format!(
                    "holds an ACCESS EXCLUSIVE lock on {table} while the identity is added, \
                     then reads the largest {column} to continue after it"
                ),
            )];
            if identity.always {
                out.push(always_identity(table, column));
            }
            out
        }
        Op::AlterIdentity {
            table,
            column,
            identity,
        } if identity.always => vec![always_identity(table, column)],
        Op::DropIdentity { table, column } => vec![hazard(
            BreakingChange,
            format!("inserts into {table} that omit {column} no longer get a number"),
        )],
        Op::DropExpression { table, column } => vec![hazard(
            BreakingChange,
            format!("{column} of {table} keeps its values but is no longer computed from the row"),
        )],
        Op::DropPrimaryKey { table, key } => vec![hazard(
            BreakingChange,
            format!(
                "{table} loses its key {}: duplicates become possible",
                key.name
            ),
        )],
        Op::DropUnique { table, unique } => vec![hazard(
            BreakingChange,
            format!("{table} loses {}: duplicates become possible", unique.name),
        )],
        Op::DropForeignKey { table, fk } => vec![hazard(
            BreakingChange,
            format!("{table} loses {}: rows may point at nothing", fk.name),
        )],
        Op::DropCheck { table, check } => vec![hazard(
            BreakingChange,
            format!(
                "{table} loses {}: rows it refused become possible",
                check.name
            ),
        )],
        Op::RenameConstraint {
            table, from, to, ..
        } => vec![hazard(
            BreakingChange,
            format!("clients that name constraint {from} of {table} need {to}"),
        )],
        Op::RenameIndex { table, from, to } => vec![hazard(
            BreakingChange,
            format!("clients that name index {from} of {table} need {to}"),
        )],
        _ => Vec::new(),
    }
}

/// The refusals of `op`: what it loses, or the data it fails on, which the diff plans only with
/// `allow_destructive` (a down migration always has it). A table or column dropped, a type
/// narrowed, `SET NOT NULL` with no default to fill NULLs with, enum labels removed.
pub(super) fn refusals(op: &Op) -> Vec<Refusal> {
    let refusal = |item: String, reason: &str| Refusal {
        item,
        reason: reason.to_owned(),
    };
    match op {
        Op::DropTable { table } => vec![refusal(
            format!("drop table `{}`", table.qualified_name()),
            "its rows are deleted",
        )],
        Op::DropColumn { table, column } if column.generated.is_none() => vec![refusal(
            format!("drop column `{}` of `{table}`", column.name),
            "its values are deleted",
        )],
        Op::AlterColumnType {
            table,
            column,
            from,
            to,
            using_from_model,
            narrowing: true,
            ..
        } => {
            let reason = if *using_from_model {
                "the model's USING expression decides what is kept".to_owned()
            } else {
                effects(from, to)
                    .iter()
                    .map(|e| e.describe())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            vec![refusal(
                format!("change type of column `{column}` of `{table}` from {from} to {to}"),
                &reason,
            )]
        }
        Op::SetNotNull {
            table,
            column,
            backfill: None,
            ..
        } => vec![refusal(
            format!("set NOT NULL on column `{column}` of `{table}`"),
            "it has no default to fill existing NULLs with, so rows holding NULL make the \
             migration fail",
        )],
        Op::RebuildEnum { def, removed, .. } => removed
            .iter()
            .map(|value| {
                refusal(
                    format!(
                        "remove value `{value}` from enum `{}`",
                        def.qualified_name()
                    ),
                    "rows holding it make the migration fail until they are changed",
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}
