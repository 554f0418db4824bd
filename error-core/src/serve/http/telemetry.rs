//! What an answered catalog error tells the application's telemetry, in
//! OpenTelemetry's terms.
//!
//! # On the current span
//!
//! When a catalog error becomes a response ([`respond`](super::respond), so
//! every axum and actix-web response of a catalog error), the current
//! `tracing` span gets:
//!
//! | field | value |
//! |---|---|
//! | `error.type` | the code, as the catalog writes it (`ERR-01-004`) |
//! | `otel.status_code` | `ERROR`, for a 5xx only: a server span leaves its status unset for 4xx |
//!
//! `tracing` records a field only when the span declared it at its
//! creation, so declare both as `Empty` on the request's span. With
//! tower-http's `TraceLayer`, in `make_span_with`:
//!
//! ```
//! use axum::http::Request;
//! use tracing::field::Empty;
//!
//! fn request_span<B>(request: &Request<B>) -> tracing::Span {
//!     tracing::info_span!(
//!         "request",
//!         method = %request.method(),
//!         uri = %request.uri(),
//!         "error.type" = Empty,
//!         "otel.status_code" = Empty,
//!     )
//! }
//!
//! let trace = tower_http::trace::TraceLayer::new_for_http().make_span_with(request_span::<axum::body::Body>);
//! # let _ = trace;
//! ```
//!
//! Put the trace layer outside `axum::ErrorLayer`, so that the errors that
//! the layer writes for the framework's own rejections are recorded too.
//! tracing-opentelemetry exports `error.type` as an attribute and reads
//! `otel.status_code` as the span's status.
//!
//! # The values of `error.type`
//!
//! The semantic conventions ask an instrumentation to document the values
//! it reports. Here they are the codes of the application's catalog, and no
//! others: the catalog is the list. It is published with the catalog page
//! ([`render::markdown`](crate::render::markdown)), and a program lists it
//! from the registry (feature `registry`):
//!
//! ```
//! # use error_catalog::{CatalogError, ErrorCatalog};
//! # #[derive(ErrorCatalog)]
//! # #[catalog(format = "ERR-{module:02}-{code:03}")]
//! # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
//! # #[derive(Debug, CatalogError)]
//! # #[catalog(module = 1, code = 4, status = 409, message = "A CVM with this name already exists")]
//! # pub struct DuplicateCvmNameError;
//! # fn main() {
//! # #[cfg(feature = "registry")] {
//! let values: Vec<&str> =
//!     error_catalog::registry::entries_of::<Catalog>().iter().map(|entry| entry.code()).collect();
//! assert_eq!(values, ["ERR-01-004"]);
//! # }
//! # }
//! ```
//!
//! # The counter (feature `metrics`)
//!
//! Each answered catalog error increments the counter [`ERRORS_METRIC`],
//! `error_catalog.errors`, through the `metrics` facade (whatever recorder
//! the application installed; none, none counted), with two labels:
//!
//! | label | value |
//! |---|---|
//! | `error.type` | the code (`ERR-01-004`): the catalog's codes, as above |
//! | `http.response.status_code` | the status, three digits (`409`) |
//!
//! Both have as many values as the catalog has codes, at most: the counter's
//! cardinality is the catalog's size.

/// The name of the counter of answered catalog errors (feature `metrics`).
pub const ERRORS_METRIC: &str = "error_catalog.errors";

/// The span field of the code.
pub const ERROR_TYPE: &str = "error.type";

/// The span field of a server error's span status.
pub const OTEL_STATUS_CODE: &str = "otel.status_code";

/// The label of the status on [`ERRORS_METRIC`].
pub const STATUS_CODE_LABEL: &str = "http.response.status_code";

/// Records an answered error on the current span and, with `metrics`, counts it.
pub(crate) fn record(code: &'static str, status: u16) {
    let span = tracing::Span::current();
    if !span.is_none() {
        span.record(ERROR_TYPE, code);
        if status >= 500 {
            span.record(OTEL_STATUS_CODE, "ERROR");
        }
    }
    #[cfg(feature = "metrics")]
    metrics::counter!(ERRORS_METRIC, ERROR_TYPE => code, STATUS_CODE_LABEL => status_text(status)).increment(1);
}

/// The three digits of every status from 100 to 999, in order.
#[cfg(feature = "metrics")]
static STATUS_DIGITS: [u8; 2700] = {
    let mut digits = [0; 2700];
    let mut status = 100;
    while status < 1000 {
        let at = (status - 100) * 3;
        digits[at] = b"0123456789"[status / 100];
        digits[at + 1] = b"0123456789"[status / 10 % 10];
        digits[at + 2] = b"0123456789"[status % 10];
        status += 1;
    }
    digits
};

/// A status as a label value, without allocating; statuses are 100 to 999.
#[cfg(feature = "metrics")]
fn status_text(status: u16) -> &'static str {
    let at = usize::from(status.clamp(100, 999) - 100) * 3;
    core::str::from_utf8(&STATUS_DIGITS[at..at + 3]).unwrap_or("500")
}

#[cfg(all(test, feature = "metrics"))]
mod tests {
    use std::string::ToString;

    #[test]
    fn status_text_is_the_three_digits() {
        for status in 100..=999 {
            assert_eq!(super::status_text(status), status.to_string());
        }
    }
}
