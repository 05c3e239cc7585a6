//! The naming and design conventions (seed 001's guideline), checked on the resolved model.
//! Each rule is one function; every violation is reported on its token with the rule's name,
//! what was expected, the fix, and the `allow(..)` that silences it.

use super::ast::EnumContainer;
use super::attr::RuleLevels;
use super::case;
use super::config::Config;
use super::ctxt::Ctxt;
use super::kind::Kind;
use super::resolve::{ColumnModel, EnumModel, TableModel};
use super::rules::Rule;
use proc_macro2::Span;
use syn::spanned::Spanned;

/// Where a rule is silenced: the attribute the hint names.
#[derive(Clone, Copy)]
enum Scope {
    Table,
    Column,
    Enum,
}

impl Scope {
    fn attribute(self) -> &'static str {
        match self {
            Scope::Table => "table",
            Scope::Column => "column",
            Scope::Enum => "pg_enum",
        }
    }
}

/// Whether `rule` applies to an item: the innermost `allow`/`deny` decides, then the crate
/// configuration.
fn rule_on(config: &Config, rule: Rule, innermost_first: &[&RuleLevels]) -> bool {
    innermost_first
        .iter()
        .find_map(|levels| levels.level(rule))
        .unwrap_or_else(|| config.is_on(rule))
}

fn report(cx: &Ctxt, span: Span, rule: Rule, scope: Scope, problem: String, fix: String) {
    cx.error_at(
        span,
        format!(
            "{problem} (rule `{rule}`)\n= help: {fix}, or allow the rule here with `#[{attr}(allow({rule}))]`",
            rule = rule.name(),
            attr = scope.attribute(),
        ),
    );
}

struct TableCheck<'m, 'c, 'a> {
    cx: &'m Ctxt,
    config: &'m Config,
    model: &'m TableModel<'c, 'a>,
}

impl TableCheck<'_, '_, '_> {
    fn table_rule_on(&self, rule: Rule) -> bool {
        rule_on(self.config, rule, &[&self.model.container.attrs.rules])
    }

    fn column_rule_on(&self, rule: Rule, column: &ColumnModel) -> bool {
        rule_on(
            self.config,
            rule,
            &[&column.field.attrs.rules, &self.model.container.attrs.rules],
        )
    }

    /// The table name's token: the `name = "..."` literal, or the struct's name.
    fn table_span(&self) -> Span {
        let container = self.model.container;
        container
            .attrs
            .name
            .as_ref()
            .map_or(container.ident.span(), |n| n.span())
    }
}

/// The column name's token: the `name = "..."` literal, or the field's name.
fn column_span(column: &ColumnModel) -> Span {
    column
        .field
        .attrs
        .name
        .as_ref()
        .map_or(column.field.ident.span(), |n| n.span())
}

fn rename_fix(column: &ColumnModel, to: &str) -> String {
    match &column.field.attrs.name {
        Some(_) => format!("write `name = \"{to}\"`"),
        None => format!("rename `{}` to `{to}`", column.field.ident),
    }
}

pub fn check_table(cx: &Ctxt, config: &Config, model: &TableModel) {
    let check = TableCheck { cx, config, model };
    table_snake_case(&check);
    table_plural(&check);
    junction_name(&check);
    explicit_schema(&check);
    timestamps(&check);
    primary_key_id(&check);
    index_name(&check);
    for column in &model.columns {
        column_snake_case(&check, column);
        bool_prefix(&check, column);
        timestamp_suffix(&check, column);
        foreign_key_name(&check, column);
        soft_delete_pair(&check, column);
        user_id_text(&check, column);
    }
}

fn table_name_fix(check: &TableCheck, to: &str) -> String {
    match &check.model.container.attrs.name {
        Some(_) => format!("write `name = \"{to}\"`"),
        None => format!("name the table with `#[table(name = \"{to}\")]`"),
    }
}

fn table_snake_case(check: &TableCheck) {
    let name = &check.model.name;
    if check.table_rule_on(Rule::TableSnakeCase) && !case::is_snake_case(name) {
        let to = case::snake_case(name);
        report(
            check.cx,
            check.table_span(),
            Rule::TableSnakeCase,
            Scope::Table,
            format!("table name `{name}` is not snake_case"),
            table_name_fix(check, &to),
        );
    }
}

fn table_plural(check: &TableCheck) {
    let name = &check.model.name;
    if !check.table_rule_on(Rule::TablePlural) || !case::is_snake_case(name) {
        return;
    }
    let last = case::last_word(name);
    if case::is_plural(last, &check.config.plurals) {
        return;
    }
    let to = format!(
        "{}{}",
        &name[..name.len() - last.len()],
        case::pluralize(last)
    );
    report(
        check.cx,
        check.table_span(),
        Rule::TablePlural,
        Scope::Table,
        format!("table name `{name}` is not plural: a table holds many `{last}` rows"),
        format!(
            "{} (if `{last}` is a plural these rules do not know, list it in `plurals` under `[package.metadata.schema]`)",
            table_name_fix(check, &to)
        ),
    );
}

/// A table whose primary key is exactly two foreign keys links two entities:
/// `{entity1}_{entity2s}`, like `file_tags`.
fn junction_name(check: &TableCheck) {
    let model = check.model;
    let Some(pk) = &model.primary_key else { return };
    if pk.columns.len() != 2 || !check.table_rule_on(Rule::JunctionName) {
        return;
    }
    let entities: Vec<String> = pk
        .columns
        .iter()
        .filter_map(|name| model.columns.iter().find(|c| &c.sql_name == name))
        .filter_map(|c| {
            let target = c.field.attrs.references.as_ref()?;
            let suffix = format!("_{}", target.field.to_string().trim_start_matches("r#"));
            Some(
                c.sql_name
                    .strip_suffix(&suffix)
                    .map(str::to_owned)
                    .unwrap_or_else(|| referenced_entity(check, &target.model)),
            )
        })
        .collect();
    let [first, second] = entities.as_slice() else {
        return;
    };
    let options = [plural_of_last(first, second), plural_of_last(second, first)];
    if options.contains(&model.name) {
        return;
    }
    report(
        check.cx,
        check.table_span(),
        Rule::JunctionName,
        Scope::Table,
        format!(
            "`{}` links `{first}` and `{second}` (its primary key is their two foreign keys), so its name should read `{}` or `{}`",
            model.name, options[0], options[1]
        ),
        table_name_fix(check, &options[0]),
    );
}

/// `{first}_{second}` with the last word of `second` made plural: `file` + `tag` → `file_tags`.
fn plural_of_last(first: &str, second: &str) -> String {
    let last = case::last_word(second);
    format!(
        "{first}_{}{}",
        &second[..second.len() - last.len()],
        case::pluralize(last)
    )
}

/// The entity a foreign key points at: the snake_case name of the referenced struct
/// (`Self` is this struct).
fn referenced_entity(check: &TableCheck, target: &syn::Path) -> String {
    let ident = match target.segments.last() {
        Some(segment) if segment.ident != "Self" => segment.ident.to_string(),
        _ => check.model.container.ident.to_string(),
    };
    case::snake_case(&ident)
}

fn explicit_schema(check: &TableCheck) {
    if !check.table_rule_on(Rule::ExplicitSchema) {
        return;
    }
    let container = check.model.container;
    schema_violation(
        check.cx,
        check.config,
        container.attrs.schema.as_ref(),
        container.ident.span(),
        "table",
        &check.model.name,
        Scope::Table,
    );
}

/// Shared by tables and enums: the item must name a schema other than `public`, and one of
/// the configured schemas when the crate lists them.
fn schema_violation(
    cx: &Ctxt,
    config: &Config,
    schema: Option<&syn::LitStr>,
    item_span: Span,
    what: &str,
    name: &str,
    scope: Scope,
) {
    let listed = if config.schemas.is_empty() {
        String::new()
    } else {
        format!(" (this crate's schemas: {})", config.schemas.join(", "))
    };
    match schema {
        None => report(
            cx,
            item_span,
            Rule::ExplicitSchema,
            scope,
            format!("{what} `{name}` lives in the shared `public` schema; this crate isolates its tables in their own PostgreSQL schema"),
            format!("add `#[{}(schema = \"...\")]`{listed}", scope.attribute()),
        ),
        Some(lit) if lit.value() == "public" => report(
            cx,
            lit.span(),
            Rule::ExplicitSchema,
            scope,
            format!("{what} `{name}` is in the shared `public` schema; this crate isolates its tables in their own PostgreSQL schema"),
            format!("name the service's schema{listed}"),
        ),
        Some(lit) if !config.schemas.is_empty() && !config.schemas.contains(&lit.value()) => {
            report(
                cx,
                lit.span(),
                Rule::ExplicitSchema,
                scope,
                format!("schema `{}` is not one of this crate's schemas: {}", lit.value(), config.schemas.join(", ")),
                "use one of them, or add it to `schemas` under `[package.metadata.schema]`".to_owned(),
            )
        }
        Some(_) => {}
    }
}

fn timestamps(check: &TableCheck) {
    if !check.table_rule_on(Rule::Timestamps) {
        return;
    }
    let model = check.model;
    let missing: Vec<&str> = ["created_at", "updated_at"]
        .into_iter()
        .filter(|name| !model.columns.iter().any(|c| c.sql_name == *name))
        .collect();
    if missing.is_empty() {
        return;
    }
    let fields: Vec<String> = missing
        .iter()
        .map(|name| format!("`#[column(default_now)] pub {name}: DateTime<Utc>`"))
        .collect();
    report(
        check.cx,
        model.container.ident.span(),
        Rule::Timestamps,
        Scope::Table,
        format!(
            "table `{}` has no {} column: every table records when its rows were created and last updated",
            model.name,
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        format!("add {}", fields.join(" and ")),
    );
}

fn primary_key_id(check: &TableCheck) {
    let model = check.model;
    // Judged on what was written: a key with a mistake in it (two `primary_key` fields, a
    // missing field in the list) gets that mistake's error, not this rule's.
    let written = match &model.container.attrs.primary_key {
        Some(list) => list.columns.len(),
        None => model
            .columns
            .iter()
            .filter(|c| c.field.attrs.primary_key.is_some())
            .count(),
    };
    let Some(pk) = &model.primary_key else { return };
    let [name] = pk.columns.as_slice() else {
        return;
    };
    if written != 1 {
        return;
    }
    if name == "id" {
        return;
    }
    let Some(column) = model.columns.iter().find(|c| &c.sql_name == name) else {
        return;
    };
    if check.column_rule_on(Rule::PrimaryKeyId, column) {
        report(
            check.cx,
            column_span(column),
            Rule::PrimaryKeyId,
            Scope::Column,
            format!(
                "the primary key column `{name}` should be named `id`: the table name already says whose id it is"
            ),
            rename_fix(column, "id"),
        );
    }
}

fn index_name(check: &TableCheck) {
    if !check.table_rule_on(Rule::IndexName) {
        return;
    }
    let model = check.model;
    let prefix = format!("idx_{}_", model.name);
    for index in &model.indexes {
        let Some(span) = index.written_name else {
            continue;
        };
        if index.name.starts_with(&prefix) {
            continue;
        }
        let expected = std::iter::once(format!("idx_{}", model.name))
            .chain(index.columns.iter().cloned())
            .collect::<Vec<_>>()
            .join("_");
        report(
            check.cx,
            span,
            Rule::IndexName,
            Scope::Table,
            format!(
                "index name `{}` does not follow `idx_{{table}}_{{columns}}`: it should start with `{prefix}`",
                index.name
            ),
            format!("name it `{expected}`, or leave `name` out to get that name"),
        );
    }
}

fn column_snake_case(check: &TableCheck, column: &ColumnModel) {
    let name = &column.sql_name;
    if check.column_rule_on(Rule::ColumnSnakeCase, column) && !case::is_snake_case(name) {
        report(
            check.cx,
            column_span(column),
            Rule::ColumnSnakeCase,
            Scope::Column,
            format!("column name `{name}` is not snake_case"),
            rename_fix(column, &case::snake_case(name)),
        );
    }
}

fn bool_prefix(check: &TableCheck, column: &ColumnModel) {
    let prefixes = &check.config.bool_prefixes;
    let name = &column.sql_name;
    if column.field.kind() != Kind::Bool
        || prefixes.iter().any(|p| name.starts_with(p.as_str()))
        || !check.column_rule_on(Rule::BoolPrefix, column)
    {
        return;
    }
    let listed = prefixes
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let first = prefixes.first().map_or("is_", String::as_str);
    report(
        check.cx,
        column_span(column),
        Rule::BoolPrefix,
        Scope::Column,
        format!(
            "boolean column `{name}` should start with {listed}, so it reads as a yes/no question"
        ),
        rename_fix(column, &format!("{first}{name}")),
    );
}

fn timestamp_suffix(check: &TableCheck, column: &ColumnModel) {
    let name = &column.sql_name;
    if column.field.kind() != Kind::Timestamp
        || name.ends_with("_at")
        || !check.column_rule_on(Rule::TimestampSuffix, column)
    {
        return;
    }
    let stem = ["_timestamp", "_time", "_date", "_on"]
        .iter()
        .find_map(|end| name.strip_suffix(end))
        .unwrap_or(name);
    report(
        check.cx,
        column_span(column),
        Rule::TimestampSuffix,
        Scope::Column,
        format!("timestamp column `{name}` should end with `_at`, like `created_at`"),
        rename_fix(column, &format!("{stem}_at")),
    );
}

fn foreign_key_name(check: &TableCheck, column: &ColumnModel) {
    let Some(target) = &column.field.attrs.references else {
        return;
    };
    // The convention speaks of keys to `id`; a key to another column names itself freely.
    if target.field != "id" || !check.column_rule_on(Rule::ForeignKeyName, column) {
        return;
    }
    let entity = referenced_entity(check, &target.model);
    let suffix = format!("{entity}_id");
    let name = &column.sql_name;
    if *name == suffix || name.ends_with(&format!("_{suffix}")) {
        return;
    }
    let role = name.strip_suffix("_id").unwrap_or(name);
    let fix = if role.is_empty() || *name == format!("{role}_{suffix}") {
        rename_fix(column, &suffix)
    } else {
        format!(
            "{} (or `{role}_{suffix}` to keep the role)",
            rename_fix(column, &suffix)
        )
    };
    report(
        check.cx,
        column_span(column),
        Rule::ForeignKeyName,
        Scope::Column,
        format!(
            "foreign key column `{name}` references `{entity}`, so it should be `{suffix}` or end with `_{suffix}`"
        ),
        fix,
    );
}

fn soft_delete_pair(check: &TableCheck, column: &ColumnModel) {
    if column.sql_name != "is_deleted"
        || check
            .model
            .columns
            .iter()
            .any(|c| c.sql_name == "deleted_at")
        || !check.column_rule_on(Rule::SoftDeletePair, column)
    {
        return;
    }
    report(
        check.cx,
        column_span(column),
        Rule::SoftDeletePair,
        Scope::Column,
        "a soft-deleted row records when: `is_deleted` comes with a `deleted_at` column".to_owned(),
        "add `pub deleted_at: Option<DateTime<Utc>>`".to_owned(),
    );
}

fn user_id_text(check: &TableCheck, column: &ColumnModel) {
    let name = &column.sql_name;
    let kind = column.field.kind();
    if !(name == "user_id" || name.ends_with("_user_id"))
        || matches!(kind, Kind::Text | Kind::Unknown)
        || !check.column_rule_on(Rule::UserIdText, column)
    {
        return;
    }
    report(
        check.cx,
        column.field.ty.span(),
        Rule::UserIdText,
        Scope::Column,
        format!("`{name}` holds the auth service's user id, which is text, not a UUID"),
        "make the field a `String`".to_owned(),
    );
}

pub fn check_enum(cx: &Ctxt, config: &Config, container: &EnumContainer, model: &EnumModel) {
    let allowed = |rule: Rule| !rule_on(config, rule, &[&container.attrs.rules]);
    if !allowed(Rule::ExplicitSchema) {
        schema_violation(
            cx,
            config,
            container.attrs.schema.as_ref(),
            container.ident.span(),
            "enum type",
            &model.name,
            Scope::Enum,
        );
    }
    if allowed(Rule::EnumSnakeCase) {
        return;
    }
    if !case::is_snake_case(&model.name) {
        let span = container
            .attrs
            .name
            .as_ref()
            .map_or(container.ident.span(), |n| n.span());
        report(
            cx,
            span,
            Rule::EnumSnakeCase,
            Scope::Enum,
            format!("enum type name `{}` is not snake_case", model.name),
            format!(
                "write `#[pg_enum(name = \"{}\")]`",
                case::snake_case(&model.name)
            ),
        );
    }
    let mut rename_all_reported = false;
    for (variant, label) in container.variants.iter().zip(&model.labels) {
        if case::is_snake_case(label) {
            continue;
        }
        let (span, fix) = match (&variant.rename, &container.attrs.rename_all) {
            (Some(rename), _) => (
                rename.span(),
                format!("write `rename = \"{}\"`", case::snake_case(label)),
            ),
            (None, Some((lit, _))) => {
                if std::mem::replace(&mut rename_all_reported, true) {
                    continue;
                }
                (
                    lit.span(),
                    "remove `rename_all`: labels default to snake_case".to_owned(),
                )
            }
            (None, None) => (
                variant.ident.span(),
                format!(
                    "write `#[pg_enum(rename = \"{}\")]`",
                    case::snake_case(label)
                ),
            ),
        };
        report(
            cx,
            span,
            Rule::EnumSnakeCase,
            Scope::Enum,
            format!("enum label `{label}` is not snake_case"),
            fix,
        );
    }
}
