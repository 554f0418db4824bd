//! The example `phala` against the published Phala Cloud API catalog: every
//! code, class name, status, message and description of
//! `tests/data/phala-error-codes.mdx`, parsed here at test time.

// Public, as the example's modules are in the example: clippy judges the
// names of exported items (`CapacityError::Insufficient*`) by the rules of
// an exported API.
#[path = "../examples/phala.rs"]
#[allow(dead_code)]
pub mod phala;

use std::collections::BTreeSet;

use error_catalog::{CatalogError, ErrorCatalog};

// The derives name `crate::Catalog`: the example's catalog is at the root of
// its own crate, here it is in `phala`.
use phala::Catalog;

const FIXTURE: &str = include_str!("data/phala-error-codes.mdx");

/// The statuses the catalog does not state, as the example documents them.
const CHOSEN_STATUSES: &[(&str, u16)] = &[
    ("ERR-01-001", 404),
    ("ERR-01-002", 400),
    ("ERR-01-003", 400),
    ("ERR-02-001", 404),
    ("ERR-02-002", 409),
    ("ERR-02-003", 409),
    ("ERR-02-004", 409),
    ("ERR-02-005", 409),
    ("ERR-02-006", 409),
    ("ERR-02-007", 409),
    ("ERR-02-008", 400),
    ("ERR-02-009", 400),
    ("ERR-02-010", 404),
    ("ERR-02-011", 404),
    ("ERR-02-012", 403),
    ("ERR-02-013", 404),
    ("ERR-02-014", 409),
    ("ERR-02-015", 403),
    ("ERR-03-001", 404),
    ("ERR-03-002", 409),
    ("ERR-03-005", 404),
    ("ERR-04-001", 402),
    ("ERR-04-002", 403),
    ("ERR-04-003", 403),
];

/// The message column of a row.
#[derive(Debug)]
enum Message<'a> {
    /// The message itself.
    Static(&'a str),
    /// `(dynamic: A CVM with name '...)`: the text before the `...`.
    Dynamic { prefix: &'a str },
}

/// One row of a module table.
#[derive(Debug)]
struct Row<'a> {
    code: &'a str,
    class: &'a str,
    message: Message<'a>,
    description: &'a str,
    /// The `(HTTP NNN)` at the end of the description, if any.
    status: Option<u16>,
}

fn unquote(cell: &str) -> &str {
    cell.strip_prefix('`')
        .and_then(|cell| cell.strip_suffix('`'))
        .unwrap_or_else(|| panic!("`{cell}` is not in backticks"))
}

fn parse_row(line: &str) -> Row<'_> {
    let inner = line
        .strip_prefix("| ")
        .and_then(|line| line.strip_suffix(" |"))
        .unwrap_or_else(|| panic!("not a table row: {line}"));
    let cells: Vec<&str> = inner.splitn(3, " | ").collect();
    let [code, class, text] = cells[..] else { panic!("a row has three cells: {line}") };
    let (message, description) = text.split_once("<br/>").unwrap_or_else(|| panic!("no <br/> in {line}"));
    let description = description
        .strip_prefix('*')
        .and_then(|text| text.strip_suffix('*'))
        .unwrap_or_else(|| panic!("the description is not in *...*: {line}"));
    let message = match message.strip_prefix("(dynamic: ") {
        Some(rest) => Message::Dynamic {
            prefix: rest.strip_suffix("...)").unwrap_or_else(|| panic!("a dynamic message ends in ...): {line}")),
        },
        None => Message::Static(message),
    };
    let status = description
        .strip_suffix(')')
        .and_then(|text| text.rsplit_once("(HTTP "))
        .map(|(_, status)| status.parse().unwrap_or_else(|_| panic!("not a status: {status}")));
    Row { code: unquote(code), class: unquote(class), message, description, status }
}

fn rows() -> Vec<Row<'static>> {
    FIXTURE.lines().filter(|line| line.starts_with("| `ERR-")).map(parse_row).collect()
}

/// `- **Module 01** - CVM API / Preflight` as `(1, "CVM API / Preflight")`.
fn modules() -> Vec<(u16, &'static str)> {
    FIXTURE
        .lines()
        .filter_map(|line| line.strip_prefix("- **Module "))
        .map(|rest| {
            let (number, name) = rest.split_once("** - ").expect("`- **Module NN** - Name`");
            (number.parse().expect("a module number"), name)
        })
        .collect()
}

#[test]
fn the_fixture_parses_into_29_rows() {
    let rows = rows();
    assert_eq!(rows.len(), 29);
    assert_eq!(rows.iter().filter(|row| matches!(row.message, Message::Dynamic { .. })).count(), 1);
    assert_eq!(rows.iter().filter(|row| row.status.is_some()).count(), 5);
    assert_eq!(rows[0].code, "ERR-01-001");
    assert_eq!(rows[0].class, "NodeNotFoundError");
    assert_eq!(rows[19].description, "Raised when user doesn't have permission to access a teepod.");
}

#[test]
fn the_example_has_29_distinct_codes() {
    let errors = phala::all();
    assert_eq!(errors.len(), 29);
    let codes: BTreeSet<&str> = errors.iter().map(|error| error.code_str()).collect();
    assert_eq!(codes.len(), 29, "a code is repeated");
    let entries: BTreeSet<*const error_catalog::Entry> =
        errors.iter().map(|error| std::ptr::from_ref(error.entry())).collect();
    assert_eq!(entries.len(), 29, "two values share an entry");
}

#[test]
fn the_class_names_are_the_catalogs() {
    let expected: BTreeSet<&str> = rows().iter().map(|row| row.class).collect();
    let actual: BTreeSet<&str> = phala::all().iter().map(|error| error.class_name()).collect();
    assert_eq!(actual, expected);
}

#[test]
fn every_entry_matches_its_row() {
    let rows = rows();
    let errors = phala::all();
    assert_eq!(errors.len(), rows.len());
    for (error, row) in errors.iter().zip(&rows) {
        let entry = error.entry();
        let code = row.code;
        assert_eq!(error.code_str(), code);
        assert_eq!(entry.code(), code);
        assert_eq!(error.code().to_string(), code, "the typed code of {code}");
        assert_eq!(error.class_name(), row.class, "the class name of {code}");
        assert_eq!(entry.description(), row.description, "the description of {code}");
        assert_eq!(error.catalog_description(), row.description, "the description of {code}");
        match row.message {
            Message::Static(message) => {
                assert!(!entry.message().is_dynamic(), "the message of {code} is static");
                assert_eq!(entry.message().static_text(), Some(message), "the message of {code}");
                assert_eq!(error.message(), message, "the message of {code}");
                assert_eq!(error.to_string(), message, "the Display of {code}");
            }
            Message::Dynamic { prefix } => {
                assert!(entry.message().is_dynamic(), "the message of {code} is dynamic");
                assert!(
                    entry.message().template().starts_with(prefix),
                    "the template of {code}, {:?}, starts with {prefix:?}",
                    entry.message().template()
                );
            }
        }
        let status = row.status.unwrap_or_else(|| {
            CHOSEN_STATUSES.iter().find(|(chosen, _)| *chosen == code).map_or_else(
                || panic!("{code} has no status in the catalog nor in CHOSEN_STATUSES"),
                |(_, status)| *status,
            )
        });
        assert_eq!(error.status(), status, "the status of {code}");
        assert_eq!(entry.status(), status, "the entry status of {code}");
    }
}

#[test]
fn chosen_statuses_cover_exactly_the_rows_without_one() {
    let without: BTreeSet<&str> = rows().iter().filter(|row| row.status.is_none()).map(|row| row.code).collect();
    let chosen: BTreeSet<&str> = CHOSEN_STATUSES.iter().map(|(code, _)| *code).collect();
    assert_eq!(chosen, without);
}

#[test]
fn the_dynamic_message_is_rendered_from_the_name() {
    let error = phala::preflight::DuplicateCvmNameError { name: "web-1".into() };
    assert_eq!(error.code_str(), "ERR-01-004");
    assert_eq!(error.status(), 409);
    assert_eq!(error.entry().message().template(), "A CVM with name '{name}' already exists");
    assert_eq!(error.message(), "A CVM with name 'web-1' already exists");
    assert_eq!(error.to_string(), "A CVM with name 'web-1' already exists");
    let details: Vec<&str> = error.details().iter().map(error_catalog::Detail::field).collect();
    assert_eq!(details, ["name"]);

    let sample = phala::all().into_iter().find(|error| error.code_str() == "ERR-01-004").expect("ERR-01-004");
    assert_eq!(sample.message(), "A CVM with name 'web-1' already exists");
}

#[test]
fn the_catalog_declares_the_fixtures_modules_and_document() {
    let info = <Catalog as ErrorCatalog>::INFO;
    let declared: Vec<(u16, &str)> = info.modules().iter().map(|module| (module.number(), module.name())).collect();
    assert_eq!(declared, modules());
    assert_eq!(info.format().template(), "ERR-{module:02}-{code:03}");
    assert_eq!(info.default_status(), 400);
    let document = info.page();
    assert_eq!(document.api, "Phala Cloud API");
    assert!(FIXTURE.contains(&format!("\ntitle: {}\n", document.title)));
    assert!(FIXTURE.contains(&format!("\ndescription: {}\n", document.description)));
    for error in phala::all() {
        let entry = error.entry();
        let heading = format!("## Module {:02}: {}", entry.module_number(), entry.module_name());
        assert!(FIXTURE.contains(&heading), "{} is under {heading:?}", entry.code());
    }
}

#[test]
fn details_and_private_fields() {
    let detail_names = |error: &dyn CatalogError<Catalog = Catalog>| -> Vec<&'static str> {
        error.details().iter().map(error_catalog::Detail::field).collect()
    };
    let errors = phala::all();
    let by_code = |code: &str| errors.iter().find(|error| error.code_str() == code).expect(code).as_ref();

    assert_eq!(detail_names(by_code("ERR-01-005")), ["compose_hash", "app_id", "device_id", "kms_info"]);
    // Renamed details.
    assert_eq!(detail_names(by_code("ERR-01-003")), ["location"]);
    assert_eq!(detail_names(by_code("ERR-02-004")), ["requested_mb", "available_mb"]);
    // Private fields stay out of the public body.
    assert_eq!(detail_names(by_code("ERR-01-007")), ["tx_hash"]);
    assert_eq!(detail_names(by_code("ERR-02-006")), ["node_id"]);
    assert!(detail_names(by_code("ERR-02-014")).is_empty());
    assert_eq!(detail_names(by_code("ERR-03-005")), ["identifier"]);
    // Each entry lists the same fields its values visit.
    for error in &errors {
        assert_eq!(error.entry().details(), detail_names(error.as_ref()).as_slice(), "{}", error.code_str());
    }

    let denied = phala::cvm::CvmAccessDeniedError::new("app_1", "stop");
    assert_eq!(denied.operation(), "stop");
    assert_eq!(denied.message(), "The requested CVM was not found");
}
