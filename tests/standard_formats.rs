//! The built-in formats of published standards, written and read back:
//! S3's XML errors escape any message (a hostile one cannot close an
//! element, forge a `Code` or break the document), Google's JSON errors
//! carry the code, the details, the request id and the links, the
//! Kubernetes `Status` its reason and causes, a bearer challenge only what
//! a quoted string may hold; no reader panics on any input. The
//! standards' own clients read the same bodies in tests/wire_formats/run.sh,
//! tests/oauth2.rs and tests/kube/run.sh.

use std::sync::Arc;

use error_catalog::client::{Answer, ParseBodyError, RemoteError};
use error_catalog::formats::WireFormat;
use error_catalog::formats::google::Google;
use error_catalog::formats::s3::{REQUEST_ID_HEADER, S3};
use error_catalog::http::{self, ErrorResponses};
use error_catalog::{CatalogError, ErrorCatalog};
use proptest::prelude::*;
use serde_json::json;

#[derive(ErrorCatalog)]
#[catalog(
    format = "{code:PascalCase}",
    domain = "storage.example.com",
    link_template = "https://docs.example.com/errors/{code}"
)]
pub enum Catalog {}

/// A message made of what the client sent.
#[derive(Debug, CatalogError)]
#[catalog(code = "InvalidArgument", status = 400, message = "Invalid argument: {argument_value}")]
pub struct InvalidArgument {
    #[catalog(detail)]
    pub argument_name: String,
    #[catalog(detail)]
    pub argument_value: String,
}

/// The answer `http::respond` gives in `format` inside a request.
fn respond(format: impl WireFormat, error: &InvalidArgument, request_id: &[u8]) -> http::ResponseParts {
    let responses = Arc::new(ErrorResponses::new().with_format(format));
    let context = responses.context(Some(request_id), "/photos/cat.jpg");
    let mut future = std::pin::pin!(http::scope(context, async { http::respond(error) }));
    match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(answer) => answer,
        std::task::Poll::Pending => unreachable!("respond waits for nothing"),
    }
}

fn read(format: &dyn WireFormat, answer: &http::ResponseParts) -> Result<RemoteError, ParseBodyError> {
    let mut received = Answer::new(answer.status, &answer.body);
    for (name, value) in answer.headers.iter() {
        received = received.with_header(name, value.as_bytes());
    }
    RemoteError::read(format, &received)
}

/// What XML 1.0 can carry of `text`: each character it cannot, U+FFFD.
fn xml_carried(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}' => c,
            _ => '\u{fffd}',
        })
        .collect()
}

#[test]
fn s3_answers_in_xml_with_the_request_id_header() {
    let error = InvalidArgument { argument_name: "versionId".into(), argument_value: "v1".into() };
    let answer = respond(S3, &error, b"4442587FB7D0A2F9");
    assert_eq!((answer.status, answer.content_type), (400, "application/xml"));
    assert_eq!(answer.headers.get(REQUEST_ID_HEADER), Some("4442587FB7D0A2F9"));
    assert_eq!(
        String::from_utf8(answer.body.clone()).unwrap(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidArgument</Code>\
         <Message>Invalid argument: v1</Message><ArgumentName>versionId</ArgumentName>\
         <ArgumentValue>v1</ArgumentValue><Resource>/photos/cat.jpg</Resource>\
         <RequestId>4442587FB7D0A2F9</RequestId></Error>"
    );
    let remote = read(&S3, &answer).unwrap();
    assert!(remote.is::<InvalidArgument>());
    assert_eq!(
        (remote.code(), remote.status(), remote.request_id()),
        ("InvalidArgument", 400, Some("4442587FB7D0A2F9"))
    );
    assert_eq!(remote.detail("argument_name"), Some(&json!("versionId")));
}

#[test]
fn a_forged_element_stays_text() {
    let forged = "</Message><Code>AccessDenied</Code><Message>";
    let error = InvalidArgument { argument_name: "x".into(), argument_value: forged.into() };
    let answer = respond(S3, &error, b"rid");
    let text = String::from_utf8(answer.body.clone()).unwrap();
    assert_eq!(text.matches("<Code>").count(), 1, "{text}");
    let remote = read(&S3, &answer).unwrap();
    assert_eq!(remote.code(), "InvalidArgument");
    assert_eq!(remote.message(), format!("Invalid argument: {forged}"));
}

#[test]
fn google_answers_in_aip_193_json_and_reads_it_back() {
    let error = InvalidArgument { argument_name: "versionId".into(), argument_value: "v1".into() };
    let answer = respond(Google, &error, b"rid-1");
    assert_eq!((answer.status, answer.content_type), (400, "application/json; charset=UTF-8"));
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(
        body,
        json!({"error": {
            "code": 400,
            "message": "Invalid argument: v1",
            "status": "INVALID_ARGUMENT",
            "details": [
                {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "INVALID_ARGUMENT",
                 "domain": "storage.example.com",
                 "metadata": {"errorCode": "InvalidArgument", "argumentName": "versionId", "argumentValue": "v1"}},
                {"@type": "type.googleapis.com/google.rpc.RequestInfo", "requestId": "rid-1"},
                {"@type": "type.googleapis.com/google.rpc.Help",
                 "links": [{"description": "InvalidArgument", "url": "https://docs.example.com/errors/InvalidArgument"}]},
            ],
        }})
    );
    let remote = read(&Google, &answer).unwrap();
    assert!(remote.is::<InvalidArgument>());
    assert_eq!((remote.status(), remote.request_id()), (400, Some("rid-1")));
    assert_eq!(remote.detail("argumentValue"), Some(&json!("v1")));
    assert_eq!(remote.links()[0].url, "https://docs.example.com/errors/InvalidArgument");
}

#[test]
fn a_google_error_from_google_reads_by_its_reason() {
    // No `errorCode`: the reason is the code.
    let body = br#"{"error": {"code": 403, "message": "API disabled", "status": "PERMISSION_DENIED", "details": [
        {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED", "domain": "googleapis.com",
         "metadata": {"service": "pubsub.googleapis.com"}}]}}"#;
    let remote = RemoteError::read(&Google, &Answer::new(403, body)).unwrap();
    assert_eq!((remote.code(), remote.status(), remote.message()), ("SERVICE_DISABLED", 403, "API disabled"));
    assert_eq!(remote.detail("service"), Some(&json!("pubsub.googleapis.com")));
}

#[test]
fn kubernetes_answers_a_status_and_reads_it_back() {
    use error_catalog::formats::kubernetes::Kubernetes;

    let error = InvalidArgument { argument_name: "spec.replicas".into(), argument_value: "-1".into() };
    let answer = respond(Kubernetes, &error, b"rid-1");
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(
        body,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
               "message": "Invalid argument: -1", "reason": "InvalidArgument",
               "details": {"causes": [{"field": "argument_name", "message": "spec.replicas"},
                                      {"field": "argument_value", "message": "-1"}]},
               "code": 400})
    );
    let remote = read(&Kubernetes, &answer).unwrap();
    assert!(remote.is::<InvalidArgument>());
    assert_eq!((remote.status(), remote.message()), (400, "Invalid argument: -1"));
    assert_eq!(remote.detail("argument_value"), Some(&json!("-1")));
}

#[test]
fn the_bearer_challenge_holds_only_what_a_quoted_string_may() {
    use error_catalog::formats::oauth2::Bearer;

    let error =
        InvalidArgument { argument_name: "token".into(), argument_value: "\"x\"\r\nSet-Cookie: a=b \u{e9}".into() };
    let answer = respond(Bearer::new("api"), &error, b"rid");
    assert_eq!(
        answer.headers.get("www-authenticate"),
        Some(
            r#"Bearer realm="api", error="InvalidArgument", error_description="Invalid argument: ?x???Set-Cookie: a=b ?""#
        )
    );
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(body["error_description"], "Invalid argument: ?x???Set-Cookie: a=b ?");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any message: an ASCII body that the reader reads back as XML 1.0
    /// carries it, the code unchanged.
    #[test]
    fn any_value_is_escaped_and_read_back(value in "(\\PC|[\\x00-\\x1f<>&\"'\\]\\u{fffe}\\u{ffff}])*") {
        let error = InvalidArgument { argument_name: "name".into(), argument_value: value.clone() };
        let answer = respond(S3, &error, b"rid");
        prop_assert!(answer.body.is_ascii());
        let remote = read(&S3, &answer).map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&answer.body))))?;
        prop_assert_eq!(remote.code(), "InvalidArgument");
        prop_assert_eq!(remote.message(), format!("Invalid argument: {}", xml_carried(&value)));
        prop_assert_eq!(remote.detail("argument_value"), Some(&json!(xml_carried(&value))));
    }

    /// Neither reader panics on any bytes, nor on any text near their syntax.
    #[test]
    fn the_readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256),
                               text in "(<Error>|</Error>|<Code>|</Code>|<[A-Za-z]{0,3}/?>|&#x?[0-9A-Fa-f]{0,8};?|&[a-z]{0,5};?|[a-z<>/&;#{}\":\\[\\],]){0,40}") {
        for input in [bytes.as_slice(), text.as_bytes()] {
            let _ = RemoteError::read(&S3, &Answer::new(404, input));
            let _ = RemoteError::read(&Google, &Answer::new(404, input));
            let _ = RemoteError::read(&error_catalog::formats::kubernetes::Kubernetes, &Answer::new(404, input));
            let _ = RemoteError::read(&error_catalog::formats::oauth2::OAuth2::new("t"), &Answer::new(400, input));
        }
    }
}
