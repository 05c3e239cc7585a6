//! `REFRESH MATERIALIZED VIEW`, concurrently where PostgreSQL allows it.

use super::exec::Executor;
use super::QueryError;
use crate::view::View;

/// Refreshes materialized view `V`: re-runs its query and replaces its rows.
///
/// `CONCURRENTLY` (readers keep reading the old rows meanwhile) when the view has a unique
/// index on plain columns without a predicate, which PostgreSQL needs for it, and has been
/// filled before (a view created `WITH NO DATA` is refreshed plainly the first time); else a
/// plain refresh, which blocks readers until it commits. Returns whether it ran concurrently.
/// `V` not materialized is refused before anything runs.
pub fn refresh<V: View>(db: &mut impl Executor) -> Result<bool, QueryError> {
    if !V::MATERIALIZED {
        return Err(QueryError::NotMaterialized {
            view: format!("{}.{}", V::SCHEMA, V::NAME),
        });
    }
    let concurrently = V::view_def().refresh_key().is_some() && {
        let rows = db.query(
            "SELECT c.relispopulated FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = $1 AND c.relname = $2",
            &[&V::SCHEMA, &V::NAME],
        )?;
        rows.first().is_some_and(|row| row.get::<_, bool>(0))
    };
    db.query(
        &crate::render::view::refresh(V::SCHEMA, V::NAME, concurrently),
        &[],
    )?;
    Ok(concurrently)
}
