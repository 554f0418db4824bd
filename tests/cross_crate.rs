//! A code used twice across crates: each crate compiles, the registry sees
//! both. `dup-a` declares the catalog and `ERR-01-001`; `dup-b` uses that
//! catalog and registers `ERR-01-001` again.

use error_catalog::CatalogError;

/// Names one item of each crate, so that the linker keeps both.
fn link_both() -> [&'static str; 2] {
    [dup_a::NodeNotFoundError.code_str(), dup_b::NodeOfflineError.code_str()]
}

#[test]
fn the_registry_finds_a_code_registered_by_two_crates() {
    assert_eq!(link_both(), ["ERR-01-001", "ERR-01-001"]);
    let duplicates = error_catalog::registry::duplicates();
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    let mut types = [duplicates[0].first.type_path(), duplicates[0].second.type_path()];
    types.sort_unstable();
    assert_eq!(types, ["dup_a::NodeNotFoundError", "dup_b::NodeOfflineError"]);
}

#[test]
fn the_one_line_helper_fails_naming_both_types_and_crates() {
    link_both();
    let panic = std::panic::catch_unwind(error_catalog::registry::assert_unique_codes)
        .expect_err("two crates register ERR-01-001");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert_eq!(
        message,
        "error code ERR-01-001 of catalog `Catalog` is defined twice: \
         by `dup_a::NodeNotFoundError` (crate `dup_a`) and by `dup_b::NodeOfflineError` (crate `dup_b`)"
    );
}
