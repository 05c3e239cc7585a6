use super::PgType;
use crate::model::SqlType;
use postgres_types::{FromSql, IsNull, ToSql, Type};
use serde::{Deserialize, Serialize};
use std::error::Error;

/// A `jsonb` column holding a typed value: `Json<Vec<String>>`, `Json<Metadata>`.
///
/// Serializes as the inner value (`serde(transparent)`), so shapes and APIs see plain JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Json<T>(pub T);

impl<T> PgType for Json<T> {
    const DEFAULT_LITERAL: super::DefaultLiteral = super::DefaultLiteral::Text;

    fn sql_type() -> SqlType {
        SqlType::Jsonb
    }
}

impl<T: Serialize + std::fmt::Debug> ToSql for Json<T> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        postgres_types::Json(&self.0).to_sql(ty, out)
    }

    fn accepts(ty: &Type) -> bool {
        <postgres_types::Json<T> as ToSql>::accepts(ty)
    }

    postgres_types::to_sql_checked!();
}

impl<'a, T: Deserialize<'a>> FromSql<'a> for Json<T> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn Error + Sync + Send>> {
        postgres_types::Json::<T>::from_sql(ty, raw).map(|json| Json(json.0))
    }

    fn accepts(ty: &Type) -> bool {
        <postgres_types::Json<T> as FromSql>::accepts(ty)
    }
}

/// The value inside is validated in place: `#[validate(nested)]` on a `Json<T>` column.
impl<T: crate::validate::Validate> crate::validate::Validate for Json<T> {
    fn validate_at(&self, path: &crate::validate::Path, issues: &mut Vec<crate::validate::Issue>) {
        self.0.validate_at(path, issues);
    }
}
