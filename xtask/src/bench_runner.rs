//! `cargo xtask bench-runner`: the migration runner (what `cargo xtask migrate` runs) against
//! psql applying the same statements in one session, on a history of N small migrations
//! written by migrate-gen: a first migration of 20 tables, then one added column per
//! migration. Each run applies the whole history to a new, empty database; runs alternate
//! between the two, and the medians and their ratio are printed. The runner's time includes
//! everything it does beyond psql: checking the folder against `schema.sum`, the lock, the
//! history table, a transaction and a progress record per segment. A benchmark, not a test.

use schema_core::migrate::runner::{migrate, RunOptions};
use schema_core::migrate::{generate_with, GenerateOptions};
use schema_core::model::{ColumnDef, PrimaryKey, SqlType, TableDef};
use schema_core::Schema;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

const USAGE: &str =
    "usage: cargo xtask bench-runner [--migrations N] [--runs N] [--database-url URL]";

/// Tables of the first migration; later migrations add a column to one of them in turn.
const TABLES: usize = 20;

struct Options {
    migrations: usize,
    runs: usize,
    url: String,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        migrations: 1000,
        runs: 3,
        url: std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned()),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("`{arg}` needs a value; {USAGE}"))?;
        let positive = || {
            value
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{arg}: `{value}` is not a positive number"))
        };
        match arg.as_str() {
            "--migrations" => options.migrations = positive()?,
            "--runs" => options.runs = positive()?,
            "--database-url" => options.url = value.clone(),
            other => return Err(format!("unknown argument `{other}`; {USAGE}")),
        }
    }
    Ok(options)
}

fn table(i: usize, extra: usize) -> TableDef {
    let mut t = TableDef::new("public", format!("t{i:02}"));
    t.columns.push(ColumnDef::new("id", SqlType::BigInt, false));
    for c in 0..extra {
        t.columns
            .push(ColumnDef::new(format!("c{c:04}"), SqlType::Text, true));
    }
    t.primary_key = Some(PrimaryKey {
        name: format!("t{i:02}_pkey"),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    t
}

/// The history: migration 0 creates the tables, migration k adds column k-1 to a table.
fn write_history(dir: &Path, migrations: usize) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    let options = GenerateOptions::default();
    for k in 0..migrations {
        let mut schema = Schema::new();
        for i in 0..TABLES {
            // Columns added so far to table i: every TABLES-th migration from i+1.
            let extra = if k > i { (k - i - 1) / TABLES + 1 } else { 0 };
            schema.add_table(table(i, extra));
        }
        generate_with(&schema, dir, &options).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Every up file of `dir` in order, as one script for psql.
fn concatenated(dir: &Path) -> Result<PathBuf, String> {
    let files = schema_core::migrate::list_migrations(dir).map_err(|e| e.to_string())?;
    let mut all = String::new();
    for file in files {
        all.push_str(&std::fs::read_to_string(&file.sql).map_err(|e| e.to_string())?);
        all.push('\n');
    }
    let path = dir.with_extension("all.sql");
    std::fs::write(&path, all).map_err(|e| e.to_string())?;
    Ok(path)
}

fn with_database(url: &str, name: &str) -> String {
    match url.rfind('/') {
        Some(at) => {
            let (base, rest) = url.split_at(at);
            let query = rest.find('?').map_or("", |q| &rest[q..]);
            format!("{base}/{name}{query}")
        }
        None => url.to_owned(),
    }
}

fn admin(url: &str, sql: &str) -> Result<(), String> {
    let mut client =
        postgres::Client::connect(url, postgres::NoTls).map_err(|e| format!("{url}: {e}"))?;
    client.batch_execute(sql).map_err(|e| e.to_string())
}

fn fresh_database(url: &str, name: &str) -> Result<String, String> {
    admin(url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    admin(url, &format!("CREATE DATABASE {name}"))?;
    Ok(with_database(url, name))
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Runs the benchmark and prints its table.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let dir = Path::new(ROOT).join("target/bench-runner/migrations");
    eprintln!(
        "writing {} migrations to {}",
        options.migrations,
        dir.display()
    );
    write_history(&dir, options.migrations)?;
    let script = concatenated(&dir)?;
    let (mut ours, mut psql) = (Vec::new(), Vec::new());
    for run in 0..options.runs {
        let url = fresh_database(&options.url, "bench_runner_ours")?;
        let started = Instant::now();
        let report = migrate(&url, &dir, &RunOptions::default()).map_err(|e| e.to_string())?;
        ours.push(started.elapsed());
        if report.applied.len() != options.migrations {
            return Err(format!(
                "the runner applied {} migrations",
                report.applied.len()
            ));
        }

        let url = fresh_database(&options.url, "bench_runner_psql")?;
        let started = Instant::now();
        let status = Command::new("psql")
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &url, "-f"])
            .arg(&script)
            .status()
            .map_err(|e| format!("cannot run psql: {e}"))?;
        psql.push(started.elapsed());
        if !status.success() {
            return Err(format!("psql failed: {status}"));
        }
        eprintln!(
            "run {}: runner {:.2} s, psql {:.2} s",
            run + 1,
            ours[run].as_secs_f64(),
            psql[run].as_secs_f64()
        );
    }
    for name in ["bench_runner_ours", "bench_runner_psql"] {
        admin(
            &options.url,
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        )?;
    }
    let (ours, psql) = (median(ours), median(psql));
    println!("| migrations | runner (median) | psql, one session (median) | runner / psql |");
    println!("|---|---|---|---|");
    println!(
        "| {} | {:.2} s | {:.2} s | {:.2}x |",
        options.migrations,
        ours.as_secs_f64(),
        psql.as_secs_f64(),
        ours.as_secs_f64() / psql.as_secs_f64()
    );
    Ok(())
}
