//! Attribute keys, one constant each, so a typo in the derive is a compile error here.

use std::fmt;
use syn::{Ident, Path};

#[derive(Copy, Clone, PartialEq, Eq)]
pub struct Symbol(pub &'static str);

pub const TABLE: Symbol = Symbol("table");
pub const COLUMN: Symbol = Symbol("column");
pub const INDEX: Symbol = Symbol("index");
pub const PG_ENUM: Symbol = Symbol("pg_enum");

pub const NAME: Symbol = Symbol("name");
pub const SCHEMA: Symbol = Symbol("schema");
pub const PRIMARY_KEY: Symbol = Symbol("primary_key");
pub const UNIQUE: Symbol = Symbol("unique");
pub const CHECK: Symbol = Symbol("check");
pub const COLUMNS: Symbol = Symbol("columns");
pub const WHERE: Symbol = Symbol("where");
pub const USING: Symbol = Symbol("using");
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
pub const SHAPES: Symbol = Symbol("shapes");
pub const USING_CAST: Symbol = Symbol("using");

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
