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
use crate::migrate::runner::{self, DownTarget, HistoryTable, RunOptions};
use crate::migrate::{check, generate_with, rehash, GenerateOptions, Generated};
use crate::model::Schema;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: xtask migrate-gen [--name NAME] [--allow-destructive] [--lock-timeout DURATION] [--statement-timeout DURATION] [--long-statement-timeout DURATION] [--dir DIR] | check [--dir DIR] | migrate-hash [--dir DIR] | zod-gen [--out FILE] | migrate [--to NAME] [--dry-run] | status | down [--to NAME | --steps N] [--allow-destructive] | baseline NAME | repair NAME --reason TEXT | verify; the last six take [--database-url URL] [--dir DIR] [--history-table SCHEMA.TABLE] [--lock-wait SECONDS] [--json]";

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
    /// `migrate`, `status`, `down`, `baseline`, `repair` or `verify`: a command of the
    /// migration runner ([`crate::migrate::runner`]) on a database.
    Run {
        /// What to do.
        action: RunAction,
        /// Where and how.
        target: RunTarget,
    },
    /// `help`, `-h` or `--help`: print the usage line.
    Help,
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
    /// `--database-url`; `DATABASE_URL` when absent.
    pub database_url: Option<String>,
    /// `--dir`: the migrations folder.
    pub dir: PathBuf,
    /// `--history-table`, `--lock-wait`.
    pub options: RunOptions,
    /// `--json`: the outcome as one JSON document, no progress lines.
    pub json: bool,
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
    if RUN_COMMANDS.contains(&command.as_str()) {
        return parse_run(&command, args, default_dir);
    }
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

const RUN_COMMANDS: &[&str] = &["migrate", "status", "down", "baseline", "repair", "verify"];

/// Parses a runner command's arguments; `--flag=value` is accepted for every flag with a value.
fn parse_run(
    command: &str,
    args: impl Iterator<Item = OsString>,
    default_dir: &str,
) -> Result<Command, String> {
    let mut target = RunTarget {
        database_url: None,
        dir: PathBuf::from(default_dir),
        options: RunOptions::default(),
        json: false,
    };
    let mut to = None;
    let mut steps = None;
    let mut dry_run = false;
    let mut allow_destructive = false;
    let mut reason = None;
    let mut positional = Vec::new();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let arg = utf8(arg)?;
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |flag: &str| -> Result<String, String> {
            match &inline {
                Some(v) if !v.is_empty() => Ok(v.clone()),
                Some(_) => Err(format!("`{flag}` needs a value; {USAGE}")),
                None => utf8(value(&mut args, flag)?),
            }
        };
        match (command, flag.as_str()) {
            (_, "--dir") => target.dir = PathBuf::from(value("--dir")?),
            (_, "--database-url") => target.database_url = Some(value("--database-url")?),
            (_, "--history-table") => {
                target.options.history = HistoryTable::parse(&value("--history-table")?)?
            }
            (_, "--lock-wait") => {
                let seconds = value("--lock-wait")?;
                let seconds: u64 = seconds
                    .parse()
                    .map_err(|_| format!("`--lock-wait` takes whole seconds, not `{seconds}`"))?;
                target.options.lock_wait = std::time::Duration::from_secs(seconds);
            }
            (_, "--json") => target.json = true,
            ("migrate" | "down", "--to") => to = Some(value("--to")?),
            ("migrate", "--dry-run") => dry_run = true,
            ("down", "--steps") => {
                let n = value("--steps")?;
                steps = Some(n.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("`--steps` takes a number of migrations (1 or more), not `{n}`")
                })?);
            }
            ("down", "--allow-destructive") => allow_destructive = true,
            ("repair", "--reason") => reason = Some(value("--reason")?),
            ("baseline" | "repair", name) if !name.starts_with('-') => positional.push(arg.clone()),
            (_, other) => {
                return Err(format!(
                    "unknown argument `{other}` for `{command}`; {USAGE}"
                ))
            }
        }
    }
    let one_name = |positional: Vec<String>| -> Result<String, String> {
        match <[String; 1]>::try_from(positional) {
            Ok([name]) => Ok(name),
            Err(_) => Err(format!(
                "`{command}` takes one migration name, e.g. `{command} 0003_add_tags`; {USAGE}"
            )),
        }
    };
    let action = match command {
        "migrate" => RunAction::Migrate { to, dry_run },
        "status" => RunAction::Status,
        "verify" => RunAction::Verify,
        "down" => RunAction::Down {
            target: match (to, steps) {
                (Some(_), Some(_)) => {
                    return Err("`down` takes `--to NAME` or `--steps N`, not both".to_owned())
                }
                (Some(name), None) => DownTarget::To(name),
                (None, steps) => DownTarget::Steps(steps.unwrap_or(1)),
            },
            allow_destructive,
        },
        "baseline" => RunAction::Baseline {
            migration: one_name(positional)?,
        },
        _ => RunAction::Repair {
            migration: one_name(positional)?,
            reason: reason.ok_or_else(|| {
                "`repair` needs `--reason \"...\"`: why the edit or the cleared run is intended, for the history".to_owned()
            })?,
        },
    };
    Ok(Command::Run { action, target })
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
            println!("{event}");
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
        parse_args(std::env::args_os().skip(1), default_dir).and_then(|c| execute(&schema, c));
    match outcome {
        Ok((message, ok)) => {
            println!("{message}");
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
