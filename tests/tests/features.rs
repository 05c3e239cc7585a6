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

// ---------------------------------------------------------------------------------------------
// The pipeline runs one way: no two of schema-core's top-level modules depend on each other,
// directly or through others (model → diff → render → migrate, with validation, queries and
// the Zod writer beside), and no two files of one of its folders do. Read from the source:
// every `crate::<module>` path (or a name the crate root re-exports from a module) and every
// `super::<file>` path, outside comments and test modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema-core/src")
}

/// The code of a file without comments and without its `#[cfg(test)]` module, which may use
/// whatever a test needs.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first names of the paths that follow `crate::` in `code`: `crate::model::X` gives
/// `model`, `crate::{model::X, Schema}` gives `model` and `Schema`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(|c: char| is_ident(c) || c == ':') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's first level.
            let (mut depth, mut expect_name) = (0, true);
            let mut chars = group.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => expect_name = true,
                    c if is_ident(c) && expect_name && depth == 0 => {
                        let end = group[i..]
                            .find(|c| !is_ident(c))
                            .map_or(group.len(), |e| i + e);
                        names.push(group[i..end].to_owned());
                        expect_name = false;
                        while chars.peek().is_some_and(|&(j, _)| j < end) {
                            chars.next();
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let end = rest.find(|c| !is_ident(c)).unwrap_or(rest.len());
            names.push(rest[..end].to_owned());
        }
    }
    names
}

/// The units that depend on each other in a circle, each circle once, with the path it takes
/// (unit → unit (the file that names it)).
fn cycles(uses: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<String> {
    let mut found = BTreeSet::new();
    let mut shown = Vec::new();
    for start in uses.keys() {
        let mut stack: Vec<Vec<&str>> = vec![vec![start]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = *path.last().unwrap();
            for next in uses.get(last).into_iter().flat_map(|t| t.keys()) {
                if next == start {
                    let mut members: Vec<&str> = path.clone();
                    members.sort_unstable();
                    if found.insert(members) {
                        let mut steps: Vec<String> = path
                            .windows(2)
                            .map(|w| format!("{} → {} ({})", w[0], w[1], uses[w[0]][w[1]]))
                            .collect();
                        steps.push(format!("{last} → {next} ({})", uses[last][next]));
                        shown.push(steps.join(", "));
                    }
                } else if seen.insert(next.as_str()) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    shown
}

/// The items of a directory module: its files and subfolders, but `mod.rs`.
fn items(dir: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut items: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if matches!(name.as_str(), "lib" | "mod")
            || !(path.is_dir() || path.extension().is_some_and(|e| e == "rs"))
        {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&path, &mut files);
        items.entry(name).or_default().extend(files);
    }
    items
}

#[test]
fn no_two_modules_of_schema_core_depend_on_each_other() {
    let src = source_dir();
    let modules = items(&src);
    // `crate::Schema` is `model`'s: the names lib.rs re-exports, by module.
    let mut reexported: BTreeMap<String, String> = BTreeMap::new();
    for line in code(&src.join("lib.rs")).lines() {
        let Some(path) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = path.trim_end_matches(';').split_once("::") else {
            continue;
        };
        if modules.contains_key(module) {
            for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
                reexported.insert(name.trim().to_owned(), module.to_owned());
            }
        }
    }
    let mut uses: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (module, files) in &modules {
        for file in files {
            for name in crate_paths(&code(file)) {
                let target = reexported
                    .get(&name)
                    .cloned()
                    .or_else(|| modules.contains_key(&name).then_some(name));
                if let Some(target) = target.filter(|t| t != module) {
                    let shown = file.strip_prefix(&src).unwrap().display().to_string();
                    uses.entry(module.clone())
                        .or_default()
                        .entry(target)
                        .or_insert(shown);
                }
            }
        }
    }
    let mut found = cycles(&uses);
    // The pipeline's direction, stage by stage.
    for (later, earlier) in [("diff", "model"), ("render", "model"), ("migrate", "diff")] {
        assert!(
            uses.get(later).is_some_and(|t| t.contains_key(earlier)),
            "{later} uses {earlier}"
        );
    }
    // Inside each directory module, its files: `super::<file>` from a file directly in it.
    for (module, _) in modules.iter().filter(|(m, _)| src.join(m).is_dir()) {
        let dir = src.join(module);
        let files = items(&dir);
        let mut uses: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (item, paths) in &files {
            // A subfolder's own files name their siblings as `super::`: only its `mod.rs` and
            // a file directly in `dir` speak of `dir`'s items that way.
            for path in paths.iter().filter(|p| {
                p.parent() == Some(&dir)
                    || p.ends_with("mod.rs") && p.parent().and_then(Path::parent) == Some(&dir)
            }) {
                let code = code(path);
                let names = code
                    .replace("crate::", "\u{0}")
                    .replace(&format!("\u{0}{module}::"), "crate::")
                    .replace("super::", "crate::");
                for name in crate_paths(&names) {
                    if &name != item && files.contains_key(&name) {
                        let shown = path.strip_prefix(&src).unwrap().display().to_string();
                        uses.entry(item.clone())
                            .or_default()
                            .entry(name)
                            .or_insert(shown);
                    }
                }
            }
        }
        found.extend(
            cycles(&uses)
                .into_iter()
                .map(|c| format!("in {module}/: {c}")),
        );
    }
    assert!(
        found.is_empty(),
        "schema-core's modules depend on each other in a circle:\n{}",
        found.join("\n")
    );
}
