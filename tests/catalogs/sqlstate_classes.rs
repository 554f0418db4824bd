//! The SQLSTATE classes whose ids have letters (`0A`, `HV`, `XX`): each class
//! is a module known by its id (`#[module("0A", ...)]`), the format writes
//! the module as the first two characters of the code
//! (`{module:A2}{code:A3}`), and an error's code must be in the class of
//! the module it states; no HTTP statuses.
//!
//! Source: github.com/postgres/postgres, `src/backend/utils/errcodes.txt`
//! (the same file as `sqlstate.rs`), classes 0A, 0B, 0L, 0P, 2B, HV, P0 and
//! XX: each line `sqlstate E errcode_macro_name spec_name` becomes `code`,
//! `name` and `message`, each `Section: Class XX - Name` heading a module.

use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, ParseCodeError, Shape, registry};

#[derive(ErrorCatalog)]
#[catalog(format = "{module:A2}{code:A3}", http = false, title = "PostgreSQL Error Codes", api = "PostgreSQL")]
pub enum Catalog {
    #[module("0A", name = "Class 0A - Feature Not Supported")]
    FeatureNotSupported,
    #[module("0B", name = "Class 0B - Invalid Transaction Initiation")]
    InvalidTransactionInitiation,
    #[module("0L", name = "Class 0L - Invalid Grantor")]
    InvalidGrantor,
    #[module("0P", name = "Class 0P - Invalid Role Specification")]
    InvalidRoleSpecification,
    #[module("2B", name = "Class 2B - Dependent Privilege Descriptors Still Exist")]
    DependentPrivilegeDescriptorsStillExist,
    #[module("HV", name = "Class HV - Foreign Data Wrapper Error (SQL/MED)")]
    ForeignDataWrapperError,
    #[module("P0", name = "Class P0 - PL/pgSQL Error")]
    PlpgsqlError,
    #[module("XX", name = "Class XX - Internal Error")]
    InternalError,
}

#[derive(Debug, CatalogError)]
pub enum SqlState {
    #[catalog(module = "0A", code = "0A000", name = "ERRCODE_FEATURE_NOT_SUPPORTED", message = "feature_not_supported")]
    FeatureNotSupported,
    #[catalog(
        module = "0B",
        code = "0B000",
        name = "ERRCODE_INVALID_TRANSACTION_INITIATION",
        message = "invalid_transaction_initiation"
    )]
    InvalidTransactionInitiation,
    #[catalog(module = "0L", code = "0L000", name = "ERRCODE_INVALID_GRANTOR", message = "invalid_grantor")]
    InvalidGrantor,
    #[catalog(
        module = "0L",
        code = "0LP01",
        name = "ERRCODE_INVALID_GRANT_OPERATION",
        message = "invalid_grant_operation"
    )]
    InvalidGrantOperation,
    #[catalog(
        module = "0P",
        code = "0P000",
        name = "ERRCODE_INVALID_ROLE_SPECIFICATION",
        message = "invalid_role_specification"
    )]
    InvalidRoleSpecification,
    #[catalog(
        module = "2B",
        code = "2B000",
        name = "ERRCODE_DEPENDENT_PRIVILEGE_DESCRIPTORS_STILL_EXIST",
        message = "dependent_privilege_descriptors_still_exist"
    )]
    DependentPrivilegeDescriptorsStillExist,
    #[catalog(
        module = "2B",
        code = "2BP01",
        name = "ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST",
        message = "dependent_objects_still_exist"
    )]
    DependentObjectsStillExist,
    #[catalog(module = "HV", code = "HV000", name = "ERRCODE_FDW_ERROR", message = "fdw_error")]
    FdwError,
    #[catalog(
        module = "HV",
        code = "HV005",
        name = "ERRCODE_FDW_COLUMN_NAME_NOT_FOUND",
        message = "fdw_column_name_not_found"
    )]
    FdwColumnNameNotFound,
    #[catalog(module = "HV", code = "HV00R", name = "ERRCODE_FDW_TABLE_NOT_FOUND", message = "fdw_table_not_found")]
    FdwTableNotFound,
    #[catalog(module = "P0", code = "P0000", name = "ERRCODE_PLPGSQL_ERROR", message = "plpgsql_error")]
    PlpgsqlError,
    #[catalog(module = "P0", code = "P0001", name = "ERRCODE_RAISE_EXCEPTION", message = "raise_exception")]
    RaiseException,
    #[catalog(module = "P0", code = "P0002", name = "ERRCODE_NO_DATA_FOUND", message = "no_data_found")]
    NoDataFound,
    #[catalog(module = "P0", code = "P0003", name = "ERRCODE_TOO_MANY_ROWS", message = "too_many_rows")]
    TooManyRows,
    #[catalog(module = "P0", code = "P0004", name = "ERRCODE_ASSERT_FAILURE", message = "assert_failure")]
    AssertFailure,
    #[catalog(module = "XX", code = "XX000", name = "ERRCODE_INTERNAL_ERROR", message = "internal_error")]
    InternalError,
    #[catalog(module = "XX", code = "XX001", name = "ERRCODE_DATA_CORRUPTED", message = "data_corrupted")]
    DataCorrupted,
    #[catalog(module = "XX", code = "XX002", name = "ERRCODE_INDEX_CORRUPTED", message = "index_corrupted")]
    IndexCorrupted,
}

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

#[test]
fn letter_classes_are_modules_by_id() {
    assert_eq!(info().format().shape(), Shape::Text);
    let ids: Vec<&str> = info().modules().iter().map(|module| module.id()).collect();
    assert_eq!(ids, ["0A", "0B", "0L", "0P", "2B", "HV", "P0", "XX"]);
    assert_eq!(
        info().module_by_id("HV").map(|module| module.name()),
        Some("Class HV - Foreign Data Wrapper Error (SQL/MED)")
    );
    assert!(info().module_by_id("22").is_none());
    assert_eq!(SqlState::FdwTableNotFound.code_str(), "HV00R");
    assert_eq!(SqlState::FdwTableNotFound.entry().module().map(|module| module.id()), Some("HV"));
    assert_eq!(SqlState::IndexCorrupted.entry().module_name(), "Class XX - Internal Error");
}

#[test]
fn codes_parse_back() {
    for entry in registry::entries_of::<Catalog>() {
        let code: Code<Catalog> = entry.code().parse().unwrap();
        assert_eq!(code.as_str(), entry.code());
    }
    assert_eq!("0a000".parse::<Code<Catalog>>(), Err(ParseCodeError::Characters));
    assert_eq!("0A00".parse::<Code<Catalog>>(), Err(ParseCodeError::Characters));
}

#[test]
fn documents_list_each_class_under_its_id() {
    let modules = registry::modules_of::<Catalog>();
    let counts: Vec<(&str, usize)> = modules.iter().map(|(module, entries)| (module.id(), entries.len())).collect();
    assert_eq!(counts, [("0A", 1), ("0B", 1), ("0L", 2), ("0P", 1), ("2B", 2), ("HV", 3), ("P0", 5), ("XX", 3)]);
    let page = render::markdown(info(), &modules);
    assert!(page.contains("- **Class 0A** - Class 0A - Feature Not Supported\n"), "{page}");
    assert!(page.contains("## Class HV: Class HV - Foreign Data Wrapper Error (SQL/MED)\n"), "{page}");
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    assert_eq!(json["modules"][5]["id"], "HV");
    let entry = json["entries"].as_array().unwrap().iter().find(|entry| entry["code"] == "HV00R").unwrap();
    assert_eq!(entry["module_id"], "HV");
    assert!(typescript::source(info(), &modules).contains("\"HV00R\": {"));
    assert!(!typescript::source(info(), &modules).contains("number:"), "text codes have no number");
    assert!(python::source(info(), &modules).contains("\"HV00R\",\n"));
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/sqlstate_classes.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/sqlstate_classes.md"),
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
