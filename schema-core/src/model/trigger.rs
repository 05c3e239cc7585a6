use super::QualifiedName;
use serde::{Deserialize, Serialize};

/// A trigger on a table (`CREATE TRIGGER`), executing a [`Function`](super::Function) of the
/// schema.
///
/// Created after its table and its function, changed in place with `CREATE OR REPLACE
/// TRIGGER` (PostgreSQL 14 and later), dropped before its function. A dropped table takes its
/// triggers with it. Not modelled yet: transition tables and arguments to the function.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Trigger {
    /// Trigger name, unique among the triggers of its table.
    pub name: String,
    /// When it fires, against the event.
    pub timing: TriggerTiming,
    /// The events that fire it, in [`TriggerEvent`] order once normalized, each once.
    pub events: Vec<TriggerEvent>,
    /// Once per row (`FOR EACH ROW`) or once per statement.
    #[serde(default = "row", skip_serializing_if = "is_row")]
    pub per_row: bool,
    /// The function it executes.
    pub function: QualifiedName,
    /// `UPDATE OF` these columns: an update fires it only when it names one of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub update_of: Vec<String>,
    /// `WHEN (condition)`: fires only for the rows it holds for, as SQL that may name `OLD`
    /// and `NEW`. Compared as PostgreSQL prints it (`old.body IS DISTINCT FROM new.body`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

fn row() -> bool {
    true
}

fn is_row(per_row: &bool) -> bool {
    *per_row
}

/// When a trigger fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerTiming {
    /// `BEFORE`: the function may change or skip the row.
    Before,
    /// `AFTER`: the row is written.
    After,
    /// `INSTEAD OF`, on views.
    InsteadOf,
}

impl TriggerTiming {
    /// The keywords, as `CREATE TRIGGER` takes them.
    pub fn keyword(self) -> &'static str {
        match self {
            TriggerTiming::Before => "BEFORE",
            TriggerTiming::After => "AFTER",
            TriggerTiming::InsteadOf => "INSTEAD OF",
        }
    }
}

/// An event that fires a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerEvent {
    /// `INSERT`
    Insert,
    /// `UPDATE`
    Update,
    /// `DELETE`
    Delete,
    /// `TRUNCATE`, only for statement triggers.
    Truncate,
}

impl TriggerEvent {
    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            TriggerEvent::Insert => "INSERT",
            TriggerEvent::Update => "UPDATE",
            TriggerEvent::Delete => "DELETE",
            TriggerEvent::Truncate => "TRUNCATE",
        }
    }
}

impl Trigger {
    /// A row trigger `name` that fires `timing` the `events`, executing `function`.
    pub fn new(
        name: impl Into<String>,
        timing: TriggerTiming,
        events: impl IntoIterator<Item = TriggerEvent>,
        function: QualifiedName,
    ) -> Self {
        let mut trigger = Trigger {
            name: name.into(),
            timing,
            events: events.into_iter().collect(),
            per_row: true,
            function,
            update_of: Vec::new(),
            when: None,
        };
        trigger.normalize();
        trigger
    }

    /// The trigger that keeps `column` of a table in `schema` at the time of the row's last
    /// update: `BEFORE UPDATE ... FOR EACH ROW` executing [`Function::touch`](super::Function::touch)
    /// for the column, named `touch_<column>`. `#[column(touch)]` declares it.
    pub fn touch(schema: &str, column: &str) -> Self {
        let function = super::Function::touch(schema, column);
        Trigger::new(
            function.name.clone(),
            TriggerTiming::Before,
            [TriggerEvent::Update],
            function.qualified_name(),
        )
    }

    /// The same trigger, fired by updates only when they name one of `columns`.
    pub fn update_of<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.update_of = columns.into_iter().map(Into::into).collect();
        self
    }

    /// The same trigger, fired only for the rows `condition` holds for.
    pub fn when(mut self, condition: impl Into<String>) -> Self {
        self.when = Some(condition.into());
        self
    }

    /// Events sorted, each once: the order PostgreSQL prints them in.
    pub fn normalize(&mut self) {
        self.events.sort_unstable();
        self.events.dedup();
    }
}
