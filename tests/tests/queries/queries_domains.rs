//! Columns of a domain (issue 15): written and read through the typed queries as the inner
//! value, and refused alike by the domain's checks in PostgreSQL and by the validators built
//! from the same rules.

use schema_core::query;
use schema_core::Validate;
use schema_tests::apply::{apply_schema, refusal};
use schema_tests::kitchen_sink::{self, NewShipment, Quantity, Shipment, Slug};
use schema_tests::pg::TestDb;

fn shipment(id: i64, code: &str, parcels: i32) -> NewShipment {
    NewShipment {
        id,
        code: Slug(code.into()),
        parcels: Quantity(parcels),
        alias: None,
    }
}

#[test]
fn domain_values_are_written_read_and_checked_alike() {
    let db = TestDb::new();
    let mut c = db.client();
    apply_schema(&mut c, &kitchen_sink::schema());
    let written = query::insert(&mut c, &shipment(1, "north-pole", 3)).unwrap();
    assert_eq!(
        written,
        Shipment {
            id: 1,
            code: Slug("north-pole".into()),
            parcels: Quantity(3),
            alias: None,
        }
    );
    assert!(written.validate().is_ok());
    // Each rule of the domains, broken: the validator and PostgreSQL both refuse the value.
    let broken = [
        (shipment(2, "North Pole", 1), "slug_regex"),
        (shipment(3, &"a".repeat(41), 1), "slug_max_len"),
        (shipment(4, "south", 1001), "quantity_max"),
        (shipment(5, "south", -1), "quantity_min"),
    ];
    for (value, check) in broken {
        assert!(
            value.validate().is_err(),
            "{check}: the validator took {value:?}"
        );
        let error = format!("{:?}", query::insert(&mut c, &value).unwrap_err());
        assert!(error.contains(check), "{check}: {error}");
    }
    // A check written in SQL only is PostgreSQL's: the validator has no rule for it.
    let double_dash = shipment(6, "a--b", 1);
    assert!(double_dash.validate().is_ok());
    let error = format!("{:?}", query::insert(&mut c, &double_dash).unwrap_err());
    assert!(error.contains("slug_no_double_dash"), "{error}");
    // `NOT NULL` is the domain's: no column of the type holds NULL.
    let message = refusal(
        &mut c,
        "INSERT INTO kitchen.shipments (id, code, parcels) VALUES (7, 'x', NULL)",
    );
    assert!(message.contains("does not allow null values"), "{message}");
}
