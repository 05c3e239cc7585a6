//! Why a diff produced no plan: changes that lose data, refused until confirmed.

use std::fmt;

/// Why [`diff`](super::diff) refused to plan a migration.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DiffError {
    /// The change loses data and `allow_destructive` is off; every such change is listed.
    #[error("{}", describe_refusals(.0))]
    Refused(Vec<Refusal>),
}

/// One destructive change that needs confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What is changed, e.g. "drop column `email` of `public.users`".
    pub item: String,
    /// What is lost, e.g. "its values are deleted".
    pub reason: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.reason)
    }
}

fn describe_refusals(refusals: &[Refusal]) -> String {
    let mut text = format!(
        "refusing {} destructive change{} that may lose data:",
        refusals.len(),
        if refusals.len() == 1 { "" } else { "s" }
    );
    for refusal in refusals {
        text.push_str("\n  - ");
        text.push_str(&refusal.to_string());
    }
    text.push_str(
        "\nconfirm with `--allow-destructive` (DiffOptions { allow_destructive: true }), \
         or declare a rename with `renamed_from` if the item was renamed",
    );
    text
}
