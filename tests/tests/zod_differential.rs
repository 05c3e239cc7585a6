//! The differential test of issue #5: the Rust validators and the generated Zod schemas give the
//! same verdict, with the same issue paths and codes, on every value of a corpus over every
//! example model and all three shapes.
//!
//! The generated module (`zod::render`) is compiled with the TypeScript and run with the Zod
//! that `tests/zod/package.json` pins (`npm ci --prefix tests/zod` installs them). Then:
//! - `validate_json` (Rust) and `safeParse` (Zod 4.6.7 in Node.js) agree on every value;
//! - every value that serde reads into the typed model, `New<Model>` or `<Model>Patch` gets
//!   the same issues from the derived `Validate` as from `validate_json`.

use schema_core::validate::json::{validate_json, Shape};
use schema_core::validate::{Issue, Validate};
use schema_examples::{accounts, blog, credits, storage, tenancy};
use schema_tests::zod_corpus::{corpus, Case};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const INSTALL: &str =
    "run `npm ci --prefix tests/zod` (needs Node.js and npm, e.g. `apt-get install nodejs npm`) \
     so the differential test can compile and run the generated Zod schemas";

fn zod_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("zod")
}

/// Node.js and the pinned packages, or a failure saying how to install them: never a skip.
fn require_node() -> PathBuf {
    let project = zod_project();
    let node = Command::new("node").arg("--version").output();
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let whence = if ci { " (CI)" } else { "" };
    match node {
        Ok(out) if out.status.success() => {}
        _ => panic!("Node.js is not installed{whence}: {INSTALL}"),
    }
    for package in ["zod", "typescript"] {
        if !project.join("node_modules").join(package).is_dir() {
            panic!("tests/zod/node_modules/{package} is missing{whence}: {INSTALL}");
        }
    }
    project
}

/// Writes the generated module into a temp dir, compiles it with the pinned `tsc` in strict
/// mode, and returns the dir (which holds `models.js`).
fn compile_module(project: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("models.ts"),
        schema_core::zod::render(&schema_examples::schema()),
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
    let schema = schema_examples::schema();
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
    let module = compile_module(&project);
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
        "Transaction" => credits::Transaction, credits::NewTransaction, credits::TransactionPatch;
        "Tenant" => tenancy::Tenant, tenancy::NewTenant, tenancy::TenantPatch;
        "Member" => tenancy::Member, tenancy::NewMember, tenancy::MemberPatch;
        "Workflow" => tenancy::Workflow, tenancy::NewWorkflow, tenancy::WorkflowPatch;
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
    let schema = schema_examples::schema();
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
