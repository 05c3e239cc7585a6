//! `cargo xtask <command>` for this workspace: the examples crate's models, migrations under
//! `examples/migrations`. A project of its own needs only these lines, with its own models.
//! `bench-compile`, `bench-scale` and `bench-runner` are this workspace's own benchmarks
//! (BENCHMARKS.md): compile cost of the derive, migrate-gen against drizzle-kit on large schemas,
//! and the migration runner against psql.

use std::process::ExitCode;

mod bench_compile;
mod bench_runner;
mod bench_scale;
mod child_usage;
mod drizzle_schema;
mod gnu_time;
mod synthetic_schema;

/// A benchmark: its arguments in, the table printed or why it could not be.
type Bench = fn(&[String]) -> Result<(), String>;

fn main() -> ExitCode {
    // `args_os`: a non-UTF-8 argument is `schema_core::cli`'s one-line error, never a panic.
    let bench: Option<Bench> = match std::env::args_os()
        .nth(1)
        .as_deref()
        .and_then(|a| a.to_str())
    {
        Some("bench-compile") => Some(bench_compile::run),
        Some("bench-scale") => Some(bench_scale::run),
        Some("bench-runner") => Some(bench_runner::run),
        _ => None,
    };
    if let Some(bench) = bench {
        let args: Vec<String> = std::env::args_os()
            .skip(2)
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return match bench(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/migrations");
    schema_core::cli::main(schema_examples::schema(), dir)
}
