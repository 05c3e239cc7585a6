//! The test database harness: every `TestDb` is its own database, and a dropped one is gone.
//! Runs against `DATABASE_URL` when set, else against a throwaway cluster.

use schema_tests::pg::TestDb;

fn database_exists(client: &mut postgres::Client, name: &str) -> bool {
    client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)",
            &[&name],
        )
        .unwrap()
        .get(0)
}

#[test]
fn test_dbs_are_distinct_and_dropped_ones_are_gone() {
    let a = TestDb::new();
    let b = TestDb::new();
    assert_ne!(a.name(), b.name());
    assert_ne!(a.url(), b.url());
    assert!(a.url().ends_with(a.name()), "{}", a.url());

    let mut in_a = a.client();
    let mut in_b = b.client();
    let current: String = in_a
        .query_one("SELECT current_database()", &[])
        .unwrap()
        .get(0);
    assert_eq!(current, a.name());
    let current: String = in_b
        .query_one("SELECT current_database()", &[])
        .unwrap()
        .get(0);
    assert_eq!(current, b.name());

    in_a.batch_execute("CREATE TABLE only_in_a (x integer); INSERT INTO only_in_a VALUES (1)")
        .unwrap();
    let in_b_too: bool = in_b
        .query_one("SELECT to_regclass('only_in_a') IS NOT NULL", &[])
        .unwrap()
        .get(0);
    assert!(
        !in_b_too,
        "a table of one test database is visible in another"
    );

    // An open connection does not keep the database alive: the drop is `WITH (FORCE)`.
    let name = a.name().to_owned();
    let url = a.url().to_owned();
    assert!(database_exists(&mut in_b, &name));
    drop(a);
    assert!(
        !database_exists(&mut in_b, &name),
        "`{name}` survived its TestDb"
    );
    assert!(in_a.is_closed() || in_a.simple_query("SELECT 1").is_err());
    assert!(postgres::Client::connect(&url, postgres::NoTls).is_err());
}

#[test]
fn test_dbs_can_be_made_from_many_threads_at_once() {
    let names: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    let db = TestDb::new();
                    let mut client = db.client();
                    client.batch_execute("CREATE TABLE t (x integer)").unwrap();
                    db.name().to_owned()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    let check = TestDb::new();
    let mut client = check.client();
    for name in &names {
        assert!(
            !database_exists(&mut client, name),
            "`{name}` was not dropped"
        );
    }
}
