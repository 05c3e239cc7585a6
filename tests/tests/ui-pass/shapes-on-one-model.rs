//! `#[table(shapes)]` gives one model its insert and update shapes in a crate that does not ask
//! for them crate-wide (a trybuild crate has no `[package.metadata.schema]`): they read and
//! write JSON and validate.

use schema_core::validate::Validate;
use schema_core::Table;

#[derive(Table)]
#[table(shapes)]
pub struct Note {
    #[column(primary_key, default_random)]
    pub id: uuid::Uuid,
    #[column(varchar(20))]
    pub title: String,
    pub body: Option<String>,
}

fn main() {
    let new: NewNote = serde_json::from_str(r#"{"title":"hello"}"#).unwrap();
    assert_eq!(new.id, None);
    assert_eq!(new.body, None);
    assert!(new.validate().is_ok());
    assert_eq!(serde_json::to_string(&new).unwrap(), r#"{"title":"hello"}"#);

    let patch: NotePatch = serde_json::from_str(r#"{"body":null}"#).unwrap();
    assert_eq!(patch.body, Some(None));
    assert_eq!(patch.title, None);
    let long: NotePatch = serde_json::from_str(r#"{"title":"a title that is too long"}"#).unwrap();
    assert!(long.validate().is_err(), "varchar(20) holds for the update shape too");
}
