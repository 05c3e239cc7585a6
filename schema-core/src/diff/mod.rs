// PLACEHOLDER: replaced by the diff-engine branch.
//
// This file only lets the migrations folder (migrate-gen, check, down files) build and be
// tested before the diff engine lands. It has the diff engine's public API, handles whole
// tables added (and, for down migrations, whole tables removed when destructive changes are
// allowed) and refuses everything else by name. Nothing outside `diff/` depends on more than
// `DiffOptions`, `diff`, `Plan::is_empty`, `Plan::to_sql` and `DiffError`'s `Display`.

//! Differences between two schemas as a plan of operations (placeholder: whole tables only).

use crate::model::{QualifiedName, Schema, TableDef};
use crate::render::{render_create_schema, render_drop_schema, to_script};
use std::fmt;

/// How [`diff`] treats changes that lose data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Plan drops and other data-losing changes instead of refusing them.
    pub allow_destructive: bool,
}

/// One planned operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Create a table that `from` does not have.
    CreateTable(TableDef),
    /// Drop a table that `to` does not have.
    DropTable(TableDef),
}

/// The operations that turn one schema into another, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The operations, in the order they run.
    pub ops: Vec<Op>,
    /// PostgreSQL schemas (namespaces) created before the tables.
    created_namespaces: Vec<String>,
    /// PostgreSQL schemas dropped after the tables.
    dropped_namespaces: Vec<String>,
}

impl Plan {
    /// No operation: the two schemas are the same.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The whole plan as one SQL script.
    pub fn to_sql(&self) -> String {
        let mut created = Schema::new();
        let mut dropped = Schema::new();
        for op in &self.ops {
            match op {
                Op::CreateTable(t) => created.add_table(t.clone()),
                Op::DropTable(t) => dropped.add_table(t.clone()),
            }
        }
        let mut statements: Vec<String> = self
            .created_namespaces
            .iter()
            .map(|n| format!("CREATE SCHEMA {}", crate::render::quote_ident(n)))
            .collect();
        // Both renderers put the namespaces first (create) or last (drop): skip those, the
        // plan knows which namespaces are really new or gone.
        let create = render_create_schema(&created);
        statements.extend(create.into_iter().skip(created.namespaces().len()));
        let drop = render_drop_schema(&dropped);
        let keep = drop.len() - dropped.namespaces().len();
        statements.extend(drop.into_iter().take(keep));
        statements.extend(
            self.dropped_namespaces
                .iter()
                .map(|n| format!("DROP SCHEMA {}", crate::render::quote_ident(n))),
        );
        if statements.is_empty() {
            return String::new();
        }
        to_script(&statements)
    }
}

/// A change [`diff`] will not plan, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The object concerned, e.g. `table public.users`.
    pub item: String,
    /// Why, and how to go on.
    pub reason: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.reason)
    }
}

/// Why [`diff`] planned nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffError {
    /// Changes that cannot be planned as asked; each is named.
    Refused(Vec<Refusal>),
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DiffError::Refused(refusals) = self;
        for (i, refusal) in refusals.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  - {refusal}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DiffError {}

/// The plan that turns `from` into `to`.
pub fn diff(from: &Schema, to: &Schema, options: &DiffOptions) -> Result<Plan, DiffError> {
    const UNSUPPORTED: &str =
        "not supported by the placeholder diff (the diff engine lands on another branch)";
    let mut plan = Plan::default();
    let mut refusals = Vec::new();
    let mut refuse = |item: String, reason: &str| {
        refusals.push(Refusal {
            item,
            reason: reason.to_owned(),
        })
    };
    for def in &to.enums {
        if !from.enums.contains(def) {
            refuse(format!("enum {}", def.qualified_name()), UNSUPPORTED);
        }
    }
    for def in &from.enums {
        if !to.enums.contains(def) {
            refuse(format!("enum {}", def.qualified_name()), UNSUPPORTED);
        }
    }
    let find = |schema: &Schema, name: &QualifiedName| schema.find_table(name).cloned();
    for table in &to.tables {
        match find(from, &table.qualified_name()) {
            None => plan.ops.push(Op::CreateTable(table.clone())),
            Some(old) if &old != table => {
                refuse(format!("table {}", table.qualified_name()), UNSUPPORTED)
            }
            Some(_) => {}
        }
    }
    for table in &from.tables {
        if find(to, &table.qualified_name()).is_none() {
            if options.allow_destructive {
                plan.ops.push(Op::DropTable(table.clone()));
            } else {
                refuse(
                    format!("table {}", table.qualified_name()),
                    "dropping it deletes its rows; confirm with --allow-destructive",
                );
            }
        }
    }
    if !refusals.is_empty() {
        return Err(DiffError::Refused(refusals));
    }
    let (old, new) = (from.namespaces(), to.namespaces());
    plan.created_namespaces = new.difference(&old).map(|s| s.to_string()).collect();
    plan.dropped_namespaces = old.difference(&new).map(|s| s.to_string()).collect();
    plan.dropped_namespaces.reverse();
    Ok(plan)
}
