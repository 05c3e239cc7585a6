use super::QualifiedName;
use serde::{Deserialize, Serialize};

/// A PostgreSQL enum type (`CREATE TYPE ... AS ENUM`). Values keep their declared order,
/// which is the order PostgreSQL sorts them in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EnumDef {
    pub schema: String,
    pub name: String,
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl EnumDef {
    pub fn qualified_name(&self) -> QualifiedName {
        QualifiedName::new(&self.schema, &self.name)
    }
}
