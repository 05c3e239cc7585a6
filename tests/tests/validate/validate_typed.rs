//! The typed validators and shapes `#[derive(Table)]` generates, on the example models and on
//! a model that uses every kind of rule.

use schema_core::validate::{IssueCode, PathSegment, Validate};
use schema_core::Table;
use schema_examples::accounts::{NewUser, User, UserPatch};
use schema_examples::storage::{NewTag, TagPatch};
use schema_examples::tenancy::NewMember;
use serde_json::json;

fn codes<T: Validate>(value: &T) -> Vec<(String, IssueCode)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(error) => error
            .issues
            .iter()
            .map(|issue| {
                let path: Vec<String> = issue
                    .path
                    .iter()
                    .map(|s| match s {
                        PathSegment::Key(k) => (*k).to_owned(),
                        PathSegment::Index(i) => i.to_string(),
                    })
                    .collect();
                (path.join("."), issue.code)
            })
            .collect(),
    }
}

fn new_user(email: &str, name: &str) -> NewUser {
    serde_json::from_value(json!({ "email": email, "name": name })).unwrap()
}

#[test]
fn insert_shape_makes_defaulted_and_nullable_columns_optional() {
    let user = new_user("ada@example.com", "Ada");
    assert_eq!(user.id, None, "default_random");
    assert_eq!(user.is_active, None, "default = true");
    assert_eq!(user.deleted_at, None, "nullable");
    assert!(user.validate().is_ok());
    let missing = serde_json::from_value::<NewUser>(json!({ "email": "a@b.co" }));
    assert!(missing
        .unwrap_err()
        .to_string()
        .contains("missing field `name`"));
}

#[test]
fn every_issue_of_a_value_is_reported_with_its_path_and_code() {
    let user = new_user("not an email", "");
    assert_eq!(
        codes(&user),
        [
            ("email".to_owned(), IssueCode::InvalidFormat),
            ("name".to_owned(), IssueCode::TooSmall),
        ]
    );
}

#[test]
fn lengths_count_characters_as_postgresql_does() {
    // `name` has max_len = 100: 100 astral characters are 400 bytes and 200 UTF-16 units.
    let astral = "😀".repeat(100);
    assert!(codes(&new_user("a@b.co", &astral)).is_empty());
    let over = "😀".repeat(101);
    assert_eq!(
        codes(&new_user("a@b.co", &over)),
        [("name".to_owned(), IssueCode::TooBig)]
    );
    // A combining mark is a character of its own, for PostgreSQL and for the rule.
    let combining = "e\u{301}".repeat(50);
    assert!(codes(&new_user("a@b.co", &combining)).is_empty());
    let combining_over = format!("{combining}x");
    assert_eq!(codes(&new_user("a@b.co", &combining_over)).len(), 1);
}

#[test]
fn varchar_columns_imply_their_maximum() {
    // `tags.name` is varchar(100) with min_len = 1; `color` is varchar(7) with a regex.
    let tag: NewTag = serde_json::from_value(json!({
        "user_id": "u1",
        "name": "x".repeat(101),
        "color": "#12345678",
    }))
    .unwrap();
    assert_eq!(
        codes(&tag),
        [
            ("name".to_owned(), IssueCode::TooBig),
            ("color".to_owned(), IssueCode::InvalidFormat),
            ("color".to_owned(), IssueCode::TooBig),
        ]
    );
}

#[test]
fn number_rules() {
    let member = |level: i32| -> NewMember {
        serde_json::from_value(json!({
            "id": "m1", "email": "m@example.com", "password_hash": "h",
            "level": level, "tenant_id": "t1",
        }))
        .unwrap()
    };
    assert!(codes(&member(0)).is_empty() && codes(&member(10)).is_empty());
    assert_eq!(
        codes(&member(-1)),
        [("level".to_owned(), IssueCode::TooSmall)]
    );
    assert_eq!(
        codes(&member(11)),
        [("level".to_owned(), IssueCode::TooBig)]
    );
}

#[test]
fn update_shape_tells_absent_from_null() {
    let patch: TagPatch = serde_json::from_value(json!({ "color": null })).unwrap();
    assert_eq!(patch.color, Some(None), "null sets NULL");
    assert_eq!(patch.name, None, "absent leaves the column");
    let patch: TagPatch = serde_json::from_value(json!({})).unwrap();
    assert_eq!(patch.color, None);
    let patch: UserPatch = serde_json::from_value(json!({ "name": "" })).unwrap();
    assert_eq!(codes(&patch), [("name".to_owned(), IssueCode::TooSmall)]);
    // The primary key is not part of the update shape.
    let text = serde_json::to_string(&UserPatch::default()).unwrap();
    assert_eq!(text, "{}");
}

#[test]
fn issues_serialize_like_zod() {
    let error = new_user("x", "ok").validate().unwrap_err();
    let value = serde_json::to_value(&error).unwrap();
    assert_eq!(
        value,
        json!([{
            "code": "invalid_format",
            "path": ["email"],
            "message": "Invalid email address",
            "origin": "string",
            "format": "email",
        }])
    );
}

#[test]
fn the_model_itself_validates() {
    let def = User::table_def();
    assert_eq!(def.name, "users");
    let user = User {
        id: uuid::Uuid::nil(),
        email: "a@b.co".into(),
        name: String::new(),
        is_active: true,
        created_at: chrono::Utc::now(),
        updated_at: chrono::Utc::now(),
        deleted_at: None,
    };
    assert_eq!(codes(&user), [("name".to_owned(), IssueCode::TooSmall)]);
}

mod every_rule {
    use schema_core::Table;

    /// A custom rule takes the field by reference; `&String` coerces to `&str`.
    pub fn no_spaces(value: &str) -> Result<(), String> {
        if value.contains(' ') {
            Err("must not contain spaces".into())
        } else {
            Ok(())
        }
    }

    #[derive(Table, Debug, Clone)]
    #[table(schema = "rules")]
    pub struct Sample {
        #[column(primary_key)]
        pub id: i64,
        #[validate(len = 3, uppercase)]
        pub code: String,
        #[validate(url, starts_with = "https://", ends_with = "/", includes = "example")]
        pub homepage: String,
        #[validate(uuid, lowercase)]
        pub external_ref: Option<String>,
        #[validate(regex = "^[a-z]+(-[a-z]+)*$", custom = no_spaces)]
        pub slug: String,
        #[validate(gt = 0.5, lt = 10, multiple_of = 0.5)]
        pub score: f64,
        #[validate(negative)]
        pub debt: i64,
        #[validate(min_items = 1, max_items = 3, each(email))]
        pub emails: Vec<String>,
        #[validate(each(min = 1, max = 5))]
        pub ratings: Option<Vec<i32>>,
    }
}

#[test]
fn every_kind_of_rule_reports_with_its_path() {
    use every_rule::Sample;
    let valid = Sample {
        id: 1,
        code: "ABC".into(),
        homepage: "https://example.com/".into(),
        external_ref: Some("123e4567-e89b-12d3-a456-426614174000".into()),
        slug: "a-b".into(),
        score: 2.5,
        debt: -1,
        emails: vec!["a@b.co".into()],
        ratings: Some(vec![1, 5]),
    };
    assert!(codes(&valid).is_empty(), "{:?}", codes(&valid));
    assert_eq!(valid.id, 1);
    let invalid = Sample {
        id: 1,
        code: "abcd".into(),
        homepage: "ftp://nowhere.org".into(),
        external_ref: Some("123E4567-E89B-12D3-A456-426614174000X".into()),
        slug: "has space".into(),
        score: 0.75,
        debt: 0,
        emails: vec!["nope".into(), "x@y.co".into(), "also nope".into()],
        ratings: Some(vec![0, 3, 9]),
    };
    let found = codes(&invalid);
    let expected: Vec<(&str, IssueCode)> = vec![
        ("code", IssueCode::TooBig),
        ("code", IssueCode::InvalidFormat),
        ("homepage", IssueCode::InvalidFormat),
        ("homepage", IssueCode::InvalidFormat),
        ("homepage", IssueCode::InvalidFormat),
        ("external_ref", IssueCode::InvalidFormat),
        ("external_ref", IssueCode::InvalidFormat),
        ("slug", IssueCode::InvalidFormat),
        ("slug", IssueCode::Custom),
        ("score", IssueCode::NotMultipleOf),
        ("debt", IssueCode::TooBig),
        ("emails.0", IssueCode::InvalidFormat),
        ("emails.2", IssueCode::InvalidFormat),
        ("ratings.0", IssueCode::TooSmall),
        ("ratings.2", IssueCode::TooBig),
    ];
    let expected: Vec<(String, IssueCode)> = expected
        .into_iter()
        .map(|(p, c)| (p.to_owned(), c))
        .collect();
    assert_eq!(found, expected);
    let too_many = Sample {
        emails: vec!["bad".into(); 4],
        ..valid.clone()
    };
    assert_eq!(
        codes(&too_many),
        [("emails".to_owned(), IssueCode::TooBig)],
        "over max_items, the items are not looked at (as in Zod 4)"
    );
    let _ = every_rule::Sample::table_def();
}

mod nested {
    use schema_core::{Json, Table, Validate};
    use serde::{Deserialize, Serialize};

    /// A value kept in a `jsonb` column, with rules of its own.
    #[derive(Validate, Serialize, Deserialize, Debug, Clone)]
    pub struct Address {
        #[validate(min_len = 1)]
        pub street: String,
        #[validate(len = 2, uppercase)]
        pub country: String,
    }

    #[derive(Table, Debug, Clone)]
    #[table(schema = "rules")]
    pub struct Customer {
        #[column(primary_key)]
        pub id: i64,
        #[validate(nested)]
        pub address: Json<Address>,
        #[validate(nested)]
        pub previous: Json<Vec<Address>>,
    }
}

#[test]
fn nested_values_are_validated_in_place_with_their_paths() {
    use nested::{Address, NewCustomer};
    let address = |street: &str, country: &str| Address {
        street: street.into(),
        country: country.into(),
    };
    let customer = NewCustomer {
        id: 1,
        address: schema_core::Json(address("", "de")),
        previous: schema_core::Json(vec![address("Main St", "FR"), address("x", "FRA")]),
    };
    assert_eq!(
        codes(&customer),
        [
            ("address.street".to_owned(), IssueCode::TooSmall),
            ("address.country".to_owned(), IssueCode::InvalidFormat),
            ("previous.1.country".to_owned(), IssueCode::TooBig),
        ]
    );
}

/// The shapes' serde impls are schema-core's own (`shape_serde`), not serde_derive's: they must
/// accept and refuse what serde_derive's would.
#[test]
fn shapes_read_json_as_serde_derive_would() {
    // Unknown fields are ignored.
    let user: NewUser =
        serde_json::from_value(json!({ "email": "a@b.co", "name": "A", "nickname": "x" })).unwrap();
    assert_eq!(user.name, "A");
    // A field given twice is an error.
    let twice = serde_json::from_str::<NewUser>(r#"{"email":"a@b.co","name":"A","name":"B"}"#);
    assert!(twice
        .unwrap_err()
        .to_string()
        .contains("duplicate field `name`"));
    // `null` for a defaulted NOT NULL column is refused, not read as "take the default".
    let null = serde_json::from_value::<NewUser>(
        json!({ "email": "a@b.co", "name": "A", "is_active": null }),
    );
    assert!(null.unwrap_err().to_string().contains("invalid type: null"));
    // ... and for a NOT NULL column of the update shape, not read as "leave as is".
    let null = serde_json::from_value::<UserPatch>(json!({ "name": null }));
    assert!(null.unwrap_err().to_string().contains("invalid type: null"));
    // A nullable column of the insert shape takes `null` as NULL.
    let user: NewUser =
        serde_json::from_value(json!({ "email": "a@b.co", "name": "A", "deleted_at": null }))
            .unwrap();
    assert_eq!(user.deleted_at, None);
    // Not a map: serde's own message, naming the shape.
    let list = serde_json::from_value::<NewUser>(json!(["a@b.co", "A"]));
    assert!(
        list.unwrap_err().to_string().contains("struct NewUser"),
        "a sequence is refused"
    );
    // Written back: absent optional fields are left out, present ones written.
    let text = serde_json::to_value(&user).unwrap();
    assert_eq!(text, json!({ "email": "a@b.co", "name": "A" }));
    let round: NewUser = serde_json::from_value(text).unwrap();
    assert_eq!(round.email, user.email);
    // Keys in another case are other fields.
    let upper = serde_json::from_value::<NewUser>(json!({ "EMAIL": "a@b.co", "name": "A" }));
    assert!(upper
        .unwrap_err()
        .to_string()
        .contains("missing field `email`"));
}
