//! Models to DDL and back: the rendered DDL (snapshot), applied to PostgreSQL and read back from
//! the catalog, every mapped type round-tripped, hostile identifiers, the derive's output in a
//! strict crate, and the test database harness itself.
//! (One test binary per theme, each file a module: see CONTRIBUTING.md, "Tests".)

mod catalog;
mod ddl;
mod default_literals;
mod harness;
mod hostile_names;
// Public: `missing_docs` judges only exported items, as in a user's crate.
pub mod hygiene;
mod roundtrip;
