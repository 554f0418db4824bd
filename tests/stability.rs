//! The stability lock: what breaks a published code, what only updates it,
//! and a lock that cannot be read, which no mode may overwrite.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use error_catalog::stability::{Lock, Locked, Violation};
use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "Nodes")]
    Nodes,
}

/// Raised when a node is not available
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 404, message = "The requested node is not available")]
pub struct NodeNotFoundError;

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
            class_name: "DuplicateCvmNameError".into(),
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
        [Violation::Reused { code: "ERR-03-003".into(), class_name: "CvmStoppedError".into() }]
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
    assert_eq!(error.to_string(), "line 1 of the lock: the status is not a number from 100 to 999, or `-`");
    let error = Lock::parse("# header\nERR-01-001").unwrap_err();
    assert_eq!(error.line, 2);
    let error = Lock::parse("ERR-01-001\tretired\nERR-01-001\tretired").unwrap_err();
    assert_eq!(error.reason, "the code is locked twice");
    // Tabs and newlines in messages survive a round trip.
    let text = "ERR-01-001\t400\tX\ta\\tb\\nc\\\\d\n";
    assert_eq!(
        lock(text).get("ERR-01-001"),
        Some(&Locked::Active { status: 400, class_name: "X".into(), message: "a\tb\nc\\d".into() })
    );
}

#[test]
fn the_lock_parser_rejects_empty_and_garbage_codes() {
    for (text, line, reason) in [
        ("\tretired", 1, "the code is empty, too long, or has spaces or control characters"),
        ("# header\n\t404\tX\tY", 2, "the code is empty, too long, or has spaces or control characters"),
        ("ERR 01\tretired", 1, "the code is empty, too long, or has spaces or control characters"),
        ("ERR-01-\u{1b}1\tretired", 1, "the code is empty, too long, or has spaces or control characters"),
        (
            &format!("{}\tretired", "E".repeat(65)),
            1,
            "the code is empty, too long, or has spaces or control characters",
        ),
        ("ERR-01-001\t0\tX\tY", 1, "the status is not a number from 100 to 999, or `-`"),
        ("ERR-01-001\t1000\tX\tY", 1, "the status is not a number from 100 to 999, or `-`"),
        ("ERR-01-001\t404\t\tY", 1, "the class name is empty"),
    ] {
        let error = Lock::parse(text).unwrap_err();
        assert_eq!((error.line, error.reason), (line, reason), "{text:?}");
    }
    // In a catalog's format, a code it cannot write is refused too.
    let format = <Catalog as ErrorCatalog>::INFO.format();
    let error = Lock::parse_in("ERR-01-001\tretired\nhello\tretired\n", format).unwrap_err();
    assert_eq!((error.line, error.reason), (2, "the code is not written in the catalog's format"));
    assert!(Lock::parse_in(LOCKED, format).is_ok());
}

/// The lock of `Catalog` as it is, and the same with `ERR-01-002`, a code
/// the catalog no longer has: a recorded violation.
fn current_lock() -> String {
    Lock::of(<Catalog as ErrorCatalog>::INFO, error_catalog::registry::entries_of::<Catalog>()).render("Catalog")
}

fn lock_with_removed_code() -> String {
    current_lock() + "ERR-01-002\t409\tNodeBusyError\tThe node is busy\n"
}

/// A fresh path in the temporary directory, removed when dropped.
struct TempLock(PathBuf);

impl TempLock {
    fn new(name: &str) -> Self {
        Self(std::env::temp_dir().join(format!("error-catalog-{}-{name}.lock", std::process::id())))
    }
}

impl Drop for TempLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs `assert_stable::<Catalog>` on `path` in a child process (this test
/// binary, running only `child_process_asserts_stable`), with or without
/// `ERROR_CATALOG_BLESS=1`: the environment is the process's, so the child
/// gets its own.
fn assert_stable_in_child(path: &Path, bless: bool) -> Output {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["child_process_asserts_stable", "--exact", "--include-ignored", "--nocapture"])
        .env("STABILITY_CHILD_LOCK", path)
        .env_remove(error_catalog::testing::BLESS_VAR);
    if bless {
        command.env(error_catalog::testing::BLESS_VAR, "1");
    }
    command.output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout)
}

#[test]
#[ignore = "the child process of the tests that bless: run by them, with its environment"]
fn child_process_asserts_stable() {
    if let Some(path) = std::env::var_os("STABILITY_CHILD_LOCK") {
        error_catalog::testing::assert_stable::<Catalog>(path);
    }
}

#[test]
fn blessing_never_erases_a_recorded_violation() {
    // A lock recording a removed code, with one byte that is not UTF-8.
    let lock = TempLock::new("unreadable");
    let mut bytes = lock_with_removed_code().into_bytes();
    bytes.push(0xff);
    std::fs::write(&lock.0, &bytes).unwrap();
    for bless in [true, false] {
        let output = assert_stable_in_child(&lock.0, bless);
        assert!(!output.status.success(), "bless={bless}: {}", stderr(&output));
        let expected = format!("{}:5: the lock is not UTF-8", lock.0.display());
        assert!(stderr(&output).contains(&expected), "bless={bless}: {}", stderr(&output));
        assert_eq!(std::fs::read(&lock.0).unwrap(), bytes, "bless={bless} changed the lock");
    }

    // Readable: the violation is reported, blessing or not, and stays recorded.
    let text = lock_with_removed_code();
    std::fs::write(&lock.0, &text).unwrap();
    for bless in [true, false] {
        let output = assert_stable_in_child(&lock.0, bless);
        assert!(!output.status.success(), "bless={bless}: {}", stderr(&output));
        assert!(stderr(&output).contains("ERR-01-002 was published and is gone"), "{}", stderr(&output));
        assert_eq!(std::fs::read_to_string(&lock.0).unwrap(), text, "bless={bless} changed the lock");
    }
}

#[test]
fn a_malformed_lock_is_an_error_blessing_or_not_naming_file_and_line() {
    let lock = TempLock::new("malformed");
    let text = current_lock() + "\tretired\n";
    std::fs::write(&lock.0, &text).unwrap();
    for bless in [true, false] {
        let output = assert_stable_in_child(&lock.0, bless);
        assert!(!output.status.success(), "bless={bless}: {}", stderr(&output));
        let expected =
            format!("{}:4: the code is empty, too long, or has spaces or control characters", lock.0.display());
        assert!(stderr(&output).contains(&expected), "bless={bless}: {}", stderr(&output));
        assert_eq!(std::fs::read_to_string(&lock.0).unwrap(), text, "bless={bless} changed the lock");
    }
}

#[test]
fn only_a_missing_lock_is_written_by_blessing() {
    let lock = TempLock::new("missing");
    let output = assert_stable_in_child(&lock.0, false);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("run the tests with ERROR_CATALOG_BLESS=1 to write it"), "{}", stderr(&output));
    assert!(!lock.0.exists());

    let output = assert_stable_in_child(&lock.0, true);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&lock.0).unwrap(), current_lock());
    // Current now: it passes without blessing.
    assert!(assert_stable_in_child(&lock.0, false).status.success());
}

/// A catalog of its own, so that the tests above see only theirs.
#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum ControlsCatalog {
    #[module(1, name = "Controls")]
    Controls,
}

/// Raised when a message ends in a carriage return
#[derive(Debug, CatalogError)]
#[catalog(catalog = ControlsCatalog, module = 1, code = 2, status = 409, message = "Saved\r")]
pub struct CarriageReturnError;

#[test]
fn a_message_with_a_carriage_return_or_any_control_reads_back_the_same() {
    let lock = Lock::of(ControlsCatalog::INFO, CarriageReturnError::entries());
    let written = lock.render("Catalog");
    assert!(written.contains("\tSaved\\r\n"), "{written:?}");
    assert_eq!(Lock::parse(&written).unwrap(), lock);

    let message = "a\rb\u{0}c\u{7f}d\u{85}e\u{2028}f\\u{41}g\\\\h\t\n";
    let active = Locked::Active { status: 409, class_name: "Class\u{1b}".into(), message: message.into() };
    let lock = Lock::from_codes([("ERR-01-002".to_owned(), active)]);
    let written = lock.render("Catalog");
    assert_eq!(written.lines().count(), 3, "{written:?}");
    assert_eq!(Lock::parse(&written).unwrap(), lock);
}

proptest::proptest! {
    /// Any lock that was written reads back equal: classes and messages of
    /// any text, statuses of any number the lock keeps.
    #[test]
    fn any_written_lock_reads_back(
        codes in proptest::collection::btree_map(
            "[A-Z]{1,4}-[0-9]{1,4}",
            proptest::option::of(("[A-Za-z][\\PC\\pC]{0,20}", "[\\PC\\pC]{0,60}", proptest::option::of(100_u16..=999))),
            0..8,
        )
    ) {
        let count = codes.len();
        let lock = Lock::from_codes(codes.into_iter().map(|(code, locked)| {
            let locked = match locked {
                None => Locked::Retired,
                Some((class_name, message, status)) => Locked::Active { status: status.unwrap_or(0), class_name, message },
            };
            (code, locked)
        }));
        let written = lock.render("Catalog");
        // One line per code, and the two of the header.
        proptest::prop_assert_eq!(written.lines().count(), count + 2);
        proptest::prop_assert_eq!(Lock::parse(&written), Ok(lock));
    }
}
