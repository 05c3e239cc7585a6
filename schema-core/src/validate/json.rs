//! Validation of JSON input against a model, exactly as the generated Zod schema validates it:
//! types first (Zod's `invalid_type`), then formats, enum values and the model's rules, every
//! issue collected. This is the Rust half of the promise that a TypeScript client and a Rust
//! server give the same verdict on the same request body.

use super::check::{check_number, wrong_type_lengths, Check};
use super::formats;
use super::issue::{Issue, IssueCode, Origin};
use super::path::Path;
use super::{FieldRules, ModelRules};
use crate::model::{ColumnDef, Schema, SqlType};
use serde_json::Value;

/// Which of a model's shapes a value is checked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The row as read: every column present, nullable ones may be `null`.
    Select,
    /// `New<Model>`: a column with a default, or a nullable one, may be absent.
    Insert,
    /// `<Model>Patch`: every column but the primary key may be absent; key columns are not
    /// part of the shape.
    Update,
}

/// What JSON a column's SQL type takes: the Zod type the writer emits for it.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonType {
    /// `z.boolean()`
    Bool,
    /// `z.int().min(min).max(max)`
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// `z.int32()`: an `integer` column.
    Int32,
    /// `z.int()`: JavaScript's safe integers.
    SafeInt,
    /// `z.number()`
    Number,
    /// `numeric`, which `rust_decimal` writes as a string: `z.string().regex(..)`
    Decimal,
    /// `z.string()`
    Text,
    /// `z.uuid()`
    Uuid,
    /// `z.iso.datetime(..)`; `local` for `timestamp` without zone.
    DateTime {
        /// No zone: `timestamp`.
        local: bool,
    },
    /// `z.iso.date()`
    Date,
    /// `z.iso.time()`
    Time,
    /// Any JSON value but `null`: `jsonb` (a nullable column adds `null`).
    Any,
    /// `bytea` as serde writes `Vec<u8>`: `z.array(z.int().min(0).max(255))`
    Bytes,
    /// `z.enum([..])`
    Enum(Vec<String>),
    /// `z.array(..)`
    Array(Box<JsonType>),
}

/// The decimal-string pattern of `numeric` values.
pub const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

static DECIMAL: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(DECIMAL_PATTERN).expect("a fixed pattern"));

impl JsonType {
    /// The JSON type of a column type; enum labels come from `schema`.
    pub fn of(ty: &SqlType, schema: &Schema) -> JsonType {
        match ty {
            SqlType::Boolean => JsonType::Bool,
            SqlType::SmallInt => JsonType::Int {
                min: i16::MIN.into(),
                max: i16::MAX.into(),
            },
            SqlType::Integer => JsonType::Int32,
            SqlType::BigInt => JsonType::SafeInt,
            SqlType::Real | SqlType::DoublePrecision => JsonType::Number,
            SqlType::Numeric { .. } => JsonType::Decimal,
            SqlType::Text | SqlType::Varchar { .. } => JsonType::Text,
            SqlType::Uuid => JsonType::Uuid,
            SqlType::Timestamptz => JsonType::DateTime { local: false },
            SqlType::Timestamp => JsonType::DateTime { local: true },
            SqlType::Date => JsonType::Date,
            SqlType::Time => JsonType::Time,
            SqlType::Json | SqlType::Jsonb | SqlType::Custom { .. } => JsonType::Any,
            SqlType::Bytea => JsonType::Bytes,
            SqlType::Enum { schema: ns, name } => JsonType::Enum(
                schema
                    .enums
                    .iter()
                    .find(|e| &e.schema == ns && &e.name == name)
                    .map(|e| e.values.clone())
                    .unwrap_or_default(),
            ),
            SqlType::Array { element } => JsonType::Array(Box::new(JsonType::of(element, schema))),
            SqlType::Domain { .. } => match schema.domain_of(ty) {
                Some(domain) => JsonType::of(&domain.base, schema),
                None => JsonType::Any,
            },
        }
    }
}

/// The issues of `value` as the `shape` of `model`, in Zod's order.
pub fn validate_json(
    schema: &Schema,
    model: &ModelRules,
    shape: Shape,
    value: &Value,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let Some(object) = value.as_object() else {
        issues.push(invalid_type("object", &Path::Root));
        return issues;
    };
    for ShapeField {
        rules,
        checks,
        column,
        optional,
    } in shape_fields(schema, model, shape)
    {
        let path = Path::Root;
        let path = path.key(rules.field);
        let ty = JsonType::of(&column.ty, schema);
        match object.get(rules.field) {
            None if optional => {}
            None => issues.push(missing(&ty, &path)),
            Some(Value::Null) if column.nullable => {}
            Some(found) => check_value(&ty, &checks, found, &path, &mut issues),
        }
    }
    issues
}

/// A field of a model's shape: its rules, its column, and whether the shape lets it be absent.
pub(crate) struct ShapeField<'a> {
    pub rules: &'a FieldRules,
    /// The field's checks, then those of its column's domain ([`Schema::domain_of`]).
    pub checks: std::borrow::Cow<'a, [Check]>,
    pub column: &'a ColumnDef,
    pub optional: bool,
}

/// The fields of `model` in `shape`, in field order: what the JSON validator checks and the Zod
/// writer writes, so the two walk the same fields. The update shape leaves out the primary key
/// and the columns a trigger sets on update ([`TableDef::touches`](crate::TableDef::touches));
/// the insert shape lets a nullable or defaulted column be absent.
pub(crate) fn shape_fields<'a>(
    schema: &'a Schema,
    model: &'a ModelRules,
    shape: Shape,
) -> Vec<ShapeField<'a>> {
    let Some(table) = schema
        .tables
        .iter()
        .find(|t| t.schema == model.schema && t.name == model.table)
    else {
        return Vec::new();
    };
    let key: &[String] = table
        .primary_key
        .as_ref()
        .map_or(&[], |pk| pk.columns.as_slice());
    model
        .fields
        .iter()
        .filter_map(|rules| {
            let column = table.columns.iter().find(|c| c.name == rules.column)?;
            if shape == Shape::Update && key.contains(&column.name) {
                return None;
            }
            // As drizzle-zod: what PostgreSQL computes or numbers itself (`generated`,
            // `identity(always)`) is no part of what a client writes.
            if shape != Shape::Select && !column.is_writable() {
                return None;
            }
            // A trigger sets it on every update, over whatever the update said.
            if shape == Shape::Update && table.touches(&column.name) {
                return None;
            }
            let optional = match shape {
                Shape::Select => false,
                Shape::Insert => {
                    column.nullable || column.default.is_some() || column.identity.is_some()
                }
                Shape::Update => true,
            };
            let checks = match schema.domain_of(&column.ty) {
                Some(domain) if !domain.rules.0.is_empty() => std::borrow::Cow::Owned(
                    rules.checks.iter().chain(domain.rules.0).copied().collect(),
                ),
                _ => std::borrow::Cow::Borrowed(rules.checks),
            };
            Some(ShapeField {
                rules,
                checks,
                column,
                optional,
            })
        })
        .collect()
}

/// Zod's name for what a type expects when the value has another JSON type.
fn expected(ty: &JsonType) -> &'static str {
    match ty {
        JsonType::Bool => "boolean",
        JsonType::Int { .. } | JsonType::Int32 | JsonType::SafeInt | JsonType::Number => "number",
        JsonType::Array(_) | JsonType::Bytes => "array",
        JsonType::Any => "json",
        _ => "string",
    }
}

/// What Zod reports for a required key that is absent: its schema run on `undefined`.
fn missing(ty: &JsonType, path: &Path) -> Issue {
    match ty {
        // `z.enum` judges `undefined` as a value outside its set.
        JsonType::Enum(values) => invalid_enum(values, path),
        // `z.json()` is a union of the JSON types, none of which takes `undefined`.
        JsonType::Any => invalid_union(path),
        _ => invalid_type(expected(ty), path),
    }
}

fn invalid_union(path: &Path) -> Issue {
    Issue::new(IssueCode::InvalidUnion, path.to_vec(), "Invalid input")
}

fn invalid_enum(values: &[String], path: &Path) -> Issue {
    let mut issue = Issue::new(
        IssueCode::InvalidValue,
        path.to_vec(),
        format!(
            "Invalid option: expected one of {}",
            values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join("|")
        ),
    );
    issue.values = Some(values.to_vec());
    issue
}

fn invalid_type(expected: &'static str, path: &Path) -> Issue {
    let mut issue = Issue::new(
        IssueCode::InvalidType,
        path.to_vec(),
        format!("Invalid input: expected {expected}"),
    );
    issue.expected = Some(expected);
    issue
}

fn check_value(
    ty: &JsonType,
    checks: &[Check],
    value: &Value,
    path: &Path,
    issues: &mut Vec<Issue>,
) {
    match ty {
        // A NOT NULL `jsonb` column: a JSON value but `null` (nullable columns take `null`
        // before this point), which the generated union of the other JSON types refuses.
        JsonType::Any => {
            if value.is_null() {
                issues.push(invalid_union(path));
            }
        }
        JsonType::Bool => {
            if !value.is_boolean() {
                issues.push(invalid_type("boolean", path));
            }
        }
        JsonType::Int { .. } | JsonType::Int32 | JsonType::SafeInt => {
            let Some(number) = value.as_f64() else {
                issues.push(invalid_type("number", path));
                return;
            };
            // The type's own checks come first: `z.int()` or `z.int32()`, and the bounds of a
            // narrower type. A fraction stops there, as it stops Zod.
            let bounded;
            let own: &[Check] = match *ty {
                JsonType::Int32 => &[Check::Int32],
                JsonType::Int { min, max } => {
                    bounded = [Check::Int, Check::Min(min as f64), Check::Max(max as f64)];
                    &bounded
                }
                _ => &[Check::Int],
            };
            if own.iter().all(|check| check.number(number, path, issues)) {
                check_number(checks, number, path, issues);
            }
        }
        JsonType::Number => match value.as_f64() {
            Some(number) => check_number(checks, number, path, issues),
            None => issues.push(invalid_type("number", path)),
        },
        JsonType::Enum(values) => {
            if !value
                .as_str()
                .is_some_and(|s| values.iter().any(|v| v == s))
            {
                issues.push(invalid_enum(values, path));
            }
        }
        JsonType::Array(element) => check_array(element, checks, value, path, issues),
        JsonType::Bytes => {
            let byte = JsonType::Int { min: 0, max: 255 };
            check_array(&byte, checks, value, path, issues);
        }
        JsonType::Text
        | JsonType::Uuid
        | JsonType::Decimal
        | JsonType::DateTime { .. }
        | JsonType::Date
        | JsonType::Time => {
            let Some(text) = value.as_str() else {
                issues.push(invalid_type("string", path));
                if let Some(items) = value.as_array() {
                    wrong_type_lengths(checks, items.len(), Origin::Array, path, issues);
                }
                return;
            };
            if let Some((ok, format)) = type_format(ty, text) {
                if !ok {
                    let mut issue = Issue::new(
                        IssueCode::InvalidFormat,
                        path.to_vec(),
                        format!("Invalid {format}"),
                    );
                    issue.origin = Some(Origin::String);
                    issue.format = Some(format);
                    if format == "regex" {
                        issue.pattern = Some(format!("/{DECIMAL_PATTERN}/"));
                    }
                    issues.push(issue);
                }
            }
            for check in checks {
                check.text(text, path, issues);
            }
        }
    }
}

fn type_format(ty: &JsonType, text: &str) -> Option<(bool, &'static str)> {
    Some(match ty {
        JsonType::Uuid => (formats::is_uuid(text), "uuid"),
        JsonType::Decimal => (DECIMAL.is_match(text), "regex"),
        JsonType::DateTime { local } => (formats::is_iso_datetime(text, *local), "datetime"),
        JsonType::Date => (formats::is_iso_date(text), "date"),
        JsonType::Time => (formats::is_iso_time(text), "time"),
        _ => return None,
    })
}

fn check_array(
    element: &JsonType,
    checks: &[Check],
    value: &Value,
    path: &Path,
    issues: &mut Vec<Issue>,
) {
    let Some(items) = value.as_array() else {
        issues.push(invalid_type("array", path));
        if let Some(text) = value.as_str() {
            let chars = text.chars().count();
            wrong_type_lengths(checks, chars, Origin::String, path, issues);
        }
        return;
    };
    if super::check::over_max_items(checks, items.len(), path, issues) {
        return;
    }
    let item_checks: &[Check] = checks
        .iter()
        .find_map(|c| match c {
            Check::Each(inner) => Some(*inner),
            _ => None,
        })
        .unwrap_or(&[]);
    for (index, item) in items.iter().enumerate() {
        check_value(element, item_checks, item, &path.index(index), issues);
    }
    for check in checks {
        check.list(items.len(), path, issues);
    }
}
