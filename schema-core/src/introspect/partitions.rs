//! Reads partitioned tables: the key (`pg_get_partkeydef`) and the partitions with their
//! bounds (`pg_get_expr(relpartbound)`), compared with declared bounds by value.

use super::{IntrospectError, Unrepresentable};
use crate::model::{Partition, PartitionBound, PartitionBy, Schema, TableDef};
use postgres::Client;
use std::collections::BTreeMap;

/// The partitioning of the partitioned tables among `tables` (by oid), and their partitions.
/// A partition in another schema than its table, or partitioned itself, has no place in the
/// model. A bound `declared` declares with other spellings of the same values (`'2026-01-01'`
/// for the catalog's `'2026-01-01 00:00:00+00'`) is read as declared, once PostgreSQL says
/// the values are equal.
pub(super) fn read_partitions(
    client: &mut Client,
    tables: &mut BTreeMap<u32, TableDef>,
    declared: &Schema,
    found: &mut Vec<Unrepresentable>,
) -> Result<(), IntrospectError> {
    let oids: Vec<u32> = tables.keys().copied().collect();
    let keys = client.query(
        "SELECT c.oid, pg_catalog.pg_get_partkeydef(c.oid) FROM pg_catalog.pg_class c
         WHERE c.oid = ANY($1) AND c.relkind = 'p'",
        &[&oids],
    )?;
    for row in &keys {
        let table = tables.get_mut(&row.get::<_, u32>(0)).expect("a table read");
        let key: String = row.get(1);
        match PartitionBy::parse(&key) {
            Ok(by) => table.partition_by = Some(by),
            Err(_) => found.push(Unrepresentable {
                table: table.qualified_name(),
                what: format!("partition key `{key}` on an expression"),
            }),
        }
    }
    let rows = client.query(
        "SELECT i.inhparent, c.relname::text, n.nspname::text, c.relkind::text,
                pg_catalog.pg_get_expr(c.relpartbound, c.oid)
         FROM pg_catalog.pg_inherits i
         JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE i.inhparent = ANY($1) AND c.relispartition
         ORDER BY 1, 2",
        &[&oids],
    )?;
    for row in &rows {
        let Some(table) = tables.get_mut(&row.get::<_, u32>(0)) else {
            continue;
        };
        let name: String = row.get(1);
        let text: String = row.get(4);
        if row.get::<_, String>(2) != table.schema || row.get::<_, String>(3) == "p" {
            found.push(Unrepresentable {
                table: table.qualified_name(),
                what: format!("partition `{name}` in another schema, or partitioned itself"),
            });
            continue;
        }
        let Some(bound) = parse_bound(&text) else {
            found.push(Unrepresentable {
                table: table.qualified_name(),
                what: format!("partition `{name}` bound `{text}`"),
            });
            continue;
        };
        let read = Partition { name, bound };
        let partition = match declared_alike(client, declared, table, &read)? {
            Some(declared) => declared,
            None => read,
        };
        table.partitions.push(partition);
    }
    Ok(())
}

/// The declared partition of that name, if its bound holds the same values as the catalog's.
fn declared_alike(
    client: &mut Client,
    declared: &Schema,
    table: &TableDef,
    read: &Partition,
) -> Result<Option<Partition>, IntrospectError> {
    let Some(want) = declared
        .find_table(&table.qualified_name())
        .and_then(|t| t.partitions.iter().find(|p| p.name == read.name))
    else {
        return Ok(None);
    };
    if want.bound == read.bound {
        return Ok(Some(want.clone()));
    }
    let (declared_values, read_values) = (want.bound.values(), read.bound.values());
    if want.bound.kind() != read.bound.kind() || declared_values.len() != read_values.len() {
        return Ok(None);
    }
    let Some(by) = &table.partition_by else {
        return Ok(None);
    };
    // Value i of a range bound is of key column i (from, then to); of a list, of the column.
    let types: Vec<String> = by
        .columns
        .iter()
        .map(|c| {
            table
                .column(c)
                .map_or("text".to_owned(), |c| c.ty.to_string())
        })
        .collect();
    let mut comparisons = Vec::new();
    for (i, (d, r)) in declared_values.iter().zip(&read_values).enumerate() {
        let bare =
            |v: &str| v.eq_ignore_ascii_case("minvalue") || v.eq_ignore_ascii_case("maxvalue");
        if bare(d) || bare(r) {
            if !d.eq_ignore_ascii_case(r) {
                return Ok(None);
            }
            continue;
        }
        let ty = &types[i % types.len()];
        comparisons.push(format!("({d})::{ty} IS NOT DISTINCT FROM ({r})::{ty}"));
    }
    if comparisons.is_empty() {
        return Ok(Some(want.clone()));
    }
    let sql = format!("SELECT {}", comparisons.join(" AND "));
    // A declared value PostgreSQL cannot read as the key's type is not the catalog's.
    let equal = client
        .query_one(&sql, &[])
        .ok()
        .and_then(|row| row.get::<_, Option<bool>>(0))
        .unwrap_or(false);
    Ok(equal.then(|| want.clone()))
}

/// `DEFAULT`, `FOR VALUES FROM (..) TO (..)`, `FOR VALUES IN (..)`, `FOR VALUES WITH (modulus
/// m, remainder r)`, as `pg_get_expr` prints them.
fn parse_bound(text: &str) -> Option<PartitionBound> {
    if text == "DEFAULT" {
        return Some(PartitionBound::Default);
    }
    let rest = text.strip_prefix("FOR VALUES ")?;
    if let Some(range) = rest.strip_prefix("FROM ") {
        let (from, rest) = parenthesized(range)?;
        let (to, rest) = parenthesized(rest.strip_prefix(" TO ")?)?;
        return rest.is_empty().then(|| PartitionBound::Range {
            from: split_values(from),
            to: split_values(to),
        });
    }
    if let Some(list) = rest.strip_prefix("IN ") {
        let (values, rest) = parenthesized(list)?;
        return rest.is_empty().then(|| PartitionBound::List {
            values: split_values(values),
        });
    }
    let (hash, _) = parenthesized(rest.strip_prefix("WITH ")?)?;
    let (modulus, remainder) = hash.split_once(", ")?;
    Some(PartitionBound::Hash {
        modulus: modulus.strip_prefix("modulus ")?.parse().ok()?,
        remainder: remainder.strip_prefix("remainder ")?.parse().ok()?,
    })
}

/// The text inside the parentheses `text` starts with, and what follows them; quotes and
/// nested parentheses are skipped over.
fn parenthesized(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('(')?;
    let (mut depth, mut quoted) = (0usize, false);
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth == 0 => return Some((&inner[..i], &inner[i + 1..])),
            ')' if !quoted => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The comma-separated values of a bound, commas in quotes and parentheses kept.
fn split_values(text: &str) -> Vec<String> {
    let (mut values, mut start) = (Vec::new(), 0);
    let (mut depth, mut quoted) = (0usize, false);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                values.push(text[start..i].trim().to_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    values.push(text[start..].trim().to_owned());
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_parse_as_the_catalog_prints_them() {
        assert_eq!(parse_bound("DEFAULT"), Some(PartitionBound::Default));
        assert_eq!(
            parse_bound(
                "FOR VALUES FROM ('2026-01-01 00:00:00+00', MINVALUE) TO ('it''s, (x)', 5)"
            ),
            Some(PartitionBound::Range {
                from: vec!["'2026-01-01 00:00:00+00'".into(), "MINVALUE".into()],
                to: vec!["'it''s, (x)'".into(), "5".into()],
            })
        );
        assert_eq!(
            parse_bound("FOR VALUES IN ('a', NULL)"),
            Some(PartitionBound::List {
                values: vec!["'a'".into(), "NULL".into()]
            })
        );
        assert_eq!(
            parse_bound("FOR VALUES WITH (modulus 4, remainder 3)"),
            Some(PartitionBound::Hash {
                modulus: 4,
                remainder: 3
            })
        );
        assert_eq!(parse_bound("FOR VALUES SOMEHOW"), None);
    }
}
