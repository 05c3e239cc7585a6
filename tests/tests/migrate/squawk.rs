//! Generated migrations pass the PostgreSQL migration linter squawk (its `squawk-linter` crate,
//! linked as a library so there is nothing to install), under
//! a documented policy: the examples' first migration and the up script of every diff case (their reviewed insta snapshots) are linted segment by
//! segment, transactional segments with `--assume-in-transaction` as the runner runs them.
//! Each segment is linted on its own, so each must set its own `lock_timeout` and
//! `statement_timeout`.

use squawk_linter::{Linter, LinterSettings};
use squawk_syntax::SourceFile;
use std::path::Path;

/// Rules that do not apply to generated migrations, and why.
const POLICY: &[(&str, &str)] = &[
    (
        "prefer-text-field",
        "the column type is the model's declaration",
    ),
    (
        "prefer-bigint-over-int",
        "the column type is the model's declaration",
    ),
    (
        "ban-create-domain-with-constraint",
        "the domain and its checks are the model's declaration (#[derive(PgDomain)]); a check \
         changed later is added NOT VALID and validated, with its hazard",
    ),
    (
        "adding-not-nullable-field",
        "SET NOT NULL follows a validated CHECK (col IS NOT NULL): PostgreSQL 12+ skips the scan",
    ),
];

/// Rules allowed only on statements holding the given text, and why.
const NARROWED: &[(&str, &str, &str)] = &[
    (
        "constraint-missing-not-valid",
        " EXCLUDE ",
        "PostgreSQL has no NOT VALID (nor USING INDEX) for an exclusion constraint: its hazards \
         say that it builds its index under the lock and fails on conflicting rows",
    ),
    (
        "prefer-robust-stmts",
        "VALIDATE CONSTRAINT",
        "validating a constraint that is already valid does nothing, so the statement can run \
     again as it is; outside a transaction so that its scan does not hold the lock of the \
     ADD ... NOT VALID before it",
    ),
];

/// Rules allowed only on a statement whose hazard comment says it is on a partitioned table
/// (which PostgreSQL cannot index concurrently, nor give a key over an index built first, nor
/// a `NOT VALID` foreign key): the hazard says that writes wait.
const ON_PARTITIONED: &[&str] = &[
    "require-concurrent-index-creation",
    "constraint-missing-not-valid",
    "disallowed-unique-constraint",
    "adding-foreign-key-constraint",
];

/// Whether the operation holding the statement at `line` has a hazard naming a partitioned
/// table or its partitions.
fn on_partitioned_table(text: &str, line: usize) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines[..line.min(lines.len())]
        .iter()
        .rev()
        .take_while(|l| !l.trim().is_empty())
        .any(|l| l.trim_start().starts_with("-- hazard:") && l.contains("partition"))
}

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
    "ban-drop-extension",
    "ban-drop-function",
    "ban-drop-sequence",
    "ban-drop-domain",
    // A view removed from the models, or dropped around a change to what it reads and
    // created again in the same transaction: each drop says which in its hazard.
    "ban-drop-view",
    // A check the model declares on a domain: added NOT VALID and validated, its hazard
    // saying the validation scans every column of the type.
    "ban-alter-domain-with-add-constraint",
    "ban-set-schema",
    "changing-column-type",
    "renaming-column",
    "renaming-table",
    "renaming-object",
    // An identity added, changed or dropped, or a generated column added: the model says so,
    // and the statement's hazard says what it costs.
    "ban-alter-identity",
    "adding-field-with-default",
];

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

/// Whether the `CREATE INDEX` statement is on a materialized view that `text` creates.
fn on_view_created_in(text: &str, statement: &str) -> bool {
    let Some((_, after_on)) = statement.split_once(" ON ") else {
        return false;
    };
    let relation = after_on.split(" (").next().unwrap_or(after_on).trim();
    text.contains(&format!("CREATE MATERIALIZED VIEW {relation} "))
}

/// The 0-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count()
}

fn lint(name: &str, script: &str, problems: &mut Vec<String>) {
    for (i, (transaction, text)) in segments(script).into_iter().enumerate() {
        let mut linter = Linter::with_default_rules();
        linter.settings = LinterSettings {
            pg_version: "15".parse().expect("a version"),
            assume_in_transaction: transaction,
        };
        let parsed = SourceFile::parse(&text);
        for violation in linter.lint(&parsed, &text) {
            let rule = violation.code.to_string();
            let line = line_of(&text, usize::from(violation.text_range.start()));
            if POLICY.iter().any(|(r, _)| *r == rule) {
                continue;
            }
            if DECLARED.contains(&rule.as_str()) && has_hazard_comment(&text, line) {
                continue;
            }
            if ON_PARTITIONED.contains(&rule.as_str()) && on_partitioned_table(&text, line) {
                continue;
            }
            let statement = &text[usize::from(violation.text_range.start())
                ..usize::from(violation.text_range.end())];
            if NARROWED
                .iter()
                .any(|(r, holds, _)| *r == rule && statement.contains(holds))
            {
                continue;
            }
            // An index on a materialized view the same segment creates: nothing reads the
            // view before it commits (squawk knows this of tables created alongside, not of
            // views).
            if rule == "require-concurrent-index-creation" && on_view_created_in(&text, statement) {
                continue;
            }
            problems.push(format!(
                "{name} (segment {i}, line {}): {rule}: {}\n{text}",
                line + 1,
                violation.message
            ));
        }
    }
}

#[test]
fn generated_migrations_pass_squawk() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut problems = Vec::new();
    let mut linted = 0;
    for entry in std::fs::read_dir(root.join("examples/migrations")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".sql") && !name.ends_with(".down.sql") {
            let script = std::fs::read_to_string(&path).unwrap();
            lint(&name, &script, &mut problems);
            linted += 1;
        }
    }
    for entry in std::fs::read_dir(root.join("tests/tests/migrate/snapshots")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("migrate__diff_cases__") {
            let script = up_script(&std::fs::read_to_string(&path).unwrap());
            lint(&name, &script, &mut problems);
            linted += 1;
        }
    }
    assert!(linted > 40, "only {linted} scripts found");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The policy above is the only thing that silences the linter: a blocking index build, an
/// unannotated column drop, a segment without timeouts and a concurrent build that cannot
/// run again are reported.
#[test]
fn the_linter_reports_what_the_policy_does_not_allow() {
    let mut problems = Vec::new();
    lint(
        "probe",
        "CREATE INDEX idx_t_a ON t (a);\n\nALTER TABLE t DROP COLUMN b;\n\n\
         -- schema:no-transaction\n\nCREATE INDEX CONCURRENTLY idx_t_b ON t (b);\n\n\
         ALTER TABLE t VALIDATE CONSTRAINT c;\n",
        &mut problems,
    );
    let all = problems.join("\n");
    assert!(all.contains("require-concurrent-index-creation"), "{all}");
    assert!(all.contains("ban-drop-column"), "{all}");
    assert!(all.contains("require-lock-timeout"), "{all}");
    assert!(all.contains("require-statement-timeout"), "{all}");
    assert!(
        all.contains("prefer-robust-stmts: Missing `IF NOT EXISTS`"),
        "{all}"
    );
    // Only the build: the validation may run again as it is.
    assert_eq!(all.matches("prefer-robust-stmts").count(), 1, "{all}");
}
