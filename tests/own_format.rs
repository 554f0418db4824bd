//! An application's own error envelope, neither the flat body nor RFC 9457:
//! written by `with_format(..)` through axum, actix-web and `http::respond`,
//! read back by `RemoteError::read` with the same format, and holding every
//! guarantee of the built-in bodies (public members only, bounded details,
//! the request's language, no panic). The README's section "Your own error
//! format" is the excerpt between the two markers below.

use std::sync::Arc;

use error_catalog::http::{self, ErrorResponses};
use serde_json::json;

// README: own format, start
use error_catalog::body::PublicError;
use error_catalog::client::{Answer, ParseBodyError, RemoteDetail, RemoteError, string_member};
use error_catalog::formats::{ResponseHeaders, WireFormat, WriteError};
use error_catalog::{CatalogError, ErrorCatalog};
use serde_json::Value;

// A catalog of numbered codes, as Twilio's are.
#[derive(ErrorCatalog)]
#[catalog(format = "{code}", start = 10000, link_template = "https://docs.example.com/errors/{code}")]
pub enum Catalog {
    #[module(range(20000, 29999), name = "Messaging")]
    Messaging,
}

/// Raised when a phone number is not a number this account may use
#[derive(Debug, CatalogError)]
#[catalog(code = 21211, status = 400, message = "The 'To' number {to} is not a valid phone number")]
pub struct InvalidToNumber {
    #[catalog(detail)]
    pub to: String,
    pub account_secret: String, // never on the wire
}

/// `{"error": {"code": 21211, "status": 400, "message": "...", "more_info": "https://...",
/// "fields": {"to": "..."}}}`, `application/vnd.example.error+json`, and the
/// request id in the `Request-Id` header, not in the body.
#[derive(Debug)]
pub struct Envelope;

#[derive(serde::Serialize)]
struct Outer<'a> {
    error: Inner<'a>,
}

#[derive(serde::Serialize)]
struct Inner<'a> {
    code: i64,
    status: u16,
    message: error_catalog::body::PublicText<'a>,
    more_info: Option<error_catalog::body::DocUrl>,
    fields: error_catalog::body::PublicDetails<'a>,
}

impl WireFormat for Envelope {
    fn content_type(&self) -> &'static str {
        "application/vnd.example.error+json"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        let inner = Inner {
            code: error.number(),
            status: error.status(),
            message: error.message(),
            more_info: error.doc_url(),
            fields: error.details_object(),
        };
        serde_json::to_writer(out, &Outer { error: inner })?;
        Ok(())
    }

    fn headers(&self, error: &PublicError<'_>, headers: &mut ResponseHeaders) {
        if let Some(id) = error.request_id() {
            headers.insert("request-id", id);
        }
    }

    fn read(&self, answer: &Answer<'_>) -> Result<RemoteError, ParseBodyError> {
        let mut body = answer.json_object()?;
        let Some(Value::Object(error)) = body.remove("error") else { return Err(ParseBodyError::Missing("error")) };
        let code = error.get("code").and_then(Value::as_i64).ok_or(ParseBodyError::Missing("code"))?;
        let message = string_member(&error, "message")?.ok_or(ParseBodyError::Missing("message"))?;
        let status = error.get("status").and_then(Value::as_u64).and_then(|status| u16::try_from(status).ok());
        let details = match error.get("fields") {
            Some(Value::Object(fields)) => fields
                .iter()
                .map(|(field, value)| RemoteDetail { field: field.clone(), value: value.clone(), message: None })
                .collect(),
            _ => Vec::new(),
        };
        Ok(RemoteError::new(status.unwrap_or(answer.status()), code.to_string(), message)
            .with_details(details)
            .with_request_id(answer.header("request-id").map(str::to_owned)))
    }
}

// Once per application: every error answer of axum, actix-web and
// `http::respond` is an `Envelope`.
fn responses() -> ErrorResponses {
    ErrorResponses::new().with_format(Envelope)
}
// README: own format, end

fn invalid() -> InvalidToNumber {
    InvalidToNumber { to: "+1555".into(), account_secret: "sk_live_secret".into() }
}

/// The answer `http::respond` gives inside a request of `responses`.
fn respond_in(responses: ErrorResponses, error: &InvalidToNumber) -> http::ResponseParts {
    let responses = Arc::new(responses);
    let context = responses.context(Some(b"rid-7"), "/v1/messages");
    let mut answer = None;
    let future = http::scope(context, async { answer = Some(http::respond(error)) });
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut future = std::pin::pin!(future);
    while future.as_mut().poll(&mut cx).is_pending() {}
    answer.expect("answered")
}

#[test]
fn respond_writes_the_envelope_and_its_header() {
    let answer = respond_in(responses(), &invalid());
    assert_eq!((answer.status, answer.content_type), (400, "application/vnd.example.error+json"));
    assert_eq!(answer.headers.get("request-id"), Some("rid-7"));
    let body: Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(
        body,
        json!({"error": {
            "code": 21211, "status": 400,
            "message": "The 'To' number +1555 is not a valid phone number",
            "more_info": "https://docs.example.com/errors/21211",
            "fields": {"to": "+1555"},
        }})
    );
    assert!(!String::from_utf8_lossy(&answer.body).contains("sk_live_secret"));
}

#[test]
fn the_same_format_reads_the_answer_back() {
    let answer = respond_in(responses(), &invalid());
    let received = Answer::new(answer.status, &answer.body).with_header("Request-Id", b"rid-7");
    let error = RemoteError::read(&Envelope, &received).expect("an envelope");
    assert!(error.is::<InvalidToNumber>());
    assert_eq!((error.code(), error.status(), error.request_id()), ("21211", 400, Some("rid-7")));
    assert_eq!(error.message(), "The 'To' number +1555 is not a valid phone number");
    assert_eq!(error.detail("to"), Some(&json!("+1555")));
    // Another format's body is not an envelope.
    let flat = serde_json::to_vec(&error_catalog::body::Body::new(&invalid())).unwrap();
    assert_eq!(RemoteError::read(&Envelope, &Answer::new(400, &flat)), Err(ParseBodyError::Missing("error")));
}

/// A detail nested past the application's limits: the envelope keeps its
/// shape, with that value left out, as the built-in bodies do.
#[derive(Debug, CatalogError)]
#[catalog(code = 30001, status = 500, message = "Queue overflow")]
pub struct QueueOverflow {
    #[catalog(detail)]
    pub history: Value,
}

#[test]
fn a_detail_past_its_limits_is_left_out_of_the_envelope() {
    let mut deep = json!(1);
    for _ in 0..10 {
        deep = json!([deep]);
    }
    let error = QueueOverflow { history: deep };
    let responses = responses().with_detail_limits(error_catalog::body::DetailLimits::new().with_max_depth(4));
    let responses = Arc::new(responses);
    let mut answer = None;
    let future = http::scope(responses.context(None, "/"), async { answer = Some(http::respond(&error)) });
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut future = std::pin::pin!(future);
    while future.as_mut().poll(&mut cx).is_pending() {}
    let answer = answer.expect("answered");
    let body: Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(body["error"]["code"], json!(30001));
    assert_eq!(body["error"]["fields"], json!({"history": null}));
    assert_eq!(answer.headers.get("request-id"), None);
}

#[tokio::test]
async fn axum_answers_in_the_envelope() {
    use axum::routing::get;

    async fn fail() -> Result<(), InvalidToNumber> {
        Err(invalid())
    }
    let router = axum::Router::new().route("/v1/messages", get(fail));
    let app = router.layer(error_catalog::axum::ErrorLayer::new(responses()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let response =
        reqwest::Client::new().get(format!("{base}/v1/messages")).header("X-Request-ID", "rid-9").send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["content-type"], "application/vnd.example.error+json");
    assert_eq!(response.headers()["request-id"], "rid-9");
    let body = response.bytes().await.unwrap();
    let error = RemoteError::read(&Envelope, &Answer::new(400, &body).with_header("request-id", b"rid-9"))
        .expect("an envelope");
    assert_eq!((error.code(), error.request_id()), ("21211", Some("rid-9")));
}

#[actix_web::test]
async fn actix_web_answers_in_the_envelope() {
    use actix_web::middleware::from_fn;
    use actix_web::{App, test, web};

    async fn fail() -> Result<String, InvalidToNumber> {
        Err(invalid())
    }
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(responses()))
            .wrap(from_fn(error_catalog::actix_web::scope))
            .route("/v1/messages", web::get().to(fail)),
    )
    .await;
    let request = test::TestRequest::get().uri("/v1/messages").insert_header(("X-Request-ID", "rid-3")).to_request();
    let response = test::call_service(&app, request).await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers().get("content-type").unwrap(), "application/vnd.example.error+json");
    assert_eq!(response.headers().get("request-id").unwrap(), "rid-3");
    let body = test::read_body(response).await;
    let error = RemoteError::read(&Envelope, &Answer::new(400, &body).with_header("request-id", b"rid-3"))
        .expect("an envelope");
    assert_eq!((error.code(), error.message()), ("21211", "The 'To' number +1555 is not a valid phone number"));
}
