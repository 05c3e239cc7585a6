//! The examples' full DDL, reviewed as an insta snapshot. (That the same DDL applies and reads
//! back equal from PostgreSQL is `catalog.rs`.)

use schema_core::diff::create_schema_ddl;
use schema_core::render::to_script;

#[test]
fn examples_ddl() {
    let schema = schema_examples::schema();
    insta::assert_snapshot!("examples_ddl", to_script(&create_schema_ddl(&schema)));
}

#[test]
fn examples_schema_is_valid() {
    assert_eq!(schema_examples::schema().validate(), Ok(()));
}

#[test]
fn registration_order_does_not_change_the_ddl() {
    use schema_examples::*;
    let reversed = schema_core::Schema::new()
        .table::<tenancy::Workflow>()
        .table::<tenancy::Member>()
        .table::<tenancy::Tenant>()
        .table::<credits::Transaction>()
        .table::<credits::Balance>()
        .table::<storage::FileVersion>()
        .table::<storage::FileTag>()
        .table::<storage::Tag>()
        .table::<storage::File>()
        .table::<storage::Folder>()
        .table::<blog::Post>()
        .table::<accounts::User>()
        .view::<tenancy::MemberDirectory>()
        .view::<storage::StorageUsage>()
        .view::<storage::FolderSize>();
    // Grants and roles in another order, one grant split in two.
    let mut reversed = reversed;
    let original = schema();
    for grant in original.grants.iter().rev() {
        for privilege in &grant.privileges {
            let mut one = grant.clone();
            one.privileges = vec![*privilege];
            reversed.add_grant(one);
        }
    }
    for role in original.roles.iter().rev() {
        reversed.add_role(role.clone());
    }
    assert_eq!(reversed, schema());
    assert_eq!(create_schema_ddl(&reversed), create_schema_ddl(&schema()));
}
