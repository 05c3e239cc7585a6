//! Row-level security (issue 16): a tenant's session, as a role that is neither a superuser
//! nor the tables' owner (both bypass row security), reads and writes only its tenant's rows,
//! through the tables and through a `security_invoker` view over them.

use schema_core::{query, Table};
use schema_examples::tenancy::{self, MemberDirectory};
use schema_tests::apply::refusal;
use schema_tests::fixtures::examples_db;

#[test]
fn a_tenant_session_reaches_only_its_tenants_rows() {
    let (db, mut owner) = examples_db();
    // The role and its privileges are the examples' (declared in the schema).
    let role = tenancy::APP_ROLE;
    owner
        .batch_execute(
            "INSERT INTO tenancy.tenants (id, name) VALUES ('t1', 'One'), ('t2', 'Two');
             INSERT INTO tenancy.members (id, email, password_hash, tenant_id) VALUES
                 ('m1', 'a@one.test', 'x', 't1'), ('m2', 'b@two.test', 'x', 't2');
             INSERT INTO tenancy.workflows (id, name, config, member_id, tenant_id) VALUES
                 ('w1', 'one', '{}', 'm1', 't1'), ('w2', 'two', '{}', 'm2', 't2');",
        )
        .unwrap();
    let mut client = db.client();
    client
        .batch_execute(&format!("SET ROLE \"{role}\"; SET app.tenant_id = 't1'"))
        .unwrap();
    let ids = |client: &mut postgres::Client, table: &str| -> Vec<String> {
        client
            .query(&format!("SELECT id FROM tenancy.{table} ORDER BY id"), &[])
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect()
    };
    // Reads: the other tenant's rows are not there.
    assert_eq!(ids(&mut client, "members"), ["m1"]);
    assert_eq!(ids(&mut client, "workflows"), ["w1"]);
    // Writes: another tenant's rows cannot be changed or deleted, nor new ones written for it.
    let updated = client
        .execute(
            "UPDATE tenancy.members SET password_hash = 'y' WHERE id = 'm2'",
            &[],
        )
        .unwrap();
    assert_eq!(updated, 0);
    let deleted = client
        .execute("DELETE FROM tenancy.workflows", &[])
        .unwrap();
    assert_eq!(deleted, 1, "only its own workflow");
    let message = refusal(
        &mut client,
        "INSERT INTO tenancy.members (id, email, password_hash, tenant_id) VALUES ('m3', 'c@two.test', 'x', 't2')",
    );
    assert!(message.contains("row-level security policy"), "{message}");
    let moved = client.execute(
        "UPDATE tenancy.members SET tenant_id = 't2' WHERE id = 'm1'",
        &[],
    );
    assert!(moved.is_err(), "a row cannot be moved to another tenant");
    // Its own rows it writes as usual.
    client
        .execute(
            "INSERT INTO tenancy.members (id, email, password_hash, tenant_id) VALUES ('m4', 'd@one.test', 'x', 't1')",
            &[],
        )
        .unwrap();
    assert_eq!(ids(&mut client, "members"), ["m1", "m4"]);
    // Through a `security_invoker` view, read with the typed select, the same isolation.
    let directory: Vec<(String, String)> = query::select::<MemberDirectory>()
        .order_by(MemberDirectory::COLUMNS.member_id, query::Order::Asc)
        .all(&mut client)
        .unwrap()
        .into_iter()
        .map(|m| (m.member_id, m.tenant_name))
        .collect();
    assert_eq!(
        directory,
        [
            ("m1".to_owned(), "One".to_owned()),
            ("m4".to_owned(), "One".to_owned())
        ]
    );
    // No tenant set: nothing.
    client.batch_execute("RESET app.tenant_id").unwrap();
    assert!(ids(&mut client, "members").is_empty());
    drop(client);
    // The owner is not held to the policies: every row is there.
    assert_eq!(ids(&mut owner, "members"), ["m1", "m2", "m4"]);
}
