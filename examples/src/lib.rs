//! The schemas of the seed documents as Rust models: the picture of the field this tool makes
//! automatic. `schema()` is what `cargo xtask migrate-gen` turns into migrations.

// Clippy reads two `#[index(columns(..))]` naming the same column as a duplicated attribute;
// a known false positive for derive helper attributes (rust-clippy#12923, #13238).
#![allow(clippy::duplicated_attributes)]

pub mod accounts;
pub mod blog;
pub mod credits;
pub mod storage;
pub mod tenancy;

use schema_core::Schema;

/// Every table and view of the examples. Tables are listed here explicitly: a model left out is not
/// silently dropped, because migrations never drop a table unless the user confirms it.
pub fn schema() -> Schema {
    Schema::new()
        .table::<accounts::User>()
        .table::<blog::Post>()
        .table::<storage::Folder>()
        .table::<storage::File>()
        .table::<storage::Tag>()
        .table::<storage::FileTag>()
        .table::<storage::FileVersion>()
        .table::<credits::Balance>()
        .table::<credits::Transaction>()
        .table::<tenancy::Tenant>()
        .table::<tenancy::Member>()
        .table::<tenancy::Workflow>()
        .view::<storage::FolderSize>()
        .view::<storage::StorageUsage>()
        .view::<tenancy::MemberDirectory>()
}
