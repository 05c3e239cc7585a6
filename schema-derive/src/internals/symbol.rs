//! Attribute keys, one constant each, so a typo in the derive is a compile error here.

use std::fmt;
use syn::{Ident, Path};

#[derive(Copy, Clone, PartialEq, Eq)]
pub struct Symbol(pub &'static str);

pub const TABLE: Symbol = Symbol("table");
pub const COLUMN: Symbol = Symbol("column");
pub const INDEX: Symbol = Symbol("index");
pub const VIEW: Symbol = Symbol("view");
pub const MATERIALIZED: Symbol = Symbol("materialized");
pub const WITH_NO_DATA: Symbol = Symbol("with_no_data");
pub const QUERY: Symbol = Symbol("query");
pub const SECURITY_INVOKER: Symbol = Symbol("security_invoker");
pub const PG_ENUM: Symbol = Symbol("pg_enum");
pub const PG_DOMAIN: Symbol = Symbol("pg_domain");
pub const NOT_NULL: Symbol = Symbol("not_null");
pub const RLS: Symbol = Symbol("rls");
pub const FORCE_RLS: Symbol = Symbol("force_rls");
pub const POLICY: Symbol = Symbol("policy");
pub const COMMAND: Symbol = Symbol("command");
pub const RESTRICTIVE: Symbol = Symbol("restrictive");
pub const TO: Symbol = Symbol("to");
pub const WITH_CHECK: Symbol = Symbol("with_check");
pub const VALIDATE: Symbol = Symbol("validate");
pub const HAS_MANY: Symbol = Symbol("has_many");
pub const HAS_ONE: Symbol = Symbol("has_one");

pub const NAME: Symbol = Symbol("name");
pub const SCHEMA: Symbol = Symbol("schema");
pub const PRIMARY_KEY: Symbol = Symbol("primary_key");
pub const UNIQUE: Symbol = Symbol("unique");
pub const CHECK: Symbol = Symbol("check");
pub const COLUMNS: Symbol = Symbol("columns");
pub const WHERE: Symbol = Symbol("where");
pub const USING: Symbol = Symbol("using");
pub const INCLUDE: Symbol = Symbol("include");
pub const WITH: Symbol = Symbol("with");
pub const NULLS_NOT_DISTINCT: Symbol = Symbol("nulls_not_distinct");
pub const EXPR: Symbol = Symbol("expr");
pub const ASC: Symbol = Symbol("asc");
pub const DESC: Symbol = Symbol("desc");
pub const NULLS_FIRST: Symbol = Symbol("nulls_first");
pub const NULLS_LAST: Symbol = Symbol("nulls_last");
pub const OPS: Symbol = Symbol("ops");
pub const DEFAULT: Symbol = Symbol("default");
pub const DEFAULT_NOW: Symbol = Symbol("default_now");
pub const DEFAULT_RANDOM: Symbol = Symbol("default_random");
pub const DEFAULT_SQL: Symbol = Symbol("default_sql");
pub const REFERENCES: Symbol = Symbol("references");
pub const ON_DELETE: Symbol = Symbol("on_delete");
pub const ON_UPDATE: Symbol = Symbol("on_update");
pub const VARCHAR: Symbol = Symbol("varchar");
pub const NUMERIC: Symbol = Symbol("numeric");
pub const TIMESTAMP: Symbol = Symbol("timestamp");
pub const TYPE: Symbol = Symbol("type");
pub const RENAME: Symbol = Symbol("rename");
pub const RENAME_ALL: Symbol = Symbol("rename_all");
pub const ALLOW: Symbol = Symbol("allow");
pub const DENY: Symbol = Symbol("deny");
pub const RENAMED_FROM: Symbol = Symbol("renamed_from");
pub const PARTITION_BY: Symbol = Symbol("partition_by");
pub const SHAPES: Symbol = Symbol("shapes");
pub const USING_CAST: Symbol = Symbol("using");
pub const IDENTITY: Symbol = Symbol("identity");
pub const GENERATED: Symbol = Symbol("generated");
pub const ON_UPDATE_NOW: Symbol = Symbol("on_update_now");
pub const TRIGGER: Symbol = Symbol("trigger");
pub const EXCLUDE: Symbol = Symbol("exclude");
pub const BEFORE: Symbol = Symbol("before");
pub const AFTER: Symbol = Symbol("after");
pub const FOR_EACH_STATEMENT: Symbol = Symbol("for_each_statement");
pub const EXECUTE: Symbol = Symbol("execute");
pub const UPDATE_OF: Symbol = Symbol("update_of");
pub const WHEN: Symbol = Symbol("when");
// Inside `identity(..)`.
pub const ALWAYS: Symbol = Symbol("always");
pub const DEFERRABLE: Symbol = Symbol("deferrable");
pub const INITIALLY_DEFERRED: Symbol = Symbol("initially_deferred");
pub const BY_DEFAULT: Symbol = Symbol("by_default");
pub const START: Symbol = Symbol("start");
pub const INCREMENT: Symbol = Symbol("increment");

// `#[has_many(..)]` and `#[has_one(..)]`.
pub const FOREIGN_KEY: Symbol = Symbol("foreign_key");
pub const THROUGH: Symbol = Symbol("through");
pub const KEY: Symbol = Symbol("key");
pub const TARGET_KEY: Symbol = Symbol("target_key");

// `#[validate(..)]`.
pub const NESTED: Symbol = Symbol("nested");
pub const CUSTOM: Symbol = Symbol("custom");
pub const EACH: Symbol = Symbol("each");
pub const MIN_LEN: Symbol = Symbol("min_len");
pub const MAX_LEN: Symbol = Symbol("max_len");
pub const LEN: Symbol = Symbol("len");
pub const NON_EMPTY: Symbol = Symbol("non_empty");
pub const EMAIL: Symbol = Symbol("email");
pub const URL: Symbol = Symbol("url");
pub const UUID: Symbol = Symbol("uuid");
pub const GUID: Symbol = Symbol("guid");
pub const REGEX: Symbol = Symbol("regex");
pub const STARTS_WITH: Symbol = Symbol("starts_with");
pub const ENDS_WITH: Symbol = Symbol("ends_with");
pub const INCLUDES: Symbol = Symbol("includes");
pub const LOWERCASE: Symbol = Symbol("lowercase");
pub const UPPERCASE: Symbol = Symbol("uppercase");
pub const MIN: Symbol = Symbol("min");
pub const MAX: Symbol = Symbol("max");
pub const GT: Symbol = Symbol("gt");
pub const LT: Symbol = Symbol("lt");
pub const POSITIVE: Symbol = Symbol("positive");
pub const NON_NEGATIVE: Symbol = Symbol("non_negative");
pub const NEGATIVE: Symbol = Symbol("negative");
pub const MULTIPLE_OF: Symbol = Symbol("multiple_of");
pub const INT: Symbol = Symbol("int");
pub const INT32: Symbol = Symbol("int32");
pub const MIN_ITEMS: Symbol = Symbol("min_items");
pub const MAX_ITEMS: Symbol = Symbol("max_items");

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.0)
    }
}
