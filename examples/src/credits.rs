//! Seed 001: the `credits` schema — the `transaction_type` enum, balances with optimistic
//! locking (`version`), and transactions with jsonb `tags` defaulting to `[]`.

use chrono::{DateTime, Utc};
use schema_core::{Json, PgEnum, Table};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why a balance changed.
#[derive(PgEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[pg_enum(schema = "credits")]
pub enum TransactionType {
    Purchase,
    Usage,
    Refund,
    Bonus,
    Adjustment,
}

/// A user's credit balance. Updates compare and bump `version` (optimistic locking).
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(
    schema = "credits",
    check(name = "balances_amount_non_negative", "amount >= 0")
)]
pub struct Balance {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    #[column(unique)]
    pub user_id: String,
    #[column(default = 0)]
    #[validate(non_negative)]
    pub amount: i64,
    /// Incremented by every update; an update naming a stale version changes nothing.
    #[column(default = 1)]
    pub version: i32,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

/// One change of a balance.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
// A ledger entry is never updated: a correction is a new `adjustment` entry.
#[table(schema = "credits", allow(timestamps))]
#[index(columns(user_id, created_at))]
pub struct Transaction {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    /// The entry's place in the ledger, numbered by PostgreSQL in the order entries are
    /// written: never given by a client.
    #[column(identity(always), unique)]
    pub seq: i64,
    #[column(index)]
    pub user_id: String,
    pub r#type: TransactionType,
    pub amount: i64,
    pub balance_after: i64,
    pub description: Option<String>,
    #[column(default = "[]")]
    pub tags: Json<Vec<String>>,
    pub metadata: Option<serde_json::Value>,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
}
