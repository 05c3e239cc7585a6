//! Columns: added, dropped, renamed, retyped, their nullability, default, identity and
//! expression changed, commented.

use super::Operation;
use super::{not_null_check_name, sql_default};
use crate::diff::deps::{qn, Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{always_identity, hazard, Hazard, HazardKind};
use crate::diff::type_change::{effects, is_binary_coercible, Effect};
use crate::model::{CheckConstraint, ColumnDef, ColumnDefault, Identity, QualifiedName, SqlType};
use crate::render::alter;
use std::borrow::Cow;

/// An operation on one column of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnOp {
    /// `ALTER TABLE ... ADD COLUMN`
    Add {
        /// The table.
        table: QualifiedName,
        /// The column, with type, nullability and default (its comment is a separate step).
        column: ColumnDef,
        /// A down migration re-adds a column its up migration dropped: empty (NULL or the
        /// default in every row), since the values are gone (see [`diff_down`](crate::diff::diff_down)).
        restored: bool,
    },
    /// `ALTER TABLE ... DROP COLUMN`: the column's values are lost.
    Drop {
        /// The table.
        table: QualifiedName,
        /// The column as it was.
        column: ColumnDef,
    },
    /// `ALTER TABLE ... RENAME COLUMN`
    Rename {
        /// The table.
        table: QualifiedName,
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
    /// `ALTER TABLE ... ALTER COLUMN ... TYPE ... USING ...`
    AlterType {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The type it has.
        from: SqlType,
        /// The type it gets.
        to: SqlType,
        /// The expression after `USING`; `None` where PostgreSQL has an assignment cast, which
        /// it then applies: one that refuses a value that does not fit (a too-long string)
        /// where an explicit cast would cut it. The engine writes `"column"::type` only where
        /// there is no such cast (`text` to `integer`, into an enum).
        using: Option<String>,
        /// `using` is the model's `#[column(using = "...")]`, which decides what is kept.
        using_from_model: bool,
        /// The new type cannot hold every value of the old one.
        narrowing: bool,
        /// The types of the values, from and to: a domain's base type for a domain, what
        /// the conversion's effects are judged by.
        values: (SqlType, SqlType),
        /// A down migration reverses the up migration's type change: values that change
        /// rounded or cut stay so (see [`diff_down`](crate::diff::diff_down)).
        restored: bool,
    },
    /// The first step of a `SET NOT NULL` that does not block reads and writes for a full
    /// scan: NULLs are filled with the column default when there is one, and a temporary
    /// `CHECK ("column" IS NOT NULL) NOT VALID` named `<table>_<column>_not_null` is added. A
    /// [`ConstraintOp::Validate`](super::ConstraintOp::Validate) of that check and a [`ColumnOp::FinishSetNotNull`] follow.
    SetNotNull {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The column's type, for the enum label the backfill may use.
        ty: SqlType,
        /// The default that replaces NULLs first (`UPDATE ... WHERE column IS NULL`).
        backfill: Option<ColumnDefault>,
    },
    /// The last step of a `SET NOT NULL`: `ALTER COLUMN ... SET NOT NULL`, which the validated
    /// temporary check lets PostgreSQL make without a scan, then the check is dropped.
    FinishSetNotNull {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER COLUMN ... DROP NOT NULL`
    DropNotNull {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER COLUMN ... SET DEFAULT`
    SetDefault {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The column's type, for the enum label the default may use.
        ty: SqlType,
        /// The new default.
        default: ColumnDefault,
    },
    /// `ALTER COLUMN ... DROP DEFAULT`
    DropDefault {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER COLUMN ... ADD GENERATED ... AS IDENTITY` on a column that holds values, then
    /// its new sequence moved past them: to the next value of the sequence its old default
    /// drew from (`nextval('..')`, a `serial`), or else past the largest value held. A
    /// `serial`'s sequence stays, owned by the column, for the down migration to return to.
    AddIdentity {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The identity it gets.
        identity: Identity,
        /// The sequence (its SQL name, as in `nextval('name'::regclass)`) of the old default,
        /// whose next value the identity continues from.
        continues: Option<String>,
    },
    /// `ALTER COLUMN ... SET GENERATED ... SET START WITH ... SET INCREMENT BY ...`
    AlterIdentity {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The identity as it should be.
        identity: Identity,
    },
    /// `ALTER COLUMN ... DROP IDENTITY`: the values stay, no longer numbered.
    DropIdentity {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER COLUMN ... DROP EXPRESSION`: a generated column's values stay as plain values.
    DropExpression {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `COMMENT ON COLUMN`
    Comment {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The comment; `None` removes it.
        comment: Option<String>,
    },
}

impl Operation for ColumnOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Add { table, column, .. } => vec![alter::add_column(table, column)],
            Self::Drop { table, column } => vec![alter::drop_column(table, &column.name)],
            Self::Rename { table, from, to } => vec![alter::rename_column(table, from, to)],
            Self::AlterType {
                table,
                column,
                to,
                using,
                ..
            } => vec![alter::alter_column_type(
                table,
                column,
                to,
                using.as_deref(),
            )],
            Self::SetNotNull {
                table,
                column,
                backfill,
                ..
            } => {
                let check = CheckConstraint {
                    name: not_null_check_name(table, column),
                    expression: alter::not_null_expression(column),
                };
                let mut out = Vec::new();
                if let Some(value) = backfill {
                    out.push(alter::fill_nulls(table, column, value));
                }
                out.push(alter::add_check(table, &check, true));
                out
            }
            Self::FinishSetNotNull { table, column } => vec![
                alter::set_not_null(table, column),
                alter::drop_constraint(table, &not_null_check_name(table, column)),
            ],
            Self::DropNotNull { table, column } => vec![alter::drop_not_null(table, column)],
            Self::SetDefault {
                table,
                column,
                default,
                ..
            } => vec![alter::set_default(table, column, default)],
            Self::DropDefault { table, column } => vec![alter::drop_default(table, column)],
            Self::AddIdentity {
                table,
                column,
                identity,
                continues,
            } => vec![
                alter::add_identity(table, column, identity),
                alter::continue_identity(table, column, identity, continues.as_deref()),
            ],
            Self::AlterIdentity {
                table,
                column,
                identity,
            } => vec![alter::alter_identity(table, column, identity)],
            Self::DropIdentity { table, column } => vec![alter::drop_identity(table, column)],
            Self::DropExpression { table, column } => vec![alter::drop_expression(table, column)],
            Self::Comment {
                table,
                column,
                comment,
            } => vec![alter::comment_on_column(table, column, comment.as_deref())],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            // Its values are computed from the row's other columns: nothing is lost.
            Self::Drop { table, column } if column.generated.is_some() => vec![hazard(
                BreakingChange,
                format!(
                    "drops generated column {} of {table}: what reads it fails until a column of \
                     that name is added again",
                    column.name
                ),
            )],
            Self::Drop { table, column } => vec![hazard(
                DataLoss,
                format!("deletes column {} of {table} and its values", column.name),
            )],
            Self::AlterType {
                table,
                column,
                from,
                to,
                using_from_model,
                narrowing,
                restored,
                values,
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
                    if let SqlType::Domain { schema, name } = to {
                        let domain = QualifiedName::new(schema, name);
                        out.push(hazard(
                            MayFail,
                            format!(
                                "changing {column} of {table} to domain {domain} fails on a value that breaks \
                                 one of its checks: the migration stops and its transaction \
                                 leaves {table} as it was"
                            ),
                        ));
                    }
                    for effect in effects(&values.0, &values.1) {
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
                    for effect in effects(&values.1, &values.0) {
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
                if !rewrites(to, values) {
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
            Self::SetNotNull {
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
            Self::Add {
                table,
                column,
                restored,
            } => {
                let mut out = Vec::new();
                // A generated column's values are computed again: nothing is missing.
                if *restored && column.generated.is_none() {
                    // NOT NULL without a default: the may-fail hazard below says what happens.
                    let fill = match &column.default {
                        Some(default) => {
                            format!(", every row gets its default {}", default.to_sql())
                        }
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
                        format!(
                            "a volatile default rewrites {table} under an ACCESS EXCLUSIVE lock"
                        ),
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
            Self::Rename { table, from, to } => vec![hazard(
                BreakingChange,
                format!("clients that use {from} of {table} fail once it is renamed to {to}"),
            )],
            Self::FinishSetNotNull { table, .. } => vec![hazard(
                Lock,
                format!(
                    "ACCESS EXCLUSIVE lock on {table}, brief: the validated check spares the scan, \
                     then the temporary check is dropped"
                ),
            )],
            Self::DropNotNull { table, column } => vec![hazard(
                BreakingChange,
                format!("clients that assume {column} of {table} is never NULL may break"),
            )],
            Self::DropDefault { table, column } => vec![hazard(
                BreakingChange,
                format!("inserts into {table} that omit {column} no longer get a default"),
            )],
            Self::AddIdentity {
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
            Self::AlterIdentity {
                table,
                column,
                identity,
            } if identity.always => vec![always_identity(table, column)],
            Self::DropIdentity { table, column } => vec![hazard(
                BreakingChange,
                format!("inserts into {table} that omit {column} no longer get a number"),
            )],
            Self::DropExpression { table, column } => vec![hazard(
                BreakingChange,
                format!(
                    "{column} of {table} keeps its values but is no longer computed from the row"
                ),
            )],
            _ => Vec::new(),
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Drop { table, column } if column.generated.is_none() => vec![Refusal::new(
                format!("drop column `{}` of `{table}`", column.name),
                "its values are deleted",
            )],
            Self::AlterType {
                table,
                column,
                from,
                to,
                using_from_model,
                narrowing: true,
                values,
                ..
            } => {
                let reason = if *using_from_model {
                    "the model's USING expression decides what is kept".to_owned()
                } else {
                    effects(&values.0, &values.1)
                        .iter()
                        .map(|e| e.describe())
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                vec![Refusal::new(
                    format!("change type of column `{column}` of `{table}` from {from} to {to}"),
                    &reason,
                )]
            }
            Self::SetNotNull {
                table,
                column,
                backfill: None,
                ..
            } => vec![Refusal::new(
                format!("set NOT NULL on column `{column}` of `{table}`"),
                "it has no default to fill existing NULLs with, so rows holding NULL make the \
                 migration fail",
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Add { table, column, .. } => {
                d.on_table(table);
                d.needs_type(&column.ty, column.default.as_ref());
                d.creates.push(Res::Column(qn(table), &column.name));
            }
            Self::Drop { table, column } => {
                d.on_table(table);
                d.releases_type(&column.ty);
                d.drops.push(Res::Column(qn(table), &column.name));
            }
            Self::Rename { table, from, to } => {
                d.on_table(table);
                d.drops.push(Res::Column(qn(table), from));
                d.creates.push(Res::Column(qn(table), to));
            }
            Self::AlterType {
                table,
                column,
                from,
                to,
                ..
            } => {
                d.on_table(table);
                d.needs_column(table, column);
                d.needs_type(to, None);
                d.releases_type(from);
            }
            Self::SetNotNull {
                table,
                column,
                ty,
                backfill,
            } => {
                d.on_table(table);
                d.needs_column(table, column);
                d.needs_type(ty, backfill.as_ref());
                let check = not_null_check_name(table, column);
                d.creates
                    .push(Res::Constraint(qn(table), Cow::Owned(check)));
            }
            Self::FinishSetNotNull { table, column } => {
                d.on_table(table);
                d.needs_column(table, column);
                let check = not_null_check_name(table, column);
                d.requires
                    .push(Res::Validated(qn(table), Cow::Owned(check.clone())));
                d.drops.push(Res::Constraint(qn(table), Cow::Owned(check)));
            }
            Self::DropNotNull { table, column }
            | Self::DropDefault { table, column }
            | Self::AddIdentity { table, column, .. }
            | Self::AlterIdentity { table, column, .. }
            | Self::DropIdentity { table, column }
            | Self::DropExpression { table, column }
            | Self::Comment { table, column, .. } => {
                d.on_table(table);
                d.needs_column(table, column);
                d.uses_column(table, column);
            }
            Self::SetDefault {
                table,
                column,
                ty,
                default,
            } => {
                d.on_table(table);
                d.needs_column(table, column);
                d.needs_type(ty, Some(default));
            }
        }
    }

    fn expressions(&self) -> Vec<&str> {
        match self {
            Self::Add { column, .. } => sql_default(column.default.as_ref()).into_iter().collect(),
            Self::SetDefault { default, .. } => sql_default(Some(default)).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    fn may_run_long(&self) -> bool {
        match self {
            Self::AlterType {
                to, using, values, ..
            } => using.is_some() || rewrites(to, values),
            Self::SetNotNull { backfill, .. } => backfill.is_some(),
            Self::Add { column, .. } => matches!(
                column.default,
                Some(ColumnDefault::RandomUuid | ColumnDefault::Sql(_))
            ),
            _ => false,
        }
    }
}

/// Whether `ALTER COLUMN ... TYPE to` rewrites the table: a conversion that is not binary
/// coercible between the values' types, or one into a domain (PostgreSQL checks every value
/// against its constraints as it rewrites).
fn rewrites(to: &SqlType, values: &(SqlType, SqlType)) -> bool {
    matches!(to, SqlType::Domain { .. }) || !is_binary_coercible(&values.0, &values.1)
}
