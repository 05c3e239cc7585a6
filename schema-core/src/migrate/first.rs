//! The first migration of a folder. With no snapshot to read the models against, all of it is
//! known from the start: its snapshot is written and synced while the models are checked and
//! both of its files are planned, so that the pieces share the cores instead of waiting for
//! each other.

use super::folder::read_listed_history;
use super::{
    parallel, plan_files, stage_snapshot, write_migration, FileNames, GenerateOptions, Generated,
    MigrateError, MigrationFile,
};
use crate::model::{canonical_keeping_hints_cow, without_hints_if_any, Schema};
use crate::snapshot::SchemaJson;
use std::path::Path;

/// [`generate_with`](super::generate_with) on a folder without migrations (`migrations`, its
/// listing, is empty): `0000_<name>`, `init` unless named, from an empty database.
pub(super) fn generate_first(
    schema: &Schema,
    dir: &Path,
    options: &GenerateOptions,
    named: Result<(), MigrateError>,
    migrations: Vec<MigrationFile>,
) -> Result<Generated, MigrateError> {
    // Nothing is written under a name that is refused, not even for a moment.
    if let Err(error) = named {
        schema.validate().map_err(MigrateError::InvalidSchema)?;
        return Err(error);
    }
    let name = options.name.as_deref().unwrap_or("init");
    let files = FileNames::of(&format!("0000_{name}"), None);
    let snapshot_schema = without_hints_if_any(schema);
    let (snapshot, planned) = parallel::both(
        || stage_snapshot(dir, &files, SchemaJson::of(&snapshot_schema)),
        || -> Result<Option<_>, MigrateError> {
            let history = read_listed_history(dir, migrations, true);
            // The models' errors first, then the folder's.
            schema.validate().map_err(MigrateError::InvalidSchema)?;
            let sum = history?.sum;
            // `canonical` keeps every table and enum: only empty models are no change.
            if schema.tables.is_empty() && schema.enums.is_empty() {
                return Ok(None);
            }
            let models = canonical_keeping_hints_cow(schema);
            let sql = plan_files(&files, &Schema::new(), &models, options)?;
            Ok(Some((sum, sql, models)))
        },
    );
    // The batch, dropped on any error, removes the snapshot it wrote.
    let Some((sum, sql, models)) = planned? else {
        return Ok(Generated::NoChanges { latest: None });
    };
    let snapshot = snapshot?;
    drop(snapshot_schema);
    write_migration(dir, &files, snapshot, sum, sql, move || drop(models))
}
