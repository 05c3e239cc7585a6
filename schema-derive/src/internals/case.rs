//! Default names: snake_case via heck, and English plurals for table names.

use heck::ToSnakeCase;

/// `FileVersion` → `file_versions`, `Category` → `categories`, `Person` → `people`:
/// the snake_case of the struct name with its last word made plural.
/// A struct already named in the plural (`Settings`, `UserStats`) keeps its last word.
pub fn table_name(struct_name: &str) -> String {
    let snake = struct_name.to_snake_case();
    let plural = |word: &str| {
        if is_plural(word, &[]) {
            word.to_owned()
        } else {
            pluralize(word)
        }
    };
    match snake.rsplit_once('_') {
        Some((head, last)) => format!("{head}_{}", plural(last)),
        None => plural(&snake),
    }
}

/// Lower-case ASCII words joined by single `_`, as PostgreSQL folds unquoted names:
/// `user_sessions`, `v2_items`; not `userSessions`, `_tmp`, `a__b`, `2fa`.
pub fn is_snake_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('_').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// The last `_`-separated word of a name.
pub fn last_word(name: &str) -> &str {
    name.rsplit('_').next().unwrap_or(name)
}

/// The singular of one lower-case English word: the inverse of [`pluralize`] on its outputs.
pub fn singularize(word: &str) -> String {
    if UNCOUNTABLE.contains(&word) {
        return word.to_owned();
    }
    if let Some((singular, _)) = IRREGULAR.iter().find(|(_, plural)| *plural == word) {
        return (*singular).to_owned();
    }
    if IRREGULAR.iter().any(|(singular, _)| *singular == word) {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        if !stem.is_empty() {
            return format!("{stem}y");
        }
    }
    // `-es` after a sibilant the singular ends in: `statuses`, `addresses`, `boxes`, `matches`,
    // `wishes`, `buzzes`; otherwise the `e` belongs to the word: `cases`, `sizes`, `houses`.
    if let Some(stem) = word.strip_suffix("es") {
        let sibilant = ["ss", "us", "is", "x", "zz", "ch", "sh"]
            .iter()
            .any(|end| stem.ends_with(end));
        if sibilant {
            return stem.to_owned();
        }
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// Whether a lower-case word reads as a plural: an uncountable word, an irregular plural, a
/// word the crate configuration lists (`extra`), or the regular plural of its singular.
pub fn is_plural(word: &str, extra: &[String]) -> bool {
    if UNCOUNTABLE.contains(&word) || extra.iter().any(|w| w == word) {
        return true;
    }
    if IRREGULAR.iter().any(|(_, plural)| *plural == word) {
        return true;
    }
    let singular = singularize(word);
    singular != word && pluralize(&singular) == word
}

pub fn snake_case(name: &str) -> String {
    name.to_snake_case()
}

const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("child", "children"),
    ("man", "men"),
    ("woman", "women"),
    ("mouse", "mice"),
    ("goose", "geese"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("datum", "data"),
    ("criterion", "criteria"),
    ("index", "indexes"),
    ("quiz", "quizzes"),
    ("ox", "oxen"),
    ("leaf", "leaves"),
    ("life", "lives"),
    ("knife", "knives"),
    ("wife", "wives"),
    ("half", "halves"),
    ("shelf", "shelves"),
    ("analysis", "analyses"),
    ("basis", "bases"),
    ("crisis", "crises"),
    ("thesis", "theses"),
    // Regular plurals whose singular the `-ies` → `-y` rule would get wrong.
    ("movie", "movies"),
    ("cookie", "cookies"),
    ("pie", "pies"),
    ("tie", "ties"),
    ("calorie", "calories"),
    ("zombie", "zombies"),
];

/// Words whose plural is the word itself.
const UNCOUNTABLE: &[&str] = &[
    "data",
    "metadata",
    "information",
    "equipment",
    "news",
    "series",
    "species",
    "feedback",
    "sheep",
    "fish",
    "deer",
    "staff",
    "media",
    "settings",
    "analytics",
];

/// The plural of one lower-case English word, covering the regular rules and common irregulars.
pub fn pluralize(word: &str) -> String {
    if UNCOUNTABLE.contains(&word) {
        return word.to_owned();
    }
    if let Some((_, plural)) = IRREGULAR.iter().find(|(singular, _)| *singular == word) {
        return (*plural).to_owned();
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let before_last = word.chars().rev().nth(1);
    if let Some(stem) = word.strip_suffix('y') {
        if before_last.is_some_and(|c| !is_vowel(c)) {
            return format!("{stem}ies");
        }
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| word.ends_with(end))
    {
        return format!("{word}es");
    }
    format!("{word}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_are_recognised() {
        for word in [
            "files",
            "categories",
            "statuses",
            "people",
            "boxes",
            "keys",
            "data",
            "metadata",
            "settings",
            "sessions",
            "tags",
            "addresses",
            "children",
            "analyses",
            "cases",
            "movies",
            "matches",
            "news",
            "indexes",
        ] {
            assert!(is_plural(word, &[]), "{word} is plural");
        }
        for word in [
            "file", "category", "status", "person", "box", "key", "session", "sync", "address",
            "class", "bus", "analysis", "index", "user",
        ] {
            assert!(!is_plural(word, &[]), "{word} is singular");
        }
        assert!(is_plural("cacti", &["cacti".to_owned()]));
    }

    #[test]
    fn singulars_invert_plurals() {
        for word in [
            "file", "category", "status", "person", "box", "key", "session", "address", "match",
            "wish", "case", "child", "analysis", "movie", "quiz",
        ] {
            assert_eq!(singularize(&pluralize(word)), word, "{word}");
        }
    }

    #[test]
    fn snake_case_names() {
        for name in ["users", "user_sessions", "v2_items", "is_active", "a1"] {
            assert!(is_snake_case(name), "{name}");
        }
        for name in [
            "Users",
            "userSessions",
            "_tmp",
            "a__b",
            "trailing_",
            "2fa",
            "kebab-case",
            "",
        ] {
            assert!(!is_snake_case(name), "{name}");
        }
    }

    #[test]
    fn table_names() {
        for (name, table) in [
            ("File", "files"),
            ("FileVersion", "file_versions"),
            ("FileTag", "file_tags"),
            ("Category", "categories"),
            ("Status", "statuses"),
            ("Person", "people"),
            ("Box", "boxes"),
            ("Match", "matches"),
            ("Key", "keys"),
            ("UserSession", "user_sessions"),
            ("Transaction", "transactions"),
            ("Balance", "balances"),
            ("Metadata", "metadata"),
            ("Address", "addresses"),
            ("Settings", "settings"),
            ("UserStats", "user_stats"),
            ("Users", "users"),
        ] {
            assert_eq!(table_name(name), table, "{name}");
        }
    }
}
