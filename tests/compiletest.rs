//! Everything the derives must refuse, each with the error a user sees.
//! The `.stderr` files are pinned to the toolchain of this repository's CI.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
