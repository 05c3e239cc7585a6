use chrono::{DateTime, Utc};
use schema_core::{Schema, Table, Trigger, TriggerEvent, TriggerTiming};

/// A trigger of the derive, and an `on_update_now` column's.
#[derive(Table)]
#[table(
    schema = "app",
    trigger(after(insert, delete), execute = "audit.log_change", name = "audited"),
    trigger(before(update), execute = "check_ticket")
)]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
    #[column(default_now)]
    pub created_at: DateTime<Utc>,
    #[column(default_now, on_update_now)]
    pub updated_at: DateTime<Utc>,
}

fn main() {
    let table = Ticket::table_def();
    let names: Vec<&str> = table.triggers.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["audited", "check_ticket", "touch_updated_at"]);
    assert_eq!(table.triggers[0].timing, TriggerTiming::After);
    assert_eq!(
        table.triggers[0].events,
        [TriggerEvent::Insert, TriggerEvent::Delete]
    );
    assert_eq!(table.triggers[0].function.to_string(), "audit.log_change");
    assert_eq!(table.triggers[1].function.to_string(), "app.check_ticket");
    assert_eq!(table.triggers[2], Trigger::touch("app", "updated_at"));
    // The touch function comes with the model; the others are the schema's to declare.
    let schema = Schema::new().table::<Ticket>();
    let functions: Vec<String> = schema
        .functions
        .iter()
        .map(|f| f.qualified_name().to_string())
        .collect();
    assert_eq!(functions, ["app.touch_updated_at"]);
    assert!(schema.validate().is_err());
    // A trigger added at run time registers its model first when it is not yet.
    let late = Trigger::new(
        "late",
        TriggerTiming::After,
        [TriggerEvent::Update],
        schema_core::model::QualifiedName::new("app", "late"),
    );
    let schema = Schema::new().trigger::<Ticket>(late.clone());
    assert_eq!(schema.tables.len(), 1);
    assert!(schema.tables[0].triggers.contains(&late));
}
