//! Model → sea-query statements, for the statements sea-query has.

use crate::model::{EnumDef, ForeignKey, Index, IndexMethod, ReferentialAction, SqlType, TableDef};
use sea_query::extension::postgres::Type as PgTypeStmt;
use sea_query::{
    Alias, ColumnDef, ColumnType, ConditionalStatement, Expr, ForeignKeyAction,
    ForeignKeyCreateStatement, IndexCreateStatement, IndexType, PostgresQueryBuilder, StringLen,
    TableCreateStatement,
};

fn table_ref(schema: &str, name: &str) -> (Alias, Alias) {
    (Alias::new(schema), Alias::new(name))
}

/// sea-query's own column type where it has one that prints PostgreSQL's spelling.
fn column_type(ty: &SqlType) -> ColumnType {
    match ty {
        SqlType::Boolean => ColumnType::Boolean,
        SqlType::SmallInt => ColumnType::SmallInteger,
        SqlType::Integer => ColumnType::Integer,
        SqlType::BigInt => ColumnType::BigInteger,
        SqlType::Real => ColumnType::Float,
        SqlType::DoublePrecision => ColumnType::Double,
        SqlType::Text => ColumnType::Text,
        SqlType::Varchar { length: Some(n) } => ColumnType::String(StringLen::N(*n)),
        SqlType::Varchar { length: None } => ColumnType::String(StringLen::None),
        SqlType::Bytea => ColumnType::Binary(0),
        SqlType::Uuid => ColumnType::Uuid,
        SqlType::Timestamptz => ColumnType::TimestampWithTimeZone,
        SqlType::Timestamp => ColumnType::DateTime,
        SqlType::Date => ColumnType::Date,
        SqlType::Json => ColumnType::Json,
        SqlType::Jsonb => ColumnType::JsonBinary,
        SqlType::Array { element } => ColumnType::Array(column_type(element).into()),
        // `time`, `numeric(p,s)`, enums and custom types: our canonical text, which sea-query
        // writes verbatim (enum names arrive already quoted and qualified).
        other => ColumnType::custom(other.to_string()),
    }
}

fn action(action: ReferentialAction) -> ForeignKeyAction {
    match action {
        ReferentialAction::NoAction => ForeignKeyAction::NoAction,
        ReferentialAction::Restrict => ForeignKeyAction::Restrict,
        ReferentialAction::Cascade => ForeignKeyAction::Cascade,
        ReferentialAction::SetNull => ForeignKeyAction::SetNull,
        ReferentialAction::SetDefault => ForeignKeyAction::SetDefault,
    }
}

pub fn create_enum(def: &EnumDef) -> String {
    PgTypeStmt::create()
        .as_enum(table_ref(&def.schema, &def.name))
        .values(def.values.iter().map(Alias::new))
        .to_string(PostgresQueryBuilder)
}

/// `CREATE TABLE` with columns, primary key, uniques, checks and the foreign keys in `inline_fks`.
pub fn create_table(table: &TableDef, inline_fks: &[&ForeignKey]) -> String {
    let mut stmt = TableCreateStatement::new();
    stmt.table(table_ref(&table.schema, &table.name));
    for column in &table.columns {
        let mut def = ColumnDef::new_with_type(Alias::new(&column.name), column_type(&column.ty));
        if !column.nullable {
            def.not_null();
        }
        if let Some(default) = &column.default {
            // `extra` rather than `default`: sea-query wraps custom expressions in parentheses,
            // which is valid but is not how a reviewer (or `pg_dump`) writes a default.
            def.extra(format!("DEFAULT {}", default.to_sql()));
        }
        stmt.col(&mut def);
    }
    if let Some(pk) = &table.primary_key {
        let mut index = IndexCreateStatement::new();
        index.name(&pk.name);
        for column in &pk.columns {
            index.col(Alias::new(column));
        }
        stmt.primary_key(&mut index);
    }
    for unique in &table.uniques {
        let mut index = IndexCreateStatement::new();
        index.name(&unique.name).unique();
        for column in &unique.columns {
            index.col(Alias::new(column));
        }
        stmt.index(&mut index);
    }
    for fk in inline_fks {
        stmt.foreign_key(&mut foreign_key(table, fk));
    }
    for check in &table.checks {
        stmt.check((
            Alias::new(&check.name),
            Expr::cust(check.expression.clone()),
        ));
    }
    stmt.to_string(PostgresQueryBuilder)
}

fn foreign_key(table: &TableDef, fk: &ForeignKey) -> ForeignKeyCreateStatement {
    let mut stmt = ForeignKeyCreateStatement::new();
    stmt.name(&fk.name)
        .from_tbl(table_ref(&table.schema, &table.name))
        .to_tbl(table_ref(&fk.target.schema, &fk.target.name));
    // `NO ACTION` is PostgreSQL's default: written out it is only noise in review.
    if !fk.on_delete.is_default() {
        stmt.on_delete(action(fk.on_delete));
    }
    if !fk.on_update.is_default() {
        stmt.on_update(action(fk.on_update));
    }
    for column in &fk.columns {
        stmt.from_col(Alias::new(column));
    }
    for column in &fk.target_columns {
        stmt.to_col(Alias::new(column));
    }
    stmt
}

/// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`, for keys that cannot be inline.
pub fn add_foreign_key(table: &TableDef, fk: &ForeignKey) -> String {
    foreign_key(table, fk).to_string(PostgresQueryBuilder)
}

pub fn create_index(table: &TableDef, index: &Index) -> String {
    let mut stmt = IndexCreateStatement::new();
    stmt.name(&index.name)
        .table(table_ref(&table.schema, &table.name));
    if index.unique {
        stmt.unique();
    }
    if index.method != IndexMethod::Btree {
        stmt.index_type(IndexType::Custom(Alias::new(index.method.as_str()).into()));
    }
    for column in &index.columns {
        stmt.col(Alias::new(column));
    }
    if let Some(predicate) = &index.predicate {
        stmt.and_where(Expr::cust(predicate.clone()));
    }
    stmt.to_string(PostgresQueryBuilder)
}
