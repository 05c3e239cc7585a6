//! `cargo xtask <command>` for this workspace: the examples crate's models, migrations under
//! `examples/migrations`. A project of its own needs only these lines, with its own models.
//! `bench-compile` is this workspace's own compile-cost benchmark (BENCHMARKS.md).

use std::process::ExitCode;

mod bench_compile;

fn main() -> ExitCode {
    // `args_os`: a non-UTF-8 argument is `schema_core::cli`'s one-line error, never a panic.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == "bench-compile")
    {
        let args: Vec<String> = std::env::args_os()
            .skip(2)
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return match bench_compile::run(&args) {
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
