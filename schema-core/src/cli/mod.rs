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
//! The arguments are parsed by clap (`cli/args.rs`): `cargo xtask --help` and
//! `cargo xtask <command> --help` list them, and `--flag value` and `--flag=value` are the same.
//! The commands: `migrate-gen`, `check`, `migrate-hash` and `zod-gen` on the models and files;
//! `migrate`, `status`, `down`, `baseline`, `repair` and `verify` on a database (`--database-url`
//! or `DATABASE_URL`). `migrate-gen --check` and `zod-gen --check` write nothing and fail when
//! the files are stale, for CI.
//!
//! Exit codes:
//!
//! * `0`: done; for `--check`, `check`, `status` and `verify`: everything is current. `--help`
//!   and `--version` exit 0 too.
//! * `1`: an error (bad arguments included), files that `--check` or `check` finds stale, a
//!   database that `status` finds behind or `verify` finds drifted.
//!
//! An error is printed as one line on stderr starting with `error: `; nothing prompts.

mod args;

pub use args::parse_args;

use crate::migrate::runner::{self, DownTarget, RunOptions};
use crate::migrate::{check, generate_with, rehash, GenerateOptions, Generated};
use crate::model::Schema;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// `migrate-gen [--name NAME] [--allow-destructive] [--lock-timeout DURATION]
    /// [--statement-timeout DURATION] [--long-statement-timeout DURATION] [--check]
    /// [--dir DIR]`: write the next migration with [`generate_with`]. With `--check`: write
    /// nothing, and fail when the models changed since the latest migration, as [`check`]
    /// does.
    MigrateGen {
        /// `--name`, `--allow-destructive` and the timeouts.
        options: GenerateOptions,
        /// `--dir`: the migrations folder (the caller's default if absent).
        dir: PathBuf,
        /// `--check`.
        check: bool,
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
    /// `zod-gen [--out FILE] [--check]`: write the Zod schemas of the models ([`crate::zod::write`]).
    /// With `--check`: write nothing, and fail when the file differs from what would be
    /// written ([`crate::zod::is_current`]).
    ZodGen {
        /// `--out`: the TypeScript file (default: `zod/models.ts` beside the migrations
        /// folder).
        out: PathBuf,
        /// `--check`.
        check: bool,
    },
    /// `migrate`, `status`, `down`, `baseline`, `repair` or `verify`: a command of the
    /// migration runner ([`crate::migrate::runner`]) on a database.
    Run {
        /// What to do.
        action: RunAction,
        /// Where and how.
        target: RunTarget,
    },
    /// `--help`, `-h` or `help` (of the program or a command), or `--version`: print this
    /// text.
    Help(String),
}

/// A runner command and its own arguments.
#[derive(Debug, PartialEq, Eq)]
pub enum RunAction {
    /// `migrate [--to NAME] [--dry-run]`.
    Migrate {
        /// `--to`: stop after this migration.
        to: Option<String>,
        /// `--dry-run`: say what would run, change nothing.
        dry_run: bool,
    },
    /// `status`: exit code 0 only when the database is at the latest migration.
    Status,
    /// `down [--to NAME | --steps N] [--allow-destructive]` (one step by default).
    Down {
        /// Which migrations.
        target: DownTarget,
        /// `--allow-destructive`.
        allow_destructive: bool,
    },
    /// `baseline NAME`.
    Baseline {
        /// The migration the database matches.
        migration: String,
    },
    /// `repair NAME --reason TEXT`.
    Repair {
        /// The migration.
        migration: String,
        /// Why.
        reason: String,
    },
    /// `verify`: exit code 0 only when the catalog equals the last applied snapshot.
    Verify,
}

/// The database, folder and options of a runner command.
#[derive(Debug, PartialEq, Eq)]
pub struct RunTarget {
    /// `--database-url`, else `DATABASE_URL` (read by the parser, and again at run time when
    /// `None`).
    pub database_url: Option<String>,
    /// `--dir`: the migrations folder.
    pub dir: PathBuf,
    /// `--history-table`, `--lock-wait`.
    pub options: RunOptions,
    /// `--json`: the outcome as one JSON document, no progress lines.
    pub json: bool,
}

/// Runs a command and reports its outcome as text, for [`main`] and tests. A `status` that is
/// not up to date and a `verify` that finds drift are errors here, their report the message.
pub fn run(schema: &Schema, command: Command) -> Result<String, String> {
    match execute(schema, command)? {
        (text, true) => Ok(text),
        (text, false) => Err(text),
    }
}

/// Runs a command: its report, and whether the exit code is success.
fn execute(schema: &Schema, command: Command) -> Result<(String, bool), String> {
    match command {
        Command::Run { action, target } => run_database(action, &target),
        other => run_files(schema, other).map(|text| (text, true)),
    }
}

/// A runner command on its database. Progress goes to stdout as it happens, unless `--json`.
fn run_database(action: RunAction, target: &RunTarget) -> Result<(String, bool), String> {
    let url = match &target.database_url {
        Some(url) => url.clone(),
        None => std::env::var("DATABASE_URL").map_err(|_| {
            "no database given: pass `--database-url URL` or set DATABASE_URL".to_owned()
        })?,
    };
    let dir = &target.dir;
    let options = &target.options;
    let json = target.json;
    let mut progress = |event: runner::Event<'_>| {
        if !json {
            say(&event);
        }
    };
    let report = |text: String, value: serde_json::Value, ok: bool| {
        if json {
            (value.to_string(), ok)
        } else {
            (text, ok)
        }
    };
    let failed = |e: runner::RunError| {
        if json {
            serde_json::json!({ "ok": false, "error": e.to_string() }).to_string()
        } else {
            e.to_string()
        }
    };
    Ok(match action {
        RunAction::Migrate { to, dry_run } => {
            let done =
                runner::migrate_with(&url, dir, options, to.as_deref(), dry_run, &mut progress)
                    .map_err(failed)?;
            report(
                done.to_string(),
                serde_json::json!({ "ok": true, "migrate": done }),
                true,
            )
        }
        RunAction::Status => {
            let status = runner::status(&url, dir, options).map_err(failed)?;
            let ok = status.is_current();
            report(
                status.to_string(),
                serde_json::json!({ "ok": ok, "status": status }),
                ok,
            )
        }
        RunAction::Down {
            target: which,
            allow_destructive,
        } => {
            let done = runner::down(&url, dir, &which, allow_destructive, options, &mut progress)
                .map_err(failed)?;
            report(
                done.to_string(),
                serde_json::json!({ "ok": true, "down": done }),
                true,
            )
        }
        RunAction::Baseline { migration } => {
            let n = runner::baseline(&url, dir, &migration, options).map_err(failed)?;
            report(
                format!("baseline: the database matches {migration}; recorded {n} migration{} as applied without running them", if n == 1 { "" } else { "s" }),
                serde_json::json!({ "ok": true, "baseline": migration, "recorded": n }),
                true,
            )
        }
        RunAction::Repair { migration, reason } => {
            let done = runner::repair(&url, dir, &migration, &reason, options).map_err(failed)?;
            let text = match done {
                runner::Repaired::AcceptedEdit => format!("repaired {migration}: its file's new checksum is recorded, with the reason"),
                runner::Repaired::ClearedRun => format!("repaired {migration}: the record of its unfinished run is cleared; `cargo xtask migrate` runs it from the start"),
            };
            report(
                text,
                serde_json::json!({ "ok": true, "repair": migration, "done": done }),
                true,
            )
        }
        RunAction::Verify => {
            let verified = runner::verify(&url, dir, options).map_err(failed)?;
            let ok = verified.differences.is_empty();
            report(
                verified.to_string(),
                serde_json::json!({ "ok": ok, "verify": verified }),
                ok,
            )
        }
    })
}

/// A command on the models and the migration files.
fn run_files(schema: &Schema, command: Command) -> Result<String, String> {
    match command {
        Command::Run { action, target } => match run_database(action, &target)? {
            (text, true) => Ok(text),
            (text, false) => Err(text),
        },
        Command::Help(text) => Ok(text),
        Command::MigrateGen {
            dir, check: true, ..
        } => check(schema, &dir)
            .map(|report| format!("{report}: no migration to write"))
            .map_err(|e| e.to_string()),
        Command::MigrateGen {
            options,
            dir,
            check: false,
        } => {
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
        Command::ZodGen { out, check: true } => match crate::zod::is_current(schema, &out) {
            Ok(true) => Ok(format!("ok: {} matches the models", shown(&out).display())),
            Ok(false) if !out.exists() => Err(format!(
                "{} does not exist: run `cargo xtask zod-gen`",
                shown(&out).display()
            )),
            Ok(false) => Err(format!(
                "{} differs from the models' Zod schemas: run `cargo xtask zod-gen`",
                shown(&out).display()
            )),
            Err(e) => Err(format!("cannot read {}: {e}", out.display())),
        },
        Command::ZodGen { out, check: false } => crate::zod::write(schema, &out)
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

/// Prints a line on standard output. A reader that has gone (`cargo xtask --help | head`) is
/// no error of the command's: `println!` would panic with a backtrace, and a migration that is
/// running must not stop halfway because nobody reads its progress.
fn say(line: &dyn std::fmt::Display) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// The whole `xtask` entry point: reads `std::env::args`, runs, prints, exits.
pub fn main(schema: Schema, default_dir: &str) -> ExitCode {
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8.
    let outcome =
        parse_args(std::env::args_os().skip(1), default_dir).and_then(|c| execute(&schema, c));
    // The process ends here: the system takes back the models' memory at once, where freeing
    // the thousands of allocations of a large schema one by one would take milliseconds.
    std::mem::forget(schema);
    match outcome {
        Ok((message, ok)) => {
            say(&message);
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            // As `say`: a closed stderr leaves only the exit code to tell.
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::FAILURE
        }
    }
}
