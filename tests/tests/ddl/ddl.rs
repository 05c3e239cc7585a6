//! The examples' full DDL, reviewed as an insta snapshot. (That the same DDL applies and reads
//! back equal from PostgreSQL is `catalog.rs`.)

use schema_core::render::{render_create_schema, to_script};

#[test]
fn examples_ddl() {
    let schema = schema_examples::schema();
    insta::assert_snapshot!("examples_ddl", to_script(&render_create_schema(&schema)));
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
        .table::<accounts::User>();
    assert_eq!(reversed, schema());
    assert_eq!(
        render_create_schema(&reversed),
        render_create_schema(&schema())
    );
}
