//! The command line of a project's `xtask`, as a library: a project's whole xtask is
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     # let my_schema = schema_core::Schema::new;
//!     schema_core::cli::main(my_schema(), "migrations")
//! }
//! ```
//!
//! Errors are printed as one line on stderr with a non-zero exit code; nothing prompts.

use crate::migrate::{check, generate_with, rehash, GenerateOptions, Generated};
use crate::model::Schema;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: xtask migrate-gen [--name NAME] [--allow-destructive] [--dir DIR] | check [--dir DIR] | migrate-hash [--dir DIR] | zod-gen [--out FILE]";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// `migrate-gen [--name NAME] [--allow-destructive] [--dir DIR]`: write the next migration
    /// with [`generate_with`].
    MigrateGen {
        /// `--name` and `--allow-destructive`.
        options: GenerateOptions,
        /// `--dir`: the migrations folder (the caller's default if absent).
        dir: PathBuf,
    },
    /// `check [--dir DIR]`: [`check`] the folder against the models, writing nothing.
    Check {
        /// `--dir`: the migrations folder (the caller's default if absent).
        dir: PathBuf,
    },
    /// `migrate-hash [--dir DIR]`: rewrite `schema.sum` after an intended edit ([`rehash`]).
    MigrateHash {
        /// `--dir`: the migrations folder (the caller's default if absent).
        dir: PathBuf,
    },
    /// `zod-gen [--out FILE]`: write the Zod schemas of the models ([`crate::zod::write`]).
    ZodGen {
        /// `--out`: the TypeScript file (default: `zod/models.ts` beside the migrations
        /// folder).
        out: PathBuf,
    },
    /// `help`, `-h` or `--help`: print the usage line.
    Help,
}

/// Parses the arguments after the program name.
pub fn parse_args<I: IntoIterator<Item = String>>(
    args: I,
    default_dir: &str,
) -> Result<Command, String> {
    let mut args = args.into_iter();
    let command = match args.next() {
        None => return Err(format!("no command given; {USAGE}")),
        Some(c) if c == "-h" || c == "--help" || c == "help" => return Ok(Command::Help),
        Some(c) => c,
    };
    let generates = command == "migrate-gen";
    if command == "zod-gen" {
        return parse_zod_gen(args, default_dir);
    }
    if !generates && command != "check" && command != "migrate-hash" {
        return Err(format!("unknown command `{command}`; {USAGE}"));
    }
    let mut options = GenerateOptions::default();
    let mut dir = PathBuf::from(default_dir);
    while let Some(flag) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .filter(|v| !v.starts_with("--"))
                .ok_or_else(|| format!("`{flag}` needs a value; {USAGE}"))
        };
        match flag.as_str() {
            "--dir" => dir = PathBuf::from(value("--dir")?),
            "--name" if generates => options.name = Some(value("--name")?),
            "--allow-destructive" if generates => options.allow_destructive = true,
            other => {
                return Err(format!(
                    "unknown argument `{other}` for `{command}`; {USAGE}"
                ))
            }
        }
    }
    Ok(match command.as_str() {
        "migrate-gen" => Command::MigrateGen { options, dir },
        "check" => Command::Check { dir },
        _ => Command::MigrateHash { dir },
    })
}

fn parse_zod_gen(
    mut args: impl Iterator<Item = String>,
    default_dir: &str,
) -> Result<Command, String> {
    let mut out = std::path::Path::new(default_dir)
        .join("..")
        .join("zod")
        .join("models.ts");
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--out" => {
                out = args
                    .next()
                    .filter(|v| !v.starts_with("--"))
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("`--out` needs a value; {USAGE}"))?;
            }
            other => return Err(format!("unknown argument `{other}` for `zod-gen`; {USAGE}")),
        }
    }
    Ok(Command::ZodGen { out })
}

/// Runs a command and reports its outcome as text, for [`main`] and tests.
pub fn run(schema: &Schema, command: Command) -> Result<String, String> {
    match command {
        Command::Help => Ok(USAGE.to_owned()),
        Command::MigrateGen { options, dir } => {
            match generate_with(schema, &dir, &options).map_err(|e| e.to_string())? {
                Generated::Written { sql, down, .. } => Ok(format!(
                    "wrote {} (down: {})",
                    shown(&sql).display(),
                    shown(&down).display()
                )),
                Generated::NoChanges {
                    latest: Some(latest),
                } => Ok(format!("no changes: the models match migration {latest}")),
                Generated::NoChanges { latest: None } => {
                    Ok("no changes: the models are empty and there are no migrations".to_owned())
                }
            }
        }
        Command::Check { dir } => check(schema, &dir)
            .map(|report| report.to_string())
            .map_err(|e| e.to_string()),
        Command::ZodGen { out } => crate::zod::write(schema, &out)
            .map(|()| format!("wrote {}", shown(&out).display()))
            .map_err(|e| format!("cannot write {}: {e}", out.display())),
        Command::MigrateHash { dir } => rehash(&dir)
            .map(|path| format!("wrote {}", shown(&path).display()))
            .map_err(|e| e.to_string()),
    }
}

/// The path as a user would type it: relative to the working directory when it is inside it.
fn shown(path: &std::path::Path) -> std::path::PathBuf {
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            resolved
                .strip_prefix(cwd)
                .ok()
                .map(std::path::Path::to_owned)
        })
        .unwrap_or(resolved)
}

/// The whole `xtask` entry point: reads `std::env::args`, runs, prints, exits.
pub fn main(schema: Schema, default_dir: &str) -> ExitCode {
    let outcome = parse_args(std::env::args().skip(1), default_dir).and_then(|c| run(&schema, c));
    match outcome {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
