//! Domains: created before the columns of their type and dropped after them; a check or
//! `NOT NULL` added, dropped or changed in place, checked against the values stored.

use super::Operation;
use crate::diff::deps::{qn, Deps, Res};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{CheckConstraint, DomainDef, QualifiedName};
use crate::render::domain as render;

/// An operation on a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainOp {
    /// `CREATE DOMAIN`, with its checks.
    Create {
        /// The domain.
        def: DomainDef,
    },
    /// `DROP DOMAIN`, once no column has the type.
    Drop {
        /// The domain.
        name: QualifiedName,
    },
    /// `ADD CONSTRAINT .. NOT VALID`, then `VALIDATE CONSTRAINT`.
    AddCheck {
        /// The domain.
        name: QualifiedName,
        /// The check.
        check: CheckConstraint,
    },
    /// `DROP CONSTRAINT`
    DropCheck {
        /// The domain.
        name: QualifiedName,
        /// The check's name.
        check: String,
    },
    /// `SET NOT NULL` or `DROP NOT NULL`
    SetNotNull {
        /// The domain.
        name: QualifiedName,
        /// `NOT NULL` from now on.
        not_null: bool,
    },
}

impl Operation for DomainOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { def } => vec![render::create_domain(def)],
            Self::Drop { name } => vec![render::drop_domain(name)],
            Self::AddCheck { name, check } => render::add_check(name, check),
            Self::DropCheck { name, check } => vec![render::drop_check(name, check)],
            Self::SetNotNull { name, not_null } => vec![render::set_not_null(name, *not_null)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        match self {
            Self::AddCheck { name, check } => vec![hazard(
                HazardKind::MayFail,
                format!(
                    "the validation fails if a column of domain {name} holds a value that breaks {}",
                    check.name
                ),
            )],
            Self::SetNotNull {
                name,
                not_null: true,
            } => vec![hazard(
                HazardKind::MayFail,
                format!("fails if a column of domain {name} holds NULL"),
            )],
            Self::DropCheck { name, check } => vec![hazard(
                HazardKind::BreakingChange,
                format!("domain {name} loses {check}: values it refused become possible"),
            )],
            Self::Drop { name } => vec![
                hazard(
                    HazardKind::MayFail,
                    format!("fails while a column the models do not declare has domain {name}"),
                ),
                hazard(
                    HazardKind::BreakingChange,
                    format!("clients and functions that cast to {name} fail once it is dropped"),
                ),
            ],
            _ => Vec::new(),
        }
    }

    fn may_run_long(&self) -> bool {
        // Every column of the type is scanned.
        matches!(
            self,
            Self::AddCheck { .. } | Self::SetNotNull { not_null: true, .. }
        )
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { def } => {
                d.namespace(&def.schema, true);
                d.creates.push(Res::Type((&def.schema, &def.name)));
                d.needs_type(&def.base, None);
            }
            Self::Drop { name } => {
                d.namespace(&name.schema, false);
                d.drops.push(Res::Type(qn(name)));
            }
            Self::AddCheck { name, .. }
            | Self::DropCheck { name, .. }
            | Self::SetNotNull { name, .. } => d.requires.push(Res::Type(qn(name))),
        }
    }
}
