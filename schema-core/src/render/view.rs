//! Views: `CREATE [MATERIALIZED] VIEW`, `DROP [MATERIALIZED] VIEW`, their comments, and
//! `REFRESH MATERIALIZED VIEW`.

use super::{quote_ident, quote_literal, quote_qualified};
use crate::model::ViewDef;

/// `CREATE [MATERIALIZED] VIEW "schema"."name" ("a", "b") [WITH (security_invoker = true)]
/// AS <query> [WITH NO DATA]`: the
/// column list names the columns as the row struct does, whatever the query calls them.
pub fn create_view(view: &ViewDef) -> String {
    let columns: Vec<String> = view.columns.iter().map(|c| quote_ident(&c.name)).collect();
    let options = if view.security_invoker {
        " WITH (security_invoker = true)"
    } else {
        ""
    };
    let mut sql = format!(
        "CREATE {} {} ({}){options} AS\n{}",
        keyword(view),
        quote_qualified(&view.schema, &view.name),
        columns.join(", "),
        view.query
    );
    if view.materialized && view.with_no_data {
        sql.push_str("\nWITH NO DATA");
    }
    sql
}

/// `DROP [MATERIALIZED] VIEW "schema"."name"` (fails while another view reads it).
pub fn drop_view(view: &ViewDef) -> String {
    format!(
        "DROP {} {}",
        keyword(view),
        quote_qualified(&view.schema, &view.name)
    )
}

/// `COMMENT ON [MATERIALIZED] VIEW ... IS ...`; `None` removes the comment.
pub fn comment_on_view(view: &ViewDef, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON {} {} IS {}",
        keyword(view),
        quote_qualified(&view.schema, &view.name),
        comment.map_or_else(|| "NULL".to_owned(), quote_literal)
    )
}

/// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] "schema"."name"`.
pub fn refresh(schema: &str, name: &str, concurrently: bool) -> String {
    format!(
        "REFRESH MATERIALIZED VIEW {}{}",
        if concurrently { "CONCURRENTLY " } else { "" },
        quote_qualified(schema, name)
    )
}

fn keyword(view: &ViewDef) -> &'static str {
    if view.materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    }
}
