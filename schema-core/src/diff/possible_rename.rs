//! Drops and adds of one refused diff that could be one rename: the refusal then suggests the
//! `renamed_from` that would keep the data. Renames are never guessed into the plan; this
//! only words the message, and only where a pair exists.
//!
//! A pair is a table dropped and another created (most columns in common, by name and type,
//! first), a column dropped and another of the same type added in one table, or an enum label
//! removed and another added in one enum.

use super::find_table;
use crate::model::{QualifiedName, Schema, TableDef};
use std::fmt;

/// A dropped item and an added one that may be the same item renamed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PossibleRename {
    /// Table `from` dropped, `to` created.
    Table {
        /// The dropped table.
        from: QualifiedName,
        /// The created table.
        to: QualifiedName,
    },
    /// Column `from` of `table` dropped, `to` (of the same type) added.
    Column {
        /// The table, which stays.
        table: QualifiedName,
        /// The dropped column.
        from: String,
        /// The added column.
        to: String,
    },
    /// Label `from` of enum `name` removed, `to` added.
    EnumValue {
        /// The enum type.
        name: QualifiedName,
        /// The removed label.
        from: String,
        /// The added label.
        to: String,
    },
}

impl fmt::Display for PossibleRename {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PossibleRename::Table { from, to } => {
                // The hint names the old schema only for a move.
                let hint = if from.schema == to.schema {
                    from.name.clone()
                } else {
                    from.to_string()
                };
                write!(
                    f,
                    "table `{from}` renamed to `{to}`: `#[table(renamed_from = \"{hint}\")]` on `{to}`"
                )
            }
            PossibleRename::Column { table, from, to } => write!(
                f,
                "column `{from}` of `{table}` renamed to `{to}`: `#[column(renamed_from = \"{from}\")]` on `{to}`"
            ),
            PossibleRename::EnumValue { name, from, to } => write!(
                f,
                "value `{from}` of enum `{name}` renamed to `{to}`: `#[pg_enum(renamed_from = \"{from}\")]` on the variant `{to}`"
            ),
        }
    }
}

/// The possible renames from `old` (declared renames applied) to `new`, both canonical.
pub(super) fn possible_renames(old: &Schema, new: &Schema) -> Vec<PossibleRename> {
    let mut out = tables(old, new);
    for before in &old.tables {
        if let Some(after) = find_table(new, &before.qualified_name()) {
            columns(before, after, &mut out);
        }
    }
    for before in &old.enums {
        let name = before.qualified_name();
        let Some(after) = new.enums.iter().find(|e| e.qualified_name() == name) else {
            continue;
        };
        let removed = before.values.iter().filter(|v| !after.values.contains(v));
        let mut added = after.values.iter().filter(|v| !before.values.contains(v));
        for (from, to) in removed.zip(&mut added) {
            out.push(PossibleRename::EnumValue {
                name: name.clone(),
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    out
}

/// Dropped and created tables paired best first (most columns in common by name and type,
/// then within one PostgreSQL schema, then in name order), each table in one pair at most.
fn tables(old: &Schema, new: &Schema) -> Vec<PossibleRename> {
    let dropped: Vec<&TableDef> = old
        .tables
        .iter()
        .filter(|t| find_table(new, &t.qualified_name()).is_none())
        .collect();
    let created: Vec<&TableDef> = new
        .tables
        .iter()
        .filter(|t| find_table(old, &t.qualified_name()).is_none())
        .collect();
    let mut candidates = Vec::new();
    for (d, before) in dropped.iter().enumerate() {
        for (c, after) in created.iter().enumerate() {
            let shared = before
                .columns
                .iter()
                .filter(|col| after.column(&col.name).is_some_and(|a| a.ty == col.ty))
                .count();
            let elsewhere = before.schema != after.schema;
            candidates.push((std::cmp::Reverse(shared), elsewhere, d, c));
        }
    }
    candidates.sort();
    let (mut used_dropped, mut used_created) =
        (vec![false; dropped.len()], vec![false; created.len()]);
    let mut pairs = Vec::new();
    for (_, _, d, c) in candidates {
        if !used_dropped[d] && !used_created[c] {
            used_dropped[d] = true;
            used_created[c] = true;
            pairs.push((d, c));
        }
    }
    // In the order of the refusals: dropped tables by name.
    pairs.sort_unstable();
    pairs
        .into_iter()
        .map(|(d, c)| PossibleRename::Table {
            from: dropped[d].qualified_name(),
            to: created[c].qualified_name(),
        })
        .collect()
}

/// Each dropped column with the first added column of the same type, each used once.
fn columns(before: &TableDef, after: &TableDef, out: &mut Vec<PossibleRename>) {
    let mut added: Vec<_> = after
        .columns
        .iter()
        .filter(|c| before.column(&c.name).is_none())
        .collect();
    for column in &before.columns {
        if after.column(&column.name).is_some() {
            continue;
        }
        if let Some(i) = added.iter().position(|a| a.ty == column.ty) {
            out.push(PossibleRename::Column {
                table: before.qualified_name(),
                from: column.name.clone(),
                to: added.remove(i).name.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::{diff, DiffError, DiffOptions};
    use crate::model::{ColumnDef, EnumDef, SqlType};
    use crate::{Schema, TableDef};

    fn table(name: &str, columns: &[(&str, SqlType)]) -> TableDef {
        let mut t = TableDef::new("public", name);
        for (column, ty) in columns {
            t.columns.push(ColumnDef::new(*column, ty.clone(), true));
        }
        t
    }

    fn schema(tables: Vec<TableDef>) -> Schema {
        let mut s = Schema::new();
        for t in tables {
            s.add_table(t);
        }
        s
    }

    fn refusal(from: &Schema, to: &Schema) -> String {
        let error = diff(from, to, &DiffOptions::default()).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("`--allow-destructive`"), "{message}");
        assert!(!message.contains("DiffOptions"), "{message}");
        message
    }

    #[test]
    fn a_dropped_and_an_added_column_of_one_type_suggest_a_rename() {
        let id = ("id", SqlType::BigInt);
        let before = schema(vec![table(
            "users",
            &[id.clone(), ("email", SqlType::Text)],
        )]);
        let after = schema(vec![table(
            "users",
            &[id, ("email_address", SqlType::Text)],
        )]);
        let message = refusal(&before, &after);
        assert!(
            message.contains(
                "\n  - column `email` of `public.users` renamed to `email_address`: `#[column(renamed_from = \"email\")]` on `email_address`"
            ),
            "{message}"
        );
        assert!(message.ends_with("\notherwise confirm the loss with `--allow-destructive`"));
    }

    #[test]
    fn no_rename_is_suggested_without_a_likely_pair() {
        let id = ("id", SqlType::BigInt);
        let before = schema(vec![table(
            "users",
            &[id.clone(), ("email", SqlType::Text)],
        )]);
        // Dropped only.
        let message = refusal(
            &before,
            &schema(vec![table("users", std::slice::from_ref(&id))]),
        );
        assert!(!message.contains("renamed_from"), "{message}");
        assert!(message.ends_with("\nconfirm the loss with `--allow-destructive`"));
        // Dropped, and a column of another type added.
        let other_type = schema(vec![table("users", &[id, ("age", SqlType::Integer)])]);
        assert!(!refusal(&before, &other_type).contains("renamed_from"));
    }

    #[test]
    fn a_dropped_and_a_created_table_suggest_a_rename() {
        let columns = [("id", SqlType::BigInt), ("name", SqlType::Text)];
        let before = schema(vec![
            table("members", &columns),
            table("logs", &columns[..1]),
        ]);
        let after = schema(vec![table("users", &columns)]);
        let message = refusal(&before, &after);
        assert!(
            message.contains(
                "table `public.members` renamed to `public.users`: `#[table(renamed_from = \"members\")]` on `public.users`"
            ),
            "{message}"
        );
        // One created table, one suggestion: `logs` is a plain drop.
        assert!(!message.contains("`public.logs` renamed"), "{message}");
    }

    #[test]
    fn a_replaced_enum_label_suggests_a_rename() {
        let mut before = Schema::new();
        before.add_enum(EnumDef::new("public", "status", ["draft", "live"]));
        let mut after = Schema::new();
        after.add_enum(EnumDef::new("public", "status", ["pending", "live"]));
        let message = refusal(&before, &after);
        assert!(
            message.contains("`#[pg_enum(renamed_from = \"draft\")]` on the variant `pending`"),
            "{message}"
        );
        let DiffError::Refused { renames, .. } =
            diff(&before, &after, &DiffOptions::default()).unwrap_err()
        else {
            panic!("expected a refusal");
        };
        assert_eq!(renames.len(), 1);
    }
}
