//! What the framework integrations share: the per-application choice of
//! body format, the request context (request id, path) and the response of
//! an error: status, content type and bytes.
//!
//! The context travels in a task-local value that `axum::ErrorLayer` (a
//! tower layer) or `actix::scope` (actix-web middleware) sets around each
//! request; the error's response, built inside that request, reads it.
//! Without either, an error answers the flat body without a request id.
//!
//! Server errors (5xx) still answer with their catalog message; their
//! internal description (`Display`, which may differ from the public message
//! when the type derives `thiserror::Error`, and the chain of sources) goes
//! to `tracing` at the point where the response is built, never to the body:
//! one `ERROR` event with the fields `error_code`, `status`, `class`,
//! `request_id` (when the request has one), `error` (the `Display`) and
//! `cause` (the sources, joined by `: `), all as values, never as the
//! event's message, so that a line break in them cannot forge a log line.

#[cfg(feature = "problem-json")]
use std::borrow::Cow;
use std::string::String;
use std::sync::Arc;
use std::vec::Vec;

use crate::body::{self, Body, DetailLimits, Omitted, Screen};
use crate::entry::Detail;
use crate::error::CatalogError;

/// How an application writes its error bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyFormat {
    /// The flat JSON body of [`body::Body`], `application/json`.
    Flat,
    /// RFC 9457, `application/problem+json`; `type` is `type_base` followed
    /// by the code.
    #[cfg(feature = "problem-json")]
    Problem {
        /// The documentation URL the codes are appended to.
        type_base: Cow<'static, str>,
    },
}

/// The error responses of one application: body format and request id
/// header.
///
/// ```
/// use error_catalog::http::ErrorResponses;
///
/// let flat = ErrorResponses::new(); // JSON body, id from `X-Request-ID`
/// # #[cfg(feature = "problem-json")]
/// let problems = ErrorResponses::new().problem_json("https://docs.example.com/errors/");
/// ```
#[derive(Debug, Clone)]
pub struct ErrorResponses {
    format: BodyFormat,
    request_id_header: http::HeaderName,
    detail_limits: DetailLimits,
}

impl Default for ErrorResponses {
    fn default() -> Self {
        Self::new()
    }
}

impl ErrorResponses {
    /// Flat bodies, request ids from `X-Request-ID`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            format: BodyFormat::Flat,
            request_id_header: http::HeaderName::from_static("x-request-id"),
            detail_limits: DetailLimits::DEFAULT,
        }
    }

    /// RFC 9457 bodies whose `type` is `type_base` followed by the code.
    #[cfg(feature = "problem-json")]
    #[must_use]
    pub fn problem_json(mut self, type_base: impl Into<Cow<'static, str>>) -> Self {
        self.format = BodyFormat::Problem { type_base: type_base.into() };
        self
    }

    /// Reads the request id from `header` instead of `X-Request-ID`.
    #[must_use]
    pub fn request_id_header(mut self, header: http::HeaderName) -> Self {
        self.request_id_header = header;
        self
    }

    /// Bounds each detail's value (default [`DetailLimits::DEFAULT`]: 32
    /// levels, 64 KiB); past a limit the detail's value is a marker.
    #[must_use]
    pub fn detail_limits(mut self, limits: DetailLimits) -> Self {
        self.detail_limits = limits;
        self
    }

    /// The body format.
    #[must_use]
    pub fn format(&self) -> &BodyFormat {
        &self.format
    }

    /// The header the request id comes from.
    #[must_use]
    pub fn request_id_header_name(&self) -> &http::HeaderName {
        &self.request_id_header
    }

    /// The context of one request, given its request id header's value and
    /// its path.
    ///
    /// Both come from the client, and bodies and logs repeat them, so both
    /// are bounded: a request id is kept only when it is 1 to
    /// [`MAX_REQUEST_ID_LEN`] bytes of visible ASCII (`!` to `~`), and the
    /// path only when it has at most [`MAX_INSTANCE_LEN`] bytes; otherwise
    /// the body goes without `request_id` (or `instance`). A shortened id or
    /// path would name another request, so neither is cut.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use error_catalog::http::ErrorResponses;
    ///
    /// let responses = Arc::new(ErrorResponses::new());
    /// let context = responses.context(Some(b"rid-1"), "/v1/cvms/7");
    /// assert_eq!((context.request_id(), context.path()), (Some("rid-1"), Some("/v1/cvms/7")));
    ///
    /// let context = responses.context(Some(b"rid 1\n"), &"/x".repeat(600));
    /// assert_eq!((context.request_id(), context.path()), (None, None));
    /// ```
    #[must_use]
    pub fn context(self: &Arc<Self>, request_id: Option<&[u8]>, path: &str) -> RequestContext {
        RequestContext {
            responses: Arc::clone(self),
            request_id: request_id.and_then(accepted_request_id).map(String::from),
            path: Some(path).filter(|path| path.len() <= MAX_INSTANCE_LEN).map(String::from),
        }
    }
}

/// The longest request id an error response repeats, in bytes.
pub const MAX_REQUEST_ID_LEN: usize = 200;

/// The longest request path an RFC 9457 body repeats as its `instance`, in
/// bytes. Paths are percent-encoded ASCII, so this is also its length in
/// the body.
pub const MAX_INSTANCE_LEN: usize = 1024;

/// The request id in `value`, when it is one an error response may repeat:
/// 1 to [`MAX_REQUEST_ID_LEN`] bytes of visible ASCII.
fn accepted_request_id(value: &[u8]) -> Option<&str> {
    let visible = |byte: &u8| matches!(byte, b'!'..=b'~');
    if value.is_empty() || value.len() > MAX_REQUEST_ID_LEN || !value.iter().all(visible) {
        return None;
    }
    core::str::from_utf8(value).ok()
}

/// What an error response may know of its request.
#[derive(Debug, Clone)]
pub struct RequestContext {
    responses: Arc<ErrorResponses>,
    request_id: Option<String>,
    path: Option<String>,
}

impl RequestContext {
    /// The request id the request carried, if any.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The request's path: the `instance` of an RFC 9457 body.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

tokio::task_local! {
    static CONTEXT: RequestContext;
}

/// Runs `future` with the context of one request: what `axum::ErrorLayer`
/// and `actix::scope` do, for other integrations.
pub fn scope<F: core::future::Future>(
    context: RequestContext,
    future: F,
) -> tokio::task::futures::TaskLocalFuture<RequestContext, F> {
    CONTEXT.scope(context, future)
}

/// The response to an error: status, content type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    /// The HTTP status of the error.
    pub status: u16,
    /// `application/json`, or `application/problem+json`.
    pub content_type: &'static str,
    /// The JSON body.
    pub body: Vec<u8>,
}

/// The response to `error` in the body format of the current request's
/// application (the flat body outside of a request); logs server errors.
///
/// Never fails: a detail past the application's [`DetailLimits`], whose
/// `Serialize` fails, or that JSON cannot write (a map with non-string
/// keys) is written as `{"field": ..., "value": null, "message": "value
/// omitted: ..."}`, with a `tracing` event, and the body keeps everything
/// else, in its format.
pub fn respond<E: CatalogError + ?Sized>(error: &E) -> ErrorResponse {
    let response = CONTEXT.try_with(|context| respond_in(error, Some(context)));
    response.unwrap_or_else(|_| respond_in(error, None))
}

fn respond_in<E: CatalogError + ?Sized>(error: &E, context: Option<&RequestContext>) -> ErrorResponse {
    let status = error.status();
    let request_id = context.and_then(RequestContext::request_id);
    if status >= 500 {
        log_server_error(error, request_id);
    }
    let format = context.map_or(&BodyFormat::Flat, |context| &context.responses.format);
    let limits = context.map_or(DetailLimits::DEFAULT, |context| context.responses.detail_limits);
    let content_type = match format {
        BodyFormat::Flat => "application/json",
        #[cfg(feature = "problem-json")]
        BodyFormat::Problem { .. } => "application/problem+json",
    };
    let serialize = |screen: Option<&Screen<'_>>| match format {
        BodyFormat::Flat => {
            serde_json::to_vec(&Body::new(error).request_id(request_id).detail_limits(limits).screen(screen))
        }
        #[cfg(feature = "problem-json")]
        BodyFormat::Problem { type_base } => serde_json::to_vec(
            &crate::body::Problem::new(error, type_base)
                .instance(context.and_then(RequestContext::path))
                .request_id(request_id)
                .detail_limits(limits)
                .screen(screen),
        ),
    };
    // A detail past its limits, whose `Serialize` fails, or that JSON cannot
    // write (a map with non-string keys) fails the body midway, so the body
    // is written again with a marker in place of each such detail, and
    // nothing else lost. Each detail is tried alone first, into nothing.
    let body = serialize(None).or_else(|failure| {
        let code = error.code_str();
        let failure = std::string::ToString::to_string(&failure);
        tracing::warn!(error_code = code, failure = failure.as_str(), "error body written again without some details");
        let screen = |detail: &Detail<'_>| {
            let omitted = body::check_detail(detail.value(), limits, &mut serde_json::Serializer::new(std::io::sink()));
            let omitted = omitted.err()?;
            let reason = std::string::ToString::to_string(&omitted);
            tracing::warn!(
                error_code = code,
                detail = detail.field(),
                reason = reason.as_str(),
                "error detail replaced by a marker"
            );
            Some(omitted)
        };
        // A value that fails only in company, the last resort: every detail a marker.
        serialize(Some(&screen)).or_else(|_| serialize(Some(&|_: &Detail<'_>| Some(Omitted::Unserializable))))
    });
    ErrorResponse { status, content_type, body: body.unwrap_or_default() }
}

/// The most sources of a server error that its log event lists: a chain
/// that loops would otherwise never end.
const MAX_SOURCES: usize = 32;

/// One event per server error, its fields structured: the code, status and
/// class, the request id that the body reports too, and the internal text
/// (`Display`, then the sources) as values. Subscribers write string values
/// quoted and escaped (the fmt subscriber writes `"a\nb"`), so text from
/// an error cannot start a log line of its own.
fn log_server_error<E: CatalogError + ?Sized>(error: &E, request_id: Option<&str>) {
    use std::fmt::Write as _;

    // `write!` into a String: a `Display` that fails leaves what it wrote,
    // where `to_string` would panic.
    let mut internal = String::new();
    let _ = write!(internal, "{error}");
    let mut cause = String::new();
    let mut source = error.source();
    for _ in 0..MAX_SOURCES {
        let Some(next) = source else { break };
        if !cause.is_empty() {
            cause.push_str(": ");
        }
        let _ = write!(cause, "{next}");
        source = next.source();
    }
    tracing::error!(
        error_code = error.code_str(),
        status = error.status(),
        class = error.name(),
        request_id,
        error = internal.as_str(),
        cause = cause.as_str(),
        "server error answered with its catalog message"
    );
}
