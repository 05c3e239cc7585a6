//! Views and materialized views: created after what they read, dropped before it, and
//! dropped and created again around a change PostgreSQL refuses under a view.

use super::Operation;
use crate::diff::deps::{qn, relation, Deps, Res};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::{QualifiedName, ViewDef};
use crate::render::view as render;

/// What a view's query reads, as the diff resolved it against the schema it belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewReads {
    /// The tables it reads.
    pub tables: Vec<QualifiedName>,
    /// The views it reads.
    pub views: Vec<QualifiedName>,
    /// The columns of those tables it names (every column after a `*`).
    pub columns: Vec<(QualifiedName, String)>,
    /// The functions of the schema it calls.
    pub functions: Vec<QualifiedName>,
}

/// An operation on a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewOp {
    /// `CREATE [MATERIALIZED] VIEW`, with its comment.
    Create {
        /// The view.
        view: ViewDef,
        /// What it reads.
        reads: ViewReads,
        /// A materialized view that reads a table or view the migration does not create: its
        /// query may run long to fill it.
        fills_from_existing: bool,
    },
    /// `DROP [MATERIALIZED] VIEW`.
    Drop {
        /// The view as it was.
        view: ViewDef,
        /// Dropped to be created again, not removed from the models.
        replaced: bool,
        /// What it read.
        reads: ViewReads,
    },
    /// `COMMENT ON [MATERIALIZED] VIEW`.
    Comment {
        /// The view.
        view: ViewDef,
    },
}

fn name(view: &ViewDef) -> (&str, &str) {
    (&view.schema, &view.name)
}

impl Operation for ViewOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { view, .. } => {
                let mut out = vec![render::create_view(view)];
                if view.comment.is_some() {
                    out.push(render::comment_on_view(view, view.comment.as_deref()));
                }
                out
            }
            Self::Drop { view, .. } => vec![render::drop_view(view)],
            Self::Comment { view } => vec![render::comment_on_view(view, view.comment.as_deref())],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        match self {
            Self::Create {
                view,
                fills_from_existing: true,
                ..
            } if view.materialized && !view.with_no_data => vec![hazard(
                HazardKind::Lock,
                format!(
                    "{} {} is filled by running its query once, in the migration's transaction",
                    view.kind(),
                    view.qualified_name()
                ),
            )],
            Self::Drop {
                view,
                replaced: true,
                ..
            } => vec![hazard(
                HazardKind::BreakingChange,
                format!(
                    "{} {} is dropped and created again: queries of it wait for the migration's transaction",
                    view.kind(),
                    view.qualified_name()
                ),
            )],
            Self::Drop {
                view,
                replaced: false,
                ..
            } => vec![hazard(
                HazardKind::BreakingChange,
                format!(
                    "clients that query {} {} fail",
                    view.kind(),
                    view.qualified_name()
                ),
            )],
            _ => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { view, reads, .. } => {
                d.namespace(&view.schema, true);
                // As a table too: its indexes are created on it.
                d.creates.extend([
                    Res::View(name(view)),
                    Res::Table(name(view)),
                    relation(name(view), &view.name),
                ]);
                d.requires
                    .extend(reads.tables.iter().map(|t| Res::Table(qn(t))));
                d.requires
                    .extend(reads.views.iter().map(|v| Res::View(qn(v))));
                d.requires
                    .extend(reads.functions.iter().map(|f| Res::Function(qn(f))));
                for (table, column) in &reads.columns {
                    d.requires.push(Res::Column(qn(table), column));
                    d.requires.push(Res::ViewInput(qn(table), column));
                }
                for column in &view.columns {
                    d.needs_type(&column.ty, None);
                }
            }
            Self::Drop { view, reads, .. } => {
                d.namespace(&view.schema, false);
                d.drops.extend([
                    Res::View(name(view)),
                    Res::Table(name(view)),
                    relation(name(view), &view.name),
                ]);
                d.releases
                    .extend(reads.tables.iter().map(|t| Res::Table(qn(t))));
                d.releases
                    .extend(reads.views.iter().map(|v| Res::View(qn(v))));
                d.releases
                    .extend(reads.functions.iter().map(|f| Res::Function(qn(f))));
                for (table, column) in &reads.columns {
                    d.releases.push(Res::Column(qn(table), column));
                    d.releases.push(Res::ViewInput(qn(table), column));
                }
                for column in &view.columns {
                    d.releases_type(&column.ty);
                }
            }
            Self::Comment { view } => {
                d.requires.push(Res::View(name(view)));
                d.releases.push(Res::View(name(view)));
            }
        }
    }

    fn may_run_long(&self) -> bool {
        matches!(self, Self::Create { view, fills_from_existing: true, .. } if view.materialized && !view.with_no_data)
    }
}
