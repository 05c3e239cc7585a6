//! Generated migrations pass the PostgreSQL migration linter squawk (PyPI `squawk-cli`), under
//! a documented policy: the examples' first migration and the up script of every diff case
//! (their reviewed insta snapshots) are linted segment by segment, transactional segments with
//! `--assume-in-transaction` as the runner runs them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Rules that do not apply to generated migrations, and why.
const POLICY: &[(&str, &str)] = &[
    (
        "require-lock-timeout",
        "timeouts are the runner's per-environment setting",
    ),
    (
        "require-statement-timeout",
        "timeouts are the runner's per-environment setting",
    ),
    (
        "prefer-robust-stmts",
        "migrations run once, tracked; IF [NOT] EXISTS would hide drift",
    ),
    (
        "prefer-text-field",
        "the column type is the model's declaration",
    ),
    (
        "prefer-bigint-over-int",
        "the column type is the model's declaration",
    ),
    (
        "adding-not-nullable-field",
        "SET NOT NULL follows a validated CHECK (col IS NOT NULL): PostgreSQL 12+ skips the scan",
    ),
];

/// Rules about changes the user declared in code (`renamed_from`, a removed item) or confirmed
/// with `--allow-destructive`: allowed only on a statement that carries a `-- hazard:` comment.
const DECLARED: &[&str] = &[
    "ban-drop-column",
    "ban-drop-table",
    "ban-drop-schema",
    "ban-drop-type",
    "ban-drop-default",
    "ban-drop-not-null",
    "ban-drop-constraint",
    "ban-set-schema",
    "changing-column-type",
    "renaming-column",
    "renaming-table",
    "renaming-object",
];

fn squawk() -> PathBuf {
    let found = std::env::var_os("SQUAWK").map(PathBuf::from).or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("squawk"))
                .find(|candidate| candidate.is_file())
        })
    });
    found.unwrap_or_else(|| {
        panic!("squawk is not installed: run `pip install squawk-cli==2.70.0` (.ci/run does), or set SQUAWK to its path")
    })
}

/// The up script of a diff case's snapshot.
fn up_script(snapshot: &str) -> String {
    let body = snapshot.split_once("\n---\n").expect("insta header").1;
    let up = body.split_once("-- up\n\n").expect("an up script").1;
    up.split_once("\n-- down")
        .map_or(up, |(up, _)| up)
        .to_owned()
}

/// The script cut at the runner's directive lines: (runs in a transaction, text).
fn segments(script: &str) -> Vec<(bool, String)> {
    let mut out = vec![(true, String::new())];
    for line in script.lines() {
        match line.trim() {
            "-- schema:no-transaction" => out.push((false, String::new())),
            "-- schema:transaction" => out.push((true, String::new())),
            _ => {
                let text = &mut out.last_mut().unwrap().1;
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    out.retain(|(_, text)| !text.trim().is_empty());
    out
}

/// Whether the operation holding the statement at `line` (0-based) carries a `-- hazard:`
/// comment: an operation is a block of consecutive lines, its hazards at the top.
fn has_hazard_comment(text: &str, line: usize) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines[..line.min(lines.len())]
        .iter()
        .rev()
        .take_while(|l| !l.trim().is_empty())
        .any(|l| l.trim_start().starts_with("-- hazard:"))
}

fn lint(squawk: &Path, dir: &Path, name: &str, script: &str, problems: &mut Vec<String>) {
    for (i, (transaction, text)) in segments(script).into_iter().enumerate() {
        let file = dir.join(format!("{name}.{i}.sql"));
        std::fs::write(&file, &text).unwrap();
        let mut command = Command::new(squawk);
        command.args(["--reporter", "json"]);
        if transaction {
            command.arg("--assume-in-transaction");
        }
        let output = command.arg(&file).output().expect("squawk runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let violations: Vec<serde_json::Value> = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("squawk printed no JSON ({e}): {stdout}"));
        for v in violations {
            let rule = v["rule_name"].as_str().unwrap_or_default();
            let line = v["line"].as_u64().unwrap_or_default() as usize;
            if POLICY.iter().any(|(r, _)| *r == rule) {
                continue;
            }
            if DECLARED.contains(&rule) && has_hazard_comment(&text, line) {
                continue;
            }
            problems.push(format!(
                "{name} (segment {i}, line {line}): {rule}: {}\n{text}",
                v["message"].as_str().unwrap_or_default()
            ));
        }
    }
}

#[test]
fn generated_migrations_pass_squawk() {
    let squawk = squawk();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    let mut linted = 0;
    for entry in std::fs::read_dir(root.join("examples/migrations")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".sql") && !name.ends_with(".down.sql") {
            let script = std::fs::read_to_string(&path).unwrap();
            lint(&squawk, out.path(), &name, &script, &mut problems);
            linted += 1;
        }
    }
    for entry in std::fs::read_dir(root.join("tests/tests/snapshots")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("diff_cases__") {
            let script = up_script(&std::fs::read_to_string(&path).unwrap());
            lint(&squawk, out.path(), &name, &script, &mut problems);
            linted += 1;
        }
    }
    assert!(linted > 40, "only {linted} scripts found");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
