//! Default names: snake_case via heck, and English plurals for table names.

use heck::ToSnakeCase;

/// `FileVersion` → `file_versions`, `Category` → `categories`, `Person` → `people`:
/// the snake_case of the struct name with its last word made plural.
pub fn table_name(struct_name: &str) -> String {
    let snake = struct_name.to_snake_case();
    match snake.rsplit_once('_') {
        Some((head, last)) => format!("{head}_{}", pluralize(last)),
        None => pluralize(&snake),
    }
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
        ] {
            assert_eq!(table_name(name), table, "{name}");
        }
    }
}
