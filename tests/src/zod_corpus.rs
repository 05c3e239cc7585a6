//! A corpus of JSON values over every registered model and its three shapes, for the
//! differential test against Zod and the PostgreSQL agreement test: a valid value per shape,
//! then per field the edge cases its column type and rules call for (empty strings, lengths at
//! and around each limit in multi-byte, astral and combining characters, wrong JSON types,
//! `null`, a missing key, bad formats and enum labels, integers around their range), plus
//! whole values of the wrong type and unknown keys.

use schema_core::model::{ColumnDef, Schema, TableDef};
use schema_core::validate::json::{JsonType, Shape};
use schema_core::validate::{Check, FieldRules, ModelRules};
use serde_json::{json, Map, Value};

/// One value, the model and shape it is checked as, and what it tests.
#[derive(Clone, Debug)]
pub struct Case {
    /// The model's rules.
    pub model: &'static ModelRules,
    /// The shape the value is checked as.
    pub shape: Shape,
    /// The value.
    pub value: Value,
    /// What the value tests, for failure messages.
    pub label: String,
}

impl Case {
    /// The generated Zod schema's export name: `fileTagInsertSchema`.
    pub fn export(&self) -> String {
        let mut name = self.model.model.to_owned();
        name[..1].make_ascii_lowercase();
        let shape = match self.shape {
            Shape::Select => "Select",
            Shape::Insert => "Insert",
            Shape::Update => "Update",
        };
        format!("{name}{shape}Schema")
    }
}

/// The table of a model.
pub fn table_of<'s>(schema: &'s Schema, model: &ModelRules) -> &'s TableDef {
    schema
        .tables
        .iter()
        .find(|t| t.schema == model.schema && t.name == model.table)
        .expect("a registered model has a table")
}

/// A field with its column.
pub struct Field<'s> {
    /// The rules.
    pub rules: &'static FieldRules,
    /// The field's checks, then those of its column's domain.
    pub checks: Vec<Check>,
    /// The column.
    pub column: &'s ColumnDef,
    /// What JSON the column takes.
    pub ty: JsonType,
    /// Whether it is part of the primary key (absent from the update shape).
    pub key: bool,
    /// Whether a client writes it: not computed or numbered by PostgreSQL (absent from both
    /// write shapes).
    pub writable: bool,
    /// Whether a trigger sets it on update (absent from the update shape).
    pub touched: bool,
}

impl Field<'_> {
    /// Whether `shape` has the field, as the shapes, the JSON validation and Zod say.
    pub fn in_shape(&self, shape: Shape) -> bool {
        match shape {
            Shape::Select => true,
            Shape::Insert => self.writable,
            Shape::Update => self.writable && !self.key && !self.touched,
        }
    }
}

/// The fields of a model with their columns, in field order.
pub fn fields<'s>(schema: &'s Schema, model: &'static ModelRules) -> Vec<Field<'s>> {
    let table = table_of(schema, model);
    let key: &[String] = table
        .primary_key
        .as_ref()
        .map_or(&[], |pk| pk.columns.as_slice());
    model
        .fields
        .iter()
        .map(|rules| {
            let column = table
                .columns
                .iter()
                .find(|c| c.name == rules.column)
                .expect("a field has a column");
            // The column's domain adds its rules, as the validators and Zod add them.
            let domain = schema.domain_of(&column.ty).map_or(&[][..], |d| d.rules.0);
            Field {
                rules,
                checks: rules.checks.iter().chain(domain).copied().collect(),
                column,
                ty: JsonType::of(&column.ty, schema),
                key: key.contains(&column.name),
                writable: column.is_writable(),
                touched: table.touches(&column.name),
            }
        })
        .collect()
}

/// Characters of different widths: 1 byte, 2 bytes, 3 bytes, astral (4 bytes, two UTF-16
/// units), and a letter with a combining mark (two characters, one grapheme).
pub const FILLERS: [&str; 5] = ["a", "é", "€", "😀", "e\u{301}"];

/// `n` characters (Unicode scalar values) made of `filler` repeated, cut to exactly `n`.
pub fn chars_of(filler: &str, n: usize) -> String {
    filler.chars().cycle().take(n).collect()
}

fn min_len(checks: &[Check]) -> usize {
    checks
        .iter()
        .filter_map(|c| match c {
            Check::MinLen(n) | Check::Len(n) => Some(*n),
            Check::NonEmpty => Some(1),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

fn divisor(checks: &[Check]) -> Option<f64> {
    checks.iter().find_map(|c| match c {
        Check::MultipleOf(d) => Some(*d),
        _ => None,
    })
}

/// A value of the field's type that passes its rules.
pub fn valid_value(ty: &JsonType, checks: &[Check], salt: usize) -> Value {
    let integer = checks
        .iter()
        .any(|c| matches!(c, Check::Int | Check::Int32));
    match ty {
        JsonType::Bool => json!(true),
        JsonType::Int { .. } | JsonType::Int32 | JsonType::SafeInt => match divisor(checks) {
            Some(d) if d.fract() == 0.0 => json!(d),
            _ => json!(1),
        },
        JsonType::Number => match divisor(checks) {
            Some(d) => json!(d * 3.0),
            None if integer => json!(2.0),
            None => json!(1.5),
        },
        JsonType::Decimal => json!("12.50"),
        JsonType::Uuid => json!(format!("123e4567-e89b-12d3-a456-{salt:012}")),
        JsonType::DateTime { local: false } => json!("2026-11-26T02:00:00Z"),
        JsonType::DateTime { local: true } => json!("2026-11-26T02:00:00"),
        JsonType::Date => json!("2026-11-26"),
        JsonType::Time => json!("02:00:00"),
        JsonType::Any => json!(["a", "b"]),
        JsonType::Bytes => json!([0, 255]),
        JsonType::Enum(values) => json!(values[salt % values.len()]),
        JsonType::Array(element) => json!([valid_value(element, &[], salt)]),
        JsonType::Text => {
            if checks.iter().any(|c| matches!(c, Check::Email)) {
                json!(format!("user{salt}@example.com"))
            } else if checks.iter().any(|c| matches!(c, Check::Regex(_))) {
                // The patterns of the models: a CSS hex colour, a slug.
                let passes = |text: &str| {
                    let mut issues = Vec::new();
                    for check in checks {
                        check.text(text, &schema_core::validate::Path::Root, &mut issues);
                    }
                    issues.is_empty()
                };
                let found = ["#3b82f6".to_owned(), format!("slug-{salt}")]
                    .into_iter()
                    .find(|text| passes(text))
                    .unwrap_or_else(|| "#3b82f6".to_owned());
                json!(found)
            } else if checks.iter().any(|c| matches!(c, Check::Guid)) {
                json!(format!("123e4567-e89b-02d3-0456-{salt:012}"))
            } else if checks.iter().any(|c| matches!(c, Check::Url)) {
                json!(format!("https://example.com/{salt}"))
            } else if let Some(n) = checks.iter().find_map(|c| match c {
                Check::Len(n) => Some(*n),
                _ => None,
            }) {
                let digits = format!("{salt:0>n$}");
                json!(digits[digits.len() - n..])
            } else {
                json!(format!("v{salt}{}", "x".repeat(min_len(checks).max(1))))
            }
        }
    }
}

/// Values of the field's type around its rules and formats, valid and invalid.
fn edge_values(ty: &JsonType, checks: &[Check]) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut add = |label: &str, value: Value| out.push((label.to_owned(), value));
    match ty {
        JsonType::Bool => {
            add("bool false", json!(false));
            add("bool as string", json!("true"));
            add("bool as number", json!(1));
            add("bool as array", json!([true]));
        }
        JsonType::Int32 => {
            let (min, max) = (i64::from(i32::MIN), i64::from(i32::MAX));
            add("int min", json!(min));
            add("int max", json!(max));
            add("int below min", json!(min - 1));
            add("int above max", json!(max + 1));
            add("int zero", json!(0));
            add("int fraction", json!(1.5));
            add("int float 2.0", json!(2.0));
            add("int 1e21", json!(1e21));
            add("int -1e21", json!(-1e21));
            add("int huge", json!(1e300));
            add("int as string", json!("1"));
        }
        JsonType::Int { min, max } => {
            add("int min", json!(min));
            add("int max", json!(max));
            add("int below min", json!(min - 1));
            add("int above max", json!(max + 1));
            add("int zero", json!(0));
            add("int minus one", json!(-1));
            add("int fraction", json!(1.5));
            add("int float 2.0", json!(2.0));
            add("int huge", json!(1e300));
            add("int as string", json!("1"));
            add("int as bool", json!(true));
            add("int as array", json!([1]));
        }
        JsonType::SafeInt => {
            add("safe max", json!(9_007_199_254_740_991_i64));
            add("safe min", json!(-9_007_199_254_740_991_i64));
            add("above safe max", json!(9_007_199_254_740_993_i64));
            add("below safe min", json!(-9_007_199_254_740_993_i64));
            add("int64 max", json!(i64::MAX));
            add("zero", json!(0));
            add("minus one", json!(-1));
            add("negative fraction", json!(-0.5));
            add("fraction", json!(0.1));
            add("huge float", json!(-1e300));
            add("as string", json!("5"));
            add("as object", json!({ "n": 1 }));
        }
        JsonType::Number => {
            add("number zero", json!(0.0));
            add("number negative", json!(-2.5));
            add("number as string", json!("1.5"));
            add("number tiny", json!(5e-324));
        }
        JsonType::Decimal => {
            add("decimal int", json!("12"));
            add("decimal exp", json!("1e3"));
            add("decimal number", json!(12.5));
        }
        JsonType::Uuid => {
            add("uuid nil", json!("00000000-0000-0000-0000-000000000000"));
            add(
                "uuid max upper",
                json!("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"),
            );
            add("uuid v7", json!("0192b2a4-5b8c-7cc0-bd1e-0d5f4e8a1b2c"));
            add("uuid upper", json!("123E4567-E89B-12D3-A456-426614174000"));
            add(
                "uuid version 0",
                json!("123e4567-e89b-02d3-a456-426614174000"),
            );
            add(
                "uuid variant c",
                json!("123e4567-e89b-12d3-c456-426614174000"),
            );
            add("uuid no dashes", json!("123e4567e89b12d3a456426614174000"));
            add(
                "uuid braced",
                json!("{123e4567-e89b-12d3-a456-426614174000}"),
            );
            add("uuid short", json!("123e4567-e89b-12d3-a456-42661417400"));
            add("uuid empty", json!(""));
            add("uuid as number", json!(123));
        }
        JsonType::DateTime { .. } => {
            add("datetime millis", json!("2026-11-26T02:00:00.123Z"));
            add("datetime micros", json!("2026-11-26T02:00:00.123456Z"));
            add("datetime offset", json!("2026-11-26T02:00:00+05:30"));
            add("datetime leap day", json!("2024-02-29T00:00:00Z"));
            add("datetime bad leap day", json!("2023-02-29T00:00:00Z"));
            add("datetime no seconds", json!("2026-11-26T02:00Z"));
            add("datetime no zone", json!("2026-11-26T02:00:00"));
            add("datetime space", json!("2026-11-26 02:00:00Z"));
            add("datetime lower t", json!("2026-11-26t02:00:00z"));
            add("datetime hour 24", json!("2026-11-26T24:00:00Z"));
            add(
                "datetime offset no colon",
                json!("2026-11-26T02:00:00+0530"),
            );
            add("datetime date only", json!("2026-11-26"));
            add("datetime empty", json!(""));
            add("datetime as number", json!(1_764_122_400));
        }
        JsonType::Date => {
            add("date bad", json!("2026-13-01"));
        }
        JsonType::Time => {
            add("time bad", json!("25:00"));
        }
        JsonType::Any => {
            add("json object", json!({ "a": [1, { "b": null }] }));
            add("json string", json!("text"));
            add("json number", json!(-1.25));
            add("json bool", json!(false));
            add("json empty array", json!([]));
            add("json array of numbers", json!([1, 2]));
        }
        JsonType::Bytes | JsonType::Array(_) => {
            add("array empty", json!([]));
            add("array as string", json!("[]"));
            add("array with null", json!([null]));
        }
        JsonType::Enum(values) => {
            for v in values {
                add(&format!("enum {v}"), json!(v));
            }
            let first = &values[0];
            add("enum capitalised", json!(capitalise(first)));
            add("enum upper", json!(first.to_uppercase()));
            add("enum padded", json!(format!(" {first}")));
            add("enum empty", json!(""));
            add("enum unknown", json!("unknown_label"));
            add("enum as number", json!(0));
            add("enum as array", json!([first]));
        }
        JsonType::Text => {
            add("text empty", json!(""));
            add("text space", json!(" "));
            add("text as number", json!(42));
            add("text as bool", json!(false));
            add("text as array", json!(["a"]));
            add("text as object", json!({}));
            add("text nul and newline", json!("a\u{0}b\nc"));
            for check in checks {
                let limit = match check {
                    Check::MinLen(n) | Check::MaxLen(n) | Check::Len(n) => Some(*n),
                    Check::NonEmpty => Some(1),
                    _ => None,
                };
                if let Some(n) = limit {
                    for filler in FILLERS {
                        for len in [n.saturating_sub(1), n, n + 1] {
                            add(
                                &format!("text {len} chars of {filler:?} (limit {n})"),
                                json!(chars_of(filler, len)),
                            );
                        }
                    }
                }
                match check {
                    Check::Email => {
                        for (label, email) in [
                            ("email ok", "first.last+tag@example.com"),
                            ("email apostrophe", "o'brien@example.org"),
                            ("email plain", "plain"),
                            ("email no tld", "a@b"),
                            ("email short tld", "a@b.c"),
                            ("email leading dot", ".a@example.com"),
                            ("email double dot", "a..b@example.com"),
                            ("email trailing dot local", "a.@example.com"),
                            ("email unicode local", "ü@example.com"),
                            ("email unicode domain", "a@exämple.com"),
                            ("email hyphen domain", "a@-b.com"),
                            ("email trailing newline", "a@b.com\n"),
                            ("email two at", "a@@b.com"),
                            ("email space", "a b@c.com"),
                        ] {
                            add(label, json!(email));
                        }
                        // At the length limit: 320 characters with a valid shape.
                        let local = "a".repeat(300);
                        add("email 313 chars", json!(format!("{local}@example.com")));
                        let local = "a".repeat(308);
                        add("email 321 chars", json!(format!("{local}@example.com")));
                    }
                    Check::Guid => {
                        for (label, text) in [
                            ("guid v4", "123e4567-e89b-42d3-a456-426614174000"),
                            ("guid version 0", "123e4567-e89b-02d3-a456-426614174000"),
                            ("guid variant c", "123e4567-e89b-12d3-c456-426614174000"),
                            ("guid upper", "ABCDEF01-ABCD-ABCD-ABCD-ABCDEF012345"),
                            ("guid nil", "00000000-0000-0000-0000-000000000000"),
                            ("guid no dashes", "123e4567e89b12d3a456426614174000"),
                            ("guid braced", "{123e4567-e89b-12d3-a456-426614174000}"),
                            ("guid bad digit", "123e4567-e89b-12d3-a456-42661417400g"),
                            ("guid short", "123e4567-e89b-12d3-a456-42661417400"),
                            ("guid astral", "123e4567-e89b-12d3-a456-42661417400😀"),
                            (
                                "guid trailing newline",
                                "123e4567-e89b-12d3-a456-426614174000\n",
                            ),
                        ] {
                            add(label, json!(text));
                        }
                    }
                    Check::Url => {
                        for (label, text) in [
                            ("url https", "https://example.com"),
                            ("url full", "http://localhost:8080/a/b?c=d#e"),
                            ("url upper scheme", "HTTPS://EXAMPLE.COM/"),
                            ("url max port", "http://a.example:65535/"),
                            ("url port too big", "http://a.example:65536/"),
                            ("url empty port", "http://a.example:/"),
                            ("url mailto", "mailto:someone@example.com"),
                            ("url opaque", "a:b c"),
                            ("url file", "file:///tmp/x"),
                            ("url ipv4", "http://127.0.0.1/"),
                            ("url bad ipv4", "http://1.2.3.256/"),
                            ("url ends in number", "http://example.123/"),
                            ("url ipv6", "http://[::1]:80/"),
                            ("url userinfo", "https://user:pw@example.com/"),
                            ("url punycode", "https://xn--nxasmq6b.com/"),
                            ("url idn", "https://exämple.com/"),
                            ("url backslash", "https:\\\\example.com\\a"),
                            ("url padded", "  https://example.com  "),
                            ("url newline in host", "http://exa\nmple.com/"),
                            ("url space in host", "http://exa mple.com/"),
                            ("url no slashes", "http:example.com"),
                            ("url trailing dot", "http://example.com./"),
                            ("url empty label", "http://a..b/"),
                            ("url no host", "http://"),
                            ("url no scheme", "example.com"),
                            ("url bad scheme", "1http://example.com"),
                            ("url empty", ""),
                            ("url unicode path", "https://example.com/😀?é#€"),
                        ] {
                            add(label, json!(text));
                        }
                    }
                    Check::Regex(_) => {
                        for (label, text) in [
                            ("hex upper", "#3B82F6"),
                            ("hex no hash", "3b82f6"),
                            ("hex short", "#3b82f"),
                            ("hex long", "#3b82f6a"),
                            ("hex bad digit", "#gggggg"),
                            ("hex fullwidth digit", "#３b82f6"),
                            ("hex too long for varchar", "#3b82f6ff"),
                            ("hex trailing newline", "#3b82f6\n"),
                        ] {
                            add(label, json!(text));
                        }
                    }
                    _ => {}
                }
            }
            if checks.is_empty() {
                add("text astral", json!("😀"));
                add("text combining", json!("e\u{301}"));
                add("text long", json!("x".repeat(5000)));
            }
        }
    }
    for check in checks {
        match check {
            Check::MultipleOf(d) => {
                // Zod 3's scaled-remainder algorithm and 4.6.7's tolerance disagree on these.
                for (label, x) in [
                    ("3 x divisor", d * 3.0),
                    ("1e15 x divisor", d * 1e15),
                    ("0.3", 0.3),
                    ("0.35", 0.35),
                    ("2.03", 2.03),
                    ("1e21", 1e21),
                    ("1.1e15 + 1", 1_100_000_000_000_001.0),
                    ("2^52 + 1", 4_503_599_627_370_497.0),
                    ("above 2^53", 9_007_199_254_740_994.0),
                    ("123456789012345.6", 123_456_789_012_345.6),
                    ("1e-7", 1e-7),
                    ("minus 3 x divisor", -d * 3.0),
                    ("minus zero", -0.0),
                ] {
                    add(&format!("multiple of {d}: {label}"), json!(x));
                }
            }
            Check::Int | Check::Int32 => {
                for (label, x) in [
                    ("fraction", json!(1.5)),
                    ("negative fraction", json!(-0.5)),
                    ("i32 max", json!(2_147_483_647)),
                    ("i32 max + 1", json!(2_147_483_648_i64)),
                    ("i32 min - 1", json!(-2_147_483_649_i64)),
                    ("safe max", json!(9_007_199_254_740_991_i64)),
                    // The label serde leniency knows for an `i64` field.
                    (
                        if *ty == JsonType::SafeInt {
                            "above safe max"
                        } else {
                            "above safe"
                        },
                        json!(9_007_199_254_740_993_i64),
                    ),
                    ("1e21", json!(1e21)),
                    ("-1e21", json!(-1e21)),
                    ("minus zero", json!(-0.0)),
                ] {
                    add(&format!("{check:?} rule: {label}"), x);
                }
            }
            _ => {}
        }
        let bounds = match check {
            Check::Min(x) | Check::Max(x) | Check::Gt(x) | Check::Lt(x) => Some(*x),
            _ => None,
        };
        if let Some(x) = bounds {
            add("number rule bound", json!(x));
            add("number rule bound - 1", json!(x - 1.0));
            add("number rule bound + 1", json!(x + 1.0));
            add("number rule bound - 0.5", json!(x - 0.5));
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn optional(field: &Field, shape: Shape) -> bool {
    match shape {
        Shape::Select => false,
        Shape::Insert => {
            field.column.nullable
                || field.column.default.is_some()
                || field.column.identity.is_some()
        }
        Shape::Update => true,
    }
}

/// A valid value of the shape with every field present; `salt` varies unique texts and ids.
pub fn full_value(fields: &[Field], shape: Shape, salt: usize) -> Map<String, Value> {
    fields
        .iter()
        .filter(|f| f.in_shape(shape))
        .enumerate()
        .map(|(i, f)| {
            (
                f.rules.field.to_owned(),
                valid_value(&f.ty, &f.checks, salt * 100 + i),
            )
        })
        .collect()
}

/// The corpus over every model registered in `schema`.
pub fn corpus(schema: &Schema) -> Vec<Case> {
    let mut cases = Vec::new();
    for &model in &schema.models.0 {
        let fields = fields(schema, model);
        for shape in [Shape::Select, Shape::Insert, Shape::Update] {
            let mut push = |label: String, value: Value| {
                cases.push(Case {
                    model,
                    shape,
                    value,
                    label,
                })
            };
            let base = full_value(&fields, shape, 1);
            push("valid, every field".into(), Value::Object(base.clone()));
            let minimal: Map<String, Value> = base
                .iter()
                .filter(|(k, _)| {
                    let f = fields.iter().find(|f| f.rules.field == *k).unwrap();
                    !optional(f, shape)
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            push("only required fields".into(), Value::Object(minimal));
            let mut extra = base.clone();
            extra.insert("not_a_column".into(), json!(1));
            push("unknown key".into(), Value::Object(extra));
            for (label, value) in [
                ("null", json!(null)),
                ("array", json!([])),
                ("string", json!("{}")),
                ("number", json!(0)),
            ] {
                push(format!("whole value is {label}"), value);
            }
            push("empty object".into(), json!({}));
            let mut all_wrong = Map::new();
            let mut all_null = Map::new();
            for f in fields.iter().filter(|f| f.in_shape(shape)) {
                all_wrong.insert(f.rules.field.to_owned(), json!({ "wrong": true }));
                all_null.insert(f.rules.field.to_owned(), Value::Null);
            }
            push(
                "every field an object".into(),
                Value::Object(all_wrong.clone()),
            );
            push("every field null".into(), Value::Object(all_null));
            for f in fields.iter().filter(|f| f.in_shape(shape)) {
                let name = f.rules.field;
                let mut missing = base.clone();
                missing.remove(name);
                push(format!("{name} missing"), Value::Object(missing));
                let mut null = base.clone();
                null.insert(name.to_owned(), Value::Null);
                push(format!("{name} null"), Value::Object(null));
                for (label, value) in edge_values(&f.ty, &f.checks) {
                    let mut object = base.clone();
                    object.insert(name.to_owned(), value);
                    push(format!("{name}: {label}"), Value::Object(object));
                }
            }
        }
    }
    cases
}
