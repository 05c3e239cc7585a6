//! Enum types: created, given labels, rebuilt without labels, commented, dropped.

use super::Operation;
use super::{EnumColumn, ValuePosition};
use crate::diff::deps::{qn, Deps, Res};
use crate::diff::error::Refusal;
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{EnumDef, QualifiedName, SqlType};
use crate::render::{alter, quote_ident};

/// An operation on an enum type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnumOp {
    /// `CREATE TYPE ... AS ENUM`
    Create {
        /// The new type.
        def: EnumDef,
    },
    /// `DROP TYPE`, once no column uses it.
    Drop {
        /// The type dropped.
        name: QualifiedName,
    },
    /// `ALTER TYPE ... ADD VALUE ... [BEFORE | AFTER ...]`
    AddValue {
        /// The enum type.
        name: QualifiedName,
        /// The new label.
        value: String,
        /// Where the label goes among the existing ones.
        position: ValuePosition,
        /// The label is used later in the same migration, which PostgreSQL allows only once
        /// the `ADD VALUE` has been committed: the statement runs outside the transaction.
        outside_transaction: bool,
    },
    /// `ALTER TYPE ... RENAME VALUE`
    RenameValue {
        /// The enum type.
        name: QualifiedName,
        /// The label as it is.
        from: String,
        /// The label as it becomes.
        to: String,
    },
    /// Labels removed (or reordered): a new type with the final labels, every column converted
    /// through `text`, the old type dropped and the new one renamed to the old name, then its
    /// comment written again (it went with the old type). Rows that still hold a removed label
    /// make the conversion, hence the migration, fail.
    Rebuild {
        /// The type with its final labels and comment.
        def: EnumDef,
        /// Labels the type loses.
        removed: Vec<String>,
        /// The columns of the type (or of arrays of it), converted in place.
        columns: Vec<EnumColumn>,
    },
    /// `COMMENT ON TYPE`
    Comment {
        /// The enum type.
        name: QualifiedName,
        /// The comment; `None` removes it.
        comment: Option<String>,
    },
}

impl Operation for EnumOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { def } => vec![alter::create_enum(def)],
            Self::Drop { name } => vec![alter::drop_type(name)],
            Self::AddValue {
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
            Self::RenameValue { name, from, to } => {
                vec![alter::rename_enum_value(name, from, to)]
            }
            Self::Rebuild { def, columns, .. } => {
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
            Self::Comment { name, comment } => {
                vec![alter::comment_on_type(name, comment.as_deref())]
            }
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        use HazardKind::*;
        match self {
            Self::Rebuild {
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
            Self::Drop { name } => vec![hazard(
                BreakingChange,
                format!("clients that cast to {name} fail once it is dropped (no column uses it)"),
            )],
            Self::RenameValue { name, from, to } => vec![hazard(
                BreakingChange,
                format!("clients that write '{from}' to {name} fail once it is renamed to '{to}'"),
            )],
            _ => Vec::new(),
        }
    }

    fn refusals(&self) -> Vec<Refusal> {
        match self {
            Self::Rebuild { def, removed, .. } => removed
                .iter()
                .map(|value| {
                    Refusal::new(
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

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { def } => {
                d.namespace(&def.schema, true);
                d.creates
                    .push(Res::Type((def.schema.as_str(), def.name.as_str())));
                for value in &def.values {
                    d.creates
                        .push(Res::Label((def.schema.as_str(), def.name.as_str()), value));
                }
            }
            Self::Drop { name } => {
                d.namespace(&name.schema, false);
                d.drops.push(Res::Type(qn(name)));
            }
            Self::AddValue {
                name,
                value,
                position,
                ..
            } => {
                d.requires.push(Res::Type(qn(name)));
                if let ValuePosition::Before(n) | ValuePosition::After(n) = position {
                    d.requires.push(Res::Label(qn(name), n));
                }
                d.creates.push(Res::Label(qn(name), value));
            }
            Self::RenameValue { name, from, to } => {
                d.drops.push(Res::Label(qn(name), from));
                d.creates.push(Res::Label(qn(name), to));
            }
            Self::Rebuild { def, columns, .. } => {
                let name = (def.schema.as_str(), def.name.as_str());
                // Replaces the type: columns leaving it go first, columns joining it come after.
                d.drops.push(Res::Type(name));
                d.creates.push(Res::Type(name));
                for value in &def.values {
                    d.creates.push(Res::Label(name, value));
                }
                for column in columns {
                    d.on_table(&column.table);
                    d.needs_column(&column.table, &column.column);
                    d.uses_column(&column.table, &column.column);
                }
            }
            Self::Comment { name, .. } => d.requires.push(Res::Type(qn(name))),
        }
    }

    fn may_run_long(&self) -> bool {
        match self {
            Self::Rebuild { columns, .. } => !columns.is_empty(),
            _ => false,
        }
    }

    fn runs_outside_transaction(&self) -> bool {
        matches!(
            self,
            Self::AddValue {
                outside_transaction: true,
                ..
            }
        )
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::op::not_null_check_name;

    #[test]
    fn temporary_names_fit_in_63_bytes() {
        let long = "x".repeat(60);
        let t = QualifiedName::new("public", &long);
        assert!(not_null_check_name(&t, "column").len() <= 63);
        assert!(rebuilt_name(&t).name.len() <= 63);
    }
}
