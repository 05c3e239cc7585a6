//! The crate-wide rule configuration, `[package.metadata.schema]`, on a real crate built by
//! Cargo: switching a rule off and on, enabling an opt-in rule, and a broken configuration.
//! Only the manifest changes between builds, so each build also proves that editing the
//! configuration rebuilds the models.
//!
//! trybuild cannot carry package metadata into its generated crate, hence this test.

use std::path::{Path, PathBuf};
use std::process::Command;

const MODEL: &str = r#"
use schema_core::Table;

#[derive(Table)]
pub struct Folder {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = true)]
    pub active: bool,
}
"#;

struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("config-rules");
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/lib.rs"), MODEL).unwrap();
        // Same versions as the workspace, so the build needs no network and reuses its choices.
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        Scratch { dir }
    }

    /// Writes the manifest with `metadata` as its `[package.metadata.schema]` body and runs
    /// `cargo check`; returns whether it built, and its stderr.
    fn check(&self, metadata: &str) -> (bool, String) {
        let core = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .join("schema-core");
        let manifest = format!(
            "[package]\nname = \"config-rules\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nschema-core = {{ path = {core:?} }}\n\n\
             [package.metadata.schema]\n{metadata}\n\n[workspace]\n"
        );
        std::fs::write(self.dir.join("Cargo.toml"), manifest).unwrap();
        let output = Command::new(env!("CARGO"))
            .args(["check", "--offline", "--quiet", "--message-format=short"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

#[test]
fn the_crate_configuration_switches_rules_and_rebuilds_the_models() {
    let scratch = Scratch::new();

    let (built, stderr) = scratch.check(r#"allow = ["bool_prefix"]"#);
    assert!(built, "a rule the crate allows does not fire:\n{stderr}");

    let (built, stderr) = scratch.check("");
    assert!(!built, "with the allow removed the rule fires");
    assert!(
        stderr.contains(
            "src/lib.rs:9:9: error: boolean column `active` should start with `is_` or `has_`"
        ) && stderr.contains("(rule `bool_prefix`)"),
        "{stderr}"
    );

    let (built, stderr) = scratch.check(r#"bool_prefixes = ["is_", "active"]"#);
    assert!(built, "a configured boolean prefix is accepted:\n{stderr}");

    let (built, stderr) = scratch.check(
        r#"allow = ["bool_prefix"]
enable = ["timestamps"]"#,
    );
    assert!(!built, "an enabled opt-in rule fires");
    assert!(
        stderr.contains("error: table `folders` has no `created_at` or `updated_at` column")
            && stderr.contains("(rule `timestamps`)"),
        "{stderr}"
    );

    let (built, stderr) = scratch.check(r#"allow = ["bool_prefx"]"#);
    assert!(!built, "a broken configuration is an error");
    assert!(
        stderr.contains("invalid rule configuration: ")
            && stderr.contains(
                "Cargo.toml [package.metadata.schema]: unknown rule `bool_prefx`; did you mean `bool_prefix`?"
            ),
        "{stderr}"
    );
}
