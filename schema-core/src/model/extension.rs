use super::DEFAULT_SCHEMA;
use serde::{Deserialize, Serialize};

/// A PostgreSQL extension the schema needs (`CREATE EXTENSION`): `citext`, `pgcrypto`,
/// `pg_trgm`, `vector`, ... Declared with [`Schema::extension`](super::Schema::extension), or
/// by a column type whose [`PgType::extension`](crate::PgType::extension) names it.
///
/// An extension belongs to the database, its objects to one schema (`WITH SCHEMA`, `public`
/// unless said). It is created before every other object of a migration, with `IF NOT
/// EXISTS` (an extension a superuser installed beforehand is taken as it is) and `CASCADE`
/// (the extensions it requires come with it); dropping one is refused without
/// `--allow-destructive`, since what uses it goes with it or makes the drop fail. The version
/// is PostgreSQL's default for the extension: `ALTER EXTENSION ... UPDATE` stays yours.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Extension {
    /// The extension's name, as `pg_available_extensions` lists it.
    pub name: String,
    /// The schema that holds its objects (types, functions, operator classes).
    pub schema: String,
}

impl Extension {
    /// The extension `name`, its objects in `public`.
    pub fn new(name: impl Into<String>) -> Self {
        Extension {
            name: name.into(),
            schema: DEFAULT_SCHEMA.to_owned(),
        }
    }

    /// The same extension, its objects in `schema`.
    pub fn in_schema(mut self, schema: impl Into<String>) -> Self {
        self.schema = schema.into();
        self
    }
}

impl From<&str> for Extension {
    fn from(name: &str) -> Self {
        Extension::new(name)
    }
}
