//! Feature `link-check`: two crates that define the same code of one
//! catalog compile each alone, and the program that links both fails to
//! link, the linker naming the code's symbol; a program linking two crates
//! with different codes of that catalog builds and runs.
//!
//! The fixtures (`tests/fixtures/link-check/`) are a workspace of their own,
//! built here with cargo in a target directory of their own
//! (`target/link-check`), from a copy holding this repository's
//! `Cargo.lock`, offline: the versions are the ones this workspace built.
//! Unix only (the copy links to the packages); tried on
//! x86_64-unknown-linux-gnu, whose default linker is rust-lld.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The fixture workspace, copied beside its build with the lock file.
fn workspace() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build = root.join("target/link-check");
    let copy = build.join("workspace");
    // The copy keeps the fixtures' relative path to the packages: the same
    // depth under `target/link-check/workspace/`, beside links to them.
    let fixtures = copy.join("tests/fixtures/link-check");
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&root.join("tests/fixtures/link-check"), &fixtures);
    for package in ["error-core", "error-macros"] {
        std::os::unix::fs::symlink(root.join(package), copy.join(package)).unwrap();
    }
    std::fs::copy(root.join("Cargo.lock"), fixtures.join("Cargo.lock")).unwrap();
    (fixtures, build.join("target"))
}

fn build(fixtures: &Path, target: &Path, package: &str) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(["build", "--offline", "--quiet", "-p", package])
        .current_dir(fixtures)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap()
}

#[test]
fn a_code_defined_by_two_crates_fails_to_link_and_distinct_codes_link() {
    let (fixtures, target) = workspace();
    let ok = build(&fixtures, &target, "link-ok");
    assert!(ok.status.success(), "link-ok must build:\n{}", String::from_utf8_lossy(&ok.stderr));
    let ran = Command::new(target.join("debug/link-ok")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&ran.stdout), "ERR-01-004 ERR-01-005\n");

    let dup = build(&fixtures, &target, "link-dup");
    let stderr = String::from_utf8_lossy(&dup.stderr);
    assert!(!dup.status.success(), "link-dup linked, but link-a and link-b both define ERR-01-004");
    assert!(stderr.contains("duplicate symbol"), "not the linker's duplicate:\n{stderr}");
    // The symbol names the catalog (crate, version, enum, declaration) and
    // the code (module 1, code 4).
    let symbol = stderr
        .split_whitespace()
        .find(|word| word.starts_with("error_catalog$link-catalog$0.0.0$Catalog$"))
        .unwrap_or_else(|| panic!("no catalog symbol in:\n{stderr}"));
    assert!(symbol.ends_with("$m1c4"), "{symbol}");
    assert!(!stderr.contains("m1c5"), "ERR-01-005 is defined once:\n{stderr}");
}
