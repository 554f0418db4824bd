//! Feature `tracing-error`: with its `ErrorLayer` in the subscriber, the
//! log event of a server error carries the spans around the answer, on the
//! event's one line (the trace's line breaks escaped).

#[path = "support/log.rs"]
mod log;

use std::sync::Arc;

use error_catalog::http::{self, ErrorResponses};
use error_catalog::{CatalogError, ErrorCatalog, Failure};
use tracing_subscriber::layer::SubscriberExt as _;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "Storage")]
    Storage,
}

/// Raised when the database cannot be reached.
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 503, message = "The database is unavailable")]
struct DatabaseError;

/// Raised when the order exists already.
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 2, status = 409, message = "The order exists")]
struct OrderExistsError;

/// What the fmt subscriber, with tracing-error's layer, wrote on this
/// thread while `run` ran inside a request scope and two spans.
fn logged(run: impl FnOnce()) -> String {
    let make = || log::fmt_subscriber().with(tracing_error::ErrorLayer::default());
    log::lines_of(make, || {
        let request = tracing::info_span!("request", path = "/v1/orders");
        let _request = request.enter();
        let handler = tracing::info_span!("create_order", order = 7);
        let _handler = handler.enter();
        run();
    })
}

fn scoped<T>(make: impl FnOnce() -> T) -> T {
    let responses = Arc::new(ErrorResponses::new());
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(http::scope(responses.context(Some(b"rid-1"), "/v1/orders"), async { make() }))
}

#[test]
fn a_server_errors_event_names_the_spans_around_it_on_one_line() {
    let log = logged(|| {
        let answer = scoped(|| http::respond(&DatabaseError));
        assert_eq!(answer.status, 503);
    });
    assert_eq!(log.lines().count(), 1, "{log}");
    let line = log.lines().next().unwrap();
    let trace = line.split_once("span_trace=").expect("a span_trace field").1;
    // The innermost span first, with its fields, then the request's.
    let inner = trace.find("create_order").expect("the handler's span");
    let outer = trace.find("request").unwrap_or_else(|| panic!("the request's span: {line}"));
    assert!(inner < outer, "{trace}");
    assert!(trace.contains("order=7"), "{trace}");
    assert!(trace.contains("\\n"), "the trace's lines are escaped: {trace}");
}

#[test]
fn a_failure_without_catalog_error_carries_them_too() {
    let log = logged(|| {
        let failure = Failure::new(std::io::Error::other("disk full"));
        let answer = scoped(|| http::respond_failure(&failure));
        assert_eq!(answer.status, 500);
    });
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("span_trace=") && log.contains("create_order"), "{log}");
}

#[test]
fn a_client_error_logs_nothing() {
    let log = logged(|| {
        let answer = scoped(|| http::respond(&OrderExistsError));
        assert_eq!(answer.status, 409);
    });
    assert_eq!(log, "");
}
