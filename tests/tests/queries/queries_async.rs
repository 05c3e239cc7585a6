//! The statements run on tokio-postgres too: the same SQL and bound values, and its rows
//! decode through the same `FromRow` impls (`postgres::Row` is `tokio_postgres::Row`).

use schema_core::query::{self, FromRow, Statement};
use schema_examples::credits::{NewTransaction, Transaction, TransactionType};
use schema_tests::fixtures::examples_db;

#[test]
fn tokio_postgres_runs_the_statements_and_rows_decode() {
    let (db, _client) = examples_db();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (client, connection) = tokio_postgres::connect(db.url(), tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        let new = NewTransaction {
            id: None,
            user_id: "it's async; --".into(),
            r#type: TransactionType::Bonus,
            amount: 3,
            balance_after: 3,
            description: None,
            tags: None,
            metadata: Some(serde_json::json!({"via": "tokio"})),
            created_at: None,
        };
        let insert = Statement::build(&query::insert_statement(&new).unwrap());
        let row: tokio_postgres::Row = client
            .query_one(&insert.sql, &insert.values.as_params())
            .await
            .unwrap();
        let inserted = Transaction::from_row(&row).unwrap();
        assert_eq!(inserted.user_id, "it's async; --");
        assert_eq!(inserted.r#type, TransactionType::Bonus);

        let select = query::select::<Transaction>()
            .filter(Transaction::COLUMNS.r#type.eq(TransactionType::Bonus))
            .statement()
            .unwrap();
        let select = Statement::build(&select);
        let rows = client
            .query(&select.sql, &select.values.as_params())
            .await
            .unwrap();
        let read: Vec<Transaction> = rows
            .iter()
            .map(|r| Transaction::from_row_at(r, 0).unwrap())
            .collect();
        assert_eq!(read, vec![inserted]);
    });
}
