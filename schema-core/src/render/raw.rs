//! Objects declared by their SQL: their statements are the user's, sent as written.

/// A raw object's create or drop statements as one step of a script: as declared, without the
/// last `;` (the script adds it) or the whitespace around it.
pub fn statements(sql: &str) -> String {
    sql.trim().trim_end_matches(';').trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_last_semicolon_is_the_scripts() {
        assert_eq!(
            super::statements("\n  CREATE CAST (text AS pair) WITH INOUT;  \n"),
            "CREATE CAST (text AS pair) WITH INOUT"
        );
        assert_eq!(
            super::statements("CREATE TYPE a AS (x int); CREATE TYPE b AS (y a);;"),
            "CREATE TYPE a AS (x int); CREATE TYPE b AS (y a)"
        );
    }
}
