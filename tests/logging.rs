//! The log event of a server error, as the fmt subscriber writes it: one
//! line, whatever the error's texts hold, with structured fields (code,
//! status, class name, request id) that match it to the body the client got.
//!
//! Needs the `axum` feature (for `http`); without it the file is empty.
#![cfg(feature = "axum")]

#[path = "support/log.rs"]
mod log;

use std::sync::Arc;

use error_catalog::http::ErrorResponses;
use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "Storage")]
    Storage,
}

/// A driver error whose text holds a line break and a terminal escape, as
/// text from a database or from user input may.
#[derive(Debug)]
struct DriverError;

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset\n INFO app: forged from the source")
    }
}

impl std::error::Error for DriverError {}

/// Raised when the database cannot be reached
#[derive(Debug, thiserror::Error, CatalogError)]
#[error("query {query} failed")]
#[catalog(module = 1, code = 1, status = 503, display = false, message = "The database is unavailable")]
struct DatabaseError {
    query: String,
    #[source]
    source: DriverError,
}

fn database_error() -> DatabaseError {
    DatabaseError { query: "x\n ERROR app: forged from the Display\u{1b}[31m".into(), source: DriverError }
}

/// The response to `error` within a request with `request_id`, and the log.
fn respond_logged(error: &DatabaseError, request_id: Option<&[u8]>) -> (serde_json::Value, String) {
    let responses = Arc::new(ErrorResponses::new());
    let context = responses.context(request_id, "/v1/query");
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let mut body = None;
    let log = log::fmt_lines(|| {
        let response =
            runtime.block_on(error_catalog::http::scope(context, async { error_catalog::http::respond(error) }));
        body = Some(serde_json::from_slice(&response.body).unwrap());
    });
    (body.unwrap(), log)
}

#[test]
fn a_server_error_is_one_log_line_whatever_its_text() {
    let (body, log) = respond_logged(&database_error(), Some(b"rid-7"));
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(!log.contains('\u{1b}'), "{log:?}");
    let line = log.lines().next().unwrap();
    assert!(line.starts_with("ERROR "), "{line}");
    for field in [
        r#"error_code="ERR-01-001""#,
        "status=503",
        r#"class_name="DatabaseError""#,
        r#"request_id="rid-7""#,
        r#"error="query x\n ERROR app: forged from the Display\u{1b}[31m failed""#,
        r#"cause="connection reset\n INFO app: forged from the source""#,
    ] {
        assert!(line.contains(field), "no {field} in {line}");
    }
    // The body says the same request id, and nothing of the internal text.
    assert_eq!(body["request_id"], "rid-7");
    assert_eq!(body["message"], "The database is unavailable");
}

#[test]
fn without_a_request_id_the_event_has_none() {
    let (body, log) = respond_logged(&database_error(), None);
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(!log.contains("request_id"), "{log}");
    assert!(body.get("request_id").is_none());
}

/// A source whose text is 1 MB, as an upstream's message may be.
#[derive(Debug)]
struct HugeError;

impl std::fmt::Display for HugeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for _ in 0..1000 {
            f.write_str(&"m".repeat(1000))?;
        }
        Ok(())
    }
}

impl std::error::Error for HugeError {}

/// Raised when an upstream fails with a message of its own
#[derive(Debug, thiserror::Error, CatalogError)]
#[error("upstream failed")]
#[catalog(module = 1, code = 2, status = 502, display = false, message = "The upstream failed")]
struct UpstreamError {
    #[source]
    source: HugeError,
}

/// The cap of each text field of the event, in bytes, as the crate
/// documents it.
const MAX_LOG_FIELD_LEN: usize = 4096;

#[test]
fn each_field_of_the_event_is_capped_with_a_marker() {
    let marker = format!("... (cut at {MAX_LOG_FIELD_LEN} bytes)");
    let error = DatabaseError { query: "q".repeat(1_000_000), source: DriverError };
    let (_, log) = respond_logged(&error, Some(b"rid-7"));
    assert_eq!(log.lines().count(), 1);
    assert!(log.len() < 2 * MAX_LOG_FIELD_LEN + 1024, "a line of {} bytes", log.len());
    assert!(log.contains(&format!("error=\"query {}{marker}\"", "q".repeat(MAX_LOG_FIELD_LEN - 6))), "{log}");

    let responses = Arc::new(ErrorResponses::new());
    let context = responses.context(None, "/v1/query");
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let log = log::fmt_lines(|| {
        let error = UpstreamError { source: HugeError };
        runtime.block_on(error_catalog::http::scope(context, async { error_catalog::http::respond(&error) }));
    });
    assert!(log.len() < 2 * MAX_LOG_FIELD_LEN + 1024, "a line of {} bytes", log.len());
    assert!(log.contains(&format!("cause=\"{}{marker}\"", "m".repeat(MAX_LOG_FIELD_LEN))), "{log}");
}
