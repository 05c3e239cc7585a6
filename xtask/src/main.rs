//! `cargo xtask <command>` for this workspace: the examples crate's models, migrations under
//! `examples/migrations`. A project of its own needs only these lines, with its own models.

use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/migrations");
    schema_core::cli::main(schema_examples::schema(), dir)
}
