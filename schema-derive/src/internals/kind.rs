//! What kind of value a column holds, as far as the written type and overrides tell: the naming
//! rules need to know a boolean or a timestamp when they see one. The type trait decides the
//! real SQL type; this is only the syntactic view, so a type alias is `Unknown` and escapes
//! the rules that depend on it (documented in docs/models-and-attributes.md).

use super::ast::Field;
use super::attr::TypeOverride;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Bool,
    Timestamp,
    Text,
    Uuid,
    Unknown,
}

impl Field<'_> {
    pub fn kind(&self) -> Kind {
        match &self.attrs.type_override {
            Some((_, TypeOverride::Varchar(_))) => Kind::Text,
            Some((_, TypeOverride::Timestamp)) => Kind::Timestamp,
            Some((_, TypeOverride::Numeric(..))) => Kind::Unknown,
            Some((_, TypeOverride::Raw(sql))) => raw_kind(&sql.value()),
            None => type_kind(self.ty),
        }
    }
}

fn raw_kind(sql: &str) -> Kind {
    let sql = sql.trim().to_ascii_lowercase();
    if sql == "bool" || sql == "boolean" {
        Kind::Bool
    } else if sql.starts_with("timestamp") {
        Kind::Timestamp
    } else if sql == "text" || sql.starts_with("varchar") || sql.starts_with("character varying") {
        Kind::Text
    } else if sql == "uuid" {
        Kind::Uuid
    } else {
        Kind::Unknown
    }
}

fn type_kind(ty: &syn::Type) -> Kind {
    let syn::Type::Path(path) = ty else {
        return Kind::Unknown;
    };
    let Some(last) = path.path.segments.last() else {
        return Kind::Unknown;
    };
    if last.ident == "Option" {
        if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
            if let Some(syn::GenericArgument::Type(inner)) = args.args.first() {
                return type_kind(inner);
            }
        }
        return Kind::Unknown;
    }
    match last.ident.to_string().as_str() {
        "bool" => Kind::Bool,
        "DateTime" | "NaiveDateTime" | "OffsetDateTime" | "PrimitiveDateTime" | "SystemTime" => {
            Kind::Timestamp
        }
        "String" => Kind::Text,
        "Uuid" => Kind::Uuid,
        _ => Kind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_written_types() {
        for (ty, kind) in [
            ("bool", Kind::Bool),
            ("Option<bool>", Kind::Bool),
            ("::core::option::Option<bool>", Kind::Bool),
            ("DateTime<Utc>", Kind::Timestamp),
            ("chrono::NaiveDateTime", Kind::Timestamp),
            ("Option<DateTime<Utc>>", Kind::Timestamp),
            ("String", Kind::Text),
            ("uuid::Uuid", Kind::Uuid),
            ("NaiveDate", Kind::Unknown),
            ("Flag", Kind::Unknown),
        ] {
            let parsed: syn::Type = syn::parse_str(ty).unwrap();
            assert_eq!(type_kind(&parsed), kind, "{ty}");
        }
        assert_eq!(raw_kind("TIMESTAMPTZ"), Kind::Timestamp);
        assert_eq!(raw_kind("varchar(20)"), Kind::Text);
        assert_eq!(raw_kind("boolean"), Kind::Bool);
    }
}
