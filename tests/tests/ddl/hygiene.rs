//! Generated code must compile whatever the user's scope holds (every path in it is absolute)
//! and must not trip lints in a strict user crate: the lints below are such a crate's, set on
//! this module (public in `main.rs`, so `missing_docs` judges it as a crate's exported items).

#![deny(
    warnings,
    missing_docs,
    unused_qualifications,
    clippy::all,
    clippy::pedantic
)]
#![allow(clippy::duplicated_attributes)]

/// Shadows every prelude name generated code might use unqualified.
pub mod shadowing {
    #![allow(dead_code, non_camel_case_types, clippy::pedantic)]
    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Err;
    struct String;
    struct Vec;
    struct Box;
    struct Default;
    struct Clone;
    struct Copy;
    struct Into;
    struct From;
    mod schema_core {}
    mod core {}
    mod std {}

    /// A mood.
    #[derive(::schema_core::PgEnum, Debug, ::core::clone::Clone, ::core::marker::Copy)]
    #[pg_enum(schema = "hygiene")]
    pub enum Mood {
        /// Happy.
        Happy,
        /// Sad.
        Sad,
    }

    /// Parents. (The insert and update shapes derive serde's traits, and serde_derive's output names
    /// `str` and `bool` unqualified, so this module does not shadow those two; `primitives` below
    /// shadows them for everything this crate writes itself.)
    #[derive(::schema_core::Table)]
    #[table(
        schema = "hygiene",
        unique(name, mood),
        check(name = "parents_name_check", "name <> ''")
    )]
    #[index(columns(name), where = "name <> ''")]
    pub struct Parent {
        /// Key.
        #[column(primary_key, default_random)]
        pub id: ::uuid::Uuid,
        /// Name.
        #[column(varchar(10), default = "x")]
        pub name: ::std::string::String,
        /// Mood.
        #[column(default = Mood::Happy)]
        pub mood: Mood,
        /// Parent of the parent.
        #[column(references(Self::id), on_delete = "cascade")]
        pub parent_id: ::core::option::Option<::uuid::Uuid>,
        /// Rank: a literal default is checked by generated code too.
        #[column(default = 100000)]
        pub rank: i64,
        /// Raw.
        #[column(type = "inet")]
        pub address: ::core::option::Option<::std::net::IpAddr>,
    }
}

/// Shadows the primitive types for the derive whose output is all this crate's own.
pub mod primitives {
    #![allow(dead_code, non_camel_case_types)]
    struct str;
    struct bool;
    struct u8;

    /// A level.
    #[derive(::schema_core::PgEnum, Debug, ::core::clone::Clone, ::core::marker::Copy)]
    #[pg_enum(schema = "hygiene")]
    pub enum Level {
        /// Low.
        Low,
        /// High.
        High,
    }
}

#[test]
fn generated_code_ignores_the_users_scope() {
    use ::schema_core::Table;
    let def = shadowing::Parent::table_def();
    assert_eq!(def.name, "parents");
    assert_eq!(def.columns.len(), 6);
    assert_eq!(shadowing::Parent::COLUMNS.parent_id.name(), "parent_id");
}
