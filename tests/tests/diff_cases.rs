//! The diff engine, case by case: for each named change, the up and down migration SQL as an
//! insta snapshot, and on a real PostgreSQL: `before` applied, the up migration applied and
//! read back equal to `after`, the down migration applied and read back equal to `before`,
//! no churn (`diff(after, after)` and `diff(read back, after)` are empty).

use schema_core::diff::{diff, script, DiffError, DiffOptions, Plan};
use schema_core::introspect::introspect;
use schema_core::model::{
    canonical, CheckConstraint, ColumnDef, ColumnDefault, EnumDef, ForeignKey, Index, IndexMethod,
    PrimaryKey, QualifiedName, ReferentialAction, SqlType, UniqueConstraint,
};
use schema_core::{Schema, TableDef};
use schema_tests::apply::{apply_schema, apply_script};
use schema_tests::pg::TestDb;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Building schemas

struct T(TableDef);

fn t(qualified: &str) -> T {
    let (schema, name) = qualified.split_once('.').unwrap_or(("public", qualified));
    T(TableDef::new(schema, name))
}

impl T {
    /// A `NOT NULL` column.
    fn col(self, name: &str, ty: SqlType) -> T {
        self.column(ColumnDef::new(name, ty, false))
    }
    /// A nullable column.
    fn null(self, name: &str, ty: SqlType) -> T {
        self.column(ColumnDef::new(name, ty, true))
    }
    fn column(mut self, column: ColumnDef) -> T {
        self.0.columns.push(column);
        self
    }
    fn pk(mut self, columns: &[&str]) -> T {
        self.0.primary_key = Some(PrimaryKey {
            name: format!("{}_pkey", self.0.name),
            columns: strings(columns),
        });
        self
    }
    fn id(self) -> T {
        self.col("id", SqlType::BigInt).pk(&["id"])
    }
    fn unique(mut self, name: &str, columns: &[&str]) -> T {
        self.0.uniques.push(UniqueConstraint {
            name: name.into(),
            columns: strings(columns),
        });
        self
    }
    fn fk(mut self, name: &str, columns: &[&str], target: &str, target_columns: &[&str]) -> T {
        let (schema, table) = target.split_once('.').unwrap_or(("public", target));
        self.0.foreign_keys.push(ForeignKey {
            name: name.into(),
            columns: strings(columns),
            target: QualifiedName::new(schema, table),
            target_columns: strings(target_columns),
            on_delete: ReferentialAction::NoAction,
            on_update: ReferentialAction::NoAction,
        });
        self
    }
    fn on_delete(mut self, action: ReferentialAction) -> T {
        if let Some(fk) = self.0.foreign_keys.last_mut() {
            fk.on_delete = action;
        }
        self
    }
    fn index(mut self, name: &str, columns: &[&str]) -> T {
        self.0.indexes.push(Index {
            name: name.into(),
            columns: strings(columns),
            unique: false,
            method: IndexMethod::Btree,
            predicate: None,
        });
        self
    }
    fn last_index(mut self, f: impl FnOnce(&mut Index)) -> T {
        if let Some(index) = self.0.indexes.last_mut() {
            f(index);
        }
        self
    }
    fn check(mut self, name: &str, expression: &str) -> T {
        self.0.checks.push(CheckConstraint {
            name: name.into(),
            expression: expression.into(),
        });
        self
    }
    fn comment(mut self, comment: &str) -> T {
        self.0.comment = Some(comment.into());
        self
    }
    fn renamed_from(mut self, hint: &str) -> T {
        self.0.renamed_from = Some(hint.into());
        self
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn schema(tables: Vec<T>, enums: Vec<EnumDef>) -> Schema {
    let mut s = Schema::new();
    for table in tables {
        s.add_table(table.0);
    }
    for e in enums {
        s.add_enum(e);
    }
    s
}

fn tables(tables: Vec<T>) -> Schema {
    schema(tables, Vec::new())
}

fn status(values: &[&str]) -> EnumDef {
    EnumDef::new("public", "status", values.iter().copied())
}

fn status_type() -> SqlType {
    SqlType::enum_type("public", "status")
}

fn varchar(n: u32) -> SqlType {
    SqlType::Varchar { length: Some(n) }
}

fn users() -> T {
    t("users").id().col("email", SqlType::Text)
}

fn posts() -> T {
    t("posts").id().col("author_id", SqlType::BigInt)
}

fn string(s: &str) -> ColumnDefault {
    ColumnDefault::String(s.into())
}

// ---------------------------------------------------------------------------------------------
// Running a case

fn namespaces(schemas: &[&Schema]) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::from(["public".to_owned()]);
    for s in schemas {
        out.extend(s.namespaces().into_iter().map(str::to_owned));
    }
    out.into_iter().collect()
}

fn read_back(client: &mut postgres::Client, names: &[String]) -> Schema {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    introspect(client, &names).expect("introspect")
}

/// Runs a migration script as a runner would: transactional segments in one transaction,
/// the others statement by statement.
fn assert_same(read: &Schema, want: &Schema, what: &str) {
    let (read, want) = (canonical(read), canonical(want));
    assert_eq!(read.enums, want.enums, "{what}: the enums differ");
    for (r, w) in read.tables.iter().zip(&want.tables) {
        assert_eq!(r, w, "{what}: table `{}` differs", w.qualified_name());
    }
    assert_eq!(read, want, "{what}");
}

fn plan(from: &Schema, to: &Schema, allow_destructive: bool) -> Plan {
    match diff(from, to, &DiffOptions { allow_destructive }) {
        Ok(plan) => plan,
        Err(e) => panic!("diff refused: {e}"),
    }
}

/// The whole check of one case. `destructive`: the up migration needs confirmation.
fn check_case(name: &str, before: Schema, after: Schema, destructive: bool) {
    assert_eq!(before.validate(), Ok(()), "{name}: `before` is invalid");
    assert_eq!(after.validate(), Ok(()), "{name}: `after` is invalid");
    let refused = diff(&before, &after, &DiffOptions::default());
    assert_eq!(
        refused.is_err(),
        destructive,
        "{name}: refusal without confirmation: {refused:?}"
    );
    let up = plan(&before, &after, destructive);
    let down = plan(&after, &before, true);
    assert!(!up.is_empty(), "{name}: the up migration is empty");
    let (up_sql, down_sql) = (up.to_sql(), down.to_sql());
    insta::assert_snapshot!(name, format!("-- up\n\n{up_sql}\n-- down\n\n{down_sql}"));

    assert!(
        plan(&after, &after, false).is_empty(),
        "{name}: after vs after"
    );
    assert!(
        plan(&before, &before, false).is_empty(),
        "{name}: before vs before"
    );

    let names = namespaces(&[&before, &after]);
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    assert_same(&read_back(&mut client, &names), &before, "before applied");
    apply_script(&mut client, &up_sql);
    let upped = read_back(&mut client, &names);
    assert_same(&upped, &after, "after the up migration");
    let churn = plan(&canonical(&upped), &after, true);
    assert!(churn.is_empty(), "{name}: churn:\n{}", churn.to_sql());
    apply_script(&mut client, &down_sql);
    let downed = read_back(&mut client, &names);
    assert_same(&downed, &before, "after the down migration");
    let churn = plan(&canonical(&downed), &before, true);
    assert!(
        churn.is_empty(),
        "{name}: churn after down:\n{}",
        churn.to_sql()
    );
}

macro_rules! cases {
    ($($name:ident, $destructive:expr => $build:expr;)*) => {
        $(
            #[test]
            fn $name() {
                let (before, after): (Schema, Schema) = $build;
                check_case(stringify!($name), before, after, $destructive);
            }
        )*
    };
}

// ---------------------------------------------------------------------------------------------
// The cases

cases! {
    schema_create, false => (
        tables(vec![users()]),
        tables(vec![users(), t("billing.invoices").id()]),
    );
    schema_drop, true => (
        tables(vec![users(), t("billing.invoices").id()]),
        tables(vec![users()]),
    );
    enum_create, false => (
        Schema::new(),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
    );
    enum_drop_unused, false => (
        schema(vec![users()], vec![status(&["open", "done"])]),
        tables(vec![users()]),
    );
    enum_add_value_last, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done", "archived"])]),
    );
    enum_add_value_first, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["draft", "open", "done"])]),
    );
    enum_add_values_in_the_middle, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "review", "blocked", "done"])]),
    );
    enum_add_value_used_as_default, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(
            vec![t("tasks").id().column(ColumnDef::new("status", status_type(), false).with_default(string("draft")))],
            vec![status(&["draft", "open", "done"])],
        ),
    );
    enum_add_value_used_in_check, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(
            vec![t("tasks").id().col("status", status_type()).check("tasks_not_archived", "status <> 'archived'::status")],
            vec![status(&["open", "done", "archived"])],
        ),
    );
    enum_rename_value, false => (
        schema(
            vec![t("tasks").id().column(ColumnDef::new("status", status_type(), false).with_default(string("open")))],
            vec![status(&["open", "done"])],
        ),
        schema(
            vec![t("tasks").id().column(ColumnDef::new("status", status_type(), false).with_default(string("todo")))],
            vec![EnumDef { renamed_values: vec![("todo".into(), "open".into())], ..status(&["todo", "done"]) }],
        ),
    );
    enum_remove_value, true => (
        schema(
            vec![t("tasks").id()
                .column(ColumnDef::new("status", status_type(), false).with_default(string("open")))
                .null("history", SqlType::array_of(status_type()))],
            vec![status(&["open", "stale", "done"])],
        ),
        schema(
            vec![t("tasks").id()
                .column(ColumnDef::new("status", status_type(), false).with_default(string("open")))
                .null("history", SqlType::array_of(status_type()))],
            vec![status(&["open", "done"])],
        ),
    );
    enum_comment, false => (
        schema(vec![users()], vec![status(&["open"])]),
        schema(vec![users()], vec![EnumDef { comment: Some("Task status.".into()), ..status(&["open"]) }]),
    );
    table_create, false => (
        tables(vec![users()]),
        tables(vec![
            users(),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).index("idx_posts_author_id", &["author_id"]).comment("Posts."),
        ]),
    );
    table_drop, true => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![users()]),
    );
    table_rename, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![
            t("accounts").id().col("email", SqlType::Text).renamed_from("users"),
            posts().fk("posts_author_id_fkey", &["author_id"], "accounts", &["id"]),
        ]),
    );
    table_move_between_schemas, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).index("idx_posts_author_id", &["author_id"])]),
        tables(vec![
            users(),
            t("blog.posts").id().col("author_id", SqlType::BigInt)
                .fk("posts_author_id_fkey", &["author_id"], "users", &["id"])
                .index("idx_posts_author_id", &["author_id"])
                .renamed_from("public.posts"),
        ]),
    );
    column_add_nullable, false => (
        tables(vec![users()]),
        tables(vec![users().null("nickname", SqlType::Text)]),
    );
    column_add_not_null_with_default, false => (
        tables(vec![users()]),
        tables(vec![users().column(ColumnDef::new("is_admin", SqlType::Boolean, false).with_default(ColumnDefault::Bool(false)))]),
    );
    column_add_with_comment, false => (
        tables(vec![users()]),
        tables(vec![users().column(ColumnDef::new("bio", SqlType::Text, true).with_comment("About the user."))]),
    );
    column_drop, true => (
        tables(vec![users().null("nickname", SqlType::Text)]),
        tables(vec![users()]),
    );
    column_rename, false => (
        tables(vec![users().null("nick", SqlType::Text).index("idx_users_nick", &["nick"])]),
        tables(vec![users().column(ColumnDef::new("nickname", SqlType::Text, true).with_renamed_from("nick")).index("idx_users_nick", &["nickname"])]),
    );
    column_rename_referenced_by_foreign_key, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![
            t("users").column(ColumnDef::new("user_id", SqlType::BigInt, false).with_renamed_from("id")).col("email", SqlType::Text)
                .0.into_t_with_pk("users_pkey", &["user_id"]),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["user_id"]),
        ]),
    );
    type_widen_varchar, false => (
        tables(vec![t("items").id().col("name", varchar(100))]),
        tables(vec![t("items").id().col("name", varchar(500))]),
    );
    type_narrow_varchar, true => (
        tables(vec![t("items").id().col("name", varchar(500))]),
        tables(vec![t("items").id().col("name", varchar(100))]),
    );
    type_int_to_bigint, false => (
        tables(vec![t("items").id().col("qty", SqlType::Integer)]),
        tables(vec![t("items").id().col("qty", SqlType::BigInt)]),
    );
    type_bigint_to_int, true => (
        tables(vec![t("items").id().col("qty", SqlType::BigInt)]),
        tables(vec![t("items").id().col("qty", SqlType::Integer)]),
    );
    type_text_to_varchar, true => (
        tables(vec![t("items").id().col("code", SqlType::Text)]),
        tables(vec![t("items").id().col("code", varchar(20))]),
    );
    type_text_to_integer_with_using, true => (
        tables(vec![t("items").id().col("qty", SqlType::Text)]),
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Integer, false).with_using("trim(\"qty\")::integer"))]),
    );
    type_change_with_default, false => (
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Integer, false).with_default(ColumnDefault::Number("0".into())))]),
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Text, false).with_default(string("none")))]),
    );
    type_text_to_enum, true => (
        schema(vec![t("tasks").id().col("status", SqlType::Text)], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
    );
    type_enum_to_another_enum, true => (
        schema(vec![t("tasks").id().col("state", status_type())], vec![status(&["open", "done"])]),
        schema(
            vec![t("tasks").id().col("state", SqlType::enum_type("public", "task_state"))],
            vec![EnumDef::new("public", "task_state", ["open", "done", "archived"])],
        ),
    );
    enum_reorder_values, false => (
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id().col("status", status_type())], vec![status(&["done", "open"])]),
    );
    table_rename_and_move, false => (
        tables(vec![users().index("idx_users_email", &["email"])]),
        tables(vec![t("auth.accounts").id().col("email", SqlType::Text).index("idx_users_email", &["email"]).renamed_from("public.users")]),
    );
    nullability_drop_not_null, false => (
        tables(vec![users()]),
        tables(vec![t("users").id().null("email", SqlType::Text)]),
    );
    nullability_set_not_null_with_default, false => (
        tables(vec![t("users").id().null("email", SqlType::Text)]),
        tables(vec![t("users").id().column(ColumnDef::new("email", SqlType::Text, false).with_default(string("unknown")))]),
    );
    nullability_set_not_null_without_default, true => (
        tables(vec![t("users").id().null("email", SqlType::Text)]),
        tables(vec![users()]),
    );
    default_set, false => (
        tables(vec![t("items").id().col("qty", SqlType::Integer)]),
        tables(vec![t("items").id().column(ColumnDef::new("qty", SqlType::Integer, false).with_default(ColumnDefault::Number("-1".into())))]),
    );
    default_change, false => (
        tables(vec![t("items").id().column(ColumnDef::new("label", SqlType::Text, false).with_default(string("a")))]),
        tables(vec![t("items").id().column(ColumnDef::new("label", SqlType::Text, false).with_default(string("b")))]),
    );
    default_drop, false => (
        tables(vec![t("items").id().column(ColumnDef::new("created_at", SqlType::Timestamptz, false).with_default(ColumnDefault::Now))]),
        tables(vec![t("items").id().col("created_at", SqlType::Timestamptz)]),
    );
    default_with_quotes_backslashes_unicode, false => (
        tables(vec![t("items").id().col("label", SqlType::Text)]),
        tables(vec![t("items").id().column(ColumnDef::new("label", SqlType::Text, false).with_default(string("it's a \\path\\ \"q\" ünïcødé ✓ 🚀")))]),
    );
    default_jsonb_and_enum, false => (
        schema(vec![t("tasks").id().col("status", status_type()).col("tags", SqlType::Jsonb)], vec![status(&["open", "done"])]),
        schema(vec![t("tasks").id()
            .column(ColumnDef::new("status", status_type(), false).with_default(string("done")))
            .column(ColumnDef::new("tags", SqlType::Jsonb, false).with_default(string("[]")))], vec![status(&["open", "done"])]),
    );
    primary_key_add, false => (
        tables(vec![t("items").col("id", SqlType::BigInt)]),
        tables(vec![t("items").id()]),
    );
    primary_key_drop, false => (
        tables(vec![t("items").id()]),
        tables(vec![t("items").col("id", SqlType::BigInt)]),
    );
    primary_key_composite_change, false => (
        tables(vec![t("file_tags").col("file_id", SqlType::BigInt).col("tag_id", SqlType::BigInt).pk(&["file_id"])]),
        tables(vec![t("file_tags").col("file_id", SqlType::BigInt).col("tag_id", SqlType::BigInt).pk(&["file_id", "tag_id"])]),
    );
    primary_key_referenced_by_foreign_key_changes, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![
            users().unique("users_id_key", &["id"]).0.into_t_with_pk("users_pkey", &["id", "email"]),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]),
        ]),
    );
    unique_add, false => (
        tables(vec![users()]),
        tables(vec![users().unique("users_email_key", &["email"])]),
    );
    unique_drop, false => (
        tables(vec![users().unique("users_email_key", &["email"])]),
        tables(vec![users()]),
    );
    unique_change_columns, false => (
        tables(vec![users().col("tenant_id", SqlType::BigInt).unique("users_email_key", &["email"])]),
        tables(vec![users().col("tenant_id", SqlType::BigInt).unique("users_email_key", &["email", "tenant_id"])]),
    );
    unique_rename, false => (
        tables(vec![users().unique("users_email_key", &["email"])]),
        tables(vec![users().unique("users_email_unique", &["email"])]),
    );
    foreign_key_add, false => (
        tables(vec![users(), posts()]),
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
    );
    foreign_key_drop, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![users(), posts()]),
    );
    foreign_key_action_change, false => (
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"])]),
        tables(vec![users(), posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).on_delete(ReferentialAction::Cascade)]),
    );
    foreign_key_to_new_unique, false => (
        tables(vec![users(), posts().col("author_email", SqlType::Text)]),
        tables(vec![
            users().unique("users_email_key", &["email"]),
            posts().col("author_email", SqlType::Text).fk("posts_author_email_fkey", &["author_email"], "users", &["email"]),
        ]),
    );
    foreign_key_target_key_replaced, false => (
        tables(vec![
            users().index("idx_users_email", &["email"]).last_index(|i| i.unique = true),
            posts().col("author_email", SqlType::Text).fk("posts_author_email_fkey", &["author_email"], "users", &["email"]),
        ]),
        tables(vec![
            users().unique("users_email_key", &["email"]),
            posts().col("author_email", SqlType::Text).fk("posts_author_email_fkey", &["author_email"], "users", &["email"]),
        ]),
    );
    self_reference_new_table, false => (
        Schema::new(),
        tables(vec![t("folders").id().null("parent_id", SqlType::BigInt).fk("folders_parent_id_fkey", &["parent_id"], "folders", &["id"]).on_delete(ReferentialAction::SetNull)]),
    );
    self_reference_add_to_existing, false => (
        tables(vec![t("folders").id().null("parent_id", SqlType::BigInt)]),
        tables(vec![t("folders").id().null("parent_id", SqlType::BigInt).fk("folders_parent_id_fkey", &["parent_id"], "folders", &["id"])]),
    );
    cyclic_foreign_keys_new_tables, false => (
        tables(vec![users()]),
        tables(vec![
            users(),
            t("teams").id().null("owner_id", SqlType::BigInt).fk("teams_owner_id_fkey", &["owner_id"], "members", &["id"]),
            t("members").id().col("team_id", SqlType::BigInt).fk("members_team_id_fkey", &["team_id"], "teams", &["id"]),
        ]),
    );
    cyclic_foreign_keys_between_existing_tables, false => (
        tables(vec![
            t("teams").id().null("owner_id", SqlType::BigInt),
            t("members").id().col("team_id", SqlType::BigInt),
        ]),
        tables(vec![
            t("teams").id().null("owner_id", SqlType::BigInt).fk("teams_owner_id_fkey", &["owner_id"], "members", &["id"]),
            t("members").id().col("team_id", SqlType::BigInt).fk("members_team_id_fkey", &["team_id"], "teams", &["id"]),
        ]),
    );
    index_add, false => (
        tables(vec![posts()]),
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
    );
    index_drop, false => (
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
        tables(vec![posts()]),
    );
    index_columns_change, false => (
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_author", &["author_id"])]),
        tables(vec![posts().col("created", SqlType::Timestamptz).index("idx_posts_author", &["author_id", "created"])]),
    );
    index_unique_change, false => (
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
        tables(vec![posts().index("idx_posts_author_id", &["author_id"]).last_index(|i| i.unique = true)]),
    );
    index_predicate_change, false => (
        tables(vec![posts().null("deleted_at", SqlType::Timestamptz).index("idx_posts_live", &["author_id"])]),
        tables(vec![posts().null("deleted_at", SqlType::Timestamptz).index("idx_posts_live", &["author_id"]).last_index(|i| i.predicate = Some("deleted_at IS NULL".into()))]),
    );
    index_method_change, false => (
        tables(vec![posts().col("tags", SqlType::array_of(SqlType::Text)).index("idx_posts_tags", &["tags"])]),
        tables(vec![posts().col("tags", SqlType::array_of(SqlType::Text)).index("idx_posts_tags", &["tags"]).last_index(|i| i.method = IndexMethod::Gin)]),
    );
    index_rename, false => (
        tables(vec![posts().index("posts_author_idx", &["author_id"])]),
        tables(vec![posts().index("idx_posts_author_id", &["author_id"])]),
    );
    check_add, false => (
        tables(vec![t("balances").id().col("amount", SqlType::BigInt)]),
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount >= 0")]),
    );
    check_drop, false => (
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount >= 0")]),
        tables(vec![t("balances").id().col("amount", SqlType::BigInt)]),
    );
    check_change, false => (
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount >= 0")]),
        tables(vec![t("balances").id().col("amount", SqlType::BigInt).check("balances_amount_check", "amount > '-100'::integer")]),
    );
    comment_on_table, false => (
        tables(vec![users().comment("People.")]),
        tables(vec![users().comment("People who can sign in; it's \"them\".")]),
    );
    comment_on_column_change_and_drop, false => (
        tables(vec![t("users").id().column(ColumnDef::new("email", SqlType::Text, false).with_comment("Old."))]),
        tables(vec![t("users").id().column(ColumnDef::new("email", SqlType::Text, false).with_comment("New ünïcødé."))]),
    );
    rename_table_and_column_with_incoming_foreign_key, false => (
        tables(vec![
            t("folders").id().col("name", SqlType::Text).index("idx_folders_name", &["name"]),
            t("files").id().col("folder_id", SqlType::BigInt).fk("files_folder_id_fkey", &["folder_id"], "folders", &["id"]),
        ]),
        tables(vec![
            t("directories").id().column(ColumnDef::new("title", SqlType::Text, false).with_renamed_from("name"))
                .index("idx_directories_title", &["title"]).renamed_from("folders"),
            t("files").id().column(ColumnDef::new("directory_id", SqlType::BigInt, false).with_renamed_from("folder_id"))
                .fk("files_directory_id_fkey", &["directory_id"], "directories", &["id"]),
        ]),
    );
    many_changes_at_once, true => (
        schema(vec![
            users().null("legacy", SqlType::Text),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]),
        ], vec![status(&["open", "done"])]),
        schema(vec![
            users().unique("users_email_key", &["email"]).null("status", status_type()),
            posts().fk("posts_author_id_fkey", &["author_id"], "users", &["id"]).on_delete(ReferentialAction::Cascade)
                .index("idx_posts_author_id", &["author_id"]),
            t("app.audit").id().null("user_id", SqlType::BigInt).fk("audit_user_id_fkey", &["user_id"], "users", &["id"]),
        ], vec![status(&["open", "review", "done"])]),
    );
}

trait IntoT {
    fn into_t_with_pk(self, name: &str, columns: &[&str]) -> T;
}

impl IntoT for TableDef {
    fn into_t_with_pk(mut self, name: &str, columns: &[&str]) -> T {
        self.primary_key = Some(PrimaryKey {
            name: name.into(),
            columns: strings(columns),
        });
        T(self)
    }
}

// ---------------------------------------------------------------------------------------------
// Data survives

fn migrate_with_rows(before: &Schema, after: &Schema, setup: &str, query: &str) -> Vec<String> {
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, before);
    client.batch_execute(setup).unwrap();
    apply_script(&mut client, &plan(before, after, true).to_sql());
    client
        .query(query, &[])
        .unwrap()
        .iter()
        .map(|row| row.get::<_, String>(0))
        .collect()
}

#[test]
fn data_survives_a_column_and_table_rename() {
    let before = tables(vec![t("folders").id().col("name", SqlType::Text)]);
    let after = tables(vec![t("directories")
        .id()
        .column(ColumnDef::new("title", SqlType::Text, false).with_renamed_from("name"))
        .renamed_from("folders")]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO folders VALUES (1, 'docs'), (2, 'it''s')",
        "SELECT id || ':' || title FROM directories ORDER BY id",
    );
    assert_eq!(rows, ["1:docs", "2:it's"]);
}

#[test]
fn data_survives_a_type_change_converted() {
    let before = tables(vec![t("items").id().col("qty", SqlType::Text)]);
    let after = tables(vec![t("items").id().col("qty", SqlType::Integer)]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO items VALUES (1, '42'), (2, '-7')",
        "SELECT (qty + 1)::text FROM items ORDER BY id",
    );
    assert_eq!(rows, ["43", "-6"]);
}

#[test]
fn data_survives_a_widening_and_a_using_override() {
    let before = tables(vec![t("items")
        .id()
        .col("name", varchar(5))
        .col("flag", SqlType::Text)]);
    let after = tables(vec![t("items").id().col("name", SqlType::Text).column(
        ColumnDef::new("flag", SqlType::Boolean, false).with_using("\"flag\" = 'yes'"),
    )]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO items VALUES (1, 'abcde', 'yes'), (2, 'x', 'no')",
        "SELECT name || ':' || flag::text FROM items ORDER BY id",
    );
    assert_eq!(rows, ["abcde:true", "x:false"]);
}

#[test]
fn data_survives_set_not_null_with_default() {
    let before = tables(vec![t("users").id().null("email", SqlType::Text)]);
    let after = tables(vec![t("users").id().column(
        ColumnDef::new("email", SqlType::Text, false).with_default(string("unknown")),
    )]);
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO users VALUES (1, 'a@b.c'), (2, NULL)",
        "SELECT email FROM users ORDER BY id",
    );
    assert_eq!(rows, ["a@b.c", "unknown"]);
}

#[test]
fn data_survives_enum_label_rename_and_removal() {
    let before = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![status(&["open", "stale", "done"])],
    );
    let after = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![EnumDef {
            renamed_values: vec![("todo".into(), "open".into())],
            ..status(&["todo", "done"])
        }],
    );
    let rows = migrate_with_rows(
        &before,
        &after,
        "INSERT INTO tasks VALUES (1, 'open'), (2, 'done')",
        "SELECT status::text FROM tasks ORDER BY id",
    );
    assert_eq!(rows, ["todo", "done"]);
}

#[test]
fn removing_an_enum_label_still_in_use_fails_instead_of_losing_rows() {
    let before = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![status(&["open", "stale"])],
    );
    let after = schema(
        vec![t("tasks").id().col("status", status_type())],
        vec![status(&["open"])],
    );
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &before);
    client
        .batch_execute("INSERT INTO tasks VALUES (1, 'stale')")
        .unwrap();
    let sql = plan(&before, &after, true).to_sql();
    let mut tx = client.transaction().unwrap();
    let failed = script::segments(&sql)
        .iter()
        .flat_map(|s| s.statements.clone())
        .any(|statement| tx.batch_execute(&statement).is_err());
    assert!(failed);
}

// ---------------------------------------------------------------------------------------------
// Refusals, no churn on the examples

#[test]
fn refusal_names_every_item_and_the_confirmation() {
    let before = tables(vec![users().null("nickname", SqlType::Text), posts()]);
    let after = tables(vec![users()]);
    let Err(error) = diff(&before, &after, &DiffOptions::default()) else {
        panic!("expected a refusal");
    };
    let DiffError::Refused { refusals, .. } = &error;
    assert_eq!(refusals.len(), 2);
    let message = error.to_string();
    assert!(message.contains("drop table `public.posts`"), "{message}");
    assert!(
        message.contains("drop column `nickname` of `public.users`"),
        "{message}"
    );
    assert!(message.contains("--allow-destructive"), "{message}");
}

#[test]
fn examples_against_their_read_back_catalog_is_empty() {
    let declared = schema_examples::schema();
    let db = TestDb::new();
    let mut client = db.client();
    apply_schema(&mut client, &declared);
    let names = namespaces(&[&declared]);
    let read = read_back(&mut client, &names);
    let churn = plan(&read, &declared, false);
    assert!(churn.is_empty(), "{}", churn.to_sql());
    let up = plan(&Schema::new(), &declared, false);
    let db = TestDb::new();
    let mut client = db.client();
    apply_script(&mut client, &up.to_sql());
    assert_same(
        &read_back(&mut client, &names),
        &declared,
        "examples from empty",
    );
}
