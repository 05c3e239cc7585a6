//! The example models on a fresh database, new rows to insert, and an executor that counts
//! statements.

use crate::apply::apply_schema;
use crate::pg::TestDb;
use postgres::types::ToSql;
use postgres::{Client, Row};
use schema_core::query::Executor;
use schema_examples::accounts::NewUser;
use schema_examples::storage::{NewFile, NewFolder, NewTag};
use uuid::Uuid;

/// A fresh database with the examples' schema applied, and a connection to it.
pub fn examples_db() -> (TestDb, Client) {
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &schema_examples::schema());
    (db, client)
}

/// A new user; every defaulted column left to its default.
pub fn new_user(email: &str, name: &str) -> NewUser {
    NewUser {
        id: None,
        email: email.into(),
        name: name.into(),
        is_active: None,
        created_at: None,
        updated_at: None,
        deleted_at: None,
    }
}

/// A new folder of `user`; every defaulted column left to its default.
pub fn new_folder(user: &str, name: &str, parent: Option<Uuid>) -> NewFolder {
    NewFolder {
        id: None,
        user_id: user.into(),
        parent_folder_id: parent,
        name: name.into(),
        is_favorite: None,
        is_deleted: None,
        deleted_at: None,
        created_at: None,
        updated_at: None,
    }
}

/// A new 42-byte text file of `user` stored under `key`; defaulted columns left to default.
pub fn new_file(user: &str, name: &str, folder: Option<Uuid>, key: &str) -> NewFile {
    NewFile {
        id: None,
        user_id: user.into(),
        parent_folder_id: folder,
        name: name.into(),
        mime_type: "text/plain".into(),
        size: 42,
        storage_path: format!("/data/{key}"),
        storage_key: key.into(),
        description: None,
        is_favorite: None,
        is_public: None,
        is_deleted: None,
        deleted_at: None,
        created_at: None,
        updated_at: None,
    }
}

/// A new blue tag of `user`.
pub fn new_tag(user: &str, name: &str) -> NewTag {
    NewTag {
        id: None,
        user_id: user.into(),
        name: name.into(),
        color: Some("#3b82f6".into()),
        created_at: None,
        updated_at: None,
    }
}

/// Runs statements on a connection and records each one: the no-N+1 tests count them.
pub struct Counting<'a> {
    client: &'a mut Client,
    /// Every statement run, in order.
    pub statements: Vec<String>,
}

impl<'a> Counting<'a> {
    /// Counts the statements run on `client` through it.
    pub fn new(client: &'a mut Client) -> Self {
        Counting {
            client,
            statements: Vec::new(),
        }
    }
}

impl Executor for Counting<'_> {
    fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, postgres::Error> {
        self.statements.push(sql.to_owned());
        self.client.query(sql, params)
    }
}

/// `public.twice(a <ty>) RETURNS <ty>`, an immutable SQL function: its argument and result
/// type change between the sides of a migration.
pub fn twice(ty: &str) -> schema_core::Function {
    schema_core::Function::new(
        "public",
        "twice",
        format!("a {ty}"),
        ty,
        "sql",
        "SELECT a * 2",
    )
    .with_volatility(schema_core::Volatility::Immutable)
}
