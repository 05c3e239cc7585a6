//! Why a diff produced no plan: changes that lose data, refused until confirmed.

use super::possible_rename::PossibleRename;
use std::fmt;

/// Why [`diff`](super::diff) refused to plan a migration.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DiffError {
    /// The change loses data and `allow_destructive` is off; every such change is listed.
    #[error("{}", describe_refusals(.refusals, .renames))]
    Refused {
        /// Every destructive change.
        refusals: Vec<Refusal>,
        /// Drops and adds among them that could be renames, which the message suggests
        /// declaring with `renamed_from`; empty when there are none.
        renames: Vec<PossibleRename>,
    },
    /// The models ask for a change that no migration writes yet (no flag confirms it); each
    /// change is described with a way to reach it.
    #[error("cannot write this migration: {}", .changes.join("; "))]
    Unsupported {
        /// Every such change.
        changes: Vec<String>,
    },
}

/// One destructive change that needs confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What is changed, e.g. "drop column `email` of `public.users`".
    pub item: String,
    /// What is lost, e.g. "its values are deleted".
    pub reason: String,
}

impl Refusal {
    pub(crate) fn new(item: String, reason: &str) -> Self {
        Refusal {
            item,
            reason: reason.to_owned(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.reason)
    }
}

/// One line per refused item; then the renames to declare, if a drop and an add could be
/// one, and the command-line flag that confirms the loss (the message is shown by
/// `cargo xtask migrate-gen`; a library caller sets `DiffOptions::allow_destructive`).
fn describe_refusals(refusals: &[Refusal], renames: &[PossibleRename]) -> String {
    let mut text = format!(
        "refusing {} destructive change{} that may lose data:",
        refusals.len(),
        if refusals.len() == 1 { "" } else { "s" }
    );
    for refusal in refusals {
        text.push_str("\n  - ");
        text.push_str(&refusal.to_string());
    }
    if renames.is_empty() {
        text.push_str("\nconfirm the loss with `--allow-destructive`");
        return text;
    }
    text.push_str("\nif an item was renamed, declare the rename instead, and no data is lost:");
    for rename in renames {
        text.push_str("\n  - ");
        text.push_str(&rename.to_string());
    }
    text.push_str("\notherwise confirm the loss with `--allow-destructive`");
    text
}
