//! Feature `tracing-error`: with its `ErrorLayer` in the subscriber, the
//! log event of a server error carries the spans around the answer, on the
//! event's one line (the trace's line breaks escaped).

use std::cell::RefCell;
use std::sync::{Arc, Once};

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

thread_local! {
    static WRITTEN: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

struct ThisThread;

impl std::io::Write for ThisThread {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        WRITTEN.with_borrow_mut(|written| written.extend_from_slice(bytes));
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What the fmt subscriber, with tracing-error's layer, wrote on this
/// thread while `run` ran inside a request scope and two spans.
fn logged(run: impl FnOnce()) -> String {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(|| ThisThread)
            .with_ansi(false)
            .without_time()
            .finish()
            .with(tracing_error::ErrorLayer::default());
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
    WRITTEN.with_borrow_mut(Vec::clear);
    let request = tracing::info_span!("request", path = "/v1/orders");
    let _request = request.enter();
    let handler = tracing::info_span!("create_order", order = 7);
    let _handler = handler.enter();
    run();
    String::from_utf8(WRITTEN.with_borrow_mut(std::mem::take)).unwrap()
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
