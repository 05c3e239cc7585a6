//! The differential test of issue #5: the Rust validators and the generated Zod schemas give the
//! same verdict, with the same issue paths and codes, on every value of a corpus over every
//! example model, a model with the rules the examples do not use (`zod_rules`), and all three
//! shapes.
//!
//! The generated module (`zod::render`) is compiled with the TypeScript and run with the Zod
//! that `tests/zod/package-lock.json` pins; the first run installs them with `npm ci` (once,
//! under a lock, moved into place complete). Then:
//! - `validate_json` (Rust) and `safeParse` (Zod 4.6.7 in Node.js) agree on every value;
//! - every value that serde reads into the typed model, `New<Model>` or `<Model>Patch` gets
//!   the same issues from the derived `Validate` as from `validate_json`.

use schema_core::validate::json::{validate_json, Shape};
use schema_core::validate::{Issue, Validate};
use schema_examples::{accounts, blog, credits, storage, tenancy};
use schema_tests::zod_corpus::{self, corpus, Case};
use schema_tests::{kitchen_sink, zod_rules};
use serde_json::Value;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

const NODE: &str =
    "install Node.js 18 or later with npm (e.g. `apt-get install nodejs npm`) so the \
     differential test can compile and run the generated Zod schemas";

fn zod_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("zod")
}

/// Node.js and the pinned packages, installed on first use; a missing `node` or `npm` fails
/// with one line saying how to install it: never a skip.
fn require_node() -> PathBuf {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let project = zod_project();
    if let Err(message) = READY.get_or_init(|| ensure_packages(&project)) {
        panic!("{message}");
    }
    project
}

fn ensure_packages(project: &Path) -> Result<(), String> {
    let runs = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success())
    };
    if !runs("node") {
        return Err(format!("`node` is not installed: {NODE}"));
    }
    if installed(project) {
        return Ok(());
    }
    if !runs("npm") {
        return Err(format!(
            "`npm` is not installed, and tests/zod needs its pinned packages: {NODE}"
        ));
    }
    // One installer at a time across test processes: an advisory lock the kernel releases
    // when its holder exits, so a killed run leaves no stale lock behind.
    let lock_path = project.join(".npm-install.lock");
    let lock = std::fs::File::create(&lock_path)
        .map_err(|e| format!("cannot create {}: {e}", lock_path.display()))?;
    // SAFETY: `flock` on a descriptor this function owns for the whole call.
    if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(format!(
            "cannot lock {}: {}",
            lock_path.display(),
            std::io::Error::last_os_error()
        ));
    }
    // Another process may have installed while this one waited.
    if installed(project) {
        return Ok(());
    }
    // Install into a staging folder and move the finished `node_modules` into place in one
    // rename, so `node_modules` is never half there; a leftover from a killed run goes first.
    let staging = project.join(".npm-staging");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging)
        .map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(project.join(file), staging.join(file))
            .map_err(|e| format!("cannot copy tests/zod/{file}: {e}"))?;
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&staging)
        .output()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`npm ci` in tests/zod failed (needs network access to the npm registry once): {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let target = project.join("node_modules");
    if target.exists() {
        // Incomplete (a killed `npm ci`, or other versions): replace it.
        std::fs::remove_dir_all(&target)
            .map_err(|e| format!("cannot remove the incomplete {}: {e}", target.display()))?;
    }
    std::fs::rename(staging.join("node_modules"), &target)
        .map_err(|e| format!("cannot move the installed packages into place: {e}"))?;
    let _ = std::fs::remove_dir_all(&staging);
    if installed(project) {
        Ok(())
    } else {
        Err("`npm ci` in tests/zod did not install the pinned zod and typescript".to_owned())
    }
}

/// Whether `node_modules` holds every package at the version the lockfile pins, and npm
/// finished writing it (its hidden lockfile is written last).
fn installed(project: &Path) -> bool {
    let modules = project.join("node_modules");
    let read = |path: PathBuf| -> Option<Value> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    };
    let Some(lock) = read(project.join("package-lock.json")) else {
        return false;
    };
    let Some(packages) = lock["packages"].as_object() else {
        return false;
    };
    modules.join(".package-lock.json").is_file()
        && packages
            .iter()
            .filter(|(key, _)| key.starts_with("node_modules/"))
            .all(|(key, pinned)| {
                read(project.join(key).join("package.json"))
                    .is_some_and(|found| found["version"] == pinned["version"])
            })
}

/// The example models, the model with every other rule, and one whose columns are domains
/// with rules of their own.
fn models() -> schema_core::Schema {
    schema_examples::schema()
        .table::<zod_rules::Reading>()
        .table::<schema_tests::kitchen_sink::Shipment>()
}

/// Writes the generated module into a temp dir, compiles it with the pinned `tsc` in strict
/// mode, unused locals and parameters refused, and returns the dir (which holds `models.js`).
fn compile_module(project: &Path, schema: &schema_core::Schema) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("models.ts"),
        schema_core::zod::render(schema),
    )
    .unwrap();
    std::fs::write(dir.path().join("package.json"), r#"{ "type": "module" }"#).unwrap();
    // `zod` resolves from the compiled module through this link, for tsc and for node.
    std::os::unix::fs::symlink(
        project.join("node_modules"),
        dir.path().join("node_modules"),
    )
    .unwrap();
    let tsc = project.join("node_modules/typescript/bin/tsc");
    let out = Command::new("node")
        .arg(tsc)
        .args([
            "--strict",
            "--noUnusedLocals",
            "--noUnusedParameters",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "--target",
            "es2022",
            "--skipLibCheck",
            "models.ts",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tsc rejected the generated module:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Zod's verdict on every case, from `tests/zod/check.mjs`.
fn run_zod(project: &Path, module: &Path, cases: &[Case]) -> Vec<Value> {
    let input: Vec<Value> = cases
        .iter()
        .map(|case| Value::Array(vec![case.export().into(), case.value.clone()]))
        .collect();
    let mut child = Command::new("node")
        .arg(project.join("check.mjs"))
        .arg(module.join("models.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || serde_json::to_writer(stdin, &input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "check.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verdicts: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdicts.len(), cases.len());
    verdicts
}

/// The (path, code) pairs of Rust issues, in the order reported.
fn rust_pairs(issues: &[Issue]) -> Vec<(Value, Value)> {
    issues
        .iter()
        .map(|issue| {
            let json = serde_json::to_value(issue).unwrap();
            (json["path"].clone(), json["code"].clone())
        })
        .collect()
}

fn zod_pairs(verdict: &Value) -> Vec<(Value, Value)> {
    verdict["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| (issue["path"].clone(), issue["code"].clone()))
        .collect()
}

#[test]
fn rust_and_zod_agree_on_every_value() {
    let project = require_node();
    let schema = models();
    let cases = corpus(&schema);
    assert!(cases.len() >= 300, "only {} cases", cases.len());
    assert_eq!(
        cases
            .iter()
            .map(|c| c.model.model)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        schema.models.0.len(),
        "every example model is in the corpus"
    );
    let module = compile_module(&project, &schema);
    let verdicts = run_zod(&project, module.path(), &cases);

    let mut disagreements = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for (case, verdict) in cases.iter().zip(&verdicts) {
        let rust = validate_json(&schema, case.model, case.shape, &case.value);
        let success = verdict["success"].as_bool().unwrap();
        if success {
            valid += 1;
        } else {
            invalid += 1;
        }
        // Both sides report in the same order: object keys in field order, and each field's
        // checks in the order they are written (Zod runs `.check`s in sequence).
        let (rust, zod) = (rust_pairs(&rust), zod_pairs(verdict));
        if rust.is_empty() != success || rust != zod {
            disagreements.push(format!(
                "{} ({}): {}\n  rust: {rust:?}\n  zod:  {zod:?}\n  zod issues: {}",
                case.export(),
                case.label,
                case.value,
                verdict["issues"]
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} values disagree:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    // A corpus of only valid or only invalid values would prove little.
    assert!(
        valid >= 50 && invalid >= 200,
        "{valid} valid, {invalid} invalid"
    );
}

/// What serde reads into the typed shape, validated by the derived `Validate`; `None` when
/// serde refuses the value (a type error, which the typed side reports as a serde error).
fn typed_issues(model: &str, shape: Shape, value: &Value) -> Option<Vec<Issue>> {
    fn run<T: serde::de::DeserializeOwned + Validate>(value: &Value) -> Option<Vec<Issue>> {
        let typed: T = serde_json::from_value(value.clone()).ok()?;
        Some(typed.validate().err().map(|e| e.issues).unwrap_or_default())
    }
    macro_rules! models {
        ($($name:literal => $model:ty, $new:ty, $patch:ty;)*) => {
            match (model, shape) {
                $(
                    ($name, Shape::Select) => run::<$model>(value),
                    ($name, Shape::Insert) => run::<$new>(value),
                    ($name, Shape::Update) => run::<$patch>(value),
                )*
                _ => panic!("model {model} is not listed in typed_issues"),
            }
        };
    }
    models! {
        "User" => accounts::User, accounts::NewUser, accounts::UserPatch;
        "Post" => blog::Post, blog::NewPost, blog::PostPatch;
        "Folder" => storage::Folder, storage::NewFolder, storage::FolderPatch;
        "File" => storage::File, storage::NewFile, storage::FilePatch;
        "Tag" => storage::Tag, storage::NewTag, storage::TagPatch;
        "FileTag" => storage::FileTag, storage::NewFileTag, storage::FileTagPatch;
        "FileVersion" => storage::FileVersion, storage::NewFileVersion, storage::FileVersionPatch;
        "Balance" => credits::Balance, credits::NewBalance, credits::BalancePatch;
        "Shipment" => kitchen_sink::Shipment, kitchen_sink::NewShipment, kitchen_sink::ShipmentPatch;
        "Transaction" => credits::Transaction, credits::NewTransaction, credits::TransactionPatch;
        "Tenant" => tenancy::Tenant, tenancy::NewTenant, tenancy::TenantPatch;
        "Member" => tenancy::Member, tenancy::NewMember, tenancy::MemberPatch;
        "Workflow" => tenancy::Workflow, tenancy::NewWorkflow, tenancy::WorkflowPatch;
        "Reading" => zod_rules::Reading, zod_rules::NewReading, zod_rules::ReadingPatch;
    }
}

/// Values serde reads into the typed shapes although Zod (and `validate_json`) refuse them at
/// the JSON type level, before any rule. The typed validators judge rules on values that are
/// already typed, so they cannot see these; a server that must refuse exactly what the Zod
/// schema refuses runs `validate_json` on the request body first. Each entry is asserted to
/// be such a case (the typed issues are the JSON issues less the type-level ones), so the list
/// cannot hide a rule mismatch.
fn serde_leniency(case: &Case) -> Option<&'static str> {
    let detail = case.label.rsplit(": ").next().unwrap_or_default();
    Some(match detail {
        "uuid braced" | "uuid no dashes" | "uuid version 0" | "uuid variant c"
        | "uuid max upper" => "the uuid crate reads spellings Zod's uuid pattern refuses",
        "datetime space" | "datetime lower t" | "datetime offset no colon" => {
            "chrono reads RFC 3339 spellings z.iso.datetime refuses"
        }
        "above safe max" | "below safe min" | "int64 max" => {
            "an i64 holds integers beyond JavaScript's safe range, which z.int() refuses"
        }
        _ if case.label == "whole value is array" => {
            "serde reads a struct from a JSON array of its fields"
        }
        _ if case.shape == Shape::Select && case.label.ends_with(" missing") => {
            "serde reads an absent Option field of the model as None"
        }
        _ => return None,
    })
}

#[test]
fn typed_validators_agree_with_the_json_validator() {
    let schema = models();
    let cases = corpus(&schema);
    let mut disagreements = Vec::new();
    let (mut compared, mut lenient) = (0, 0);
    for case in &cases {
        let Some(typed) = typed_issues(case.model.model, case.shape, &case.value) else {
            continue;
        };
        compared += 1;
        let json = validate_json(&schema, case.model, case.shape, &case.value);
        let (typed, json) = (rust_pairs(&typed), rust_pairs(&json));
        if let Some(reason) = serde_leniency(case) {
            lenient += 1;
            // The typed side misses the type-level issue, and reports the rules' issues.
            let mut rest = json.iter();
            let subsequence = typed.iter().all(|pair| rest.any(|j| j == pair));
            if !(subsequence && json.len() > typed.len()) {
                disagreements.push(format!(
                    "{} ({}) is listed as serde leniency ({reason}) but is not one:\n  typed: {typed:?}\n  json:  {json:?}",
                    case.export(),
                    case.label
                ));
            }
            continue;
        }
        if typed != json {
            disagreements.push(format!(
                "{} ({}): {}\n  typed: {typed:?}\n  json:  {json:?}",
                case.export(),
                case.label,
                case.value
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {compared} typed values disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(compared >= 300, "only {compared} values deserialized");
    eprintln!("{compared} typed values compared, {lenient} of them serde leniency");
}

/// Plain `.min`/`.max` (Zod 4.6.7 counts code points) keep the lengths visible to
/// `z.toJSONSchema`, and a NOT NULL `jsonb` column refuses `null` in Zod.
#[test]
fn generated_schemas_keep_their_json_schema_lengths_and_refuse_null_json() {
    let project = require_node();
    let module = compile_module(&project, &models());
    let script = r#"
        import { z } from "zod";
        const m = await import(process.argv[1]);
        const users = z.toJSONSchema(m.userSelectSchema).properties;
        const readings = z.toJSONSchema(m.readingSelectSchema).properties;
        const tags = m.transactionSelectSchema.shape.tags;
        console.log(JSON.stringify({
            email: users.email.maxLength, name: [users.name.minLength, users.name.maxLength],
            unit: [readings.unit.minLength, readings.unit.maxLength],
            astral: m.userSelectSchema.shape.name.safeParse("😀".repeat(100)).success,
            tagsNull: tags.safeParse(null).success, tagsList: tags.safeParse(["a"]).success,
            metadataNull: m.transactionSelectSchema.shape.metadata.safeParse(null).success,
        }));
    "#;
    let out = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .arg(module.path().join("models.js"))
        .current_dir(module.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        found,
        serde_json::json!({
            "email": 320, "name": [1, 100], "unit": [3, 3],
            // 100 astral characters are 200 UTF-16 units: counted as 100, as Rust counts.
            "astral": true,
            "tagsNull": false, "tagsList": true, "metadataNull": true,
        })
    );
}

/// `z.int32()` reports one issue for 1e21 on an `integer` column (the safe range's), and so
/// does the JSON validator; `rust_and_zod_agree_on_every_value` compares the same cases with
/// Zod's verdict.
#[test]
fn an_integer_column_given_1e21_has_one_issue() {
    let schema = models();
    let cases: Vec<Case> = corpus(&schema)
        .into_iter()
        .filter(|case| {
            let (field, detail) = case.label.split_once(": ").unwrap_or_default();
            let rules = case.model.fields.iter().find(|f| f.field == field);
            let column = rules.and_then(|r| {
                zod_corpus::table_of(&schema, case.model)
                    .columns
                    .iter()
                    .find(|c| c.name == r.column)
            });
            let domain = column.and_then(|c| schema.domain_of(&c.ty));
            detail == "int 1e21" && rules.is_some_and(|r| r.checks.is_empty()) && domain.is_none()
        })
        .collect();
    assert!(cases.len() >= 3, "only {} cases", cases.len());
    for case in &cases {
        let issues = validate_json(&schema, case.model, case.shape, &case.value);
        assert_eq!(
            issues.len(),
            1,
            "{} ({}): {issues:?}",
            case.export(),
            case.label
        );
        assert_eq!(issues[0].maximum, Some(9_007_199_254_740_991.0));
    }
}

/// The module compiles under `--strict --noUnusedLocals --noUnusedParameters` whatever rules
/// the models use: for no models, for the examples (no `len` rule), and for every rule.
#[test]
fn every_generated_module_compiles_without_unused_code() {
    let project = require_node();
    for schema in [
        schema_core::Schema::new(),
        schema_examples::schema(),
        models(),
    ] {
        compile_module(&project, &schema);
    }
}
