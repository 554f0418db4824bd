//! What an answered catalog error tells telemetry: `error.type` and
//! `otel.status_code` on the request's span, declared as the documentation
//! of `error_catalog::http::telemetry` says on a tower-http `TraceLayer`
//! span, and the counter of feature `metrics`, read with metrics' debugging
//! recorder. Requests go through an axum router with `oneshot`, on a
//! current-thread runtime: everything happens on the test's thread.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Once;

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use error_catalog::axum::ErrorLayer;
use error_catalog::http::{ErrorResponses, Rejection, Rejections};
use error_catalog::{CatalogError, ErrorCatalog};
use tower::ServiceExt;
use tracing::field::Empty;
use tracing_subscriber::layer::SubscriberExt;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
    #[module(9, name = "Platform")]
    Platform,
}

/// Raised when a CVM name already exists in the workspace
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
pub struct DuplicateCvmNameError {
    #[catalog(detail)]
    name: String,
}

/// Raised when the database does not answer
#[derive(Debug, CatalogError)]
#[catalog(module = 9, code = 1, status = 503, message = "The service is unavailable")]
pub struct UnavailableError;

/// Raised when no route has the path
#[derive(Debug, CatalogError)]
#[catalog(module = 9, code = 2, status = 404, message = "No route has this path")]
pub struct RouteNotFoundError;

async fn conflict() -> Result<&'static str, DuplicateCvmNameError> {
    Err(DuplicateCvmNameError { name: "web-1".into() })
}

async fn unavailable() -> Result<&'static str, UnavailableError> {
    Err(UnavailableError)
}

async fn ok() -> &'static str {
    "ok"
}

/// The request span, its two fields declared empty: the documented setup.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    tracing::info_span!(
        "request",
        uri = %request.uri(),
        "error.type" = Empty,
        "otel.status_code" = Empty,
    )
}

/// The router of the tests: the trace layer outside the error layer (the
/// last `layer` is the outermost), so that the errors of rejections are
/// recorded too.
fn service() -> Router {
    let responses =
        ErrorResponses::new().with_rejections(Rejections::new().not_found(|_: &Rejection| RouteNotFoundError));
    Router::new()
        .route("/conflict", get(conflict))
        .route("/unavailable", get(unavailable))
        .route("/ok", get(ok))
        .layer(ErrorLayer::new(responses))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(request_span))
}

thread_local! {
    /// The fields each span closed on this thread had, by span name.
    static CLOSED: RefCell<Vec<(String, BTreeMap<String, String>)>> = const { RefCell::new(Vec::new()) };
}

/// The values a span was created or recorded with.
#[derive(Default)]
struct Recorded(BTreeMap<String, String>);

impl tracing::field::Visit for Recorded {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

/// A layer that keeps what each span recorded, and hands it over when the
/// span closes.
struct Capture;

impl<S> tracing_subscriber::Layer<S> for Capture
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attributes: &tracing::span::Attributes<'_>,
        id: &tracing::span::Id,
        cx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut recorded = Recorded::default();
        attributes.record(&mut recorded);
        if let Some(span) = cx.span(id) {
            span.extensions_mut().insert(recorded);
        }
    }

    fn on_record(
        &self,
        id: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        cx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        if let Some(span) = cx.span(id)
            && let Some(recorded) = span.extensions_mut().get_mut::<Recorded>()
        {
            values.record(recorded);
        }
    }

    fn on_close(&self, id: tracing::span::Id, cx: tracing_subscriber::layer::Context<'_, S>) {
        if let Some(span) = cx.span(&id) {
            let fields = span.extensions_mut().remove::<Recorded>().unwrap_or_default().0;
            CLOSED.with_borrow_mut(|closed| closed.push((span.name().to_owned(), fields)));
        }
    }
}

/// The fields of the request span of one request to `path`.
fn request_span_fields(path: &str) -> (u16, BTreeMap<String, String>) {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let subscriber = tracing_subscriber::registry().with(Capture);
        tracing::subscriber::set_global_default(subscriber).expect("the one global subscriber of this test binary");
    });
    CLOSED.with_borrow_mut(Vec::clear);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let request = Request::builder().uri(path).body(Body::empty()).unwrap();
    let response = runtime.block_on(service().oneshot(request)).unwrap();
    let status = response.status().as_u16();
    drop(response);
    let closed = CLOSED.with_borrow_mut(std::mem::take);
    let requests: Vec<_> = closed.into_iter().filter(|(name, _)| name == "request").collect();
    assert_eq!(requests.len(), 1, "one request span for {path}");
    (status, requests.into_iter().next().unwrap().1)
}

#[test]
fn the_code_is_the_error_type_of_the_request_span() {
    let (status, fields) = request_span_fields("/conflict");
    assert_eq!(status, 409);
    assert_eq!(fields.get("error.type").map(String::as_str), Some("ERR-01-004"));
    // A 4xx leaves the span's status unset.
    assert_eq!(fields.get("otel.status_code"), None);
    assert_eq!(fields.get("uri").map(String::as_str), Some("/conflict"));
}

#[test]
fn a_server_error_marks_the_span_as_an_error() {
    let (status, fields) = request_span_fields("/unavailable");
    assert_eq!(status, 503);
    assert_eq!(fields.get("error.type").map(String::as_str), Some("ERR-09-001"));
    assert_eq!(fields.get("otel.status_code").map(String::as_str), Some("ERROR"));
}

#[test]
fn the_error_of_a_rejection_is_recorded_too() {
    let (status, fields) = request_span_fields("/nowhere");
    assert_eq!(status, 404);
    assert_eq!(fields.get("error.type").map(String::as_str), Some("ERR-09-002"));
}

#[test]
fn a_success_records_nothing() {
    let (status, fields) = request_span_fields("/ok");
    assert_eq!(status, 200);
    assert_eq!(fields.get("error.type"), None);
    assert_eq!(fields.get("otel.status_code"), None);
}

#[cfg(feature = "metrics")]
#[test]
fn the_counter_counts_each_answered_error_by_code_and_status() {
    use metrics_util::debugging::{DebugValue, DebuggingRecorder};

    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    metrics::with_local_recorder(&recorder, || {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        for path in ["/conflict", "/conflict", "/unavailable", "/ok", "/nowhere", "/conflict"] {
            let request = Request::builder().uri(path).body(Body::empty()).unwrap();
            drop(runtime.block_on(service().oneshot(request)).unwrap());
        }
    });
    let mut counted = BTreeMap::new();
    for (key, _, _, value) in snapshotter.snapshot().into_vec() {
        let key = key.key();
        assert_eq!(key.name(), error_catalog::http::telemetry::ERRORS_METRIC);
        assert_eq!(key.name(), "error_catalog.errors");
        let labels: BTreeMap<&str, &str> = key.labels().map(|label| (label.key(), label.value())).collect();
        assert_eq!(labels.keys().copied().collect::<Vec<_>>(), ["error.type", "http.response.status_code"]);
        let DebugValue::Counter(count) = value else { panic!("a counter: {value:?}") };
        counted.insert((labels["error.type"].to_owned(), labels["http.response.status_code"].to_owned()), count);
    }
    let expected: BTreeMap<(String, String), u64> = [
        (("ERR-01-004".to_owned(), "409".to_owned()), 3),
        (("ERR-09-001".to_owned(), "503".to_owned()), 1),
        (("ERR-09-002".to_owned(), "404".to_owned()), 1),
    ]
    .into();
    assert_eq!(counted, expected);
}
