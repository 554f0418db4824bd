//! PostgreSQL's SQLSTATE codes (`22P02`): a two-character class and a
//! three-character subclass, both from `0-9` and `A-Z`; `00000` and every
//! `xx000` code; no HTTP statuses; each code an error, a warning or a
//! success; and codes PostgreSQL names twice.
//!
//! Source: github.com/postgres/postgres, `src/backend/utils/errcodes.txt` as
//! stored at commit 04f576a999e052187c3ff3bac4965fcd63b34820. Each line
//! `sqlstate E/W/S errcode_macro_name spec_name` becomes `code`, `severity`,
//! `name` and `message`; the class headings (`Section: Class 22 - Data
//! Exception`) become the groups. A code listed twice under two macro names
//! (`3D000` is `ERRCODE_INVALID_CATALOG_NAME` and `ERRCODE_UNDEFINED_DATABASE`)
//! has the second as its `alias`.

use error_catalog::body::Body;
use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, ParseCodeError, Severity, Shape, registry};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(format = "{class:A2}{subclass:A3}", http = false, title = "PostgreSQL Error Codes", api = "PostgreSQL")]
pub enum Catalog {
    #[module(0, name = "Class 00 - Successful Completion")]
    SuccessfulCompletion,
    #[module(1, name = "Class 01 - Warning")]
    Warning,
    #[module(2, name = "Class 02 - No Data (this is also a warning class per the SQL standard)")]
    NoData,
    #[module(8, name = "Class 08 - Connection Exception")]
    ConnectionException,
    #[module(22, name = "Class 22 - Data Exception")]
    DataException,
    #[module(23, name = "Class 23 - Integrity Constraint Violation")]
    IntegrityConstraintViolation,
    #[module(40, name = "Class 40 - Transaction Rollback")]
    TransactionRollback,
    #[module(42, name = "Class 42 - Syntax Error or Access Rule Violation")]
    SyntaxErrorOrAccessRuleViolation,
    #[module(53, name = "Class 53 - Insufficient Resources")]
    InsufficientResources,
    #[module(57, name = "Class 57 - Operator Intervention")]
    OperatorIntervention,
}

#[derive(Debug, CatalogError)]
#[catalog(severity = "error")]
pub enum SqlState {
    #[catalog(
        code = "00000",
        module = 0,
        severity = "success",
        name = "ERRCODE_SUCCESSFUL_COMPLETION",
        message = "successful_completion"
    )]
    SuccessfulCompletion,
    #[catalog(code = "01000", module = 1, severity = "warning", name = "ERRCODE_WARNING", message = "warning")]
    Warning,
    #[catalog(
        code = "01P01",
        module = 1,
        severity = "warning",
        name = "ERRCODE_WARNING_DEPRECATED_FEATURE",
        message = "deprecated_feature"
    )]
    DeprecatedFeature,
    #[catalog(code = "02000", module = 2, severity = "warning", name = "ERRCODE_NO_DATA", message = "no_data")]
    NoData,
    #[catalog(code = "08P01", module = 8, name = "ERRCODE_PROTOCOL_VIOLATION", message = "protocol_violation")]
    ProtocolViolation,
    // Class 0A has letters: a group number cannot say it.
    #[catalog(code = "0A000", name = "ERRCODE_FEATURE_NOT_SUPPORTED", message = "feature_not_supported")]
    FeatureNotSupported,
    #[catalog(
        code = "22008",
        module = 22,
        name = "ERRCODE_DATETIME_FIELD_OVERFLOW",
        alias = "ERRCODE_DATETIME_VALUE_OUT_OF_RANGE",
        message = "datetime_field_overflow"
    )]
    DatetimeFieldOverflow,
    #[catalog(
        code = "2202E",
        module = 22,
        name = "ERRCODE_ARRAY_SUBSCRIPT_ERROR",
        alias = "ERRCODE_ARRAY_ELEMENT_ERROR",
        message = "array_subscript_error"
    )]
    ArraySubscriptError,
    #[catalog(code = "22012", module = 22, name = "ERRCODE_DIVISION_BY_ZERO", message = "division_by_zero")]
    DivisionByZero,
    #[catalog(
        code = "22P02",
        module = 22,
        name = "ERRCODE_INVALID_TEXT_REPRESENTATION",
        message = "invalid_text_representation"
    )]
    InvalidTextRepresentation,
    #[catalog(code = "23505", module = 23, name = "ERRCODE_UNIQUE_VIOLATION", message = "unique_violation")]
    UniqueViolation,
    #[catalog(
        code = "3D000",
        name = "ERRCODE_INVALID_CATALOG_NAME",
        alias = "ERRCODE_UNDEFINED_DATABASE",
        message = "invalid_catalog_name"
    )]
    InvalidCatalogName,
    #[catalog(
        code = "40001",
        module = 40,
        name = "ERRCODE_T_R_SERIALIZATION_FAILURE",
        message = "serialization_failure"
    )]
    SerializationFailure,
    #[catalog(code = "40P01", module = 40, name = "ERRCODE_T_R_DEADLOCK_DETECTED", message = "deadlock_detected")]
    DeadlockDetected,
    #[catalog(code = "42601", module = 42, name = "ERRCODE_SYNTAX_ERROR", message = "syntax_error")]
    SyntaxError,
    #[catalog(code = "42P01", module = 42, name = "ERRCODE_UNDEFINED_TABLE", message = "undefined_table")]
    UndefinedTable,
    #[catalog(code = "53200", module = 53, name = "ERRCODE_OUT_OF_MEMORY", message = "out_of_memory")]
    OutOfMemory,
    #[catalog(code = "57014", module = 57, name = "ERRCODE_QUERY_CANCELED", message = "query_canceled")]
    QueryCanceled,
    #[catalog(code = "XX000", name = "ERRCODE_INTERNAL_ERROR", message = "internal_error")]
    InternalError,
}

/// Every entry: the error, its code and the E/W/S column.
const ALL: [(SqlState, &str, Severity); 19] = [
    (SqlState::SuccessfulCompletion, "00000", Severity::Success),
    (SqlState::Warning, "01000", Severity::Warning),
    (SqlState::DeprecatedFeature, "01P01", Severity::Warning),
    (SqlState::NoData, "02000", Severity::Warning),
    (SqlState::ProtocolViolation, "08P01", Severity::Error),
    (SqlState::FeatureNotSupported, "0A000", Severity::Error),
    (SqlState::DatetimeFieldOverflow, "22008", Severity::Error),
    (SqlState::ArraySubscriptError, "2202E", Severity::Error),
    (SqlState::DivisionByZero, "22012", Severity::Error),
    (SqlState::InvalidTextRepresentation, "22P02", Severity::Error),
    (SqlState::UniqueViolation, "23505", Severity::Error),
    (SqlState::InvalidCatalogName, "3D000", Severity::Error),
    (SqlState::SerializationFailure, "40001", Severity::Error),
    (SqlState::DeadlockDetected, "40P01", Severity::Error),
    (SqlState::SyntaxError, "42601", Severity::Error),
    (SqlState::UndefinedTable, "42P01", Severity::Error),
    (SqlState::OutOfMemory, "53200", Severity::Error),
    (SqlState::QueryCanceled, "57014", Severity::Error),
    (SqlState::InternalError, "XX000", Severity::Error),
];

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

#[test]
fn every_code_renders_as_postgres_writes_it() {
    assert_eq!(info().format().shape(), Shape::Text);
    assert!(!info().is_http());
    for (error, code, severity) in &ALL {
        assert_eq!(error.code_str(), *code);
        assert_eq!(error.code().to_string(), *code);
        assert_eq!(error.entry().severity(), Some(*severity), "{code}");
        assert_eq!(error.entry().http_status(), None);
    }
    let error = SqlState::InvalidTextRepresentation;
    assert_eq!(error.class_name(), "ERRCODE_INVALID_TEXT_REPRESENTATION");
    assert_eq!(error.to_string(), "invalid_text_representation");
    assert_eq!(error.entry().module_number(), 22);
    assert_eq!(error.entry().module_name(), "Class 22 - Data Exception");
}

#[test]
fn a_code_named_twice_keeps_both_names() {
    assert_eq!(SqlState::InvalidCatalogName.entry().aliases(), ["ERRCODE_UNDEFINED_DATABASE"]);
    assert_eq!(SqlState::DatetimeFieldOverflow.entry().aliases(), ["ERRCODE_DATETIME_VALUE_OUT_OF_RANGE"]);
    assert_eq!(SqlState::ArraySubscriptError.entry().aliases(), ["ERRCODE_ARRAY_ELEMENT_ERROR"]);
    assert!(SqlState::DivisionByZero.entry().aliases().is_empty());
}

#[test]
fn groups_document_the_classes() {
    assert_eq!(info().modules().len(), 10);
    assert_eq!(
        info().module(2).map(|module| module.name()),
        Some("Class 02 - No Data (this is also a warning class per the SQL standard)")
    );
    // Codes in a class whose name has letters belong to no group.
    assert_eq!(SqlState::FeatureNotSupported.entry().module().map(|module| module.number()), None);
    assert_eq!(SqlState::FeatureNotSupported.entry().module_name(), "");
}

#[test]
fn the_page_and_the_documents_list_every_code() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    let ts = typescript::source(info(), &modules);
    let py = python::source(info(), &modules);
    let entries = json["entries"].as_array().unwrap();
    for (error, code, _) in &ALL {
        assert!(
            page.contains(&format!("| `{code}` | `{}` |", error.class_name())),
            "{code} missing from the page:\n{page}"
        );
        assert!(ts.contains(&format!("\"{code}\"")), "{code} missing from the TypeScript module");
        assert!(py.contains(&format!("\"{code}\"")), "{code} missing from the Python module");
        assert!(entries.iter().any(|entry| entry["code"] == *code), "{code} missing from the JSON document");
    }
    assert!(page.contains("Class 22 - Data Exception"));
}

#[test]
fn codes_parse_back_and_near_misses_fail() {
    for (error, code, _) in &ALL {
        let parsed: Code<Catalog> = code.parse().unwrap();
        assert_eq!(parsed, error.code());
        assert_eq!(parsed.as_str(), *code);
    }
    assert_eq!("22p02".parse::<Code<Catalog>>(), Err(ParseCodeError::Characters));
    assert_eq!("22P0".parse::<Code<Catalog>>(), Err(ParseCodeError::Characters));
    assert_eq!("22P021".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    assert_eq!("22-02".parse::<Code<Catalog>>(), Err(ParseCodeError::Characters));
    assert_eq!("".parse::<Code<Catalog>>(), Err(ParseCodeError::Characters));
    assert_eq!("２２P02".parse::<Code<Catalog>>(), Err(ParseCodeError::Characters));
    // Written by the format, declared by no error.
    assert!("ZZ999".parse::<Code<Catalog>>().is_ok());
    assert!(registry::lookup("ZZ999").is_none());
}

proptest! {
    #[test]
    fn every_five_characters_round_trip(text in "[0-9A-Z]{5}") {
        let code: Code<Catalog> = text.parse().unwrap();
        prop_assert_eq!(code.to_string(), text);
    }

    #[test]
    fn anything_else_is_refused(text in "[0-9A-Za-z]{0,7}") {
        let well_formed = text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
        prop_assert_eq!(text.parse::<Code<Catalog>>().is_ok(), well_formed);
    }
}

#[test]
fn the_body_carries_the_code_and_the_client_reads_it_back() {
    let error = SqlState::InvalidTextRepresentation;
    let body = serde_json::to_value(Body::new(&error)).unwrap();
    assert_eq!(body, serde_json::json!({ "error_code": "22P02", "message": "invalid_text_representation" }));
    let bytes = serde_json::to_vec(&Body::new(&error)).unwrap();
    let remote = error_catalog::client::RemoteError::parse(error.status(), &bytes).unwrap();
    assert_eq!(remote.code(), "22P02");
    assert!(remote.is::<SqlState>());
    assert_eq!(remote.typed_code::<Catalog>(), Some(error.code()));
    assert!(std::ptr::eq(remote.entry().unwrap(), error.entry()));
}

#[test]
fn the_registry_finds_each_code() {
    assert_eq!(registry::entries_of::<Catalog>().len(), ALL.len());
    for (error, code, _) in &ALL {
        assert!(std::ptr::eq(registry::lookup(code).unwrap(), error.entry()), "{code}");
    }
    assert_eq!(registry::lookup("22P02").map(|entry| entry.class_name()), Some("ERRCODE_INVALID_TEXT_REPRESENTATION"));
}

/// The Markdown section of the group named `name`: from its heading to
/// the next (a group of a text code has no word before its name).
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let heading = format!("\n## {name}\n");
    let start = page.find(&heading).unwrap_or_else(|| panic!("no section {name}:\n{page}"));
    let rest = &page[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn ungrouped_codes_stay_out_of_class_00() {
    let page = render::markdown(info(), &registry::modules_of::<Catalog>());
    let class_00 = section(&page, "Class 00 - Successful Completion");
    assert!(class_00.contains("`00000`"));
    for ungrouped in ["0A000", "3D000", "XX000"] {
        assert!(!class_00.contains(ungrouped), "{ungrouped} listed under Class 00:\n{class_00}");
        assert!(page.contains(ungrouped), "{ungrouped} missing from the page:\n{page}");
    }
}

#[test]
fn each_group_lists_its_codes_in_code_order() {
    for (_, entries) in registry::modules_of::<Catalog>() {
        let codes: Vec<&str> = entries.iter().map(|entry| entry.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
    }
}

#[test]
fn lookup_code_finds_text_codes() {
    for (error, code, _) in &ALL {
        let found = registry::lookup_code(error.code()).map(|entry| entry.code());
        assert_eq!(found, Some(*code));
    }
}

#[test]
fn the_json_document_claims_no_http_status() {
    let modules = registry::modules_of::<Catalog>();
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    assert_eq!(json["catalog"]["default_status"], serde_json::Value::Null);
    for entry in json["entries"].as_array().unwrap() {
        assert_eq!(entry["status"], serde_json::Value::Null, "{entry}");
    }
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/sqlstate.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/sqlstate.md"),
        &page,
    );
    #[cfg(feature = "serde_json")]
    {
        let json = serde_json::to_string_pretty(&render::Document::new(info(), &modules)).unwrap();
        let loaded = render::Loaded::from_json(&json).unwrap();
        assert_eq!(render::markdown(loaded.info(), &loaded.modules()), page);
        assert_eq!(serde_json::to_string_pretty(&loaded.document()).unwrap(), json);
    }
}
