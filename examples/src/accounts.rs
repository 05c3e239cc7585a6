//! Seed 000: a `users` table with soft deletes, in the `public` schema.

use chrono::{DateTime, Utc};
use schema_core::Table;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// People who can sign in. Rows are never hard-deleted: `deleted_at` marks a removed user.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
// Seed 000 keeps `users` in `public`, like seed 001's `mana_sync` exception.
#[table(allow(explicit_schema))]
#[has_many(crate::blog::Post, foreign_key = author_id)]
// One account per address whatever its case: `Ada@example.com` and `ada@example.com` are one
// mailbox to the people signing in.
#[index(columns(expr("lower(email)")), unique, name = "idx_users_lower_email")]
pub struct User {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    #[column(unique)]
    #[validate(email, max_len = 320)]
    pub email: String,
    #[validate(min_len = 1, max_len = 100)]
    pub name: String,
    #[column(default = true)]
    pub is_active: bool,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
    /// When the user was soft-deleted; `NULL` while the account is live.
    pub deleted_at: Option<DateTime<Utc>>,
}
