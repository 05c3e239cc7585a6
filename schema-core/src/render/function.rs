//! Functions and triggers: `CREATE [OR REPLACE] FUNCTION`, `CREATE [OR REPLACE] TRIGGER` and
//! their drops.

use super::{quote_ident, quote_qualified};
use crate::model::{Function, QualifiedName, Trigger, TriggerEvent};
use std::fmt::Write as _;

/// `CREATE FUNCTION "schema"."name"(arguments) RETURNS .. LANGUAGE .. VOLATILITY AS $tag$body$tag$`,
/// `CREATE OR REPLACE FUNCTION` with `replace`. The body is dollar-quoted with a tag it does
/// not contain, so it is sent exactly as written.
pub fn create_function(function: &Function, replace: bool) -> String {
    let tag = dollar_tag(&function.body);
    format!(
        "CREATE {}FUNCTION {}({}) RETURNS {} LANGUAGE {} {} AS {tag}{}{tag}",
        if replace { "OR REPLACE " } else { "" },
        quote_qualified(&function.schema, &function.name),
        function.arguments,
        function.returns,
        quote_ident(&function.language),
        function.volatility.keyword(),
        function.body,
    )
}

/// `DROP FUNCTION "schema"."name"(arguments)` (fails while a trigger executes it).
pub fn drop_function(function: &Function) -> String {
    format!(
        "DROP FUNCTION {}({})",
        quote_qualified(&function.schema, &function.name),
        function.arguments
    )
}

/// `$function$`, or `$function_<n>$` for the first `n` the body does not contain.
fn dollar_tag(body: &str) -> String {
    let mut tag = "$function$".to_owned();
    let mut n = 0;
    while body.contains(&tag) {
        n += 1;
        tag.clear();
        let _ = write!(tag, "$function_{n}$");
    }
    tag
}

/// `CREATE TRIGGER "name" BEFORE UPDATE [OF "a", ..] ON "schema"."table" FOR EACH ROW
/// [WHEN (..)] EXECUTE FUNCTION "schema"."function"()`, `CREATE OR REPLACE TRIGGER` with
/// `replace`.
pub fn create_trigger(table: &QualifiedName, trigger: &Trigger, replace: bool) -> String {
    let events: Vec<String> = trigger
        .events
        .iter()
        .map(|&event| match event {
            TriggerEvent::Update if !trigger.update_of.is_empty() => {
                let columns: Vec<String> =
                    trigger.update_of.iter().map(|c| quote_ident(c)).collect();
                format!("UPDATE OF {}", columns.join(", "))
            }
            _ => event.keyword().to_owned(),
        })
        .collect();
    let when = trigger
        .when
        .as_ref()
        .map_or_else(String::new, |condition| format!(" WHEN ({condition})"));
    format!(
        "CREATE {}TRIGGER {} {} {} ON {} FOR EACH {}{when} EXECUTE FUNCTION {}()",
        if replace { "OR REPLACE " } else { "" },
        quote_ident(&trigger.name),
        trigger.timing.keyword(),
        events.join(" OR "),
        quote_qualified(&table.schema, &table.name),
        if trigger.per_row { "ROW" } else { "STATEMENT" },
        quote_qualified(&trigger.function.schema, &trigger.function.name),
    )
}

/// `DROP TRIGGER "name" ON "schema"."table"`
pub fn drop_trigger(table: &QualifiedName, name: &str) -> String {
    format!(
        "DROP TRIGGER {} ON {}",
        quote_ident(name),
        quote_qualified(&table.schema, &table.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TriggerTiming;

    #[test]
    fn a_body_holding_the_tag_gets_another() {
        assert_eq!(dollar_tag("BEGIN RETURN NEW; END;"), "$function$");
        assert_eq!(dollar_tag("SELECT '$function$'"), "$function_1$");
        assert_eq!(
            dollar_tag("SELECT '$function$', '$function_1$'"),
            "$function_2$"
        );
    }

    #[test]
    fn statements() {
        let touch = Function::touch("app", "updated_at");
        assert_eq!(
            create_function(&touch, false),
            "CREATE FUNCTION \"app\".\"touch_updated_at\"() RETURNS trigger LANGUAGE \"plpgsql\" \
             VOLATILE AS $function$\nBEGIN\n    NEW.\"updated_at\" := now();\n    RETURN NEW;\nEND;\n$function$"
        );
        assert_eq!(
            drop_function(&touch),
            "DROP FUNCTION \"app\".\"touch_updated_at\"()"
        );
        let trigger = Trigger::new(
            "audit",
            TriggerTiming::After,
            [TriggerEvent::Delete, TriggerEvent::Insert],
            QualifiedName::new("app", "audit"),
        );
        let table = QualifiedName::new("app", "posts");
        assert_eq!(
            create_trigger(&table, &trigger, true),
            "CREATE OR REPLACE TRIGGER \"audit\" AFTER INSERT OR DELETE ON \"app\".\"posts\" \
             FOR EACH ROW EXECUTE FUNCTION \"app\".\"audit\"()"
        );
        let guarded = Trigger::new(
            "guarded",
            TriggerTiming::Before,
            [TriggerEvent::Update, TriggerEvent::Insert],
            QualifiedName::new("app", "check"),
        )
        .update_of(["body", "title"])
        .when("new.body IS NOT NULL");
        assert_eq!(
            create_trigger(&table, &guarded, false),
            "CREATE TRIGGER \"guarded\" BEFORE INSERT OR UPDATE OF \"body\", \"title\" ON \"app\".\"posts\" \
             FOR EACH ROW WHEN (new.body IS NOT NULL) EXECUTE FUNCTION \"app\".\"check\"()"
        );
        assert_eq!(
            drop_trigger(&table, "audit"),
            "DROP TRIGGER \"audit\" ON \"app\".\"posts\""
        );
    }
}
