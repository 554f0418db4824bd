//! What the server integrations (HTTP and gRPC) share: which incoming
//! request ids an answer may repeat, and the log event of a server error.

use std::fmt::Write as _;
use std::string::String;

use crate::model::error::CatalogError;
use crate::model::grpc_code::GrpcCode;

/// The longest request id an error answer repeats, in bytes.
pub const MAX_REQUEST_ID_LEN: usize = 200;

/// The request id in `value`, when it is one an error answer may repeat:
/// 1 to [`MAX_REQUEST_ID_LEN`] bytes of visible ASCII (`!` to `~`).
pub(crate) fn accepted_request_id(value: &[u8]) -> Option<&str> {
    let visible = |byte: &u8| matches!(byte, b'!'..=b'~');
    if value.is_empty() || value.len() > MAX_REQUEST_ID_LEN || !value.iter().all(visible) {
        return None;
    }
    core::str::from_utf8(value).ok()
}

/// The most sources of a server error that its log event lists.
const MAX_SOURCES: usize = 32;

/// The longest text field (`error`, `cause`) of the log event, in bytes;
/// a longer text is cut at a character boundary and ends with
/// `... (cut at 4096 bytes)`.
pub(crate) const MAX_LOG_FIELD_LEN: usize = 4096;

/// A `String` that takes at most `MAX_LOG_FIELD_LEN` bytes, then refuses
/// more: a `Display` of any length stops writing there.
struct Capped {
    text: String,
    cut: bool,
}

impl Capped {
    fn new() -> Self {
        Self { text: String::new(), cut: false }
    }

    fn finish(mut self) -> String {
        if self.cut {
            let _ = write!(self.text, "... (cut at {MAX_LOG_FIELD_LEN} bytes)");
        }
        self.text
    }
}

impl core::fmt::Write for Capped {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let room = MAX_LOG_FIELD_LEN - self.text.len();
        if s.len() <= room {
            self.text.push_str(s);
            return Ok(());
        }
        let mut end = room;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.text.push_str(&s[..end]);
        self.cut = true;
        Err(core::fmt::Error)
    }
}

/// One event per server error, its fields structured: the code, status and
/// class, the gRPC code when the answer is a gRPC status, the request id
/// that the answer reports too, and the internal text (`Display`, then the
/// sources) as values, each at most [`MAX_LOG_FIELD_LEN`] bytes. Subscribers write string values quoted and escaped
/// (the fmt subscriber writes `"a\nb"`), so text from an error cannot start
/// a log line of its own.
pub(crate) fn log_server_error<E: CatalogError + ?Sized>(error: &E, request_id: Option<&str>, grpc: Option<GrpcCode>) {
    let (internal, cause) = texts(error);
    let backtrace = error.__backtrace().map(capped_backtrace);
    tracing::error!(
        error_code = error.code_str(),
        status = error.status(),
        grpc_code = grpc.map(GrpcCode::as_str),
        class_name = error.class_name(),
        request_id = request_id.and_then(|id| accepted_request_id(id.as_bytes())),
        error = internal.as_str(),
        cause = cause.as_str(),
        backtrace = backtrace.as_deref(),
        span_trace = span_trace().as_deref(),
        "server error answered with its catalog message"
    );
}

/// A backtrace as text, at most [`MAX_LOG_FIELD_LEN`] bytes like the other
/// fields (a debug build's is tens of kilobytes).
fn capped_backtrace(backtrace: &std::backtrace::Backtrace) -> String {
    let mut text = Capped::new();
    let _ = write!(text, "{backtrace}");
    text.finish()
}

/// The spans around the point where the answer is made (the handler's,
/// the request's), as `tracing-error`'s `SpanTrace` writes them, at most
/// [`MAX_LOG_FIELD_LEN`] bytes: with feature `tracing-error` and its
/// `ErrorLayer` in the subscriber, else `None`. A string value like the
/// others, so that its line breaks are escaped.
fn span_trace() -> Option<String> {
    #[cfg(feature = "tracing-error")]
    {
        let trace = tracing_error::SpanTrace::capture();
        if trace.status() == tracing_error::SpanTraceStatus::CAPTURED {
            let mut text = Capped::new();
            let _ = write!(text, "{trace}");
            return Some(text.finish());
        }
    }
    None
}

/// The `Display` of `error` and of its sources, joined by `: `.
fn texts<E: core::error::Error + ?Sized>(error: &E) -> (String, String) {
    // `write!` into a String: a `Display` that fails leaves what it wrote,
    // where `to_string` would panic.
    // Each capped at `MAX_LOG_FIELD_LEN` bytes, with a marker.
    let mut internal = Capped::new();
    let _ = write!(internal, "{error}");
    let internal = internal.finish();
    let mut cause = Capped::new();
    let mut source = error.source();
    for _ in 0..MAX_SOURCES {
        let Some(next) = source else { break };
        if !cause.text.is_empty() && cause.write_str(": ").is_err() {
            break;
        }
        if write!(cause, "{next}").is_err() && cause.cut {
            break;
        }
        source = next.source();
    }
    let cause = cause.finish();
    (internal, cause)
}

/// The event of a server error that no catalog error answers: a plain
/// 500 (or gRPC `INTERNAL`), and the chain that caused it.
#[cfg(feature = "registry")]
pub(crate) fn log_chain(
    error: &(dyn core::error::Error + 'static),
    backtrace: Option<&std::backtrace::Backtrace>,
    request_id: Option<&str>,
    grpc: Option<GrpcCode>,
) {
    let (internal, cause) = texts(error);
    let backtrace = backtrace.map(capped_backtrace);
    tracing::error!(
        status = 500,
        grpc_code = grpc.map(GrpcCode::as_str),
        request_id = request_id.and_then(|id| accepted_request_id(id.as_bytes())),
        error = internal.as_str(),
        cause = cause.as_str(),
        backtrace = backtrace.as_deref(),
        span_trace = span_trace().as_deref(),
        "server error without a catalog error in its chain"
    );
}
