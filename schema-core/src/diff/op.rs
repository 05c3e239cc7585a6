//! The typed operations of a migration: plain data, no SQL text (that is `render::alter`).

use super::type_change::is_binary_coercible;
use crate::model::{
    CheckConstraint, ColumnDef, ColumnDefault, EnumDef, ForeignKey, Identity, Index, PrimaryKey,
    QualifiedName, SqlType, TableDef, UniqueConstraint,
};
use std::borrow::Cow;

/// One step of a migration. Table and column names are those the object has when the step
/// runs: after the renames that precede it in the [`Plan`](super::Plan).
///
/// A table created or dropped is borrowed from the schema it comes from where it can be taken
/// as it is (`'a`): a first migration creates every table, and copying each one into its step
/// was a visible part of writing it. [`Op::into_owned`] copies what is borrowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op<'a> {
    /// `CREATE SCHEMA`
    CreateSchema {
        /// The PostgreSQL schema (namespace).
        name: String,
    },
    /// `DROP SCHEMA`, once everything in it is gone.
    DropSchema {
        /// The PostgreSQL schema (namespace).
        name: String,
    },
    /// `CREATE TYPE ... AS ENUM`
    CreateEnum {
        /// The new type.
        def: EnumDef,
    },
    /// `DROP TYPE`, once no column uses it.
    DropEnum {
        /// The type dropped.
        name: QualifiedName,
    },
    /// `ALTER TYPE ... ADD VALUE ... [BEFORE | AFTER ...]`
    AddEnumValue {
        /// The enum type.
        name: QualifiedName,
        /// The new label.
        value: String,
        /// Where the label goes among the existing ones.
        position: ValuePosition,
        /// The label is used later in the same migration, which PostgreSQL allows only once
        /// the `ADD VALUE` has been committed: the statement runs outside the transaction.
        outside_transaction: bool,
    },
    /// `ALTER TYPE ... RENAME VALUE`
    RenameEnumValue {
        /// The enum type.
        name: QualifiedName,
        /// The label as it is.
        from: String,
        /// The label as it becomes.
        to: String,
    },
    /// Labels removed (or reordered): a new type with the final labels, every column converted
    /// through `text`, the old type dropped and the new one renamed to the old name, then its
    /// comment written again (it went with the old type). Rows that still hold a removed label
    /// make the conversion, hence the migration, fail.
    RebuildEnum {
        /// The type with its final labels and comment.
        def: EnumDef,
        /// Labels the type loses.
        removed: Vec<String>,
        /// The columns of the type (or of arrays of it), converted in place.
        columns: Vec<EnumColumn>,
    },
    /// `COMMENT ON TYPE`
    CommentOnEnum {
        /// The enum type.
        name: QualifiedName,
        /// The comment; `None` removes it.
        comment: Option<String>,
    },
    /// `CREATE TABLE` with its columns, keys, checks and the foreign keys it holds inline.
    CreateTable {
        /// The table; its `foreign_keys` are those written inside the `CREATE TABLE`, its
        /// `indexes` and comments are separate operations (neither is written from here).
        table: Cow<'a, TableDef>,
        /// A down migration re-creates a table its up migration dropped: empty, since the rows
        /// are gone (see [`diff_down`](super::diff_down)).
        restored: bool,
    },
    /// `DROP TABLE`: the table's rows are lost.
    DropTable {
        /// The table as it was; its `foreign_keys` are those dropped with it.
        table: Cow<'a, TableDef>,
    },
    /// `ALTER TABLE ... RENAME TO`
    RenameTable {
        /// The table's current name.
        from: QualifiedName,
        /// The new name, in the same schema.
        to: String,
    },
    /// `ALTER TABLE ... SET SCHEMA`: the table moves with its indexes and constraints.
    MoveTable {
        /// The table's current name.
        from: QualifiedName,
        /// The schema it moves to.
        to_schema: String,
    },
    /// `COMMENT ON TABLE`
    CommentOnTable {
        /// The table.
        table: QualifiedName,
        /// The comment; `None` removes it.
        comment: Option<String>,
    },
    /// `ALTER TABLE ... ADD COLUMN`
    AddColumn {
        /// The table.
        table: QualifiedName,
        /// The column, with type, nullability and default (its comment is a separate step).
        column: ColumnDef,
        /// A down migration re-adds a column its up migration dropped: empty (NULL or the
        /// default in every row), since the values are gone (see [`diff_down`](super::diff_down)).
        restored: bool,
    },
    /// `ALTER TABLE ... DROP COLUMN`: the column's values are lost.
    DropColumn {
        /// The table.
        table: QualifiedName,
        /// The column as it was.
        column: ColumnDef,
    },
    /// `ALTER TABLE ... RENAME COLUMN`
    RenameColumn {
        /// The table.
        table: QualifiedName,
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
    /// `ALTER TABLE ... ALTER COLUMN ... TYPE ... USING ...`
    AlterColumnType {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The type it has.
        from: SqlType,
        /// The type it gets.
        to: SqlType,
        /// The expression after `USING`; `None` where PostgreSQL has an assignment cast, which
        /// it then applies: one that refuses a value that does not fit (a too-long string)
        /// where an explicit cast would cut it. The engine writes `"column"::type` only where
        /// there is no such cast (`text` to `integer`, into an enum).
        using: Option<String>,
        /// `using` is the model's `#[column(using = "...")]`, which decides what is kept.
        using_from_model: bool,
        /// The new type cannot hold every value of the old one.
        narrowing: bool,
        /// A down migration reverses the up migration's type change: values that change
        /// rounded or cut stay so (see [`diff_down`](super::diff_down)).
        restored: bool,
    },
    /// The first step of a `SET NOT NULL` that does not block reads and writes for a full
    /// scan: NULLs are filled with the column default when there is one, and a temporary
    /// `CHECK ("column" IS NOT NULL) NOT VALID` named `<table>_<column>_not_null` is added. A
    /// [`Op::ValidateConstraint`] of that check and an [`Op::FinishSetNotNull`] follow.
    SetNotNull {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The column's type, for the enum label the backfill may use.
        ty: SqlType,
        /// The default that replaces NULLs first (`UPDATE ... WHERE column IS NULL`).
        backfill: Option<ColumnDefault>,
    },
    /// The last step of a `SET NOT NULL`: `ALTER COLUMN ... SET NOT NULL`, which the validated
    /// temporary check lets PostgreSQL make without a scan, then the check is dropped.
    FinishSetNotNull {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER TABLE ... VALIDATE CONSTRAINT` of a constraint added `NOT VALID`: it scans the
    /// table without blocking reads and writes, and runs in a transaction of its own (outside
    /// the migration's transaction), since validating in the transaction that added the
    /// constraint would keep the add's lock for the whole scan.
    ValidateConstraint {
        /// The table.
        table: QualifiedName,
        /// The constraint.
        name: String,
    },
    /// `ALTER COLUMN ... DROP NOT NULL`
    DropNotNull {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER COLUMN ... SET DEFAULT`
    SetDefault {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The column's type, for the enum label the default may use.
        ty: SqlType,
        /// The new default.
        default: ColumnDefault,
    },
    /// `ALTER COLUMN ... DROP DEFAULT`
    DropDefault {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER COLUMN ... ADD GENERATED ... AS IDENTITY` on a column that holds values, then
    /// its new sequence moved past them: to the next value of the sequence its old default
    /// drew from (`nextval('..')`, a `serial`), or else past the largest value held. A
    /// `serial`'s sequence stays, owned by the column, for the down migration to return to.
    AddIdentity {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The identity it gets.
        identity: Identity,
        /// The sequence (its SQL name, as in `nextval('name'::regclass)`) of the old default,
        /// whose next value the identity continues from.
        continues: Option<String>,
    },
    /// `ALTER COLUMN ... SET GENERATED ... SET START WITH ... SET INCREMENT BY ...`
    AlterIdentity {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The identity as it should be.
        identity: Identity,
    },
    /// `ALTER COLUMN ... DROP IDENTITY`: the values stay, no longer numbered.
    DropIdentity {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `ALTER COLUMN ... DROP EXPRESSION`: a generated column's values stay as plain values.
    DropExpression {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
    /// `COMMENT ON COLUMN`
    CommentOnColumn {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The comment; `None` removes it.
        comment: Option<String>,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY`
    AddPrimaryKey {
        /// The table.
        table: QualifiedName,
        /// The key.
        key: PrimaryKey,
        /// `... PRIMARY KEY USING INDEX`, of a unique index of the key's name built before
        /// by a concurrent [`Op::CreateIndex`], so that writes are not blocked while it builds.
        using_index: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of the primary key.
    DropPrimaryKey {
        /// The table.
        table: QualifiedName,
        /// The key as it was.
        key: PrimaryKey,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE`
    AddUnique {
        /// The table.
        table: QualifiedName,
        /// The constraint.
        unique: UniqueConstraint,
        /// `... UNIQUE USING INDEX`, of a unique index of the constraint's name built before
        /// by a concurrent [`Op::CreateIndex`].
        using_index: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of a unique constraint.
    DropUnique {
        /// The table.
        table: QualifiedName,
        /// The constraint as it was.
        unique: UniqueConstraint,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`; on a table that already exists it is
    /// added `NOT VALID`, and an [`Op::ValidateConstraint`] follows. Without `NOT VALID` only
    /// on a table created by the same plan (a key that closes a cycle of new tables), which
    /// is empty: there is nothing to validate.
    AddForeignKey {
        /// The referencing table.
        table: QualifiedName,
        /// The key.
        fk: ForeignKey,
        /// `NOT VALID`: existing rows are not checked here.
        not_valid: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of a foreign key.
    DropForeignKey {
        /// The referencing table.
        table: QualifiedName,
        /// The key as it was.
        fk: ForeignKey,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... CHECK`; `NOT VALID` on existing tables, followed by
    /// an [`Op::ValidateConstraint`].
    AddCheck {
        /// The table.
        table: QualifiedName,
        /// The constraint.
        check: CheckConstraint,
        /// `NOT VALID`: existing rows are not checked here.
        not_valid: bool,
    },
    /// `ALTER TABLE ... DROP CONSTRAINT` of a check constraint.
    DropCheck {
        /// The table.
        table: QualifiedName,
        /// The constraint as it was.
        check: CheckConstraint,
    },
    /// `ALTER TABLE ... RENAME CONSTRAINT` (a key's index is renamed with it).
    RenameConstraint {
        /// The table.
        table: QualifiedName,
        /// The current name.
        from: String,
        /// The new name.
        to: String,
        /// The constraint has an index of the same name (primary key, unique).
        has_index: bool,
    },
    /// `CREATE INDEX`, `CONCURRENTLY` on a table that already exists.
    CreateIndex {
        /// The table.
        table: QualifiedName,
        /// The index.
        index: Index,
        /// `CREATE INDEX CONCURRENTLY`, which cannot run inside a transaction.
        concurrently: bool,
    },
    /// `DROP INDEX`, `CONCURRENTLY` (outside a transaction) on a table that stays.
    DropIndex {
        /// The table.
        table: QualifiedName,
        /// The index as it was.
        index: Index,
        /// `DROP INDEX CONCURRENTLY`, which does not block reads and writes but cannot run
        /// inside a transaction.
        concurrently: bool,
    },
    /// `ALTER INDEX ... RENAME TO`
    RenameIndex {
        /// The table.
        table: QualifiedName,
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
}

/// The name of the temporary check behind a safe `SET NOT NULL` of `column`: at most 63 bytes,
/// which PostgreSQL would otherwise truncate.
pub(super) fn not_null_check_name(table: &QualifiedName, column: &str) -> String {
    const MAX_IDENT_BYTES: usize = 63;
    let mut name = format!("{}_{column}_not_null", table.name);
    if name.len() > MAX_IDENT_BYTES {
        let mut cut = MAX_IDENT_BYTES;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
    }
    name
}

/// Where `ALTER TYPE ... ADD VALUE` puts the new label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValuePosition {
    /// After every existing label (no clause).
    Last,
    /// `BEFORE 'label'`
    Before(String),
    /// `AFTER 'label'`
    After(String),
}

/// A column converted by [`Op::RebuildEnum`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumColumn {
    /// The table.
    pub table: QualifiedName,
    /// The column.
    pub column: String,
    /// The column is an array of the enum.
    pub array: bool,
    /// The column has a default, typed with the old enum, so it is dropped before the
    /// conversion.
    pub had_default: bool,
    /// The default to restore after the conversion, when it stays.
    pub default: Option<ColumnDefault>,
}

impl Op<'_> {
    /// The same step, owning what it borrowed.
    pub fn into_owned(self) -> Op<'static> {
        match self {
            Op::CreateTable { table, restored } => Op::CreateTable {
                table: Cow::Owned(table.into_owned()),
                restored,
            },
            Op::DropTable { table } => Op::DropTable {
                table: Cow::Owned(table.into_owned()),
            },
            // Every other step owns its data.
            Op::CreateSchema { name } => Op::CreateSchema { name },
            Op::DropSchema { name } => Op::DropSchema { name },
            Op::CreateEnum { def } => Op::CreateEnum { def },
            Op::DropEnum { name } => Op::DropEnum { name },
            Op::AddEnumValue {
                name,
                value,
                position,
                outside_transaction,
            } => Op::AddEnumValue {
                name,
                value,
                position,
                outside_transaction,
            },
            Op::RenameEnumValue { name, from, to } => Op::RenameEnumValue { name, from, to },
            Op::RebuildEnum {
                def,
                removed,
                columns,
            } => Op::RebuildEnum {
                def,
                removed,
                columns,
            },
            Op::CommentOnEnum { name, comment } => Op::CommentOnEnum { name, comment },
            Op::RenameTable { from, to } => Op::RenameTable { from, to },
            Op::MoveTable { from, to_schema } => Op::MoveTable { from, to_schema },
            Op::CommentOnTable { table, comment } => Op::CommentOnTable { table, comment },
            Op::AddColumn {
                table,
                column,
                restored,
            } => Op::AddColumn {
                table,
                column,
                restored,
            },
            Op::DropColumn { table, column } => Op::DropColumn { table, column },
            Op::RenameColumn { table, from, to } => Op::RenameColumn { table, from, to },
            Op::AlterColumnType {
                table,
                column,
                from,
                to,
                using,
                using_from_model,
                narrowing,
                restored,
            } => Op::AlterColumnType {
                table,
                column,
                from,
                to,
                using,
                using_from_model,
                narrowing,
                restored,
            },
            Op::SetNotNull {
                table,
                column,
                ty,
                backfill,
            } => Op::SetNotNull {
                table,
                column,
                ty,
                backfill,
            },
            Op::FinishSetNotNull { table, column } => Op::FinishSetNotNull { table, column },
            Op::ValidateConstraint { table, name } => Op::ValidateConstraint { table, name },
            Op::DropNotNull { table, column } => Op::DropNotNull { table, column },
            Op::SetDefault {
                table,
                column,
                ty,
                default,
            } => Op::SetDefault {
                table,
                column,
                ty,
                default,
            },
            Op::DropDefault { table, column } => Op::DropDefault { table, column },
            Op::AddIdentity {
                table,
                column,
                identity,
                continues,
            } => Op::AddIdentity {
                table,
                column,
                identity,
                continues,
            },
            Op::AlterIdentity {
                table,
                column,
                identity,
            } => Op::AlterIdentity {
                table,
                column,
                identity,
            },
            Op::DropIdentity { table, column } => Op::DropIdentity { table, column },
            Op::DropExpression { table, column } => Op::DropExpression { table, column },
            Op::CommentOnColumn {
                table,
                column,
                comment,
            } => Op::CommentOnColumn {
                table,
                column,
                comment,
            },
            Op::AddPrimaryKey {
                table,
                key,
                using_index,
            } => Op::AddPrimaryKey {
                table,
                key,
                using_index,
            },
            Op::DropPrimaryKey { table, key } => Op::DropPrimaryKey { table, key },
            Op::AddUnique {
                table,
                unique,
                using_index,
            } => Op::AddUnique {
                table,
                unique,
                using_index,
            },
            Op::DropUnique { table, unique } => Op::DropUnique { table, unique },
            Op::AddForeignKey {
                table,
                fk,
                not_valid,
            } => Op::AddForeignKey {
                table,
                fk,
                not_valid,
            },
            Op::DropForeignKey { table, fk } => Op::DropForeignKey { table, fk },
            Op::AddCheck {
                table,
                check,
                not_valid,
            } => Op::AddCheck {
                table,
                check,
                not_valid,
            },
            Op::DropCheck { table, check } => Op::DropCheck { table, check },
            Op::RenameConstraint {
                table,
                from,
                to,
                has_index,
            } => Op::RenameConstraint {
                table,
                from,
                to,
                has_index,
            },
            Op::CreateIndex {
                table,
                index,
                concurrently,
            } => Op::CreateIndex {
                table,
                index,
                concurrently,
            },
            Op::DropIndex {
                table,
                index,
                concurrently,
            } => Op::DropIndex {
                table,
                index,
                concurrently,
            },
            Op::RenameIndex { table, from, to } => Op::RenameIndex { table, from, to },
        }
    }

    /// A statement of the operation may run for a time that grows with the table: an index
    /// build, a validation scan, a table rewrite, a backfill `UPDATE`, a table drop (the
    /// table's files are removed). Its segment gets the long `statement_timeout`
    /// ([`super::timeouts`]); the others only change the catalog once they hold their lock.
    /// The same operations carry an `index-build`, `table-rewrite` or scan hazard.
    pub fn may_run_long(&self) -> bool {
        match self {
            Op::CreateIndex { concurrently, .. } => *concurrently,
            Op::ValidateConstraint { .. } | Op::DropTable { .. } => true,
            Op::AlterColumnType {
                from, to, using, ..
            } => using.is_some() || !is_binary_coercible(from, to),
            Op::RebuildEnum { columns, .. } => !columns.is_empty(),
            Op::SetNotNull { backfill, .. } => backfill.is_some(),
            Op::AddColumn { column, .. } => matches!(
                column.default,
                Some(ColumnDefault::RandomUuid | ColumnDefault::Sql(_))
            ),
            // Takes over a built index, but scans for NULL if a key column still allows it.
            Op::AddPrimaryKey { .. } => true,
            Op::AddUnique { using_index, .. } => !*using_index,
            // Added `NOT VALID` (no scan: the validation that follows is the long step), or,
            // without it, only to a table the same plan creates: empty, nothing to scan.
            Op::AddForeignKey { .. } | Op::AddCheck { .. } => false,
            _ => false,
        }
    }

    /// The statement must run outside any transaction block.
    pub fn runs_outside_transaction(&self) -> bool {
        matches!(
            self,
            Op::CreateIndex {
                concurrently: true,
                ..
            } | Op::DropIndex {
                concurrently: true,
                ..
            } | Op::ValidateConstraint { .. }
                | Op::AddEnumValue {
                    outside_transaction: true,
                    ..
                }
        )
    }
}
