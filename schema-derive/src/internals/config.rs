//! The crate-wide rule configuration: `[package.metadata.schema]` in the model crate's
//! `Cargo.toml`. One place, parsed once per manifest content, and tracked by the generated code
//! (`include_bytes!` of the manifest) so editing it rebuilds the models.

use super::rules::Rule;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const KEYS: &[&str] = &[
    "allow",
    "enable",
    "bool_prefixes",
    "schemas",
    "plurals",
    "shapes",
];

#[derive(Clone, Debug)]
pub struct Config {
    /// The manifest read, for rebuild tracking; `None` outside Cargo or when it was not found.
    pub manifest: Option<PathBuf>,
    /// Default rules switched off crate-wide.
    pub allow: Vec<Rule>,
    /// Opt-in rules switched on crate-wide.
    pub enable: Vec<Rule>,
    /// Prefixes a boolean column may start with.
    pub bool_prefixes: Vec<String>,
    /// For `explicit_schema`: the schemas tables may live in (empty: any but `public`).
    pub schemas: Vec<String>,
    /// Words `table_plural` accepts as plurals, for names its English rules cannot judge.
    pub plurals: Vec<String>,
    /// Whether every model gets its insert and update shapes (`New<Model>`, `<Model>Patch`);
    /// off, only those marked `#[table(shapes)]` do, and the others cost nothing for them.
    pub shapes: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            manifest: None,
            allow: Vec::new(),
            enable: Vec::new(),
            bool_prefixes: vec!["is_".to_owned(), "has_".to_owned()],
            schemas: Vec::new(),
            plurals: Vec::new(),
            shapes: false,
        }
    }
}

impl Config {
    /// Whether `rule` applies in this crate (before any item-level `allow`).
    pub fn is_on(&self, rule: Rule) -> bool {
        if rule.is_opt_in() {
            self.enable.contains(&rule)
        } else {
            !self.allow.contains(&rule)
        }
    }

    /// The configuration of the crate being compiled (`CARGO_MANIFEST_DIR`, read at each
    /// expansion). An error is a one-line message naming the file and the key.
    pub fn load() -> Result<Config, String> {
        match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(dir) => Config::load_from(&Path::new(&dir).join("Cargo.toml")),
            None => Ok(Config::default()),
        }
    }

    /// The configuration in `manifest`, parsed once per manifest content.
    ///
    /// One process may expand many crates (rust-analyzer's proc-macro server lives as long as
    /// the editor), and a manifest may be edited meanwhile: the cache is keyed by the path and
    /// holds the text it parsed, so another crate or an edited file is read afresh. Reading a
    /// manifest costs far less than parsing it.
    fn load_from(manifest: &Path) -> Result<Config, String> {
        type Cache = HashMap<PathBuf, (Option<String>, Result<Config, String>)>;
        static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
        let text = std::fs::read_to_string(manifest).ok();
        let mut cache = CACHE
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let cache = cache.get_or_insert_with(HashMap::new);
        if let Some((seen, config)) = cache.get(manifest) {
            if *seen == text {
                return config.clone();
            }
        }
        let config = Config::parse(manifest, text.as_deref());
        cache.insert(manifest.to_owned(), (text, config.clone()));
        config
    }

    #[cfg(test)]
    fn read(manifest: &Path) -> Result<Config, String> {
        Config::parse(manifest, std::fs::read_to_string(manifest).ok().as_deref())
    }

    /// `text` is the manifest's content, `None` when it could not be read.
    fn parse(manifest: &Path, text: Option<&str>) -> Result<Config, String> {
        let mut config = Config {
            manifest: Some(manifest.to_owned()),
            ..Config::default()
        };
        let Some(text) = text else {
            config.manifest = None;
            return Ok(config);
        };
        let error = |message: String| {
            format!(
                "{} [package.metadata.schema]: {message}",
                manifest.display()
            )
        };
        let document: toml::Table = text.parse().map_err(|e| error(format!("{e}")))?;
        let Some(section) = document
            .get("package")
            .and_then(|p| p.get("metadata"))
            .and_then(|m| m.get("schema"))
        else {
            return Ok(config);
        };
        let section = section
            .as_table()
            .ok_or_else(|| error("expected a table".to_owned()))?;
        for (key, value) in section {
            let strings = || -> Result<Vec<String>, String> {
                value
                    .as_array()
                    .and_then(|items| {
                        items
                            .iter()
                            .map(|v| v.as_str().map(str::to_owned))
                            .collect::<Option<Vec<_>>>()
                    })
                    .ok_or_else(|| error(format!("`{key}` must be a list of strings")))
            };
            match key.as_str() {
                "allow" => config.allow = rules(strings()?, false).map_err(error)?,
                "enable" => config.enable = rules(strings()?, true).map_err(error)?,
                "bool_prefixes" => config.bool_prefixes = strings()?,
                "schemas" => config.schemas = strings()?,
                "plurals" => config.plurals = strings()?,
                "shapes" => {
                    config.shapes = value
                        .as_bool()
                        .ok_or_else(|| error("`shapes` must be `true` or `false`".to_owned()))?
                }
                other => {
                    let hint = match super::attr::closest_key(other, KEYS) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("the keys are {}", KEYS.join(", ")),
                    };
                    return Err(error(format!("unknown key `{other}`; {hint}")));
                }
            }
        }
        if let Some(both) = config.allow.iter().find(|r| config.enable.contains(r)) {
            return Err(error(format!(
                "`{}` is both allowed and enabled; keep one",
                both.name()
            )));
        }
        Ok(config)
    }
}

/// Rule names of `allow` (default rules) or `enable` (opt-in rules; `"all"` for every one).
fn rules(names: Vec<String>, opt_in: bool) -> Result<Vec<Rule>, String> {
    let mut found = Vec::new();
    for name in names {
        if opt_in && name == "all" {
            found.extend(Rule::ALL.into_iter().filter(|r| r.is_opt_in()));
            continue;
        }
        let rule = Rule::parse(&name)?;
        match (opt_in, rule.is_opt_in()) {
            (true, false) => {
                return Err(format!(
                    "`{name}` is on by default; `enable` takes the opt-in rules: {}",
                    opt_in_names()
                ))
            }
            (false, true) => {
                return Err(format!(
                    "`{name}` is opt-in and off unless listed in `enable`; remove it from `allow`"
                ))
            }
            _ => found.push(rule),
        }
    }
    Ok(found)
}

fn opt_in_names() -> String {
    Rule::ALL
        .iter()
        .filter(|r| r.is_opt_in())
        .map(|r| r.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        // One directory per call: tests run in parallel, and two texts may have one length.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "schema-derive-config-{}-{call}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("Cargo.toml");
        std::fs::write(&path, text).unwrap();
        let config = Config::read(&path);
        std::fs::remove_dir_all(&dir).unwrap();
        config.map_err(|e| e.rsplit("]: ").next().unwrap().to_owned())
    }

    /// Two crates expanded by one process (rust-analyzer's proc-macro server) each get their
    /// own configuration, and an edited manifest is read again.
    #[test]
    fn cache_is_keyed_by_manifest_and_content() {
        let root = std::env::temp_dir().join(format!("schema-derive-cache-{}", std::process::id()));
        let (a, b) = (root.join("a/Cargo.toml"), root.join("b/Cargo.toml"));
        for (path, text) in [
            (
                &a,
                "[package.metadata.schema]\nallow = [\"table_plural\"]\n",
            ),
            (&b, "[package.metadata.schema]\nenable = [\"timestamps\"]\n"),
        ] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (first_a, first_b) = (
            Config::load_from(&a).unwrap(),
            Config::load_from(&b).unwrap(),
        );
        assert!(!first_a.is_on(Rule::TablePlural) && !first_a.is_on(Rule::Timestamps));
        assert!(first_b.is_on(Rule::TablePlural) && first_b.is_on(Rule::Timestamps));
        assert_eq!(first_b.manifest.as_deref(), Some(b.as_path()));

        // The same length, so neither a size nor a coarse mtime would tell the edit apart.
        std::fs::write(
            &a,
            "[package.metadata.schema]\nallow = [\"index_name\"]\n  ",
        )
        .unwrap();
        let edited = Config::load_from(&a).unwrap();
        assert!(edited.is_on(Rule::TablePlural) && !edited.is_on(Rule::IndexName));
        std::fs::write(&a, "[package.metadata.schema]\nallow = [\"bool_prefx\"]\n").unwrap();
        assert!(Config::load_from(&a).is_err());
        assert!(Config::load_from(&b).unwrap().is_on(Rule::Timestamps));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn defaults_without_a_section() {
        let config = parse("[package]\nname = \"x\"\n").unwrap();
        assert!(config.is_on(Rule::BoolPrefix));
        assert!(!config.is_on(Rule::Timestamps));
        assert_eq!(config.bool_prefixes, ["is_", "has_"]);
        assert!(!config.shapes, "shapes are opt-in");
    }

    #[test]
    fn shapes_for_every_model() {
        let on = parse("[package.metadata.schema]\nshapes = true\n").unwrap();
        assert!(on.shapes);
        let off = parse("[package.metadata.schema]\nshapes = false\n").unwrap();
        assert!(!off.shapes);
    }

    #[test]
    fn switches_and_lists() {
        let config = parse(
            "[package.metadata.schema]\nallow = [\"table_plural\"]\nenable = [\"all\"]\nbool_prefixes = [\"is_\", \"can_\"]\n",
        )
        .unwrap();
        assert!(!config.is_on(Rule::TablePlural));
        assert!(config.is_on(Rule::Timestamps) && config.is_on(Rule::UserIdText));
        assert_eq!(config.bool_prefixes, ["is_", "can_"]);
    }

    #[test]
    fn mistakes_are_one_line_errors() {
        for (text, expected) in [
            ("allow = [\"bool_prefx\"]", "unknown rule `bool_prefx`; did you mean `bool_prefix`?"),
            ("enable = [\"bool_prefix\"]", "`bool_prefix` is on by default; `enable` takes the opt-in rules: explicit_schema, timestamps, soft_delete_pair, user_id_text"),
            ("allow = [\"timestamps\"]", "`timestamps` is opt-in and off unless listed in `enable`; remove it from `allow`"),
            ("allow = \"bool_prefix\"", "`allow` must be a list of strings"),
            ("bool_prefixs = []", "unknown key `bool_prefixs`; did you mean `bool_prefixes`?"),
            ("shapes = \"yes\"", "`shapes` must be `true` or `false`"),
            ("shape = true", "unknown key `shape`; did you mean `shapes`?"),
        ] {
            let error = parse(&format!("[package.metadata.schema]\n{text}\n")).unwrap_err();
            assert_eq!(error, expected, "{text}");
        }
    }
}
