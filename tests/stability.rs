//! The stability lock: what breaks a published code, what only updates it.

use error_catalog::stability::{Lock, Locked, Violation};

const LOCKED: &str = "\
# error catalog lock, catalog `Catalog`: the codes published so far
ERR-01-001\t404\tNodeNotFoundError\tThe requested node is not available
ERR-01-004\t409\tDuplicateCvmNameError\tA CVM with name '{name}' already exists
ERR-03-003\tretired
";

fn lock(text: &str) -> Lock {
    Lock::parse(text).unwrap()
}

#[test]
fn reads_active_and_retired_codes() {
    let locked = lock(LOCKED);
    assert_eq!(
        locked.get("ERR-01-004"),
        Some(&Locked::Active {
            status: 409,
            class: "DuplicateCvmNameError".into(),
            message: "A CVM with name '{name}' already exists".into(),
        })
    );
    assert_eq!(locked.get("ERR-03-003"), Some(&Locked::Retired));
    assert_eq!(locked.get("ERR-03-004"), None);
    assert_eq!(lock(&locked.render("Catalog")), locked);
}

#[test]
fn the_same_codes_compare_clean() {
    let comparison = lock(LOCKED).compare(&lock(LOCKED));
    assert!(comparison.violations.is_empty() && comparison.outdated.is_empty());
}

#[test]
fn a_removed_code_must_be_retired() {
    let current = LOCKED.replace("ERR-01-001\t404\tNodeNotFoundError\tThe requested node is not available\n", "");
    let comparison = lock(LOCKED).compare(&lock(&current));
    assert_eq!(comparison.violations, [Violation::Removed { code: "ERR-01-001".into() }]);
    assert_eq!(
        comparison.violations[0].to_string(),
        "ERR-01-001 was published and is gone: declare it in its module's `retired(...)` instead of deleting it"
    );

    // Retired in the catalog: the lock is only behind.
    let current = LOCKED
        .replace("ERR-01-001\t404\tNodeNotFoundError\tThe requested node is not available", "ERR-01-001\tretired");
    let comparison = lock(LOCKED).compare(&lock(&current));
    assert!(comparison.violations.is_empty());
    assert_eq!(comparison.outdated, ["ERR-01-001"]);
}

#[test]
fn a_code_keeps_its_class_status_and_message() {
    let current = LOCKED.replace(
        "409\tDuplicateCvmNameError\tA CVM with name '{name}' already exists",
        "400\tCvmNameTakenError\tName {name} is taken",
    );
    let comparison = lock(LOCKED).compare(&lock(&current));
    let changed: Vec<&str> = comparison
        .violations
        .iter()
        .map(|violation| match violation {
            Violation::Changed { what, .. } => *what,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(changed, ["status", "class", "message"]);
    assert_eq!(
        comparison.violations[0].to_string(),
        "ERR-01-004 changed its status from \"409\" to \"400\": a published code keeps its meaning; give the new meaning a new code"
    );
}

#[test]
fn a_retired_code_never_comes_back() {
    let current = LOCKED.replace("ERR-03-003\tretired", "ERR-03-003\t404\tCvmStoppedError\tThe CVM is stopped");
    let comparison = lock(LOCKED).compare(&lock(&current));
    assert_eq!(
        comparison.violations,
        [Violation::Reused { code: "ERR-03-003".into(), class: "CvmStoppedError".into() }]
    );

    let current = LOCKED.replace("ERR-03-003\tretired\n", "");
    let comparison = lock(LOCKED).compare(&lock(&current));
    assert_eq!(comparison.violations, [Violation::Unretired { code: "ERR-03-003".into() }]);
}

#[test]
fn new_codes_only_make_the_lock_outdated() {
    let current = format!("{LOCKED}ERR-01-009\t400\tNewError\tNew\n");
    let comparison = lock(LOCKED).compare(&lock(&current));
    assert!(comparison.violations.is_empty());
    assert_eq!(comparison.outdated, ["ERR-01-009"]);
}

#[test]
fn malformed_locks_are_typed_errors() {
    let error = Lock::parse("ERR-01-001\tfour hundred\tX\tY").unwrap_err();
    assert_eq!(error.to_string(), "line 1 of the lock: the status is not a number");
    let error = Lock::parse("# header\nERR-01-001").unwrap_err();
    assert_eq!(error.line, 2);
    let error = Lock::parse("ERR-01-001\tretired\nERR-01-001\tretired").unwrap_err();
    assert_eq!(error.reason, "the code is locked twice");
    // Tabs and newlines in messages survive a round trip.
    let text = "ERR-01-001\t400\tX\ta\\tb\\nc\\\\d\n";
    assert_eq!(
        lock(text).get("ERR-01-001"),
        Some(&Locked::Active { status: 400, class: "X".into(), message: "a\tb\nc\\d".into() })
    );
}
