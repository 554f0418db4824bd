//! gRPC's canonical status codes (`google.rpc.Code`): bare numbers from 0,
//! `OK = 0` among them, each with the HTTP status Google maps it to.
//!
//! Source: github.com/googleapis/googleapis, `google/rpc/code.proto` at
//! commit f8291d2b89f0017ab078a4c7378069bae5686f6f. Every code of the enum is
//! here: the name as the proto spells it, the number, the status of its
//! "HTTP Mapping" line, and as message the first sentence of its comment
//! (line breaks joined). `retryable` follows the proto's guidelines: retry
//! `UNAVAILABLE` ("can be corrected by retrying with a backoff"), not
//! `FAILED_PRECONDITION` ("the client should not retry until the system state
//! has been explicitly fixed").

use error_catalog::body::Body;
use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, GrpcCode, ParseCodeError, Shape, registry};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", start = 0, title = "google.rpc.Code", api = "gRPC APIs")]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
pub enum Status {
    #[catalog(code = 0, name = "OK", grpc = "OK", status = 200, message = "Not an error; returned on success.")]
    Ok,
    #[catalog(
        code = 1,
        name = "CANCELLED",
        grpc = "CANCELLED",
        status = 499,
        message = "The operation was cancelled, typically by the caller."
    )]
    Cancelled,
    #[catalog(code = 2, name = "UNKNOWN", grpc = "UNKNOWN", status = 500, message = "Unknown error.")]
    Unknown,
    #[catalog(
        code = 3,
        name = "INVALID_ARGUMENT",
        grpc = "INVALID_ARGUMENT",
        status = 400,
        message = "The client specified an invalid argument."
    )]
    InvalidArgument,
    #[catalog(
        code = 4,
        name = "DEADLINE_EXCEEDED",
        grpc = "DEADLINE_EXCEEDED",
        status = 504,
        message = "The deadline expired before the operation could complete."
    )]
    DeadlineExceeded,
    #[catalog(
        code = 5,
        name = "NOT_FOUND",
        grpc = "NOT_FOUND",
        status = 404,
        message = "Some requested entity (e.g., file or directory) was not found."
    )]
    NotFound,
    #[catalog(
        code = 6,
        name = "ALREADY_EXISTS",
        grpc = "ALREADY_EXISTS",
        status = 409,
        message = "The entity that a client attempted to create (e.g., file or directory) already exists."
    )]
    AlreadyExists,
    #[catalog(
        code = 7,
        name = "PERMISSION_DENIED",
        grpc = "PERMISSION_DENIED",
        status = 403,
        message = "The caller does not have permission to execute the specified operation."
    )]
    PermissionDenied,
    #[catalog(
        code = 16,
        name = "UNAUTHENTICATED",
        grpc = "UNAUTHENTICATED",
        status = 401,
        message = "The request does not have valid authentication credentials for the operation."
    )]
    Unauthenticated,
    #[catalog(
        code = 8,
        name = "RESOURCE_EXHAUSTED",
        grpc = "RESOURCE_EXHAUSTED",
        status = 429,
        message = "Some resource has been exhausted, perhaps a per-user quota, or perhaps the entire file system is out of space."
    )]
    ResourceExhausted,
    #[catalog(
        code = 9,
        name = "FAILED_PRECONDITION",
        grpc = "FAILED_PRECONDITION",
        status = 400,
        retryable = false,
        message = "The operation was rejected because the system is not in a state required for the operation's execution."
    )]
    FailedPrecondition,
    #[catalog(
        code = 10,
        name = "ABORTED",
        grpc = "ABORTED",
        status = 409,
        message = "The operation was aborted, typically due to a concurrency issue such as a sequencer check failure or transaction abort."
    )]
    Aborted,
    #[catalog(
        code = 11,
        name = "OUT_OF_RANGE",
        grpc = "OUT_OF_RANGE",
        status = 400,
        message = "The operation was attempted past the valid range."
    )]
    OutOfRange,
    #[catalog(
        code = 12,
        name = "UNIMPLEMENTED",
        grpc = "UNIMPLEMENTED",
        status = 501,
        message = "The operation is not implemented or is not supported/enabled in this service."
    )]
    Unimplemented,
    #[catalog(code = 13, name = "INTERNAL", grpc = "INTERNAL", status = 500, message = "Internal errors.")]
    Internal,
    #[catalog(
        code = 14,
        name = "UNAVAILABLE",
        grpc = "UNAVAILABLE",
        status = 503,
        retryable = true,
        message = "The service is currently unavailable."
    )]
    Unavailable,
    #[catalog(
        code = 15,
        name = "DATA_LOSS",
        grpc = "DATA_LOSS",
        status = 500,
        message = "Unrecoverable data loss or corruption."
    )]
    DataLoss,
}

/// Every code, with the number and HTTP status code.proto gives it.
const ALL: [(Status, &str, u16, u16); 17] = [
    (Status::Ok, "OK", 0, 200),
    (Status::Cancelled, "CANCELLED", 1, 499),
    (Status::Unknown, "UNKNOWN", 2, 500),
    (Status::InvalidArgument, "INVALID_ARGUMENT", 3, 400),
    (Status::DeadlineExceeded, "DEADLINE_EXCEEDED", 4, 504),
    (Status::NotFound, "NOT_FOUND", 5, 404),
    (Status::AlreadyExists, "ALREADY_EXISTS", 6, 409),
    (Status::PermissionDenied, "PERMISSION_DENIED", 7, 403),
    (Status::Unauthenticated, "UNAUTHENTICATED", 16, 401),
    (Status::ResourceExhausted, "RESOURCE_EXHAUSTED", 8, 429),
    (Status::FailedPrecondition, "FAILED_PRECONDITION", 9, 400),
    (Status::Aborted, "ABORTED", 10, 409),
    (Status::OutOfRange, "OUT_OF_RANGE", 11, 400),
    (Status::Unimplemented, "UNIMPLEMENTED", 12, 501),
    (Status::Internal, "INTERNAL", 13, 500),
    (Status::Unavailable, "UNAVAILABLE", 14, 503),
    (Status::DataLoss, "DATA_LOSS", 15, 500),
];

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

#[test]
fn every_code_renders_as_its_number() {
    assert_eq!(info().format().shape(), Shape::Flat);
    assert_eq!(info().format().start(), 0);
    assert!(info().is_http());
    for (error, name, number, status) in &ALL {
        assert_eq!(error.code_str(), number.to_string());
        assert_eq!(error.code().to_string(), number.to_string());
        assert_eq!(error.code().number(), i64::from(*number));
        assert_eq!(error.class_name(), *name);
        assert_eq!(error.status(), *status);
        assert_eq!(error.entry().http_status(), Some(*status));
        let grpc = error.entry().grpc().unwrap();
        assert_eq!(grpc.as_str(), *name);
        assert_eq!(grpc.number(), i32::from(*number));
        assert_eq!(GrpcCode::from_number(i32::from(*number)), Some(grpc));
        // AIP-193 reasons have at least three characters: `OK` becomes `OK_ERROR`.
        let reason = if *name == "OK" { "OK_ERROR" } else { name };
        assert_eq!(error.entry().reason(), reason);
    }
    assert_eq!(Status::Ok.code_str(), "0");
    assert_eq!(Status::Ok.to_string(), "Not an error; returned on success.");
}

#[test]
fn only_unavailable_says_to_retry() {
    assert_eq!(Status::Unavailable.entry().retryable(), Some(true));
    assert_eq!(Status::FailedPrecondition.entry().retryable(), Some(false));
    assert_eq!(Status::Aborted.entry().retryable(), None);
}

#[test]
fn the_page_and_the_documents_list_every_code() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    let ts = typescript::source(info(), &modules);
    let py = python::source(info(), &modules);
    let entries = json["entries"].as_array().unwrap();
    for (error, name, _, _) in &ALL {
        let code = error.code_str();
        assert!(page.contains(&format!("| `{code}` | `{name}` |")), "{code} missing from the page:\n{page}");
        assert!(ts.contains(&format!("\"{code}\"")), "{code} missing from the TypeScript module");
        assert!(py.contains(&format!("\"{code}\"")), "{code} missing from the Python module");
        assert!(entries.iter().any(|entry| entry["code"] == code), "{code} missing from the JSON document");
    }
}

#[test]
fn codes_parse_back_and_near_misses_fail() {
    for (error, ..) in &ALL {
        let parsed: Code<Catalog> = error.code_str().parse().unwrap();
        assert_eq!(parsed, error.code());
    }
    assert_eq!("00".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("014".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("-1".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("UNAVAILABLE".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("14 ".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    // Unpadded, a number has as many digits as an `i64` holds, no more.
    assert_eq!("10000".parse::<Code<Catalog>>().map(|code| code.number()), Ok(10_000));
    assert_eq!("9223372036854775808".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    // A number the format writes but the catalog does not declare.
    assert_eq!("17".parse::<Code<Catalog>>().map(|code| code.number()), Ok(17));
    assert!(registry::lookup("17").is_none());
}

proptest! {
    #[test]
    fn every_number_from_zero_round_trips(number in 0i64..=9_999) {
        let code = Code::<Catalog>::new(0, number).unwrap();
        let text = code.to_string();
        prop_assert_eq!(&text, &number.to_string());
        prop_assert_eq!(text.parse::<Code<Catalog>>(), Ok(code));
    }
}

#[test]
fn the_body_carries_the_code_and_the_client_reads_it_back() {
    let error = Status::Unavailable;
    let body = serde_json::to_value(Body::new(&error).with_request_id(Some("rid-7"))).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "error_code": "14",
            "message": "The service is currently unavailable.",
            "request_id": "rid-7",
        })
    );
    let bytes = serde_json::to_vec(&Body::new(&error)).unwrap();
    let remote = error_catalog::client::RemoteError::parse(error.status(), &bytes).unwrap();
    assert_eq!((remote.status(), remote.code()), (503, "14"));
    assert!(remote.is::<Status>());
    assert_eq!(remote.typed_code::<Catalog>(), Some(error.code()));
    assert!(std::ptr::eq(remote.entry().unwrap(), error.entry()));
}

#[test]
fn the_registry_finds_each_code() {
    assert_eq!(registry::entries_of::<Catalog>().len(), ALL.len());
    for (error, ..) in &ALL {
        assert!(std::ptr::eq(registry::lookup(error.code_str()).unwrap(), error.entry()));
        assert!(std::ptr::eq(registry::lookup_code(error.code()).unwrap(), error.entry()));
    }
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/grpc.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/grpc.md"),
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
