//! Compile-fail tests of the derives: each file under `ui/` is one mistake, and its `.stderr`
//! is the message a user sees. `ui-pass/` holds the edge cases that must keep compiling.
//!
//! Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p schema-tests --test ui`, then read every changed `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/**/*.rs");
    t.pass("tests/ui-pass/**/*.rs");
}
