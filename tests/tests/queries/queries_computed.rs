//! Columns PostgreSQL fills itself (issue 15): an `identity(always)` key, a `BY DEFAULT`
//! identity and a stored generated column, through the insert and update shapes, which leave
//! out what a client may not write, and the JSON validation and Zod shapes that agree.

use schema_core::query;
use schema_core::validate::json::{validate_json, Shape};
use schema_tests::apply::apply_schema;
use schema_tests::kitchen_sink::{self, NewOrderLine, OrderLine, OrderLinePatch};
use schema_tests::pg::TestDb;

#[test]
fn identity_and_generated_columns_are_filled_by_postgres() {
    let db = TestDb::new();
    let mut c = db.client();
    apply_schema(&mut c, &kitchen_sink::schema());
    // No `id` (always an identity) and no `total` (generated) to give: the shape has neither.
    let first = query::insert(
        &mut c,
        &NewOrderLine {
            position: None,
            price: 3,
            quantity: 4,
        },
    )
    .unwrap();
    assert_eq!((first.id, first.position, first.total), (1000, 1, Some(12)));
    // A `BY DEFAULT` identity takes a value given.
    let second = query::insert(
        &mut c,
        &NewOrderLine {
            position: Some(50),
            price: 1,
            quantity: 1,
        },
    )
    .unwrap();
    assert_eq!((second.id, second.position), (1010, 50));
    let changed = query::update(
        &mut c,
        &first.id,
        &OrderLinePatch {
            quantity: Some(10),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        changed,
        OrderLine {
            quantity: 10,
            total: Some(30),
            ..first
        }
    );
}

/// The JSON validation of the shapes (what the generated Zod schemas check) asks for what a
/// client writes: `price` and `quantity`; `position` may be left out; `id` and `total` are not
/// part of the insert and update shapes, so a body without them is complete.
#[test]
fn json_shapes_leave_out_what_postgres_fills() {
    let schema = kitchen_sink::schema();
    let model = schema
        .models
        .0
        .iter()
        .find(|m| m.model == "OrderLine")
        .expect("OrderLine's rules");
    let missing = |shape, value: serde_json::Value| -> Vec<String> {
        validate_json(&schema, model, shape, &value)
            .iter()
            .map(|issue| format!("{:?}", issue.path))
            .collect()
    };
    let insert_missing = missing(Shape::Insert, serde_json::json!({}));
    assert_eq!(insert_missing.len(), 2, "{insert_missing:?}");
    assert!(insert_missing
        .iter()
        .all(|p| p.contains("price") || p.contains("quantity")));
    assert!(missing(
        Shape::Insert,
        serde_json::json!({"price": 1, "quantity": 2})
    )
    .is_empty());
    assert!(missing(Shape::Update, serde_json::json!({})).is_empty());
    assert_eq!(missing(Shape::Select, serde_json::json!({})).len(), 5);
    let zod = schema_core::zod::render(&schema);
    let insert = zod
        .split("export const orderLineInsertSchema = z.object({")
        .nth(1)
        .and_then(|rest| rest.split("});").next())
        .expect("the insert schema");
    assert!(
        !insert.contains("  id:") && !insert.contains("  total:"),
        "{insert}"
    );
    assert!(
        insert.contains("  position: z.int32().optional()"),
        "{insert}"
    );
}
