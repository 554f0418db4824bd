//! Behaviour of `#[derive(CatalogError)]` and `#[derive(ErrorCatalog)]`:
//! every accessor, on every shape of input.

use std::borrow::Cow;
use std::error::Error as _;

use error_catalog::{CatalogError, Code, ErrorCatalog, ParseCodeError, Piece};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400, api = "Test API")]
pub enum Catalog {
    #[module(2, name = "Inventory")]
    Inventory,
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
    #[module(3, name = "CVM Operations", retired(3, 4), reserved(9))]
    CvmOperations,
}

/// A second catalog in the same crate, chosen with `catalog = path`.
pub mod billing {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(format = "BILL{code:04}/{module:01}", default_status = 402)]
    pub enum Billing {
        #[module(7, name = "Invoices")]
        Invoices,
    }

    /// Raised when an invoice is overdue.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Billing, module = 7, code = 12, message = "Invoice {0} is overdue")]
    pub struct OverdueError(#[catalog(detail = "invoice")] pub u32);
}

/// Raised when a CVM name already exists in the workspace
#[derive(Debug, CatalogError)]
#[catalog(
    module = 1,
    code = 4,
    status = 409,
    message = "A CVM with name '{name}' already exists",
    suggestion = "Choose another name",
    suggestion = "Delete the existing CVM first",
    link(url = "https://docs.example.com/errors/ERR-01-004", label = "Duplicate names")
)]
pub struct DuplicateCvmNameError {
    #[catalog(detail)]
    pub name: String,
    #[catalog(detail = "workspace")]
    pub workspace_id: u64,
    pub internal_note: String,
}

/// Raised when specified node is not found
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 404)]
pub struct NodeNotFoundError;

/// Raised when compose hash needs to be registered on-chain.
///
/// This second paragraph is for rustdoc readers only.
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 5, status = 465, name = "HashRegistrationRequired")]
pub struct HashRegistrationRequiredError(#[catalog(detail = "compose_hash")] pub String);

#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 2, message = "{{literal}} braces and {0}/{1}")]
pub struct TupleError(#[catalog(detail = "text")] pub &'static str, #[catalog(detail = "count")] pub u8);

#[derive(Debug, CatalogError)]
#[catalog(module = 2, status = 404)]
pub enum InventoryError {
    /// Raised when a requested instance type is not found.
    #[catalog(code = 1, name = "InstanceTypeNotFoundError", message = "The requested instance type does not exist")]
    InstanceTypeNotFound {
        #[catalog(detail)]
        instance_type: String,
    },
    /// Raised when teepod has insufficient vCPU resources.
    #[catalog(code = 3, status = 409, message = "Need {0} vCPUs")]
    InsufficientVcpu(#[catalog(detail = "vcpus")] u32),
    /// Overrides the enum's module.
    #[catalog(module = 3, code = 2, description = "Written in the attribute")]
    Moved,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 6, message = "Wrapped: {value}")]
pub struct Wrapper<T: std::fmt::Display + std::fmt::Debug> {
    #[catalog(detail)]
    pub value: T,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 7, message = "No CVM named {name}")]
pub struct Borrowed<'a> {
    #[catalog(detail)]
    pub name: &'a str,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 8, status = 500, message = "The CVM could not be started")]
pub struct StartFailed {
    #[catalog(source)]
    pub cause: std::io::Error,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 10, status = 502)]
pub struct UpstreamFailed {
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

/// Lives beside `thiserror`: its `Display` is the internal one.
#[derive(Debug, thiserror::Error, CatalogError)]
#[error("lookup of CVM {id} failed in shard {shard}")]
#[catalog(module = 3, code = 1, status = 404, display = false, message = "The requested CVM was not found")]
pub struct CvmNotFoundError {
    pub id: u64,
    pub shard: u8,
}

fn details_json<E: CatalogError>(error: &E) -> Vec<(String, serde_json::Value)> {
    error
        .details()
        .iter()
        .map(|detail| (detail.field().to_owned(), serde_json::to_value(detail.value()).unwrap()))
        .collect()
}

#[test]
fn struct_accessors_come_from_the_attribute() {
    let error = DuplicateCvmNameError { name: "web-1".into(), workspace_id: 7, internal_note: "secret".into() };
    assert_eq!(error.code_str(), "ERR-01-004");
    assert_eq!(error.code().to_string(), "ERR-01-004");
    assert_eq!((error.code().module_number(), error.code().number()), (1, 4));
    assert_eq!(error.status(), 409);
    assert_eq!(error.class_name(), "DuplicateCvmNameError");
    assert_eq!(error.message(), "A CVM with name 'web-1' already exists");
    assert_eq!(error.to_string(), "A CVM with name 'web-1' already exists");
    assert_eq!(error.catalog_description(), "Raised when a CVM name already exists in the workspace");
    assert_eq!(
        details_json(&error),
        vec![("name".to_owned(), serde_json::json!("web-1")), ("workspace".to_owned(), serde_json::json!(7))]
    );

    let entry = error.entry();
    assert_eq!(entry.code(), "ERR-01-004");
    assert_eq!((entry.module_number(), entry.number()), (1, 4));
    assert_eq!(entry.module_name(), "CVM API / Preflight");
    assert_eq!(entry.message().template(), "A CVM with name '{name}' already exists");
    assert!(entry.message().is_dynamic());
    assert_eq!(entry.message().static_text(), None);
    assert_eq!(entry.message().fields().collect::<Vec<_>>(), ["name"]);
    assert_eq!(
        entry.message().pieces(),
        [Piece::Text("A CVM with name '"), Piece::Field("name"), Piece::Text("' already exists")]
    );
    assert_eq!(entry.details(), ["name", "workspace"]);
    assert_eq!(entry.suggestions(), ["Choose another name", "Delete the existing CVM first"]);
    assert_eq!(entry.links().len(), 1);
    assert_eq!(entry.links()[0].url(), "https://docs.example.com/errors/ERR-01-004");
    assert_eq!(entry.links()[0].label(), "Duplicate names");
    assert_eq!(entry.type_path(), "derive::DuplicateCvmNameError");
    assert_eq!(entry.catalog().name(), "Catalog");
}

#[test]
fn a_static_message_is_borrowed_and_the_defaults_apply() {
    let error = NodeNotFoundError;
    assert_eq!(error.code_str(), "ERR-01-001");
    assert_eq!(error.status(), 404);
    // No `message`: the reason phrase of the status.
    assert!(matches!(error.message(), Cow::Borrowed("Not Found")));
    assert_eq!(error.to_string(), "Not Found");
    assert_eq!(error.catalog_description(), "Raised when specified node is not found");
    assert!(error.details().is_empty());
    assert!(error.entry().suggestions().is_empty());
    assert!(!error.entry().message().is_dynamic());
    assert_eq!(error.entry().message().static_text(), Some("Not Found"));

    // A status without a reason phrase, and the first paragraph of the docs.
    let error = HashRegistrationRequiredError("0xab".into());
    assert_eq!(error.status(), 465);
    assert_eq!(error.message(), "Request failed");
    assert_eq!(error.class_name(), "HashRegistrationRequired");
    assert_eq!(error.catalog_description(), "Raised when compose hash needs to be registered on-chain.");
    assert_eq!(details_json(&error), vec![("compose_hash".to_owned(), serde_json::json!("0xab"))]);

    // No `status`: the catalog's default, and its reason phrase.
    let error = TupleError("x", 2);
    assert_eq!(error.status(), 400);
    assert_eq!(error.message(), "{literal} braces and x/2");
    assert_eq!(error.catalog_description(), "");
}

#[test]
fn enum_variants_each_have_their_code() {
    let error = InventoryError::InstanceTypeNotFound { instance_type: "tdx.huge".into() };
    assert_eq!(error.code_str(), "ERR-02-001");
    assert_eq!(error.status(), 404);
    assert_eq!(error.class_name(), "InstanceTypeNotFoundError");
    assert_eq!(error.message(), "The requested instance type does not exist");
    assert_eq!(error.catalog_description(), "Raised when a requested instance type is not found.");
    assert_eq!(details_json(&error), vec![("instance_type".to_owned(), serde_json::json!("tdx.huge"))]);
    assert_eq!(error.entry().type_path(), "derive::InventoryError::InstanceTypeNotFound");

    let error = InventoryError::InsufficientVcpu(16);
    assert_eq!(error.code_str(), "ERR-02-003");
    assert_eq!(error.status(), 409);
    assert_eq!(error.class_name(), "InsufficientVcpu");
    assert_eq!(error.to_string(), "Need 16 vCPUs");

    let error = InventoryError::Moved;
    assert_eq!(error.code_str(), "ERR-03-002");
    assert_eq!(error.status(), 404);
    assert_eq!(error.catalog_description(), "Written in the attribute");
    assert_eq!(error.entry().module_name(), "CVM Operations");
}

#[test]
fn generic_and_borrowing_errors() {
    let error = Wrapper { value: 42_u8 };
    assert_eq!(error.code_str(), "ERR-03-006");
    assert_eq!(error.to_string(), "Wrapped: 42");
    assert_eq!(details_json(&error), vec![("value".to_owned(), serde_json::json!(42))]);
    let error = Wrapper { value: "text" };
    assert_eq!(error.message(), "Wrapped: text");

    let name = String::from("db-7");
    let error = Borrowed { name: &name };
    assert_eq!(error.message(), "No CVM named db-7");
    assert_eq!(error.code_str(), "ERR-03-007");
}

#[test]
fn sources_are_returned_by_error_source() {
    let error = StartFailed { cause: std::io::Error::other("disk full") };
    assert_eq!(error.source().map(ToString::to_string).as_deref(), Some("disk full"));
    assert_eq!(error.to_string(), "The CVM could not be started");

    let error = UpstreamFailed { source: "upstream 503".into() };
    assert_eq!(error.source().map(ToString::to_string).as_deref(), Some("upstream 503"));
    assert_eq!(error.message(), "Bad Gateway");

    assert!(NodeNotFoundError.source().is_none());
}

#[test]
fn thiserror_keeps_display_and_the_catalog_keeps_the_public_message() {
    let error = CvmNotFoundError { id: 9, shard: 2 };
    assert_eq!(error.to_string(), "lookup of CVM 9 failed in shard 2");
    assert_eq!(error.message(), "The requested CVM was not found");
    assert_eq!(error_catalog::PublicMessage(&error).to_string(), "The requested CVM was not found");
    assert_eq!(error.code_str(), "ERR-03-001");
}

#[test]
fn a_second_catalog_has_its_own_format_and_default_status() {
    let error = billing::OverdueError(31);
    assert_eq!(error.code_str(), "BILL0012/7");
    assert_eq!(error.status(), 402);
    assert_eq!(error.message(), "Invoice 31 is overdue");
    let code: Code<billing::Billing> = "BILL0012/7".parse().unwrap();
    assert_eq!(code, error.code());
}

#[test]
fn catalog_errors_are_object_safe() {
    let errors: Vec<Box<dyn CatalogError<Catalog = Catalog>>> =
        vec![Box::new(NodeNotFoundError), Box::new(InventoryError::Moved)];
    let codes: Vec<&str> = errors.iter().map(|error| error.code_str()).collect();
    assert_eq!(codes, ["ERR-01-001", "ERR-03-002"]);
}

#[test]
fn the_catalog_declares_format_modules_and_codes_out_of_use() {
    let info = <Catalog as ErrorCatalog>::INFO;
    assert_eq!(info.name(), "Catalog");
    assert_eq!(info.default_status(), 400);
    assert_eq!(info.format().template(), "ERR-{module:02}-{code:03}");
    assert_eq!((info.format().module_width(), info.format().code_width()), (2, 3));
    assert_eq!((info.format().max_module(), info.format().max_code()), (99, 999));
    assert_eq!(info.format().prefix(), "ERR-");
    let modules: Vec<(u16, &str)> = info.modules().iter().map(|m| (m.number(), m.name())).collect();
    assert_eq!(modules, [(1, "CVM API / Preflight"), (2, "Inventory"), (3, "CVM Operations")]);
    assert_eq!(info.module(3).map(|m| m.retired()), Some(&[3, 4][..]));
    assert_eq!(info.module(3).map(|m| m.reserved()), Some(&[9][..]));
    assert!(info.module(4).is_none());
    assert!(info.is_retired(3, 4) && !info.is_retired(3, 5) && !info.is_retired(9, 4));
    assert!(info.is_reserved(3, 9) && !info.is_reserved(1, 9));
    assert_eq!(info.page().api, "Test API");
    assert_eq!(info.page().title, "Error Codes");
    assert_eq!(info.page().description, "Reference for Test API error codes");
}

#[test]
fn codes_format_and_parse_back() {
    let code: Code<Catalog> = "ERR-01-004".parse().unwrap();
    assert_eq!(code.to_string(), "ERR-01-004");
    assert_eq!(code.module_name(), Some("CVM API / Preflight"));
    assert_eq!(format!("{code:?}"), "Code(ERR-01-004)");
    assert_eq!(Code::<Catalog>::new(99, 999).map(|c| c.to_string()).as_deref(), Some("ERR-99-999"));
    assert_eq!(Code::<Catalog>::new(99, 999).and_then(Code::module_name), None);
    assert!(Code::<Catalog>::new(0, 1).is_none());
    assert!(Code::<Catalog>::new(1, 1000).is_none());
    assert!(Code::<Catalog>::new(100, 1).is_none());

    let parse = |text: &str| text.parse::<Code<Catalog>>().map(|code| (code.module_number(), code.number()));
    assert_eq!(parse("ERR-02-015"), Ok((2, 15)));
    assert_eq!(parse("ERR-02-015 "), Err(ParseCodeError::Suffix));
    assert_eq!(parse("err-02-015"), Err(ParseCodeError::Prefix));
    assert_eq!(parse(""), Err(ParseCodeError::Prefix));
    assert_eq!(parse("ERR-2-015"), Err(ParseCodeError::Digits));
    assert_eq!(parse("ERR-02-15"), Err(ParseCodeError::Digits));
    assert_eq!(parse("ERR-0a-015"), Err(ParseCodeError::Digits));
    assert_eq!(parse("ERR-02_015"), Err(ParseCodeError::Separator));
    assert_eq!(parse("ERR-00-015"), Err(ParseCodeError::ZeroModule));
    assert_eq!(parse("ERR-02-000"), Err(ParseCodeError::ZeroCode));
    assert_eq!(parse("ERR-٠١-004"), Err(ParseCodeError::Digits));
    assert_eq!(ParseCodeError::Digits.to_string(), "error code number has the wrong number of digits");
}

/// A generic parameter with a default: impls must not repeat the default.
#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 11, message = "Value {value} is out of range")]
pub struct OutOfRange<T: std::fmt::Display + std::fmt::Debug + serde::Serialize = u8> {
    #[catalog(detail)]
    pub value: T,
}

#[test]
fn generic_defaults_are_kept_out_of_impls() {
    let error: OutOfRange = OutOfRange { value: 7 };
    assert_eq!(error.message(), "Value 7 is out of range");
    assert_eq!(error.code_str(), "ERR-03-011");
}

/// Raw identifiers: clients see names without `r#`.
#[allow(non_camel_case_types)]
#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 12, message = "Instance type {type} cannot loop {loop} times")]
pub struct r#match {
    #[catalog(detail)]
    pub r#type: String,
    #[catalog(detail)]
    pub r#loop: u8,
}

#[test]
fn raw_identifiers_lose_their_prefix() {
    let error = r#match { r#type: "tdx.small".into(), r#loop: 3 };
    assert_eq!(error.class_name(), "match");
    assert_eq!(error.entry().details(), ["type", "loop"]);
    assert_eq!(error.entry().message().fields().collect::<Vec<_>>(), ["type", "loop"]);
    assert_eq!(error.message(), "Instance type tdx.small cannot loop 3 times");
    let body = serde_json::to_value(error_catalog::body::Body::new(&error)).unwrap();
    assert_eq!(body["details"][0]["field"], "type");
    assert_eq!(body["details"][1]["field"], "loop");
    assert_eq!(error.entry().reason(), "MATCH");
}

/// Every key reads its value through parentheses, `code` as `status` does.
#[derive(Debug, CatalogError)]
#[catalog(module = (2), code = (40), status = (409), message = "In parentheses")]
pub struct Parenthesized;

#[test]
fn values_in_parentheses_read_as_without() {
    assert_eq!(Parenthesized.code_str(), "ERR-02-040");
    assert_eq!(Parenthesized.status(), 409);
}
