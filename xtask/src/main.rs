//! `cargo xtask <command>` for this workspace: the examples crate's models, migrations under
//! `examples/migrations`. A project of its own needs only these lines, with its own models.
//! `bench-compile` is this workspace's own compile-cost benchmark (BENCHMARKS.md).

use std::process::ExitCode;

mod bench_compile;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("bench-compile") {
        return match bench_compile::run(&args[1..]) {
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
