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
    let body = json(&Body::new(&error).with_request_id(Some("rid-1")));
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

/// A detail whose `Serialize` fails, with an error message that quotes
/// something private, as a serializer error may.
#[derive(Debug)]
struct FailingSerialize;

impl Serialize for FailingSerialize {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("cannot serialize the key sk-PRIVATE-1"))
    }
}

/// Raised when a detail cannot be serialized
#[derive(Debug, CatalogError)]
#[catalog(
    module = 1,
    code = 2,
    status = 409,
    message = "Conflict on {name}",
    suggestion = "Retry later",
    link(url = "https://docs.example.com/ERR-01-002", label = "Conflicts")
)]
struct UnserializableDetailError {
    #[catalog(detail)]
    name: String,
    #[catalog(detail)]
    broken: FailingSerialize,
    /// A map JSON cannot write: its keys are not strings.
    #[catalog(detail)]
    pairs: std::collections::BTreeMap<(u8, u8), u8>,
    #[catalog(detail)]
    count: u32,
}

fn unserializable_detail() -> UnserializableDetailError {
    UnserializableDetailError { name: "web-1".into(), broken: FailingSerialize, pairs: [((1, 2), 3)].into(), count: 7 }
}

/// A list `depth` deep: `[[[...[0]...]]]`, made as it is written, so that
/// building it costs nothing.
#[derive(Debug)]
struct Deep(usize);

impl Serialize for Deep {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        if self.0 == 0 {
            return serializer.serialize_u8(0);
        }
        let mut seq = serializer.serialize_seq(Some(1))?;
        seq.serialize_element(&Deep(self.0 - 1))?;
        seq.end()
    }
}

/// `count` numbers, made as they are written.
#[derive(Debug)]
struct Numbers(u32);

impl Serialize for Numbers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(0..self.0)
    }
}

/// Raised when a value is out of bounds
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 3, status = 500, message = "Too much")]
struct HugeDetailError {
    #[catalog(detail)]
    name: String,
    #[catalog(detail)]
    nested: Deep,
    #[catalog(detail)]
    numbers: Numbers,
}

fn huge(depth: usize, count: u32) -> HugeDetailError {
    HugeDetailError { name: "x".repeat(100), nested: Deep(depth), numbers: Numbers(count) }
}

#[test]
fn alone_a_body_with_a_failing_detail_is_an_error_not_a_panic() {
    let failure = serde_json::to_vec(&Body::new(&unserializable_detail())).unwrap_err();
    assert!(failure.to_string().contains("sk-PRIVATE-1"), "{failure}");
    // Past a limit too, and before the recursion goes deep: on a 64 KiB
    // stack, a value 5,000 deep is refused, not a stack overflow.
    let failure = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| serde_json::to_vec(&Body::new(&huge(5_000, 0))).map(|_| ()).unwrap_err().to_string())
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(failure, "a detail's value is nested deeper than its limit");
}

#[cfg(feature = "axum")]
#[path = "support/log.rs"]
mod log;

#[cfg(feature = "axum")]
mod http {
    use error_catalog::body::DetailLimits;
    use error_catalog::http::{ErrorResponses, ResponseParts};
    use std::sync::Arc;

    use super::*;

    /// The response to `error` in an application with `responses`, and what
    /// it logged.
    fn respond_in(responses: ErrorResponses, error: &(impl CatalogError + Sync)) -> (ResponseParts, String) {
        let responses = Arc::new(responses);
        let context = responses.context(Some(b"rid-9"), "/v1/values");
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let mut response = None;
        let log = log::fmt_lines(|| {
            response = Some(
                runtime.block_on(error_catalog::http::scope(context, async { error_catalog::http::respond(error) })),
            );
        });
        (response.unwrap(), log)
    }

    fn marker(field: &str, message: &str) -> Value {
        json!({ "field": field, "value": null, "message": message })
    }

    #[test]
    fn the_fallback_keeps_every_member_it_can_in_the_flat_body() {
        let (response, log) = respond_in(ErrorResponses::new(), &unserializable_detail());
        assert_eq!((response.status, response.content_type), (409, "application/json"));
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(
            body,
            json!({
                "error_code": "ERR-01-002", "message": "Conflict on web-1", "request_id": "rid-9",
                "details": [
                    {"field": "name", "value": "web-1", "message": null},
                    marker("broken", "value omitted: it could not be serialized"),
                    marker("pairs", "value omitted: it could not be serialized"),
                    {"field": "count", "value": 7, "message": null},
                ],
                "suggestions": ["Retry later"],
                "links": [{"url": "https://docs.example.com/ERR-01-002", "label": "Conflicts"}],
            })
        );
        // The serializer's error is for the log only.
        assert!(!String::from_utf8_lossy(&response.body).contains("PRIVATE"));
        assert!(log.contains("error body written again without some details"), "{log}");
        assert!(log.contains("sk-PRIVATE-1"), "{log}");
        assert!(log.contains("detail=\"broken\" reason=\"not serializable\""), "{log}");
        assert!(log.contains("detail=\"pairs\" reason=\"not serializable\""), "{log}");
    }

    #[cfg(feature = "problem-json")]
    #[test]
    fn the_fallback_keeps_the_problem_format() {
        let responses = ErrorResponses::new().with_problem_json("https://docs.example.com/errors/");
        let (response, _) = respond_in(responses, &unserializable_detail());
        assert_eq!((response.status, response.content_type), (409, "application/problem+json"));
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(
            body,
            // `type` is the code's documentation URL, its own link here
            // (its catalog has no `link_template`): not `type_base`.
            json!({
                "type": "https://docs.example.com/ERR-01-002", "title": "UnserializableDetailError",
                "status": 409, "detail": "Conflict on web-1", "instance": "/v1/values",
                "error_code": "ERR-01-002", "request_id": "rid-9",
                "details": [
                    {"field": "name", "value": "web-1", "message": null},
                    marker("broken", "value omitted: it could not be serialized"),
                    marker("pairs", "value omitted: it could not be serialized"),
                    {"field": "count", "value": 7, "message": null},
                ],
                "suggestions": ["Retry later"],
                "links": [{"url": "https://docs.example.com/ERR-01-002", "label": "Conflicts"}],
            })
        );
    }

    #[test]
    fn a_detail_too_deep_or_too_large_is_a_marker_and_an_event() {
        // Ten million numbers: 78 MB of JSON without a limit.
        let (response, log) = respond_in(ErrorResponses::new(), &huge(5_000, 10_000_000));
        assert_eq!(response.status, 500);
        assert!(response.body.len() < 1_000, "{} bytes", response.body.len());
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(
            body["details"],
            json!([
                {"field": "name", "value": "x".repeat(100), "message": null},
                marker("nested", "value omitted: nested deeper than 32 levels"),
                marker("numbers", "value omitted: larger than 65536 bytes"),
            ])
        );
        assert!(log.contains("detail=\"nested\" reason=\"nested too deep\""), "{log}");
        assert!(log.contains("detail=\"numbers\" reason=\"too large\""), "{log}");

        // Within the limits, the values are whole.
        let (response, _) = respond_in(ErrorResponses::new(), &huge(32, 3));
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(body["details"][2], json!({"field": "numbers", "value": [0, 1, 2], "message": null}));
        let mut nested = &body["details"][1]["value"];
        for _ in 0..32 {
            nested = &nested[0];
        }
        assert_eq!(nested, &json!(0));
    }

    /// At the deepest limit, a value as deep as it allows is written whole,
    /// and the client of this crate reads the body back.
    #[cfg(feature = "client")]
    #[test]
    fn the_deepest_detail_allowed_is_read_back_by_the_client() {
        let limits = DetailLimits::new().with_max_depth(DetailLimits::MAX_DEPTH);
        let (response, _) =
            respond_in(ErrorResponses::new().with_detail_limits(limits), &huge(DetailLimits::MAX_DEPTH, 0));
        let remote = error_catalog::client::RemoteError::parse(response.status, &response.body).expect("readable");
        let mut value = remote.detail("nested").expect("the value").clone();
        let mut depth = 0;
        while let Value::Array(mut items) = value {
            value = items.pop().unwrap_or_default();
            depth += 1;
        }
        assert_eq!((depth, value), (DetailLimits::MAX_DEPTH, json!(0)));
    }

    #[test]
    fn detail_limits_are_the_applications() {
        let limits = DetailLimits::new().with_max_depth(2).with_max_bytes(100);
        let (response, _) = respond_in(ErrorResponses::new().with_detail_limits(limits), &huge(3, 0));
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(
            body["details"],
            json!([
                // 100 bytes and two quotes.
                marker("name", "value omitted: larger than 100 bytes"),
                marker("nested", "value omitted: nested deeper than 2 levels"),
                {"field": "numbers", "value": [], "message": null},
            ])
        );
        let (response, _) =
            respond_in(ErrorResponses::new().with_detail_limits(limits.with_max_bytes(102)), &huge(2, 0));
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(body["details"][0]["value"], "x".repeat(100));
        assert_eq!(body["details"][1]["value"], json!([[0]]));
    }

    /// A tokio worker's stack is 2 MiB (the main thread's is 8): a detail
    /// 5,000 deep overflowed it and aborted the process. At the deepest
    /// limit the library accepts, 124, it answers.
    #[test]
    fn a_detail_5000_deep_does_not_overflow_a_tokio_worker() {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).build().unwrap();
        for limits in [DetailLimits::DEFAULT, DetailLimits::new().with_max_depth(DetailLimits::MAX_DEPTH)] {
            let responses = Arc::new(ErrorResponses::new().with_detail_limits(limits));
            let context = responses.context(None, "/");
            let response = runtime
                .block_on(runtime.spawn(error_catalog::http::scope(context, async {
                    error_catalog::http::respond(&huge(5_000, 1))
                })))
                .expect("the worker did not crash");
            let body: Value = serde_json::from_slice(&response.body).unwrap();
            let expected = format!("value omitted: nested deeper than {} levels", limits.max_depth());
            assert_eq!(body["details"][1], marker("nested", &expected));
            assert_eq!(body["details"][2]["value"], json!([0]));
        }
    }
}
