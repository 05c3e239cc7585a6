//! Validation: the typed validators, their agreement with PostgreSQL and with the generated Zod
//! schemas, the checked-in Zod module, and the crate-wide rule configuration.
//! (One test binary per theme, each file a module: see CONTRIBUTING.md, "Tests".
//! `validate_allocations.rs` is its own binary: it installs a counting global allocator.)

mod config_rules;
mod generated_zod;
mod validate_pg;
mod validate_typed;
mod zod_differential;
