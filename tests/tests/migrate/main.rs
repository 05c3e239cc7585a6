//! Migrations: the diff engine case by case and by property, generating and checking a
//! migrations folder, the files applied on PostgreSQL (chains, timeouts, renames, adopting
//! another tool's names), squawk's lint of them, the runner, and its TLS connections.
//! (One test binary per theme, each file a module: see CONTRIBUTING.md, "Tests".)

mod adopt_drizzle_names;
mod connect_tls;
mod diff_cases;
mod diff_props;
mod migrate_gen;
mod migration_applies;
mod migration_chain;
mod migration_timeouts;
mod rename_hints;
mod runner;
mod squawk;
