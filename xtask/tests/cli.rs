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
    assert_one_line_error(&["migrate-gn"], "unknown command `migrate-gn`");
    assert_one_line_error(&["migrate-gen", "--nme", "x"], "unknown argument `--nme`");
    assert_one_line_error(&["migrate-gen", "--name"], "`--name` needs a value");
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
