//! The synthetic schema of `cargo xtask bench-scale`, built at run time with schema-core's model
//! API (the derive is not what is measured, and 3,000 derived models do not build). The same
//! file is compiled into the benchmark's own release program, which hands the schema to
//! `schema_core::cli::main`, and into the xtask, which writes drizzle-kit's `schema.ts` from
//! it: one description, so both tools see the same tables.

use schema_core::model::{
    ColumnDef, ForeignKey, Index, PrimaryKey, QualifiedName, Schema, SqlType, TableDef,
};

/// `t0001`, `t0002`, ...: zero-padded so that name order is creation order.
pub fn table_name(i: usize) -> String {
    format!("t{i:04}")
}

/// Which of the change migration's edits table `i` (1-based) gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Left as it was.
    None,
    /// Every 10th table: `name` widened to `varchar(200)`, a nullable `note text` column and an
    /// index on `created_at` added.
    Widen,
    /// Every 10th + 5: `description` dropped.
    DropColumn,
}

impl Change {
    /// What the change migration does to table `i`.
    pub fn of(i: usize) -> Self {
        match i % 10 {
            0 => Change::Widen,
            5 => Change::DropColumn,
            _ => Change::None,
        }
    }
}

/// `tables` tables in `public`, each with the ten columns of issue 12, a primary key, an index
/// on `user_id` and (but the first) a foreign key from `parent_id` to the previous table;
/// `changed` applies the change migration's edits ([`Change`]).
pub fn schema(tables: usize, changed: bool) -> Schema {
    let mut schema = Schema::new();
    for i in 1..=tables {
        let change = if changed { Change::of(i) } else { Change::None };
        schema.add_table(table(i, change));
    }
    schema
}

fn table(i: usize, change: Change) -> TableDef {
    let name = table_name(i);
    let mut t = TableDef::new("public", &name);
    // Sized up front, as a clone of a derived model's static definition is.
    t.columns.reserve_exact(11);
    t.indexes.reserve_exact(2);
    t.foreign_keys.reserve_exact(1);
    let name_length = if change == Change::Widen { 200 } else { 100 };
    let columns = [
        ("id", SqlType::Uuid, false),
        ("user_id", SqlType::Text, false),
        ("parent_id", SqlType::Uuid, true),
        (
            "name",
            SqlType::Varchar {
                length: Some(name_length),
            },
            false,
        ),
        ("description", SqlType::Text, true),
        ("amount", SqlType::BigInt, false),
        ("position", SqlType::Integer, false),
        ("is_active", SqlType::Boolean, false),
        ("metadata", SqlType::Jsonb, true),
        ("created_at", SqlType::Timestamptz, false),
    ];
    for (column, ty, nullable) in columns {
        if change == Change::DropColumn && column == "description" {
            continue;
        }
        t.columns.push(ColumnDef::new(column, ty, nullable));
    }
    if change == Change::Widen {
        t.columns.push(ColumnDef::new("note", SqlType::Text, true));
    }
    t.primary_key = Some(PrimaryKey {
        name: format!("{name}_pkey"),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    let mut indexed = vec!["user_id"];
    if change == Change::Widen {
        indexed.push("created_at");
    }
    for column in indexed {
        t.indexes.push(Index {
            name: format!("idx_{name}_{column}"),
            columns: vec![column.into()],
            ..Index::default()
        });
    }
    if i > 1 {
        t.foreign_keys.push(ForeignKey {
            name: format!("{name}_parent_id_fkey"),
            columns: vec!["parent_id".into()],
            target: QualifiedName::new("public", table_name(i - 1)),
            target_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
            deferrable: Default::default(),
            match_full: false,
        });
    }
    t
}
