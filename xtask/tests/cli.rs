//! The xtask binary: one-line errors and non-zero exits for bad input, never a panic.

use std::process::Command;

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn assert_one_line_error(args: &[&str], expected: &str) {
    let out = xtask(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_arguments() {
    assert_one_line_error(&[], "no command given");
    assert_one_line_error(&["migrate-gn"], "unrecognized subcommand 'migrate-gn'");
    assert_one_line_error(
        &["migrate-gen", "--nme", "x"],
        "unexpected argument '--nme' found",
    );
    assert_one_line_error(
        &["migrate-gen", "--allow-destructive=yes"],
        "unexpected value 'yes' for '--allow-destructive' found",
    );
    assert_one_line_error(
        &["migrate-gen", "--name"],
        "a value is required for '--name <NAME>'",
    );
    assert_one_line_error(
        &["migrate-gen", "--lock-timeout", "5 seconds"],
        "invalid timeout `5 seconds`",
    );
    assert_one_line_error(
        &["down", "--steps", "x"],
        "invalid value 'x' for '--steps <N>'",
    );
    assert_one_line_error(
        &["migrate-gen", "--name", "bad name"],
        "invalid migration name",
    );
}

#[test]
fn corrupt_snapshot_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    assert!(xtask(&["migrate-gen", "--dir", dir_arg]).status.success());
    std::fs::write(dir.path().join("snapshots/0000_init.json"), "not json").unwrap();
    assert_one_line_error(&["migrate-gen", "--dir", dir_arg], "corrupt snapshot");
}

#[test]
fn writes_then_reports_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let first = xtask(&["migrate-gen", "--dir", dir_arg]);
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stdout).contains("0000_init.sql"));
    assert!(dir.path().join("0000_init.sql").exists());
    let second = xtask(&["migrate-gen", "--dir", dir_arg, "--name", "again"]);
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stdout).starts_with("no changes"));
}

fn generate_init(dir: &std::path::Path, schema: &schema_core::Schema) {
    schema_core::migrate::generate(schema, dir, None).unwrap();
}

/// The examples without `storage.file_tags`: the xtask's models add it back.
fn without_file_tags() -> schema_core::Schema {
    let mut schema = schema_examples::schema();
    schema.tables.retain(|t| t.name != "file_tags");
    schema
}

#[test]
fn second_migration_then_check() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    generate_init(dir.path(), &without_file_tags());
    let check = xtask(&["check", "--dir", dir_arg]);
    assert!(!check.status.success());
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert_eq!(
        stderr,
        "error: the models changed since migration 0000_init and no migration records it: run `cargo xtask migrate-gen`\n"
    );
    let out = xtask(&["migrate-gen", "--dir", dir_arg]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("0001_create_file_tags.sql"), "{stdout}");
    assert!(
        stdout.contains("0001_create_file_tags.down.sql"),
        "{stdout}"
    );
    let check = xtask(&["check", "--dir", dir_arg]);
    assert!(check.status.success(), "{check:?}");
    assert_eq!(
        String::from_utf8(check.stdout).unwrap(),
        "ok: 2 migrations, models match 0001_create_file_tags\n"
    );
}

#[test]
fn allow_destructive_flag() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let mut with_extra = schema_examples::schema();
    let mut extra = schema_core::TableDef::new("public", "extra");
    extra.columns.push(schema_core::ColumnDef::new(
        "id",
        schema_core::model::SqlType::Integer,
        false,
    ));
    with_extra.add_table(extra);
    generate_init(dir.path(), &with_extra);
    // The xtask's models lack `extra`: dropping it needs confirmation.
    let refused = xtask(&["migrate-gen", "--dir", dir_arg]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "error: the change since migration 0000_init cannot be written as a migration:\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("  - drop table `public.extra`: its rows are deleted"),
        "{stderr}"
    );
    // The flag to type, not the library option; a plain drop suggests no rename.
    assert!(
        stderr.ends_with("\nconfirm the loss with `--allow-destructive`\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("DiffOptions"), "{stderr}");
    assert!(!stderr.contains("renamed_from"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!dir.path().join("0001_drop_extra.sql").exists());
    let out = xtask(&["migrate-gen", "--allow-destructive", "--dir", dir_arg]);
    assert!(out.status.success(), "{out:?}");
    let sql = std::fs::read_to_string(dir.path().join("0001_drop_extra.sql")).unwrap();
    assert!(sql.contains(r#"DROP TABLE "public"."extra";"#), "{sql}");
    assert!(xtask(&["check", "--dir", dir_arg]).status.success());
}

#[test]
fn check_and_hash_arguments() {
    assert_one_line_error(
        &["check", "--name", "x"],
        "unexpected argument '--name' found; see `cargo xtask check --help`",
    );
    assert_one_line_error(
        &["check", "--allow-destructive"],
        "unexpected argument '--allow-destructive' found",
    );
    assert_one_line_error(
        &["migrate-hash", "--dir"],
        "a value is required for '--dir <DIR>'",
    );
    assert_one_line_error(
        &["check", "--dir", ""],
        "a value is required for '--dir <DIR>'",
    );
    assert_one_line_error(
        &["zod-gen", "--out", ""],
        "a value is required for '--out <FILE>'",
    );
    assert_one_line_error(
        &["migrate-gen", "--destructive"],
        "unexpected argument '--destructive' found",
    );
}

/// A reader that stops reading (`cargo xtask --help | head -1`) is no failure of the command:
/// no panic, no backtrace, exit 0.
#[test]
fn a_closed_stdout_is_no_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--help")
        .env("RUST_BACKTRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before the program writes: its write fails with a broken pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `--help` and `--version` print on stdout and exit 0, for the program and every command.
#[test]
fn help_and_version_exit_zero() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["--version"],
        &["migrate-gen", "--help"],
        &["help", "zod-gen"],
        &["status", "-h"],
        &["down", "--help"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            // Shown as the flag's environment variable, never with its value.
            .env("DATABASE_URL", "postgres://secret@h/db")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.starts_with(if args == ["--version"] {
            "xtask (schema-core "
        } else {
            ""
        }));
        assert!(!stdout.contains("secret"), "{stdout}");
        if args.contains(&"down") {
            assert!(stdout.contains("[env: DATABASE_URL]"), "{stdout}");
        }
    }
}
#[test]
fn check_reports_damage_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    assert!(xtask(&["migrate-gen", "--dir", dir_arg]).status.success());
    assert!(xtask(&["check", "--dir", dir_arg]).status.success());
    let sql = dir.path().join("0000_init.sql");
    let text = std::fs::read_to_string(&sql).unwrap() + "\nDROP TABLE \"public\".\"users\";\n";
    std::fs::write(&sql, text).unwrap();
    assert_one_line_error(&["check", "--dir", dir_arg], "0000_init.sql was edited");
    assert_one_line_error(
        &["migrate-gen", "--dir", dir_arg],
        "0000_init.sql was edited",
    );
    let hashed = xtask(&["migrate-hash", "--dir", dir_arg]);
    assert!(hashed.status.success(), "{hashed:?}");
    assert!(xtask(&["check", "--dir", dir_arg]).status.success());
    std::fs::write(dir.path().join("schema.sum"), "total what\n").unwrap();
    assert_one_line_error(&["check", "--dir", dir_arg], "schema.sum, line 1");
    assert_one_line_error(&["migrate-gen", "--dir", dir_arg], "schema.sum, line 1");
}

#[test]
fn branch_collision_names_both() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    generate_init(dir.path(), &without_file_tags());
    assert!(xtask(&["migrate-gen", "--dir", dir_arg]).status.success());
    // Another branch's 0001 on the same parent, merged in (snapshot copied with a new id).
    let theirs = dir.path().join("snapshots/0001_create_file_tags.json");
    let text = std::fs::read_to_string(theirs)
        .unwrap()
        .replace("0001_create_file_tags", "0001_add_likes");
    std::fs::write(dir.path().join("snapshots/0001_add_likes.json"), text).unwrap();
    std::fs::write(dir.path().join("0001_add_likes.sql"), "SELECT 1;\n").unwrap();
    std::fs::write(dir.path().join("0001_add_likes.down.sql"), "SELECT 1;\n").unwrap();
    for command in ["check", "migrate-gen"] {
        assert_one_line_error(
            &[command, "--dir", dir_arg],
            "migrations 0001_add_likes and 0001_create_file_tags collide",
        );
    }
}

/// `std::env::args` panics on such an argument; the xtask reports it.
#[test]
fn an_argument_that_is_not_utf8_is_a_one_line_error() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["migrate-gen".as_ref(), "--name".as_ref(), name])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().next().unwrap(),
        stderr.trim_end(),
        "one line: {stderr}"
    );
    assert!(
        stderr.starts_with("error: argument \"caf\\xE9\" is not valid UTF-8"),
        "{stderr}"
    );
}

/// The default folder is the xtask crate's, not the working directory's: run from anywhere,
/// it finds the one history.
#[test]
fn the_default_folder_does_not_depend_on_the_working_directory() {
    let elsewhere = tempfile::tempdir().unwrap();
    for cwd in [
        elsewhere.path(),
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("check")
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            "ok: 1 migration, models match 0000_init\n"
        );
    }
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

/// The README's xtask for a project of its own anchors its folder the same way.
#[test]
fn the_readme_xtask_anchors_its_folder() {
    let readme = include_str!("../../README.md");
    let section = &readme[readme
        .find("\n## Use it in your project\n")
        .expect("the section")..];
    let snippet = &section[section.find("```rust").expect("the xtask's code")..];
    let snippet = &snippet[..snippet.find("\n```\n").expect("the snippet's end")];
    assert!(
        snippet.contains(r#"concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations")"#),
        "{snippet}"
    );
    assert!(snippet.contains("schema_core::cli::main("), "{snippet}");
}

/// `bench-scale` refuses bad arguments in one line before it builds or installs anything.
#[test]
fn bench_scale_arguments() {
    assert_one_line_error(
        &["bench-scale", "--runs", "0"],
        "--runs: `0` is not a positive number",
    );
    assert_one_line_error(
        &["bench-scale", "--tables", "100,x"],
        "--tables: `x` is not a positive number",
    );
    assert_one_line_error(&["bench-scale", "--tables"], "`--tables` needs a value");
    assert_one_line_error(
        &["bench-scale", "--table", "3"],
        "unknown argument `--table`",
    );
}
