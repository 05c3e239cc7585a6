//! The checked-in `examples/zod/models.ts` is what `cargo xtask zod-gen` writes for the models
//! today, as `cargo xtask check` holds the migrations to them.

#[test]
fn checked_in_zod_module_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/zod/models.ts");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    let rendered = schema_core::zod::render(&schema_examples::schema());
    assert!(
        on_disk == rendered,
        "examples/zod/models.ts is stale: run `cargo xtask zod-gen`"
    );
}
