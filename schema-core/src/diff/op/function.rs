//! Functions: created before the triggers that execute them, replaced in place when only their
//! body changes, dropped after the triggers that executed them.

use super::Operation;
use crate::diff::deps::{words, Deps, Res};
use crate::diff::hazard::{hazard, Hazard, HazardKind};
use crate::model::Function;
use crate::render::function as render;

/// An operation on a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FunctionOp {
    /// `CREATE FUNCTION`
    Create {
        /// The function.
        function: Function,
    },
    /// `CREATE OR REPLACE FUNCTION`: the same name, arguments and result type, another body,
    /// language or volatility.
    Replace {
        /// The function as it becomes.
        function: Function,
    },
    /// `DROP FUNCTION`, once no trigger executes it.
    Drop {
        /// The function as it was.
        function: Function,
    },
}

fn name(function: &Function) -> Res<'_> {
    Res::Function((&function.schema, &function.name))
}

/// PostgreSQL checks the body of an SQL function when it is created: every table and
/// function of the function's schema that a word of the body names is created before it (a
/// word that names neither orders nothing). PL/pgSQL looks them up when it runs.
fn body_tables<'b>(function: &'b Function, d: &mut Deps<'b>) {
    if function.language.eq_ignore_ascii_case("sql") {
        for word in words(&function.body) {
            d.requires.push(Res::Table((&function.schema, word)));
            d.requires.push(Res::Function((&function.schema, word)));
        }
    }
}

impl Operation for FunctionOp {
    fn statements(&self) -> Vec<String> {
        match self {
            Self::Create { function } => vec![render::create_function(function, false)],
            Self::Replace { function } => vec![render::create_function(function, true)],
            Self::Drop { function } => vec![render::drop_function(function)],
        }
    }

    fn hazards(&self) -> Vec<Hazard> {
        match self {
            // Its triggers are gone by now, but for those the models do not declare.
            Self::Drop { function } if function.returns.eq_ignore_ascii_case("trigger") => {
                vec![hazard(
                    HazardKind::MayFail,
                    format!(
                        "fails while a trigger the models do not declare executes {}()",
                        function.qualified_name()
                    ),
                )]
            }
            Self::Drop { function } => vec![hazard(
                HazardKind::BreakingChange,
                format!(
                    "clients, checks and defaults that call {}({}) fail once it is dropped",
                    function.qualified_name(),
                    function.arguments
                ),
            )],
            Self::Create { .. } | Self::Replace { .. } => Vec::new(),
        }
    }

    fn add_deps<'b>(&'b self, d: &mut Deps<'b>) {
        match self {
            Self::Create { function } => {
                d.namespace(&function.schema, true);
                d.creates.push(name(function));
                body_tables(function, d);
            }
            Self::Replace { function } => {
                d.requires.push(name(function));
                body_tables(function, d);
            }
            Self::Drop { function } => {
                d.namespace(&function.schema, false);
                d.drops.push(name(function));
            }
        }
    }
}
