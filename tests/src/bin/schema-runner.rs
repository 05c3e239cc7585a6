//! The runner's command line as a process of its own (what `cargo xtask migrate` runs), for the
//! tests that kill it mid-migration and read its exit codes.

fn main() -> std::process::ExitCode {
    schema_core::cli::main(schema_core::Schema::new(), "migrations")
}
