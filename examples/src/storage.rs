//! Seed 001: the `storage` schema — folders (self-referencing), files, tags, the `file_tags`
//! junction and `file_versions` with jsonb metadata.

use chrono::{DateTime, Utc};
use schema_core::{Table, View};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A folder of a user's drive; `parent_folder_id` nests folders.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(schema = "storage")]
#[index(columns(user_id))]
#[index(columns(parent_folder_id))]
#[has_many(Self, foreign_key = parent_folder_id, name = "children")]
#[has_many(File, foreign_key = parent_folder_id)]
pub struct Folder {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    /// Better Auth user ids are not UUIDs, so `user_id` is text.
    pub user_id: String,
    #[column(references(Self::id), on_delete = "set null")]
    pub parent_folder_id: Option<Uuid>,
    #[column(varchar(255))]
    #[validate(min_len = 1)]
    pub name: String,
    #[column(default = false)]
    pub is_favorite: bool,
    #[column(default = false)]
    pub is_deleted: bool,
    pub deleted_at: Option<DateTime<Utc>>,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

/// An uploaded file.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(schema = "storage")]
#[index(columns(user_id))]
#[index(columns(parent_folder_id))]
#[index(columns(created_at))]
#[has_many(FileVersion, foreign_key = file_id, name = "versions")]
#[has_many(Tag, through = FileTag(file_id, tag_id))]
pub struct File {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    pub user_id: String,
    #[column(references(Folder::id), on_delete = "set null")]
    pub parent_folder_id: Option<Uuid>,
    #[column(varchar(500))]
    #[validate(min_len = 1)]
    pub name: String,
    #[column(varchar(255))]
    pub mime_type: String,
    #[validate(non_negative)]
    pub size: i64,
    #[column(varchar(1000))]
    pub storage_path: String,
    #[column(varchar(500), unique)]
    pub storage_key: String,
    pub description: Option<String>,
    #[column(default = false)]
    pub is_favorite: bool,
    #[column(default = false)]
    pub is_public: bool,
    #[column(default = false)]
    pub is_deleted: bool,
    pub deleted_at: Option<DateTime<Utc>>,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

/// A user's label for files.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[table(schema = "storage", unique(user_id, name))]
#[has_many(File, through = FileTag(tag_id, file_id))]
pub struct Tag {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    pub user_id: String,
    #[column(varchar(100))]
    #[validate(min_len = 1)]
    pub name: String,
    /// A CSS hex colour such as `#3b82f6`.
    #[column(varchar(7))]
    #[validate(regex = "^#[0-9a-fA-F]{6}$")]
    pub color: Option<String>,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

/// Which tags a file carries: the junction of `files` and `tags`.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
// A link is created or deleted, never updated: no `updated_at`.
#[table(schema = "storage", primary_key(file_id, tag_id), allow(timestamps))]
#[index(columns(tag_id))]
pub struct FileTag {
    #[column(references(File::id), on_delete = "cascade")]
    pub file_id: Uuid,
    #[column(references(Tag::id), on_delete = "cascade")]
    pub tag_id: Uuid,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
}

/// An earlier content of a file.
#[derive(Table, Debug, Clone, PartialEq, Serialize, Deserialize)]
// A version is immutable once written: no `updated_at`.
#[table(schema = "storage", unique(file_id, version_number), allow(timestamps))]
pub struct FileVersion {
    #[column(primary_key, default_random)]
    pub id: Uuid,
    #[column(references(File::id), on_delete = "cascade")]
    pub file_id: Uuid,
    #[validate(positive)]
    pub version_number: i32,
    #[column(varchar(1000))]
    pub storage_path: String,
    #[validate(non_negative)]
    pub size: i64,
    /// Free-form details of the upload (checksum, encoder, ...).
    pub metadata: Option<serde_json::Value>,
    pub user_id: String,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
}

/// A folder with the number and total size of the live files directly in it: a view, read
/// like a table (`query::select::<FolderSize>()`).
#[derive(View, Debug, Clone, PartialEq)]
#[view(
    schema = "storage",
    query = "SELECT f.id, f.user_id, count(fi.id), coalesce(sum(fi.size), 0)::bigint
             FROM storage.folders f
             LEFT JOIN storage.files fi ON fi.parent_folder_id = f.id AND NOT fi.is_deleted
             WHERE NOT f.is_deleted
             GROUP BY f.id, f.user_id"
)]
pub struct FolderSize {
    pub folder_id: Uuid,
    pub user_id: String,
    pub files: i64,
    pub bytes: i64,
}

/// Each user's live files and their total size, stored for the quota page and brought up to
/// date by `query::refresh::<StorageUsage>()`, concurrently thanks to its unique index.
#[derive(View, Debug, Clone, PartialEq)]
#[view(
    schema = "storage",
    materialized,
    query = "SELECT user_id, count(*), sum(size)::bigint
             FROM storage.files WHERE NOT is_deleted GROUP BY user_id"
)]
#[index(columns(user_id), unique)]
pub struct StorageUsage {
    pub user_id: String,
    pub files: i64,
    pub bytes: i64,
}
