//! `cargo xtask bench-compile`: what `#[derive(Table)]` costs at compile time. It writes a crate
//! of N ten-column models per variant (plain structs, `#[derive(Table)]`, SeaORM's
//! `DeriveEntityModel`), builds it once to compile the dependencies, then times three
//! incremental rebuilds after `touch src/lib.rs` and prints the median wall time and the peak
//! RSS (from `/usr/bin/time -v`) next to the plain structs. A benchmark, not a test: nothing
//! under `cargo test` runs it.

use crate::gnu_time;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The workspace root, where the generated crates take their `Cargo.lock` and schema-core.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Timed incremental rebuilds per variant; the median is reported.
const RUNS: usize = 3;

const USAGE: &str =
    "usage: cargo xtask bench-compile [--models N] [--variants plain,table,shapes,seaorm] [--fresh] [--out DIR]";

/// One way of writing the same models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// `#[derive(Debug, Clone, PartialEq)]` only: the baseline.
    Plain,
    /// `#[derive(Table)]` from schema-core.
    Table,
    /// The same with every model's insert and update shapes (`shapes = true` in
    /// `[package.metadata.schema]`): the seeds' workflow.
    Shapes,
    /// SeaORM 2's `DeriveEntityModel`, for comparison with another derive-based ORM.
    SeaOrm,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Plain => "plain",
            Variant::Table => "table",
            Variant::Shapes => "shapes",
            Variant::SeaOrm => "seaorm",
        }
    }

    fn parse(s: &str) -> Result<Self, String> {
        match s {
            "plain" => Ok(Variant::Plain),
            "table" => Ok(Variant::Table),
            "shapes" => Ok(Variant::Shapes),
            "seaorm" => Ok(Variant::SeaOrm),
            _ => Err(format!(
                "unknown variant `{s}` (expected plain, table, shapes or seaorm)"
            )),
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Options {
    models: usize,
    variants: Vec<Variant>,
    /// Also time a clean build of the model crate (dependencies prebuilt), debug and release:
    /// what CI and a release pay, and the peak memory a large crate needs.
    fresh: bool,
    out: PathBuf,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        models: 200,
        variants: vec![
            Variant::Plain,
            Variant::Table,
            Variant::Shapes,
            Variant::SeaOrm,
        ],
        fresh: false,
        out: Path::new(ROOT).join("target/bench-compile"),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("`{arg}` needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--models" => {
                let v = value()?;
                options.models = v
                    .parse()
                    .ok()
                    .filter(|&n: &usize| n > 0)
                    .ok_or_else(|| format!("--models: `{v}` is not a positive number"))?;
            }
            "--variants" => {
                options.variants = value()?
                    .split(',')
                    .map(Variant::parse)
                    .collect::<Result<_, _>>()?;
            }
            "--out" => options.out = PathBuf::from(value()?),
            "--fresh" => options.fresh = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(options)
}

/// The generated crate's `Cargo.toml`: its own workspace, so it is not a member of ours.
fn manifest(variant: Variant, models: usize) -> String {
    let mut deps = String::from(
        "uuid = { version = \"1\", features = [\"v4\", \"serde\"] }\n\
         chrono = { version = \"0.4\", default-features = false, features = [\"std\", \"clock\", \"serde\"] }\n\
         serde_json = \"1\"\n",
    );
    match variant {
        Variant::Plain => {}
        Variant::Table | Variant::Shapes => {
            let core = Path::new(ROOT).join("schema-core");
            let core = core.canonicalize().unwrap_or(core);
            let _ = writeln!(deps, "schema-core = {{ path = {:?} }}", core.display().to_string());
        }
        // The `with-*` features are the ones the column types (Uuid, DateTimeUtc, Json) need.
        Variant::SeaOrm => deps.push_str(
            "sea-orm = { version = \"2\", default-features = false, features = [\"macros\", \"with-uuid\", \"with-chrono\", \"with-json\"] }\n",
        ),
    }
    let metadata = match variant {
        Variant::Shapes => "\n[package.metadata.schema]\nshapes = true\n",
        _ => "",
    };
    format!(
        "[package]\nname = \"bench-{}-{models}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n{metadata}\n\
         [workspace]\n\n[dependencies]\n{deps}",
        variant.name()
    )
}

/// `src/lib.rs`: `models` structs with the same ten columns, written the variant's way.
pub fn source(variant: Variant, models: usize) -> String {
    let mut out = String::from("//! Generated by `cargo xtask bench-compile`.\n\n");
    match variant {
        Variant::Plain => {
            out.push_str("use chrono::{DateTime, Utc};\nuse uuid::Uuid;\n");
        }
        Variant::Table | Variant::Shapes => {
            out.push_str(
                "use chrono::{DateTime, Utc};\nuse schema_core::Table;\nuse uuid::Uuid;\n",
            );
        }
        Variant::SeaOrm => {}
    }
    for i in 1..=models {
        out.push('\n');
        match variant {
            Variant::Plain => plain_model(&mut out, i),
            Variant::Table | Variant::Shapes => table_model(&mut out, i),
            Variant::SeaOrm => seaorm_model(&mut out, i),
        }
    }
    out
}

fn plain_model(out: &mut String, i: usize) {
    let _ = write!(
        out,
        "#[derive(Debug, Clone, PartialEq)]
pub struct Model{i:04} {{
    pub id: Uuid,
    pub user_id: String,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub description: Option<String>,
    pub amount: i64,
    pub position: i32,
    pub is_active: bool,
    pub metadata: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}}
"
    );
}

fn table_model(out: &mut String, i: usize) {
    // No `updated_at`: the same ten columns as the other variants, so the naming rule that
    // asks for both timestamps is allowed away.
    let _ = write!(
        out,
        "#[derive(Table, Debug, Clone, PartialEq)]
#[table(allow(timestamps))]
pub struct Model{i:04} {{
    #[column(primary_key)]
    pub id: Uuid,
    pub user_id: String,
    pub parent_id: Option<Uuid>,
    #[column(varchar(100))]
    pub name: String,
    pub description: Option<String>,
    pub amount: i64,
    pub position: i32,
    pub is_active: bool,
    pub metadata: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}}
"
    );
}

fn seaorm_model(out: &mut String, i: usize) {
    // SeaORM wants one module per entity (`Model`, `Entity`, `Column`, `ActiveModel`, ...).
    let _ = write!(
        out,
        "pub mod model_{i:04} {{
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = \"model_{i:04}\")]
    pub struct Model {{
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(column_type = \"Text\")]
        pub user_id: String,
        pub parent_id: Option<Uuid>,
        #[sea_orm(column_type = \"String(StringLen::N(100))\")]
        pub name: String,
        #[sea_orm(column_type = \"Text\", nullable)]
        pub description: Option<String>,
        pub amount: i64,
        pub position: i32,
        pub is_active: bool,
        #[sea_orm(column_type = \"JsonBinary\", nullable)]
        pub metadata: Option<Json>,
        pub created_at: DateTimeUtc,
    }}

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {{}}

    impl ActiveModelBehavior for ActiveModel {{}}
}}
"
    );
}

/// One variant's figures.
struct Measured {
    variant: Variant,
    median: Duration,
    peak_rss_kib: Option<u64>,
    /// With `--fresh`: the clean debug and release builds' time and peak RSS.
    fresh: Option<[(Duration, Option<u64>); 2]>,
}

/// `cargo xtask bench-compile ...`: prints the table, or the reason it could not.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let time_v = gnu_time::available();
    if !time_v {
        println!(
            "note: /usr/bin/time is missing (Debian package `time`): printing times without peak RSS"
        );
    }
    let mut results = Vec::new();
    for &variant in &options.variants {
        match measure(&options, variant, time_v) {
            Ok(m) => results.push(m),
            Err(e) if variant == Variant::SeaOrm => {
                println!("note: skipping seaorm: {e}");
            }
            Err(e) => return Err(e),
        }
    }
    print!("{}", table(&results, options.models));
    Ok(())
}

fn measure(options: &Options, variant: Variant, time_v: bool) -> Result<Measured, String> {
    let n = options.models;
    let dir = options.out.join(format!("{}-{n}", variant.name()));
    // One target directory per variant, shared across model counts: its dependencies stay built.
    // `shapes` builds the same dependencies as `table`.
    let deps = match variant {
        Variant::Shapes => Variant::Table,
        other => other,
    };
    let target = options.out.join(format!("target-{}", deps.name()));
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let write = |path: PathBuf, text: String| {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(dir.join("Cargo.toml"), manifest(variant, n))?;
    write(src.join("lib.rs"), source(variant, n))?;
    // Our lockfile pins the dependencies we share, so they need no new download.
    let lock = Path::new(ROOT).join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;

    println!(
        "{} × {n}: building dependencies (not timed)",
        variant.name()
    );
    build(&dir, &target, false)?;
    let mut times = Vec::new();
    let mut peak: Option<u64> = None;
    for run in 1..=RUNS {
        touch(&src.join("lib.rs"))?;
        let start = Instant::now();
        let rss = build(&dir, &target, time_v)?;
        let elapsed = start.elapsed();
        println!(
            "{} × {n}: run {run}: {:.2} s{}",
            variant.name(),
            elapsed.as_secs_f64(),
            rss.map(|k| format!(", peak RSS {}", gnu_time::mib(k)))
                .unwrap_or_default()
        );
        times.push(elapsed);
        peak = peak.max(rss);
    }
    times.sort();
    let fresh = if options.fresh {
        Some([
            fresh_build(&dir, &target, variant, n, Profile::Debug, time_v)?,
            fresh_build(&dir, &target, variant, n, Profile::Release, time_v)?,
        ])
    } else {
        None
    };
    Ok(Measured {
        variant,
        median: times[times.len() / 2],
        peak_rss_kib: peak,
        fresh,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Debug,
    Release,
}

/// A clean build of the model crate alone: its dependencies are built first (not timed), then
/// the crate is cleaned and built under the clock.
fn fresh_build(
    dir: &Path,
    target: &Path,
    variant: Variant,
    models: usize,
    profile: Profile,
    time_v: bool,
) -> Result<(Duration, Option<u64>), String> {
    let (flag, label) = match profile {
        Profile::Debug => (None, "debug"),
        Profile::Release => (Some("--release"), "release"),
    };
    let extra: Vec<&str> = flag.into_iter().collect();
    build_with(dir, target, &extra, false)?;
    let package = format!("bench-{}-{models}", variant.name());
    let mut clean = vec!["clean", "--quiet", "-p", package.as_str()];
    clean.extend(&extra);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = Command::new(&cargo)
        .args(&clean)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo clean failed in {}", dir.display()));
    }
    let start = Instant::now();
    let rss = build_with(dir, target, &extra, time_v)?;
    let elapsed = start.elapsed();
    println!(
        "{} × {models}: fresh {label} build: {:.2} s{}",
        variant.name(),
        elapsed.as_secs_f64(),
        rss.map(|k| format!(", peak RSS {}", gnu_time::mib(k)))
            .unwrap_or_default()
    );
    Ok((elapsed, rss))
}

/// `cargo build` in `dir`; under `/usr/bin/time -v` when `time_v`, returning the largest
/// resident set of any process it waited for (rustc, for the crate itself).
fn build(dir: &Path, target: &Path, time_v: bool) -> Result<Option<u64>, String> {
    build_with(dir, target, &[], time_v)
}

/// [`build`] with more `cargo build` arguments (`--release`).
fn build_with(
    dir: &Path,
    target: &Path,
    extra: &[&str],
    time_v: bool,
) -> Result<Option<u64>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = if time_v {
        let mut c = Command::new(gnu_time::PATH);
        c.arg("-v").arg(&cargo);
        c
    } else {
        Command::new(&cargo)
    };
    cmd.args(["build", "--quiet"])
        .args(extra)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target);
    let output = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "cargo build failed in {}:\n{}",
            dir.display(),
            tail.join("\n")
        ));
    }
    Ok(if time_v {
        gnu_time::max_rss_kib(&stderr)
    } else {
        None
    })
}

/// Sets the file's modification time to now, as `touch` does, so cargo rebuilds the crate.
fn touch(path: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("touch {}: {e}", path.display()))
}

fn table(results: &[Measured], models: usize) -> String {
    let plain = results
        .iter()
        .find(|m| m.variant == Variant::Plain)
        .map(|m| m.median);
    let fresh = results.iter().any(|m| m.fresh.is_some());
    let mut out = String::from("\nvariant  models  median time  peak RSS   vs plain");
    if fresh {
        out.push_str("  fresh debug (RSS)      fresh release (RSS)");
    }
    out.push('\n');
    for m in results {
        let ratio = plain
            .filter(|p| !p.is_zero())
            .map(|p| format!("{:.1}×", m.median.as_secs_f64() / p.as_secs_f64()))
            .unwrap_or_else(|| "-".to_string());
        let _ = writeln!(
            out,
            "{:<8} {:>6}  {:>9.2} s  {:>9}  {:>8}",
            m.variant.name(),
            models,
            m.median.as_secs_f64(),
            m.peak_rss_kib
                .map(gnu_time::mib)
                .unwrap_or_else(|| "-".to_string()),
            ratio
        );
        if let Some(builds) = &m.fresh {
            out.pop();
            for (time, rss) in builds {
                let rss = rss.map(gnu_time::mib).unwrap_or_else(|| "-".to_string());
                let _ = write!(out, "  {:>7.1} s ({:>9})", time.as_secs_f64(), rss);
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_writes_one_model_per_count_with_ten_columns() {
        for variant in [
            Variant::Plain,
            Variant::Table,
            Variant::Shapes,
            Variant::SeaOrm,
        ] {
            let src = source(variant, 2);
            let structs = src.matches("pub struct ").count();
            assert_eq!(structs, 2, "{variant:?}:\n{src}");
            let columns = src
                .lines()
                .filter(|l| l.trim_start().starts_with("pub ") && l.contains(": "))
                .count();
            assert_eq!(columns, 20, "{variant:?}:\n{src}");
            for column in [
                "id",
                "user_id",
                "parent_id",
                "name",
                "metadata",
                "created_at",
            ] {
                assert_eq!(src.matches(&format!("pub {column}: ")).count(), 2);
            }
        }
        assert_eq!(
            source(Variant::Table, 2).matches("#[derive(Table").count(),
            2
        );
        assert!(source(Variant::Table, 1).contains("#[column(varchar(100))]"));
        assert_eq!(
            source(Variant::SeaOrm, 2)
                .matches("DeriveEntityModel)]")
                .count(),
            2
        );
    }

    #[test]
    fn the_generated_crate_is_its_own_workspace() {
        let m = manifest(Variant::Table, 5);
        assert!(m.contains("\n[workspace]\n"), "{m}");
        assert!(m.contains("name = \"bench-table-5\""), "{m}");
        assert!(m.contains("schema-core = { path = "), "{m}");
        assert!(!manifest(Variant::Plain, 5).contains("schema-core"));
        assert!(!m.contains("shapes = true"), "{m}");
        let shapes = manifest(Variant::Shapes, 5);
        assert!(
            shapes.contains("[package.metadata.schema]\nshapes = true\n"),
            "{shapes}"
        );
        assert!(shapes.contains("schema-core = { path = "), "{shapes}");
    }

    #[test]
    fn arguments_are_parsed_and_bad_ones_refused() {
        let args = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let o = parse_args(&args("--models 3 --variants plain,table --out /tmp/x")).unwrap();
        assert_eq!(o.models, 3);
        assert_eq!(o.variants, [Variant::Plain, Variant::Table]);
        assert_eq!(o.out, PathBuf::from("/tmp/x"));
        assert!(!o.fresh);
        assert!(parse_args(&args("--fresh")).unwrap().fresh);
        assert_eq!(
            parse_args(&args("--variants shapes")).unwrap().variants,
            [Variant::Shapes]
        );
        assert!(parse_args(&args("--models 0")).is_err());
        assert!(parse_args(&args("--variants diesel"))
            .unwrap_err()
            .contains("diesel"));
        assert!(parse_args(&args("--models"))
            .unwrap_err()
            .contains("needs a value"));
    }
}
