//! Optimistic locking on `credits.balances`: concurrent updates naming the same version, on
//! separate connections, and exactly one of them wins.

use schema_core::query::{self, QueryError};
use schema_examples::credits::{Balance, BalancePatch, NewBalance};
use schema_tests::fixtures::examples_db;
use std::sync::{Arc, Barrier};
use std::thread;
use uuid::Uuid;

fn balance(client: &mut postgres::Client, amount: i64) -> Balance {
    query::insert(
        client,
        &NewBalance {
            id: None,
            user_id: format!("user-{}", Uuid::new_v4()),
            amount: Some(amount),
            version: None,
            created_at: None,
            updated_at: None,
        },
    )
    .unwrap()
}

fn add(amount: i64) -> BalancePatch {
    BalancePatch {
        amount: Some(amount),
        ..Default::default()
    }
}

#[test]
fn two_concurrent_updates_one_wins_one_conflicts() {
    let (db, mut client) = examples_db();
    let start = balance(&mut client, 100);
    assert_eq!(start.version, 1);

    let barrier = Arc::new(Barrier::new(2));
    let writers: Vec<_> = [10_i64, 20]
        .into_iter()
        .map(|delta| {
            let barrier = Arc::clone(&barrier);
            let mut conn = db.client();
            let id = start.id;
            thread::spawn(move || {
                // Both read version 1 before either writes.
                let read = query::find::<Balance>(&mut conn, &id).unwrap().unwrap();
                barrier.wait();
                let result = query::update_versioned(
                    &mut conn,
                    &id,
                    read.version.into(),
                    &add(read.amount + delta),
                );
                (delta, result)
            })
        })
        .collect();
    let results: Vec<(i64, Result<Balance, QueryError>)> =
        writers.into_iter().map(|w| w.join().unwrap()).collect();

    let winners: Vec<&(i64, Result<Balance, QueryError>)> =
        results.iter().filter(|(_, r)| r.is_ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one update wins: {results:?}");
    let (won_delta, won) = winners[0];
    let won = won.as_ref().unwrap();
    assert_eq!((won.amount, won.version), (100 + won_delta, 2));

    let (_, lost) = results.iter().find(|(_, r)| r.is_err()).unwrap();
    match lost.as_ref().unwrap_err() {
        QueryError::Conflict {
            table,
            expected,
            actual,
        } => {
            assert_eq!(
                (table.as_str(), *expected, *actual),
                ("credits.balances", 1, 2)
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let lost = lost.as_ref().unwrap_err();
    assert!(lost.is_conflict());
    assert_eq!(
        lost.to_string(),
        "`credits.balances` row was modified concurrently: expected version 1, found 2"
    );

    // The stored row is the winner's: the loser changed nothing.
    let stored = query::find::<Balance>(&mut client, &start.id)
        .unwrap()
        .unwrap();
    assert_eq!(&stored, won);
}

#[test]
fn retrying_writers_lose_no_update() {
    let (db, mut client) = examples_db();
    let start = balance(&mut client, 0);
    const WRITERS: i64 = 4;
    const EACH: i64 = 15;
    let barrier = Arc::new(Barrier::new(WRITERS as usize));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            let mut conn = db.client();
            let id = start.id;
            thread::spawn(move || {
                barrier.wait();
                let mut conflicts = 0;
                for _ in 0..EACH {
                    loop {
                        let read = query::find::<Balance>(&mut conn, &id).unwrap().unwrap();
                        match query::update_versioned(
                            &mut conn,
                            &id,
                            read.version.into(),
                            &add(read.amount + 1),
                        ) {
                            Ok(_) => break,
                            Err(e) if e.is_conflict() => conflicts += 1,
                            Err(e) => panic!("{e}"),
                        }
                    }
                }
                conflicts
            })
        })
        .collect();
    let conflicts: i64 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    let stored = query::find::<Balance>(&mut client, &start.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.amount,
        WRITERS * EACH,
        "every increment landed ({conflicts} retries)"
    );
    assert_eq!(i64::from(stored.version), 1 + WRITERS * EACH);
}

#[test]
fn stale_version_without_concurrency_is_a_conflict_and_missing_row_not_found() {
    let (_db, mut client) = examples_db();
    let b = balance(&mut client, 5);
    let fresh = query::update_versioned(&mut client, &b.id, 1, &add(6)).unwrap();
    assert_eq!(fresh.version, 2);
    let err = query::update_versioned(&mut client, &b.id, 1, &add(7)).unwrap_err();
    assert!(
        matches!(
            err,
            QueryError::Conflict {
                expected: 1,
                actual: 2,
                ..
            }
        ),
        "{err}"
    );
    let err = query::update_versioned(&mut client, &Uuid::new_v4(), 1, &add(7)).unwrap_err();
    assert!(err.is_not_found(), "{err}");
}
