//! `cargo xtask bench-scale`: migrate-gen against drizzle-kit `generate` on the same synthetic
//! schemas of N tables ([`crate::synthetic_schema`]). Our side is a release program, built once
//! before timing, that builds the schema at run time and calls `schema_core::cli::main` (what
//! `cargo xtask migrate-gen` runs); drizzle-kit's is the pinned `xtask/bench-scale/package.json`,
//! installed with `npm ci`, reading a `schema.ts` written from the same schema. Two scenarios:
//! the first migration (empty folder) and a change migration on top of it. Runs alternate
//! between the tools; the median whole-process wall and CPU times and the peak RSS, as the
//! kernel reports them for each process ([`crate::child_usage`]), are printed. A benchmark, not a test: nothing under `cargo test` runs it.

use crate::child_usage;
use crate::drizzle_schema::schema_ts;
use crate::gnu_time;
use crate::synthetic_schema::schema;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The workspace root.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Where the pinned drizzle-kit's `package.json` and `package-lock.json` live.
const NPM_PROJECT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bench-scale");

/// The release program's binary name.
const OURS: &str = "bench-scale-migrate-gen";

const USAGE: &str =
    "usage: cargo xtask bench-scale [--tables 100,1000,3000] [--runs N] [--out DIR] [--prepare-only]";

#[derive(Debug, PartialEq, Eq)]
struct Options {
    tables: Vec<usize>,
    runs: usize,
    out: PathBuf,
    /// Builds our program and writes its inputs and starting states, then stops: for profiling
    /// one run by hand (`valgrind --tool=callgrind`), without npm.
    prepare_only: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        tables: vec![100, 1000, 3000],
        runs: 5,
        out: Path::new(ROOT).join("target/bench-scale"),
        prepare_only: false,
    };
    let positive = |flag: &str, v: &str| {
        v.parse()
            .ok()
            .filter(|&n: &usize| n > 0)
            .ok_or_else(|| format!("{flag}: `{v}` is not a positive number"))
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("`{arg}` needs a value; {USAGE}"))
        };
        match arg.as_str() {
            "--tables" => {
                options.tables = value()?
                    .split(',')
                    .map(|v| positive("--tables", v))
                    .collect::<Result<_, _>>()?;
            }
            "--runs" => options.runs = positive("--runs", value()?)?,
            "--out" => options.out = PathBuf::from(value()?),
            "--prepare-only" => options.prepare_only = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`; {USAGE}")),
        }
    }
    Ok(options)
}

/// The migration being generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scenario {
    /// Into an empty folder: every table created.
    First,
    /// On top of the first: [`crate::synthetic_schema::Change`]'s edits.
    Change,
}

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Scenario::First => "first",
            Scenario::Change => "change",
        }
    }
}

/// One timed process.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    /// User plus system time of the process and of those it waited for.
    cpu: Duration,
    peak_rss_kib: u64,
}

/// One tool on one schema size and scenario: the median wall and CPU times (each the median
/// of its own) and the largest peak RSS.
#[derive(Clone, Copy)]
struct Figure {
    wall: Duration,
    cpu: Duration,
    peak_rss_kib: Option<u64>,
}

impl Figure {
    fn of(samples: &[Sample]) -> Self {
        let median = |time: fn(&Sample) -> Duration| {
            let mut times: Vec<Duration> = samples.iter().map(time).collect();
            times.sort();
            times[times.len() / 2]
        };
        Figure {
            wall: median(|s| s.wall),
            cpu: median(|s| s.cpu),
            peak_rss_kib: samples.iter().map(|s| s.peak_rss_kib).max(),
        }
    }
}

struct Row {
    tables: usize,
    scenario: Scenario,
    ours: Figure,
    theirs: Figure,
}

/// `cargo xtask bench-scale ...`: prints the table, or the reason it could not.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let ours = build_ours(&options.out)?;
    if options.prepare_only {
        for &tables in &options.tables {
            let dir = options.out.join(format!("tables-{tables}"));
            prepare(&dir, tables, &ours, None)?;
            println!(
                "{tables} tables: in {}, run `BENCH_TABLES={tables} BENCH_CHANGED=1 {} migrate-gen --allow-destructive` for the change migration",
                dir.join("base").display(),
                ours.display()
            );
        }
        return Ok(());
    }
    let drizzle_kit = install_drizzle_kit()?;
    println!("load average before: {}", load_average());
    let mut rows = Vec::new();
    for &tables in &options.tables {
        let dir = options.out.join(format!("tables-{tables}"));
        prepare(&dir, tables, &ours, Some(&drizzle_kit))?;
        for scenario in [Scenario::First, Scenario::Change] {
            let (mut ours_samples, mut theirs_samples) = (Vec::new(), Vec::new());
            for run in 1..=options.runs {
                let a = time_ours(&ours, &dir, tables, scenario)?;
                let b = time_drizzle_kit(&drizzle_kit, &dir, scenario)?;
                println!(
                    "{tables} tables, {}: run {run}: migrate-gen {}, drizzle-kit {}",
                    scenario.name(),
                    shown(a),
                    shown(b)
                );
                ours_samples.push(a);
                theirs_samples.push(b);
            }
            rows.push(Row {
                tables,
                scenario,
                ours: Figure::of(&ours_samples),
                theirs: Figure::of(&theirs_samples),
            });
        }
    }
    println!("load average after: {}", load_average());
    print!("{}", table(&rows));
    Ok(())
}

/// Writes and builds (release) the program that runs migrate-gen on the synthetic schema; the
/// schema comes from the same source file the xtask compiles.
fn build_ours(out: &Path) -> Result<PathBuf, String> {
    let dir = out.join("migrate-gen");
    let src = dir.join("src");
    create_dir(&src)?;
    let root = Path::new(ROOT);
    let root = root.canonicalize().unwrap_or(root.to_owned());
    let core = root.join("schema-core");
    let synthetic = root.join("xtask/src/synthetic_schema.rs");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{OURS}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [workspace]\n\n[dependencies]\nschema-core = {{ path = {:?}, features = [\"migrate\"] }}\n",
            core.display().to_string()
        ),
    )?;
    write(&src.join("main.rs"), &main_rs(&synthetic))?;
    // Our lockfile pins the dependencies we share, so they need no new download.
    let lock = root.join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
    println!("building {OURS} (release, not timed)");
    let target = out.join("target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --release failed in {}", dir.display()));
    }
    Ok(target.join("release").join(OURS))
}

/// The program's `main.rs`: the table count and scenario come from the environment, so the
/// command line is migrate-gen's own.
fn main_rs(synthetic: &Path) -> String {
    format!(
        "//! Generated by `cargo xtask bench-scale`: migrate-gen on its synthetic schema.\n\n\
         #[path = {:?}]\n\
         mod synthetic_schema;\n\n\
         fn main() -> std::process::ExitCode {{\n    \
             let tables = std::env::var(\"BENCH_TABLES\").ok().and_then(|n| n.parse().ok()).unwrap_or(0);\n    \
             let changed = std::env::var_os(\"BENCH_CHANGED\").is_some();\n    \
             schema_core::cli::main(synthetic_schema::schema(tables, changed), \"migrations\")\n\
         }}\n",
        synthetic.display().to_string()
    )
}

/// `npm ci` in `xtask/bench-scale`; returns drizzle-kit's entry point.
fn install_drizzle_kit() -> Result<PathBuf, String> {
    println!("npm ci in {NPM_PROJECT} (not timed)");
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(NPM_PROJECT)
        .output()
        .map_err(|e| format!("cannot run npm (install Node.js 18 or later with npm): {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
        return Err(format!(
            "`npm ci` in {NPM_PROJECT} failed: {}",
            last.unwrap_or("no output")
        ));
    }
    Ok(Path::new(NPM_PROJECT).join("node_modules/drizzle-kit/bin.cjs"))
}

/// Writes both tools' inputs for `tables` tables and the state each change migration starts
/// from: `base/` (our folder after the first migration) and `drizzle-base/` (drizzle-kit's,
/// left out without `drizzle_kit`).
fn prepare(
    dir: &Path,
    tables: usize,
    ours: &Path,
    drizzle_kit: Option<&Path>,
) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    create_dir(dir)?;
    // drizzle-kit loads schema.ts, which imports drizzle-orm from the nearest node_modules.
    std::os::unix::fs::symlink(
        Path::new(NPM_PROJECT).join("node_modules"),
        dir.join("node_modules"),
    )
    .map_err(|e| format!("{}: {e}", dir.display()))?;
    write(&dir.join("first.ts"), &schema_ts(&schema(tables, false))?)?;
    write(&dir.join("change.ts"), &schema_ts(&schema(tables, true))?)?;
    println!("{tables} tables: preparing the change migration's starting state (not timed)");
    let base = dir.join("base");
    create_dir(&base)?;
    let first = ours_command(ours, &base, tables, Scenario::First);
    run_quietly(first, "migrate-gen")?;
    expect_migrations(&base.join("migrations"), 1, "migrate-gen")?;
    let Some(drizzle_kit) = drizzle_kit else {
        return Ok(());
    };
    let first = drizzle_command(drizzle_kit, dir, "first.ts", "drizzle-base");
    run_quietly(first, "drizzle-kit generate")?;
    expect_migrations(&dir.join("drizzle-base"), 1, "drizzle-kit generate")
}

/// Fails unless `dir` holds `count` up migrations: drizzle-kit exits with 0 on some errors
/// (an unreadable `--out`), so success is judged by what was written.
fn expect_migrations(dir: &Path, count: usize, what: &str) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{what} wrote no {}: {e}", dir.display()))?;
    let found = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.ends_with(".sql") && !name.ends_with(".down.sql")
        })
        .count();
    if found != count {
        return Err(format!(
            "{what} left {found} migrations in {}, expected {count}",
            dir.display()
        ));
    }
    Ok(())
}

/// Up migrations a run leaves: the first, plus the change's.
fn migrations_after(scenario: Scenario) -> usize {
    match scenario {
        Scenario::First => 1,
        Scenario::Change => 2,
    }
}

fn ours_command(bin: &Path, cwd: &Path, tables: usize, scenario: Scenario) -> Command {
    let mut cmd = Command::new(bin);
    cmd.current_dir(cwd).env("BENCH_TABLES", tables.to_string());
    cmd.arg("migrate-gen");
    if scenario == Scenario::Change {
        // The change drops a column in every tenth table: migrate-gen asks for the flag.
        cmd.env("BENCH_CHANGED", "1").arg("--allow-destructive");
    }
    cmd
}

/// `out` is relative to `cwd`: drizzle-kit 0.31 prefixes `./` to an absolute `--out`.
fn drizzle_command(bin: &Path, cwd: &Path, schema_file: &str, out: &str) -> Command {
    let mut cmd = Command::new("node");
    cmd.arg(bin)
        .args([
            "generate",
            "--dialect",
            "postgresql",
            "--schema",
            schema_file,
            "--out",
        ])
        .arg(out)
        .current_dir(cwd);
    cmd
}

fn time_ours(bin: &Path, dir: &Path, tables: usize, scenario: Scenario) -> Result<Sample, String> {
    let run_dir = fresh_copy(dir, "base", "run-ours", scenario)?;
    let sample = timed(ours_command(bin, &run_dir, tables, scenario), "migrate-gen")?;
    expect_migrations(
        &run_dir.join("migrations"),
        migrations_after(scenario),
        "migrate-gen",
    )?;
    Ok(sample)
}

fn time_drizzle_kit(bin: &Path, dir: &Path, scenario: Scenario) -> Result<Sample, String> {
    let run_dir = fresh_copy(dir, "drizzle-base", "run-drizzle", scenario)?;
    let schema_file = match scenario {
        Scenario::First => "first.ts",
        Scenario::Change => "change.ts",
    };
    let what = "drizzle-kit generate";
    let sample = timed(drizzle_command(bin, dir, schema_file, "run-drizzle"), what)?;
    expect_migrations(&run_dir, migrations_after(scenario), what)?;
    Ok(sample)
}

/// `dir/name` emptied, then (for a change migration) filled with a copy of `dir/base`.
fn fresh_copy(dir: &Path, base: &str, name: &str, scenario: Scenario) -> Result<PathBuf, String> {
    let run_dir = dir.join(name);
    if run_dir.exists() {
        std::fs::remove_dir_all(&run_dir).map_err(|e| format!("{}: {e}", run_dir.display()))?;
    }
    match scenario {
        Scenario::First => create_dir(&run_dir)?,
        Scenario::Change => copy_dir(&dir.join(base), &run_dir)?,
    }
    Ok(run_dir)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    create_dir(to)?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Runs `cmd`, timing the whole process.
fn timed(cmd: Command, what: &str) -> Result<Sample, String> {
    let usage = child_usage::run(cmd).map_err(|e| format!("cannot run {what}: {e}"))?;
    if !usage.status.success() {
        return Err(failure(
            what,
            &usage.stdout,
            &String::from_utf8_lossy(&usage.stderr),
        ));
    }
    Ok(Sample {
        wall: usage.wall,
        cpu: usage.cpu,
        peak_rss_kib: usage.peak_rss_kib,
    })
}

fn run_quietly(mut cmd: Command, what: &str) -> Result<(), String> {
    let output = cmd
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if !output.status.success() {
        return Err(failure(
            what,
            &output.stdout,
            &String::from_utf8_lossy(&output.stderr),
        ));
    }
    Ok(())
}

/// The failing tool's last line of output (stderr first), on one line.
fn failure(what: &str, stdout: &[u8], stderr: &str) -> String {
    let last_of = |text: &str| {
        text.lines()
            .rev()
            .map(str::trim_end)
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_owned())
    };
    let last = last_of(stderr)
        .or_else(|| last_of(&String::from_utf8_lossy(stdout)))
        .unwrap_or_else(|| "no output".to_owned());
    format!("{what} failed: {last}")
}

fn create_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn shown(sample: Sample) -> String {
    format!(
        "{} (CPU {}, {})",
        seconds(sample.wall),
        seconds(sample.cpu),
        gnu_time::mib(sample.peak_rss_kib)
    )
}

fn seconds(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "\n                  ---------- migrate-gen ----------  ---------- drizzle-kit ----------  --- ratio ---\n\
         tables  scenario       wall        CPU  peak RSS       wall        CPU  peak RSS   wall    CPU\n",
    );
    let rss = |f: &Figure| {
        f.peak_rss_kib
            .map(gnu_time::mib)
            .unwrap_or_else(|| "-".to_string())
    };
    let ratio =
        |theirs: Duration, ours: Duration| theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9);
    for r in rows {
        let _ = writeln!(
            out,
            "{:>6}  {:<8}  {:>9}  {:>9}  {:>8}  {:>9}  {:>9}  {:>8}  {:>4.0}×  {:>4.0}×",
            r.tables,
            r.scenario.name(),
            seconds(r.ours.wall),
            seconds(r.ours.cpu),
            rss(&r.ours),
            seconds(r.theirs.wall),
            seconds(r.theirs.cpu),
            rss(&r.theirs),
            ratio(r.theirs.wall, r.ours.wall),
            ratio(r.theirs.cpu, r.ours.cpu),
        );
    }
    for scenario in [Scenario::First, Scenario::Change] {
        let at = |n: usize| {
            rows.iter()
                .find(|r| r.tables == n && r.scenario == scenario)
                .map(|r| r.ours)
        };
        if let (Some(small), Some(large)) = (at(1000), at(3000)) {
            let _ = writeln!(
                out,
                "migrate-gen, {}: 3000 tables take {:.2}× the wall time and {:.2}× the CPU time of 1000",
                scenario.name(),
                ratio(large.wall, small.wall),
                ratio(large.cpu, small.cpu),
            );
        }
    }
    out
}

/// The load average (`/proc/loadavg`), printed before and after: timings of short processes
/// on a shared machine are only as good as the machine was quiet.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| {
            let fields: Vec<&str> = s.split_whitespace().take(3).collect();
            (fields.len() == 3).then(|| fields.join(" "))
        })
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_parsed_and_bad_ones_refused() {
        let args = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let o = parse_args(&args("--tables 10,20 --runs 5 --out /tmp/x")).unwrap();
        assert_eq!(o.tables, [10, 20]);
        assert_eq!(o.runs, 5);
        assert_eq!(o.out, PathBuf::from("/tmp/x"));
        assert!(!o.prepare_only);
        assert!(parse_args(&args("--prepare-only")).unwrap().prepare_only);
        assert!(parse_args(&args("--runs 0")).is_err());
        assert!(parse_args(&args("--tables 10,x"))
            .unwrap_err()
            .contains("`x`"));
        assert!(parse_args(&args("--tables"))
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse_args(&args("--table 3"))
            .unwrap_err()
            .contains("unknown argument `--table`"));
    }

    #[test]
    fn the_generated_program_includes_the_shared_schema() {
        let main = main_rs(Path::new("/x/synthetic_schema.rs"));
        assert!(
            main.contains("#[path = \"/x/synthetic_schema.rs\"]"),
            "{main}"
        );
        assert!(main.contains("schema_core::cli::main("), "{main}");
    }

    #[test]
    fn the_synthetic_schema_is_valid_and_drizzle_gets_every_table() {
        for changed in [false, true] {
            let s = schema(20, changed);
            assert_eq!(s.validate(), Ok(()));
            let ts = schema_ts(&s).unwrap();
            assert_eq!(ts.matches("= pgTable(").count(), 20);
            assert_eq!(ts.matches("foreignKey({").count(), 19);
            let indexes = if changed { 22 } else { 20 };
            assert_eq!(ts.matches("index(\"").count(), indexes);
            assert_eq!(
                ts.matches("description: text(").count(),
                if changed { 18 } else { 20 }
            );
            assert_eq!(
                ts.matches("{ length: 200 }").count(),
                if changed { 2 } else { 0 }
            );
        }
        let ts = schema_ts(&schema(2, false)).unwrap();
        assert!(ts.contains("  id: uuid(\"id\").primaryKey(),\n"), "{ts}");
        assert!(ts.contains("  parent_id: uuid(\"parent_id\"),\n"), "{ts}");
        assert!(
            ts.contains("foreignKey({ name: \"t0002_parent_id_fkey\", columns: [t.parent_id], foreignColumns: [t0001.id] })"),
            "{ts}"
        );
    }
}
