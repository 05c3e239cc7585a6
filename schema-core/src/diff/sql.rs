//! Operation → statements. The SQL text itself comes from [`crate::render::alter`]; this file
//! only decides which statements an operation takes (a safe `SET NOT NULL` takes five).

use super::op::{not_null_check_name, Op, ValuePosition};
use crate::model::{CheckConstraint, QualifiedName, SqlType};
use crate::render::alter;
use crate::render::quote_ident;

/// PostgreSQL truncates longer identifiers.
const MAX_IDENT_BYTES: usize = 63;

/// The name a rebuilt enum has until the old type is dropped.
fn rebuilt_name(name: &QualifiedName) -> QualifiedName {
    let mut tmp = format!("{}__new", name.name);
    if tmp.len() > MAX_IDENT_BYTES {
        let mut cut = MAX_IDENT_BYTES - 5;
        while !name.name.is_char_boundary(cut) {
            cut -= 1;
        }
        tmp = format!("{}__new", &name.name[..cut]);
    }
    QualifiedName::new(&name.schema, tmp)
}

/// The statements of `op`, in order, without trailing `;`.
pub(super) fn statements(op: &Op) -> Vec<String> {
    match op {
        Op::CreateSchema { name } => vec![alter::create_schema(name)],
        Op::DropSchema { name } => vec![alter::drop_schema(name)],
        Op::CreateEnum { def } => vec![alter::create_enum(def)],
        Op::DropEnum { name } => vec![alter::drop_type(name)],
        Op::AddEnumValue {
            name,
            value,
            position,
            outside_transaction,
        } => {
            let (before, after) = match position {
                ValuePosition::Last => (None, None),
                ValuePosition::Before(v) => (Some(v.as_str()), None),
                ValuePosition::After(v) => (None, Some(v.as_str())),
            };
            vec![alter::add_enum_value(
                name,
                value,
                before,
                after,
                *outside_transaction,
            )]
        }
        Op::RenameEnumValue { name, from, to } => {
            vec![alter::rename_enum_value(name, from, to)]
        }
        Op::RebuildEnum { def, columns, .. } => {
            let name = def.qualified_name();
            let tmp = rebuilt_name(&name);
            let mut out = vec![alter::create_enum(&crate::model::EnumDef {
                schema: tmp.schema.clone(),
                name: tmp.name.clone(),
                comment: None,
                ..def.clone()
            })];
            let tmp_type = SqlType::enum_type(&tmp.schema, &tmp.name);
            for column in columns {
                let (ty, via) = if column.array {
                    (SqlType::array_of(tmp_type.clone()), "text[]")
                } else {
                    (tmp_type.clone(), "text")
                };
                if column.had_default {
                    out.push(alter::drop_default(&column.table, &column.column));
                }
                let using = format!("{}::{via}::{ty}", quote_ident(&column.column));
                out.push(alter::alter_column_type(
                    &column.table,
                    &column.column,
                    &ty,
                    Some(&using),
                ));
            }
            out.push(alter::drop_type(&name));
            out.push(alter::rename_type(&tmp, &name.name));
            // The comment was the old type's, dropped with it.
            if def.comment.is_some() {
                out.push(alter::comment_on_type(&name, def.comment.as_deref()));
            }
            for column in columns {
                if let Some(default) = &column.default {
                    out.push(alter::set_default(&column.table, &column.column, default));
                }
            }
            out
        }
        Op::CommentOnEnum { name, comment } => {
            vec![alter::comment_on_type(name, comment.as_deref())]
        }
        Op::CreateTable { table, .. } => vec![alter::create_table(table)],
        Op::DropTable { table } => vec![alter::drop_table(&table.qualified_name())],
        Op::RenameTable { from, to } => vec![alter::rename_table(from, to)],
        Op::MoveTable { from, to_schema } => vec![alter::set_schema(from, to_schema)],
        Op::CommentOnTable { table, comment } => {
            vec![alter::comment_on_table(table, comment.as_deref())]
        }
        Op::AddColumn { table, column, .. } => vec![alter::add_column(table, column)],
        Op::DropColumn { table, column } => vec![alter::drop_column(table, &column.name)],
        Op::RenameColumn { table, from, to } => vec![alter::rename_column(table, from, to)],
        Op::AlterColumnType {
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
        Op::SetNotNull {
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
        Op::FinishSetNotNull { table, column } => vec![
            alter::set_not_null(table, column),
            alter::drop_constraint(table, &not_null_check_name(table, column)),
        ],
        Op::ValidateConstraint { table, name } => vec![alter::validate_constraint(table, name)],
        Op::DropNotNull { table, column } => vec![alter::drop_not_null(table, column)],
        Op::SetDefault {
            table,
            column,
            default,
            ..
        } => vec![alter::set_default(table, column, default)],
        Op::DropDefault { table, column } => vec![alter::drop_default(table, column)],
        Op::AddIdentity {
            table,
            column,
            identity,
            continues,
        } => vec![
            alter::add_identity(table, column, identity),
            alter::continue_identity(table, column, identity, continues.as_deref()),
        ],
        Op::AlterIdentity {
            table,
            column,
            identity,
        } => vec![alter::alter_identity(table, column, identity)],
        Op::DropIdentity { table, column } => vec![alter::drop_identity(table, column)],
        Op::DropExpression { table, column } => vec![alter::drop_expression(table, column)],
        Op::CommentOnColumn {
            table,
            column,
            comment,
        } => vec![alter::comment_on_column(table, column, comment.as_deref())],
        Op::AddPrimaryKey {
            table,
            key,
            using_index,
        } => vec![alter::add_primary_key(table, key, *using_index)],
        Op::DropPrimaryKey { table, key } => vec![alter::drop_constraint(table, &key.name)],
        Op::AddUnique {
            table,
            unique,
            using_index,
        } => vec![alter::add_unique(table, unique, *using_index)],
        Op::DropUnique { table, unique } => vec![alter::drop_constraint(table, &unique.name)],
        Op::AddForeignKey {
            table,
            fk,
            not_valid,
        } => {
            vec![alter::add_foreign_key(table, fk, *not_valid)]
        }
        Op::DropForeignKey { table, fk } => vec![alter::drop_constraint(table, &fk.name)],
        Op::AddCheck {
            table,
            check,
            not_valid,
        } => {
            vec![alter::add_check(table, check, *not_valid)]
        }
        Op::DropCheck { table, check } => vec![alter::drop_constraint(table, &check.name)],
        Op::RenameConstraint {
            table, from, to, ..
        } => vec![alter::rename_constraint(table, from, to)],
        Op::CreateIndex {
            table,
            index,
            concurrently,
        } => vec![alter::create_index(table, index, *concurrently)],
        Op::DropIndex {
            table,
            index,
            concurrently,
        } => vec![alter::drop_index(&table.schema, &index.name, *concurrently)],
        Op::RenameIndex { table, from, to } => {
            vec![alter::rename_index(&table.schema, from, to)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_fit_in_63_bytes() {
        let long = "x".repeat(60);
        let t = QualifiedName::new("public", &long);
        assert!(not_null_check_name(&t, "column").len() <= 63);
        assert!(rebuilt_name(&t).name.len() <= 63);
    }
}
