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

/// What creating the view makes and dropping it removes: the view, its name in the
/// relation namespace, and a table of its name (its indexes are created on it).
fn made(view: &ViewDef) -> [Res<'_>; 3] {
    [
        Res::View(name(view)),
        Res::Table(name(view)),
        relation(name(view), &view.name),
    ]
}

/// What the view reads: required before it is created, released once it is dropped.
fn read_objects(reads: &ViewReads) -> impl Iterator<Item = Res<'_>> {
    let tables = reads.tables.iter().map(|t| Res::Table(qn(t)));
    let views = reads.views.iter().map(|v| Res::View(qn(v)));
    let functions = reads.functions.iter().map(|f| Res::Function(qn(f)));
    let columns = reads.columns.iter().flat_map(|(table, column)| {
        [
            Res::Column(qn(table), column.as_str()),
            Res::ViewInput(qn(table), column.as_str()),
        ]
    });
    tables.chain(views).chain(functions).chain(columns)
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
                d.creates.extend(made(view));
                d.requires.extend(read_objects(reads));
                for column in &view.columns {
                    d.needs_type(&column.ty, None);
                }
            }
            Self::Drop { view, reads, .. } => {
                d.namespace(&view.schema, false);
                d.drops.extend(made(view));
                d.releases.extend(read_objects(reads));
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
