//! The log event of a server error carries the backtrace of the `Failure`
//! it was answered from: where a plain error became a `Failure` (as
//! `RUST_LIB_BACKTRACE` says), for a catalog error found in its chain and
//! for a chain without one. One test: the variable is read once per process.

#[path = "support/log.rs"]
mod log;

use std::sync::Arc;

use error_catalog::http::{self, ErrorResponses};
use error_catalog::{CatalogError, ErrorCatalog, Failure};

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

/// A plain error whose source is the catalog error.
#[derive(Debug)]
struct Loading(DatabaseError);

impl std::fmt::Display for Loading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("loading the orders")
    }
}

impl std::error::Error for Loading {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[inline(never)]
fn load_orders() -> Result<(), Failure> {
    Err(Loading(DatabaseError))?
}

fn answered(failure: &Failure) -> (u16, String) {
    let responses = Arc::new(ErrorResponses::new());
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let mut status = 0;
    let log = log::fmt_lines(|| {
        let answer = runtime
            .block_on(http::scope(responses.context(None, "/v1/orders"), async { http::respond_failure(failure) }));
        status = answer.status;
    });
    (status, log)
}

#[test]
fn a_server_errors_event_carries_the_failures_backtrace() {
    // SAFETY: the only test of this binary, before any thread reads the
    // environment.
    unsafe { std::env::set_var("RUST_LIB_BACKTRACE", "1") };

    let failure = load_orders().unwrap_err();
    assert!(failure.backtrace().is_some());
    let (status, log) = answered(&failure);
    assert_eq!(status, 503);
    assert_eq!(log.lines().count(), 1, "{log}");
    let backtrace = log.split_once("backtrace=").expect("a backtrace field").1;
    assert!(backtrace.contains("load_orders"), "the frame where the error became a Failure: {backtrace}");
    // Capped like every text field (4096 bytes, then a marker; the fmt
    // subscriber writes each line break as two characters).
    let field = backtrace.split(" span_trace=").next().unwrap_or(backtrace);
    assert!(field.len() < 2 * 4096 + 64, "{} bytes", field.len());
    assert!(log.contains(r#"error_code="ERR-01-001""#), "{log}");

    let plain = Failure::new(std::io::Error::other("disk full"));
    let (status, log) = answered(&plain);
    assert_eq!(status, 500);
    assert!(log.contains("backtrace="), "{log}");
}
