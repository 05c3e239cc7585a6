//! The grammar of the command line, declared with clap's derive, and its translation into
//! [`Command`]. Clap does the parsing, `--help` per command, `--flag=value` and the typed values
//! (each through its own parser: [`Timeout`]'s `FromStr`, [`HistoryTable::parse`]); this file
//! only renders clap's errors as the project's one line.

use super::{Command, RunAction, RunTarget};
use crate::diff::Timeout;
use crate::migrate::runner::{DownTarget, HistoryTable, RunOptions};
use crate::migrate::GenerateOptions;
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How the program is called in help and error messages.
const BIN: &str = "cargo xtask";

#[derive(Parser, Debug)]
#[command(
    name = "xtask",
    bin_name = BIN,
    version = concat!("(schema-core ", env!("CARGO_PKG_VERSION"), ")"),
    about = "Migrations and Zod schemas from the project's models, and the migration runner.",
    after_help = "Exit codes: 0 success; 1 an error, files that `--check` finds stale, or a database that `status` or `verify` finds not current.",
    subcommand_required = true,
    // No dump of the whole help for a bare `cargo xtask`: one line, as for every error.
    arg_required_else_help = false
)]
struct Cli {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Subcommand, Debug)]
enum Sub {
    /// Write the next migration: the change from the latest snapshot to the models.
    MigrateGen(MigrateGen),
    /// Check the migrations folder against the models, writing nothing (for CI).
    Check(Folder),
    /// Rewrite schema.sum after an intended edit of a migration.
    MigrateHash(Folder),
    /// Write the Zod schemas of the models.
    ZodGen {
        /// The TypeScript file [default: zod/models.ts beside the migrations folder].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Write nothing; fail when the file differs from what would be written (for CI).
        #[arg(long)]
        check: bool,
    },
    /// Apply the pending migrations to the database.
    Migrate {
        /// Stop after this migration.
        #[arg(long, value_name = "NAME", value_parser = Text)]
        to: Option<String>,
        /// Say what would run; change nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        database: Database,
    },
    /// Compare the database's history with the folder; fails unless it is at the latest.
    Status(Database),
    /// Run down migrations: the newest one unless `--to` or `--steps` says otherwise.
    Down {
        /// Undo every applied migration after this one (which stays applied).
        #[arg(long, value_name = "NAME", value_parser = Text, conflicts_with = "steps")]
        to: Option<String>,
        /// Undo the newest N applied migrations [default: 1].
        #[arg(long, value_name = "N", value_parser = steps)]
        steps: Option<usize>,
        /// Run down files that lose data.
        #[arg(long)]
        allow_destructive: bool,
        #[command(flatten)]
        database: Database,
    },
    /// Record an existing database as matching a migration, without running anything.
    Baseline {
        /// The migration the database matches, e.g. 0003_add_tags.
        #[arg(value_name = "NAME", value_parser = Text)]
        migration: String,
        #[command(flatten)]
        database: Database,
    },
    /// Accept an edited migration's new checksum, or clear the record of an unfinished run.
    Repair {
        /// The migration, e.g. 0003_add_tags.
        #[arg(value_name = "NAME", value_parser = Text)]
        migration: String,
        /// Why the edit or the cleared run is intended, for the history.
        #[arg(long, value_name = "TEXT", value_parser = Text, required = true)]
        reason: String,
        #[command(flatten)]
        database: Database,
    },
    /// Compare the database's catalog with the last applied snapshot; fails on drift.
    Verify(Database),
}

#[derive(Args, Debug)]
struct MigrateGen {
    /// The part of the file name after NNNN_ [default: derived from the change].
    #[arg(long, value_name = "NAME", value_parser = Text)]
    name: Option<String>,
    /// Plan changes that lose data (drops) instead of refusing them.
    #[arg(long)]
    allow_destructive: bool,
    /// The lock_timeout of every segment [default: 5s].
    #[arg(long, value_name = "DURATION", allow_negative_numbers = true)]
    lock_timeout: Option<Timeout>,
    /// The statement_timeout of every segment [default: 1min].
    #[arg(long, value_name = "DURATION", allow_negative_numbers = true)]
    statement_timeout: Option<Timeout>,
    /// The statement_timeout of a segment with a statement that may run long [default: 1h].
    #[arg(long, value_name = "DURATION", allow_negative_numbers = true)]
    long_statement_timeout: Option<Timeout>,
    /// Write nothing; fail when the models changed since the latest migration (for CI).
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    folder: Folder,
}

#[derive(Args, Debug)]
struct Folder {
    /// The migrations folder [default: the project's, beside its xtask].
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct Database {
    /// The database, e.g. postgres://user@host/db?sslmode=require.
    #[arg(long, value_name = "URL", value_parser = Text, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    #[command(flatten)]
    folder: Folder,
    /// The history table [default: schema_history.migrations].
    #[arg(long, value_name = "SCHEMA.TABLE", value_parser = HistoryTable::parse)]
    history_table: Option<HistoryTable>,
    /// How long to wait for another runner's lock [default: 60].
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    lock_wait: Option<Duration>,
    /// Print the outcome as one JSON document, without progress lines.
    #[arg(long)]
    json: bool,
}

/// A text value: UTF-8 and not empty, refused with the argument shown (clap's own parser
/// would say only that some argument is not UTF-8).
#[derive(Clone)]
struct Text;

impl clap::builder::TypedValueParser for Text {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let raw = |kind, message: String| clap::Error::raw(kind, message).with_cmd(cmd);
        match value.to_str() {
            None => Err(raw(
                ErrorKind::InvalidUtf8,
                format!("argument {value:?} is not valid UTF-8"),
            )),
            Some("") => Err(raw(
                ErrorKind::InvalidValue,
                format!(
                    "a value is required for '{}' but none was supplied",
                    arg.map_or_else(|| "...".to_owned(), ToString::to_string)
                ),
            )),
            Some(text) => Ok(text.to_owned()),
        }
    }
}

/// `--steps`: one or more.
fn steps(text: &str) -> Result<usize, String> {
    text.parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| "takes a number of migrations, 1 or more".to_owned())
}

/// `--lock-wait`: whole seconds.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse()
        .map(Duration::from_secs)
        .map_err(|_| "takes whole seconds".to_owned())
}

/// Parses the arguments after the program name. `--help` and `--version`, for the program or
/// a command, are [`Command::Help`] with the text to print; an error is one line, ending with
/// where to read the command's help. A folder or file (`--dir`, `--out`) may be any path;
/// every other value must be UTF-8.
pub fn parse_args<I>(args: I, default_dir: &str) -> Result<Command, String>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(
        std::iter::once(OsString::from("xtask")).chain(args.iter().cloned()),
    ) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return Ok(Command::Help(e.render().to_string().trim_end().to_owned()))
        }
        Err(e) => return Err(one_line(&e, args.first().map(OsString::as_os_str))),
    };
    Ok(command(cli.command, Path::new(default_dir)))
}

/// Clap's error without its usage block, on one line: its paragraphs joined with `; `, then
/// where to read the help of the command given (`first`, when it names one).
fn one_line(error: &clap::Error, first: Option<&OsStr>) -> String {
    let help = match first.and_then(OsStr::to_str) {
        Some(name) if Cli::command().find_subcommand(name).is_some() => {
            format!("see `{BIN} {name} --help`")
        }
        _ => format!("see `{BIN} --help`"),
    };
    if error.kind() == ErrorKind::MissingSubcommand {
        return format!("no command given; {help}");
    }
    let rendered = error.render().to_string();
    let paragraphs: Vec<String> = rendered
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with("Usage:") && !p.starts_with("For more"))
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect();
    let message = paragraphs.join("; ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    format!("{message}; {help}")
}

/// The parsed command line as the library's [`Command`], defaults filled in.
fn command(sub: Sub, default_dir: &Path) -> Command {
    let dir = |folder: Folder| folder.dir.unwrap_or_else(|| default_dir.to_owned());
    let run = |action: RunAction, database: Database| {
        let defaults = RunOptions::default();
        Command::Run {
            action,
            target: RunTarget {
                database_url: database.database_url,
                dir: dir(database.folder),
                options: RunOptions {
                    history: database.history_table.unwrap_or(defaults.history.clone()),
                    lock_wait: database.lock_wait.unwrap_or(defaults.lock_wait),
                    ..defaults
                },
                json: database.json,
            },
        }
    };
    match sub {
        Sub::MigrateGen(args) => {
            let mut options = GenerateOptions {
                name: args.name,
                allow_destructive: args.allow_destructive,
                ..GenerateOptions::default()
            };
            let timeouts = &mut options.timeouts;
            for (given, setting) in [
                (args.lock_timeout, &mut timeouts.lock_timeout),
                (args.statement_timeout, &mut timeouts.statement_timeout),
                (
                    args.long_statement_timeout,
                    &mut timeouts.long_statement_timeout,
                ),
            ] {
                if let Some(given) = given {
                    *setting = given;
                }
            }
            Command::MigrateGen {
                options,
                dir: dir(args.folder),
                check: args.check,
            }
        }
        Sub::Check(folder) => Command::Check { dir: dir(folder) },
        Sub::MigrateHash(folder) => Command::MigrateHash { dir: dir(folder) },
        Sub::ZodGen { out, check } => Command::ZodGen {
            out: out.unwrap_or_else(|| default_dir.join("..").join("zod").join("models.ts")),
            check,
        },
        Sub::Migrate {
            to,
            dry_run,
            database,
        } => run(RunAction::Migrate { to, dry_run }, database),
        Sub::Status(database) => run(RunAction::Status, database),
        Sub::Down {
            to,
            steps,
            allow_destructive,
            database,
        } => run(
            RunAction::Down {
                target: match to {
                    Some(name) => DownTarget::To(name),
                    None => DownTarget::Steps(steps.unwrap_or(1)),
                },
                allow_destructive,
            },
            database,
        ),
        Sub::Baseline {
            migration,
            database,
        } => run(RunAction::Baseline { migration }, database),
        Sub::Repair {
            migration,
            reason,
            database,
        } => run(RunAction::Repair { migration, reason }, database),
        Sub::Verify(database) => run(RunAction::Verify, database),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clap's own consistency checks of the grammar (conflicting names, bad defaults).
    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }
}
