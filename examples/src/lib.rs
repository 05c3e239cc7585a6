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

use schema_core::{Grant, Privilege, Role, Schema};

/// Every table and view of the examples, and who may use them. Tables are listed here
/// explicitly: a model left out is not silently dropped, because migrations never drop a table
/// unless the user confirms it.
pub fn schema() -> Schema {
    use Privilege::{Delete, Insert, Select, Update};
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
        // The tenants' sessions: held to the tenancy tables' row-level security.
        .role(Role::new(tenancy::APP_ROLE))
        .grant(
            Grant::on_schema("tenancy")
                .privilege(Privilege::Usage)
                .to(tenancy::APP_ROLE),
        )
        .grant(
            Grant::on::<tenancy::Tenant>()
                .privilege(Select)
                .to(tenancy::APP_ROLE),
        )
        .grant(
            Grant::on::<tenancy::Member>()
                .privileges([Select, Insert, Update, Delete])
                .to(tenancy::APP_ROLE),
        )
        .grant(
            Grant::on::<tenancy::Workflow>()
                .privileges([Select, Insert, Update, Delete])
                .to(tenancy::APP_ROLE),
        )
        .grant(
            Grant::on::<tenancy::MemberDirectory>()
                .privilege(Select)
                .to(tenancy::APP_ROLE),
        )
}
