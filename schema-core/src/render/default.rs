//! A column default as SQL.

use super::push_quoted;
use crate::model::ColumnDefault;

impl ColumnDefault {
    /// The SQL expression for this default.
    pub fn to_sql(&self) -> String {
        let mut sql = String::new();
        push_default(&mut sql, self);
        sql
    }
}

/// Appends `default` as SQL to `out`.
pub(crate) fn push_default(out: &mut String, default: &ColumnDefault) {
    match default {
        ColumnDefault::Bool(true) => out.push_str("true"),
        ColumnDefault::Bool(false) => out.push_str("false"),
        ColumnDefault::Number(sql) | ColumnDefault::Sql(sql) => out.push_str(sql),
        ColumnDefault::String(s) => push_quoted(out, s, '\''),
        ColumnDefault::Now => out.push_str("now()"),
        ColumnDefault::RandomUuid => out.push_str("gen_random_uuid()"),
    }
}
