//! The command line of a project's `xtask`, as a library: a project's whole xtask is
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     # let my_schema = schema_core::Schema::new;
//!     // The folder beside the xtask crate, wherever `cargo xtask` is run from.
//!     let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations");
//!     schema_core::cli::main(my_schema(), dir)
//! }
//! ```
//!
//! The default folder is anchored to the xtask crate at compile time: a relative default
//! would be read from the working directory, and `cargo xtask migrate-gen` run from a
//! subfolder would start a second history. An explicit `--dir` is relative to the working
//! directory, as a user typing it expects.
//!
//! Errors are printed as one line on stderr with a non-zero exit code; nothing prompts.

use crate::diff::{InvalidTimeout, Timeout};
use crate::migrate::{check, generate_with, rehash, GenerateOptions, Generated};
use crate::model::Schema;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: xtask migrate-gen [--name NAME] [--allow-destructive] [--lock-timeout DURATION] [--statement-timeout DURATION] [--long-statement-timeout DURATION] [--dir DIR] | check [--dir DIR] | migrate-hash [--dir DIR] | zod-gen [--out FILE]";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// `migrate-gen [--name NAME] [--allow-destructive] [--lock-timeout DURATION]
    /// [--statement-timeout DURATION] [--long-statement-timeout DURATION] [--dir DIR]`: write
    /// the next migration with [`generate_with`].
    MigrateGen {
        /// `--name`, `--allow-destructive` and the timeouts.
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

/// Parses the arguments after the program name. A folder or file (`--dir`, `--out`) may be
/// any path; everything else must be UTF-8.
pub fn parse_args<I>(args: I, default_dir: &str) -> Result<Command, String>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut args = args.into_iter().map(Into::into);
    let command = match args.next() {
        None => return Err(format!("no command given; {USAGE}")),
        Some(c) => utf8(c)?,
    };
    if command == "-h" || command == "--help" || command == "help" {
        return Ok(Command::Help);
    }
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
        let flag = utf8(flag)?;
        match flag.as_str() {
            "--dir" => dir = PathBuf::from(value(&mut args, "--dir")?),
            "--name" if generates => options.name = Some(utf8(value(&mut args, "--name")?)?),
            "--allow-destructive" if generates => options.allow_destructive = true,
            "--lock-timeout" if generates => {
                options.timeouts.lock_timeout = timeout(&mut args, "--lock-timeout")?;
            }
            "--statement-timeout" if generates => {
                options.timeouts.statement_timeout = timeout(&mut args, "--statement-timeout")?;
            }
            "--long-statement-timeout" if generates => {
                options.timeouts.long_statement_timeout =
                    timeout(&mut args, "--long-statement-timeout")?;
            }
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

/// The value after `flag`; a missing or empty one, or another flag, is an error.
fn value(args: &mut impl Iterator<Item = OsString>, flag: &str) -> Result<OsString, String> {
    args.next()
        .filter(|v| !v.is_empty() && !v.to_string_lossy().starts_with("--"))
        .ok_or_else(|| format!("`{flag}` needs a value; {USAGE}"))
}

/// The PostgreSQL duration after `flag`.
fn timeout(args: &mut impl Iterator<Item = OsString>, flag: &str) -> Result<Timeout, String> {
    utf8(value(args, flag)?)?
        .parse()
        .map_err(|e: InvalidTimeout| format!("`{flag}`: {e}"))
}

fn utf8(arg: OsString) -> Result<String, String> {
    arg.into_string()
        .map_err(|arg| format!("argument {arg:?} is not valid UTF-8; {USAGE}"))
}

fn parse_zod_gen(
    mut args: impl Iterator<Item = OsString>,
    default_dir: &str,
) -> Result<Command, String> {
    let mut out = std::path::Path::new(default_dir)
        .join("..")
        .join("zod")
        .join("models.ts");
    while let Some(flag) = args.next() {
        match utf8(flag)?.as_str() {
            "--out" => out = PathBuf::from(value(&mut args, "--out")?),
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
                Generated::Written {
                    sql, down, parent, ..
                } => {
                    let wrote = format!(
                        "wrote {} (down: {})",
                        shown(&sql).display(),
                        shown(&down).display()
                    );
                    Ok(match parent {
                        Some(_) => wrote,
                        // Said plainly, so that a history started in the wrong folder is
                        // noticed at once.
                        None => format!(
                            "started a new migration history in {} (it had no migrations): {wrote}",
                            absolute(&dir).display()
                        ),
                    })
                }
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

/// `path` made absolute (links resolved, when it exists).
fn absolute(path: &std::path::Path) -> std::path::PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
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
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8.
    let outcome =
        parse_args(std::env::args_os().skip(1), default_dir).and_then(|c| run(&schema, c));
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
