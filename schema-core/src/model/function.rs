use super::QualifiedName;
use serde::{Deserialize, Serialize};

/// A function the schema defines (`CREATE FUNCTION`): a trigger's function, or one that
/// checks, defaults or queries call. Declared with [`Schema::add_function`](super::Schema::add_function),
/// or brought by a column that is [touched on update](super::Trigger::touch).
///
/// A function is known by its schema and name: overloads (one name, several argument lists)
/// are not modelled. Its body is compared as written, which is what PostgreSQL keeps
/// (`pg_proc.prosrc`); its argument list and result type are compared as text, so write them
/// as PostgreSQL prints them (`integer`, `text`, `timestamp with time zone`: what
/// `pg_get_function_arguments` and `pg_get_function_result` give) for a catalog read-back to
/// compare equal. A changed body, language or volatility is `CREATE OR REPLACE FUNCTION`; a
/// changed argument list or result type drops the function and creates it again, together
/// with the triggers that execute it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Function {
    /// PostgreSQL schema the function lives in.
    pub schema: String,
    /// Function name, unique among the functions of its schema.
    pub name: String,
    /// The argument list between the parentheses, `""` for none, e.g. `"a integer, b text"`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub arguments: String,
    /// The result type: `trigger` for a trigger's function, `integer`, `SETOF text`, ...
    pub returns: String,
    /// The language of the body: `plpgsql`, `sql`, ...
    pub language: String,
    /// The body, without its dollar quotes.
    pub body: String,
    /// What the function may do to the database, which the planner relies on.
    #[serde(default, skip_serializing_if = "Volatility::is_volatile")]
    pub volatility: Volatility,
}

/// A function's volatility: `VOLATILE` (PostgreSQL's default), `STABLE` or `IMMUTABLE`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Volatility {
    /// May change the database and give a different result on every call.
    #[default]
    Volatile,
    /// Changes nothing; the same result for the same arguments within a statement.
    Stable,
    /// Changes nothing; the same result for the same arguments, always.
    Immutable,
}

impl Volatility {
    fn is_volatile(&self) -> bool {
        *self == Volatility::Volatile
    }

    /// The keyword, as `CREATE FUNCTION` takes it.
    pub fn keyword(self) -> &'static str {
        match self {
            Volatility::Volatile => "VOLATILE",
            Volatility::Stable => "STABLE",
            Volatility::Immutable => "IMMUTABLE",
        }
    }
}

impl Function {
    /// `schema.name(arguments) RETURNS returns LANGUAGE language AS body`, volatile.
    pub fn new(
        schema: impl Into<String>,
        name: impl Into<String>,
        arguments: impl Into<String>,
        returns: impl Into<String>,
        language: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        Function {
            schema: schema.into(),
            name: name.into(),
            arguments: arguments.into(),
            returns: returns.into(),
            language: language.into(),
            body: body.into(),
            volatility: Volatility::Volatile,
        }
    }

    /// A trigger function: no arguments, `RETURNS trigger`, in PL/pgSQL.
    pub fn trigger(
        schema: impl Into<String>,
        name: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        Function::new(schema, name, "", "trigger", "plpgsql", body)
    }

    /// The same function with another volatility.
    pub fn with_volatility(mut self, volatility: Volatility) -> Self {
        self.volatility = volatility;
        self
    }

    /// The function's schema and name.
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }

    /// The trigger function that sets `column` to `now()` in the row being updated: what a
    /// [touched](super::Trigger::touch) column's trigger executes. One per column name and
    /// schema, shared by every table of the schema with such a column (PL/pgSQL finds the
    /// column in each table's row when the trigger fires).
    pub fn touch(schema: impl Into<String>, column: &str) -> Self {
        // The body is the function's text, not a statement this crate renders: the column is
        // quoted here as PostgreSQL reads an identifier.
        let body = format!(
            "\nBEGIN\n    NEW.\"{}\" := now();\n    RETURN NEW;\nEND;\n",
            column.replace('"', "\"\"")
        );
        Function::trigger(schema, super::generated_name(&["touch", column]), body)
    }
}
