//! The public body under values that fight back: a field whose `Display`
//! fails, a detail whose `Serialize` fails or whose map has keys JSON cannot
//! have, a detail nested thousands deep or millions long. Building the body
//! never panics, never overflows the stack, and keeps every member it can,
//! in the application's format. The parts that need a feature are gated by
//! it: `--all-features` runs them all.

use std::fmt;

use error_catalog::body::Body;
use error_catalog::{CatalogError, ErrorCatalog};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "Values")]
    Values,
}

/// A value whose `Display` writes a little, then fails, as a `Display` that
/// forwards an I/O error might; its `Serialize` works.
#[derive(Debug)]
struct FailingDisplay;

impl fmt::Display for FailingDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("half")?;
        Err(fmt::Error)
    }
}

impl Serialize for FailingDisplay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("whole")
    }
}

/// Raised when a field cannot be displayed
#[derive(Debug, CatalogError)]
#[catalog(
    module = 1,
    code = 1,
    status = 422,
    message = "Value {value} of {name} is refused",
    suggestion = "Try another value",
    link(url = "https://docs.example.com/ERR-01-001", label = "Values")
)]
struct FailingDisplayError {
    #[catalog(detail)]
    name: String,
    #[catalog(detail)]
    value: FailingDisplay,
}

fn failing_display() -> FailingDisplayError {
    FailingDisplayError { name: "size".into(), value: FailingDisplay }
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serializable")
}

#[test]
fn a_field_whose_display_fails_ends_the_message_without_a_panic() {
    let error = failing_display();
    // The message is the text written until the field failed.
    assert_eq!(error.message(), "Value half");
    assert_eq!(error_catalog::PublicMessage(&error).to_string(), "Value half");
    let body = json(&Body::new(&error).request_id(Some("rid-1")));
    assert_eq!(
        body,
        json!({
            "error_code": "ERR-01-001", "message": "Value half", "request_id": "rid-1",
            "details": [
                {"field": "name", "value": "size", "message": null},
                {"field": "value", "value": "whole", "message": null},
            ],
            "suggestions": ["Try another value"],
            "links": [{"url": "https://docs.example.com/ERR-01-001", "label": "Values"}],
        })
    );
    // serde_json's writer path (`collect_str`) too, not only its value path.
    let bytes = serde_json::to_vec(&Body::new(&error)).expect("serializable");
    assert_eq!(serde_json::from_slice::<Value>(&bytes).unwrap()["message"], "Value half");
}

#[cfg(feature = "problem-json")]
#[test]
fn a_field_whose_display_fails_ends_the_problem_detail_without_a_panic() {
    let error = failing_display();
    let bytes = serde_json::to_vec(&error_catalog::body::Problem::new(&error, "https://docs.example.com/"))
        .expect("serializable");
    let problem: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(problem["detail"], "Value half");
    assert_eq!(problem["status"], 422);
}

#[cfg(feature = "axum")]
#[test]
fn a_field_whose_display_fails_gets_a_response_without_a_panic() {
    let response = error_catalog::http::respond(&failing_display());
    assert_eq!((response.status, response.content_type), (422, "application/json"));
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["message"], "Value half");
    assert_eq!(body["details"][1]["value"], "whole");
}
