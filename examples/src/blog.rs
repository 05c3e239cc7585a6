//! Seed 002: `posts` with its author relation and three indexes. The seed's `published`
//! boolean is `is_published` here, following the `is_`/`has_` convention.

use crate::accounts::User;
use chrono::{DateTime, Utc};
use schema_core::Table;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
// Seed 002 keeps `posts` in `public`, beside seed 000's `users`.
#[table(allow(explicit_schema))]
#[index(columns(author_id))]
#[index(columns(is_published))]
#[index(columns(author_id, is_published))]
pub struct Post {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    #[column(varchar(255))]
    #[validate(min_len = 1)]
    pub title: String,
    #[validate(min_len = 10)]
    pub content: String,
    // The post's author, named for its role as seed 002 names it rather than `user_id`:
    // the one place the examples allow `foreign_key_name`.
    #[column(references(User::id), allow(foreign_key_name))]
    pub author_id: Uuid,
    #[column(default = false)]
    pub is_published: bool,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}
