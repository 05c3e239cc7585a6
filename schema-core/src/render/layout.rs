//! Line breaks for reviewers: sea-query prints a `CREATE TABLE` on one line; a migration is
//! read in review, so each column and constraint goes on its own line.

/// Splits the outermost parenthesised list of `sql` at its top-level commas, one item per
/// indented line. Quoted identifiers, string literals and nested parentheses are respected.
pub fn break_table_body(sql: &str) -> String {
    let Some(open) = top_level_open_paren(sql) else {
        return sql.to_owned();
    };
    let mut out = String::with_capacity(sql.len() + 64);
    out.push_str(sql[..open].trim_end());
    out.push_str(" (\n    ");
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut rest_start = sql.len();
    let body = &sql[open + 1..];
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') if depth == 0 => {
                rest_start = open + 1 + i;
                break;
            }
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.truncate(out.trim_end().len());
                out.push_str(",\n    ");
                while chars.next_if(|&(_, c)| c == ' ').is_some() {}
                continue;
            }
            _ => {}
        }
        if out.ends_with("\n    ") && c == ' ' {
            continue;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push_str("\n)");
    out.push_str(&sql[(rest_start + 1).min(sql.len())..]);
    out
}

fn top_level_open_paren(sql: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in sql.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_per_line() {
        let sql = r#"CREATE TABLE "s"."t" ( "a" numeric(10,2) NOT NULL, "b,c" text DEFAULT 'x, y', CONSTRAINT "k" CHECK (a > 0) )"#;
        assert_eq!(
            break_table_body(sql),
            "CREATE TABLE \"s\".\"t\" (\n    \"a\" numeric(10,2) NOT NULL,\n    \"b,c\" text DEFAULT 'x, y',\n    CONSTRAINT \"k\" CHECK (a > 0)\n)"
        );
    }

    #[test]
    fn without_parentheses_unchanged() {
        assert_eq!(break_table_body("DROP TABLE x"), "DROP TABLE x");
    }
}
