//! A crate that uses only the models, validation and queries (schema-core without its `migrate`
//! feature) does not compile the diff engine, the runner or the command line: their
//! dependencies are not in its tree. The xtask turns `migrate` on.

use std::process::Command;

/// The packages of schema-core's normal dependency tree with `features`.
fn tree(features: &[&str]) -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut args = vec![
        "tree",
        "-p",
        "schema-core",
        "-e",
        "normal",
        "--prefix",
        "none",
        "--format",
        "{p}",
        "--no-default-features",
    ];
    if !features.is_empty() {
        args.push("--features");
        args.extend(features);
    }
    let out = Command::new(env!("CARGO"))
        .args(&args)
        .current_dir(root)
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// What only migrations need: TLS for the runner's connections, argument parsing for the
/// command line. (`sha2`, which `schema.sum` uses, is also postgres's own, for SCRAM.)
const MIGRATE_ONLY: &[&str] = &[
    "rustls",
    "tokio-postgres-rustls",
    "rustls-native-certs",
    "clap",
];

#[test]
fn models_and_queries_alone_leave_the_migration_dependencies_out() {
    let models_only = tree(&[]);
    assert!(
        models_only.iter().any(|p| p == "postgres"),
        "{models_only:?}"
    );
    for dependency in MIGRATE_ONLY {
        assert!(
            !models_only.iter().any(|p| p == dependency),
            "`{dependency}` is in the tree of schema-core without `migrate`"
        );
    }
    let with_migrate = tree(&["migrate"]);
    for dependency in MIGRATE_ONLY {
        assert!(
            with_migrate.iter().any(|p| p == dependency),
            "`{dependency}` is missing from schema-core with `migrate`: {with_migrate:?}"
        );
    }
}
