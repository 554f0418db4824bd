//! What the framework integrations share: the per-application choice of
//! body format, the request context (request id, path, language) and the
//! response of an error: status, content type, language and bytes.
//!
//! The context of a request is set around each poll of the request's future
//! by [`scope`] (what `axum::ErrorLayer` and `actix_web::scope` do); an error's
//! response, built while the request is polled, reads it. Capturing it costs
//! no allocation: the request id and the path are clones of the request's
//! `HeaderValue` and `PathAndQuery`, which share their bytes, and each is
//! taken only when a body can need it (the path for problem+json, the
//! `Accept-Language` header when the application has translations). They
//! are checked when a body is written, never on the way through. Without a
//! scope, an error answers the flat body without a request id: so does an
//! error made into a response inside a task the handler spawned, whose
//! polls are not the request's. Return the error from the task instead, and
//! let the handler answer it.
//!
//! Server errors (5xx) still answer with their catalog message; their
//! internal description (`Display`, which may differ from the public message
//! when the type derives `thiserror::Error`, and the chain of sources) goes
//! to `tracing` at the point where the response is built, never to the body:
//! one `ERROR` event with the fields `error_code`, `status`, `class_name`,
//! `request_id` (when the request has one), `error` (the `Display`) and
//! `cause` (the sources, joined by `: `), with feature `tracing-error` and
//! its `ErrorLayer` installed `span_trace` (the spans around the answer),
//! all as values, never as the
//! event's message, so that a line break in them cannot forge a log line.
//!
//! Every response also records its code on the current `tracing` span (see
//! [`telemetry`]) and, with the `metrics` feature, counts it.

mod rejection;
pub mod telemetry;

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::vec::Vec;

pub use rejection::{Rejection, RejectionKind, Rejections};

use crate::model::entry::Detail;
use crate::model::error::CatalogError;
use crate::wire::body::{self, DetailLimits, PublicError};
use crate::wire::bounded::Omitted;
use crate::wire::formats::{Flat, ResponseHeaders, WireFormat};
use crate::wire::public::{Screen, ViewOptions};

/// The error responses of one application: body format, request id
/// header, the catalog errors that answer the framework's own rejections,
/// and (feature `fluent`) the translations of the public messages.
///
/// ```
/// use error_catalog::http::ErrorResponses;
///
/// let flat = ErrorResponses::new(); // JSON body, id from `X-Request-ID`
/// # #[cfg(feature = "problem-json")]
/// let problems = ErrorResponses::new().with_problem_json("https://docs.example.com/errors/");
/// let flat_again = ErrorResponses::new().with_format(error_catalog::formats::Flat);
/// assert_eq!(flat_again.format().content_type(), "application/json");
/// ```
#[derive(Debug, Clone)]
pub struct ErrorResponses {
    format: Arc<dyn WireFormat>,
    request_id_header: http::HeaderName,
    detail_limits: DetailLimits,
    rejections: Rejections,
    #[cfg(feature = "registry")]
    server_error: Option<crate::serve::failure::ServerError>,
    #[cfg(feature = "fluent")]
    translations: Option<Localized>,
}

/// The translations of an application, and the `Content-Language` of each
/// of their languages: the catalog's first, then each of
/// [`Translations::locales`](crate::fluent::Translations::locales).
#[cfg(feature = "fluent")]
#[derive(Debug, Clone)]
struct Localized {
    translations: crate::model::fluent::Translations,
    headers: Arc<[Option<http::HeaderValue>]>,
}

#[cfg(feature = "fluent")]
impl Localized {
    fn new(translations: crate::model::fluent::Translations) -> Self {
        let header = |language: &crate::model::fluent::LanguageIdentifier| {
            http::HeaderValue::from_str(&std::string::ToString::to_string(language)).ok()
        };
        let headers =
            core::iter::once(translations.catalog_language()).chain(translations.locales()).map(header).collect();
        Self { translations, headers }
    }

    /// The message of `error` for a request whose `Accept-Language` is
    /// `accept_language`, and the `Content-Language` of the answer; `None`
    /// for the catalog's message, in the catalog's language.
    fn localize<E: CatalogError + ?Sized>(
        &self,
        error: &E,
        accept_language: Option<&[u8]>,
    ) -> (Option<std::string::String>, Option<http::HeaderValue>) {
        let catalog = (None, self.headers[0].clone());
        let Some(index) = accept_language.and_then(|header| self.translations.negotiated(header)) else {
            return catalog;
        };
        let Some(language) = self.translations.locales().nth(index) else { return catalog };
        match self.translations.message(error, language) {
            Ok(message) => (Some(message), self.headers[index + 1].clone()),
            Err(failure) => {
                let failure = std::string::ToString::to_string(&failure);
                let language = std::string::ToString::to_string(language);
                tracing::debug!(
                    error_code = error.code_str(),
                    language = language.as_str(),
                    failure = failure.as_str(),
                    "no translation: the catalog's message is answered"
                );
                catalog
            }
        }
    }
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
            format: Arc::new(Flat),
            request_id_header: http::HeaderName::from_static("x-request-id"),
            detail_limits: DetailLimits::DEFAULT,
            rejections: Rejections::new(),
            #[cfg(feature = "registry")]
            server_error: None,
            #[cfg(feature = "fluent")]
            translations: None,
        }
    }

    /// RFC 9457 bodies whose `type` is each code's documentation URL
    /// ([`Entry::doc_url`](crate::Entry::doc_url)); `type_base` followed by
    /// the code is the `type` of a code that has none (a catalog without
    /// `link_template`, a code without a link):
    /// `with_format(formats::Problem::new(type_base))`.
    #[cfg(feature = "problem-json")]
    #[must_use]
    pub fn with_problem_json(self, type_base: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        self.with_format(crate::wire::formats::Problem::new(type_base))
    }

    /// Every answer written in `format` (see [`crate::formats`]): a built-in
    /// one, or the application's own.
    #[must_use]
    pub fn with_format(mut self, format: impl WireFormat) -> Self {
        self.format = Arc::new(format);
        self
    }

    /// Reads the request id from `header` instead of `X-Request-ID`.
    #[must_use]
    pub fn with_request_id_header(mut self, header: http::HeaderName) -> Self {
        self.request_id_header = header;
        self
    }

    /// Bounds each detail's value (default [`DetailLimits::DEFAULT`]: 32
    /// levels, 64 KiB); past a limit the detail's value is a marker.
    #[must_use]
    pub fn with_detail_limits(mut self, limits: DetailLimits) -> Self {
        self.detail_limits = limits;
        self
    }

    /// The catalog errors that answer the requests the framework rejects
    /// before the application sees them (see [`Rejections`]).
    #[must_use]
    pub fn with_rejections(mut self, rejections: Rejections) -> Self {
        self.rejections = rejections;
        self
    }

    /// The catalog error that answers a [`Failure`](crate::Failure) whose
    /// chain holds none (feature `registry`): the application's server
    /// error. Without one, such a failure answers a plain 500.
    ///
    /// ```
    /// # use error_catalog::{CatalogError, ErrorCatalog};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "ERR-{module:02}-{code:03}")]
    /// # pub enum Catalog { #[module(9, name = "Server")] Server }
    /// use error_catalog::http::ErrorResponses;
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 9, code = 1, status = 500, message = "Internal error")]
    /// pub struct InternalError;
    ///
    /// # fn main() {
    /// let responses = ErrorResponses::new().with_server_error(|| InternalError);
    /// # let _ = responses;
    /// # }
    /// ```
    #[cfg(feature = "registry")]
    #[must_use]
    pub fn with_server_error<E, F>(mut self, error: F) -> Self
    where
        E: CatalogError + 'static,
        F: Fn() -> E + Send + Sync + 'static,
    {
        self.server_error = Some(crate::serve::failure::ServerError::new(error));
        self
    }

    /// Public messages in the client's language (`Accept-Language`), from
    /// `translations`; every response then says its language in
    /// `Content-Language`.
    #[cfg(feature = "fluent")]
    #[must_use]
    pub fn with_translations(mut self, translations: crate::model::fluent::Translations) -> Self {
        self.translations = Some(Localized::new(translations));
        self
    }

    /// The body format.
    #[must_use]
    pub fn format(&self) -> &dyn WireFormat {
        &*self.format
    }

    /// The header the request id comes from.
    #[must_use]
    pub fn request_id_header(&self) -> &http::HeaderName {
        &self.request_id_header
    }

    /// The catalog errors of the framework's rejections.
    #[must_use]
    pub fn rejections(&self) -> &Rejections {
        &self.rejections
    }

    /// Whether a body can show the request's path: the `instance` of
    /// problem+json.
    #[cfg(feature = "axum")]
    pub(crate) fn wants_path(&self) -> bool {
        self.format.wants_path()
    }

    /// Whether a body can depend on `Accept-Language`.
    #[cfg(feature = "axum")]
    #[cfg_attr(not(feature = "fluent"), allow(clippy::unused_self))]
    pub(crate) fn wants_language(&self) -> bool {
        #[cfg(feature = "fluent")]
        return self.translations.is_some();
        #[cfg(not(feature = "fluent"))]
        false
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
        let path = Some(path).filter(|path| path.len() <= MAX_INSTANCE_LEN);
        RequestContext {
            responses: Arc::clone(self),
            request_id: RequestId::of(request_id),
            path: path.and_then(|path| http::uri::PathAndQuery::try_from(path).ok()),
            accept_language: None,
        }
    }

    /// The context of one request from what the request already holds:
    /// clones that share their bytes, each taken only when a body can use it.
    #[cfg(feature = "axum")]
    pub(crate) fn capture<B>(
        self: &Arc<Self>,
        request_id: Option<&http::HeaderValue>,
        request: &http::Request<B>,
    ) -> RequestContext {
        RequestContext {
            responses: Arc::clone(self),
            request_id: RequestId::of_header(request_id),
            path: if self.wants_path() { request.uri().path_and_query().cloned() } else { None },
            accept_language: if self.wants_language() {
                request.headers().get(http::header::ACCEPT_LANGUAGE).cloned()
            } else {
                None
            },
        }
    }
}

pub use crate::serve::server::MAX_REQUEST_ID_LEN;

/// The longest request path an RFC 9457 body repeats as its `instance`, in
/// bytes. Paths are percent-encoded ASCII, so this is also its length in
/// the body.
pub const MAX_INSTANCE_LEN: usize = 1024;

/// What an error response may know of its request.
#[derive(Debug, Clone)]
pub struct RequestContext {
    responses: Arc<ErrorResponses>,
    request_id: RequestId,
    path: Option<http::uri::PathAndQuery>,
    accept_language: Option<http::HeaderValue>,
}

impl RequestContext {
    /// The request id the request carried, if it is one a body may repeat.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_bytes().and_then(crate::serve::server::accepted_request_id)
    }

    /// The request's path, if a body may repeat it: the `instance` of an
    /// RFC 9457 body.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        self.path.as_ref().map(http::uri::PathAndQuery::path).filter(|path| path.len() <= MAX_INSTANCE_LEN)
    }

    /// The request's `Accept-Language`, for an application with
    /// translations (feature `fluent`).
    #[must_use]
    pub fn with_accept_language(mut self, value: Option<&[u8]>) -> Self {
        self.accept_language = value.and_then(|value| http::HeaderValue::from_bytes(value).ok());
        self
    }

    /// The `Accept-Language` header, when the application can use it.
    #[cfg(feature = "fluent")]
    pub(crate) fn accept_language(&self) -> Option<&[u8]> {
        self.accept_language.as_ref().map(http::HeaderValue::as_bytes)
    }

    /// The application's error responses.
    #[must_use]
    pub fn responses(&self) -> &ErrorResponses {
        &self.responses
    }
}

/// The longest request id a context copies into itself; a longer one (up to
/// [`MAX_REQUEST_ID_LEN`]) shares the header's bytes. A UUID is 36 bytes.
const INLINE_REQUEST_ID: usize = 46;

/// A request's id as its context keeps it. Copying a short id costs less
/// than sharing the header's bytes, whose count is an atomic that the
/// clone and the drop of every request, successful or not, would touch
/// (two of the four atomic operations the axum layer added to a 200,
/// BENCHMARKS.md).
#[derive(Debug, Clone)]
enum RequestId {
    None,
    Inline { len: u8, bytes: [u8; INLINE_REQUEST_ID] },
    Shared(http::HeaderValue),
}

impl RequestId {
    /// A copy of `id`; none when it is longer than any accepted id.
    fn of(id: Option<&[u8]>) -> Self {
        match id {
            Some(id) if id.len() <= INLINE_REQUEST_ID => Self::inline(id),
            Some(id) if id.len() <= MAX_REQUEST_ID_LEN => {
                http::HeaderValue::from_bytes(id).map_or(Self::None, Self::Shared)
            }
            _ => Self::None,
        }
    }

    /// `header`, copied when short, shared otherwise; none when it is
    /// longer than any accepted id.
    #[cfg(feature = "axum")]
    fn of_header(header: Option<&http::HeaderValue>) -> Self {
        match header {
            Some(id) if id.len() <= INLINE_REQUEST_ID => Self::inline(id.as_bytes()),
            Some(id) if id.len() <= MAX_REQUEST_ID_LEN => Self::Shared(id.clone()),
            _ => Self::None,
        }
    }

    /// `id`, at most [`INLINE_REQUEST_ID`] bytes, copied.
    fn inline(id: &[u8]) -> Self {
        let mut bytes = [0; INLINE_REQUEST_ID];
        let len = id.len().min(INLINE_REQUEST_ID);
        bytes[..len].copy_from_slice(&id[..len]);
        // At most INLINE_REQUEST_ID (46): fits a u8.
        #[allow(clippy::cast_possible_truncation)]
        Self::Inline { len: len as u8, bytes }
    }

    fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Self::None => None,
            Self::Inline { len, bytes } => bytes.get(..usize::from(*len)),
            Self::Shared(id) => Some(id.as_bytes()),
        }
    }
}

scoped_tls::scoped_thread_local! {
    /// The context of the request whose future this thread polls, if any:
    /// a pointer to the context its future holds, set for each poll.
    static CURRENT: RequestContext
}

/// Calls `f` with the context of the request being polled on this thread.
pub(crate) fn with_current<R>(f: impl FnOnce(Option<&RequestContext>) -> R) -> R {
    if CURRENT.is_set() { CURRENT.with(|current| f(Some(current))) } else { f(None) }
}

/// Runs `f` with `context` as the current one; nested calls see their own.
pub(crate) fn enter<R>(context: &RequestContext, f: impl FnOnce() -> R) -> R {
    CURRENT.set(context, f)
}

pin_project_lite::pin_project! {
    /// The future of [`scope`]: `future`, polled with its request's context.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless polled"]
    pub struct Scoped<F> {
        context: RequestContext,
        #[pin]
        future: F,
    }
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let future = this.future;
        enter(this.context, || future.poll(cx))
    }
}

/// Runs `future` with the context of one request: what `axum::ErrorLayer`
/// and `actix_web::scope` do, for other integrations. The context is the
/// current one during each poll of `future`, and only then.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
/// pub struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     pub name: String,
/// }
/// # fn main() {
/// use std::sync::Arc;
/// use error_catalog::http::{self, ErrorResponses};
///
/// let responses = Arc::new(ErrorResponses::new());
/// let answer = http::scope(responses.context(Some(b"rid-1"), "/v1/cvms"), async {
///     http::respond(&DuplicateCvmNameError { name: "web-1".into() })
/// });
/// # let answer = block_on(answer);
/// assert!(String::from_utf8(answer.body).unwrap().contains(r#""request_id":"rid-1""#));
/// # }
/// # // A minimal executor: the future never waits.
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let waker = std::task::Waker::noop();
/// #     let mut context = std::task::Context::from_waker(&waker);
/// #     let mut future = std::pin::pin!(future);
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut context) { return output; }
/// #     }
/// # }
/// ```
pub fn scope<F: Future>(context: RequestContext, future: F) -> Scoped<F> {
    Scoped { context, future }
}

/// The response to an error: status, content type, language and body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseParts {
    /// The HTTP status of the error.
    pub status: u16,
    /// The format's content type: `application/json`,
    /// `application/problem+json`, `application/xml`, ...
    pub content_type: &'static str,
    /// The headers the format adds (`WWW-Authenticate`, `x-amz-request-id`).
    pub headers: ResponseHeaders,
    /// The language of the message, for `Content-Language`: set when the
    /// application has translations (feature `fluent`), to the language of
    /// the translation used or, without one, of the catalog.
    pub content_language: Option<http::HeaderValue>,
    /// `Retry-After`, in whole seconds (rounded up): set when the error
    /// gives a delay ([`CatalogError::retry_after`]).
    pub retry_after: Option<u64>,
    /// The JSON body.
    pub body: Vec<u8>,
}

impl ResponseParts {
    /// The answer as an [`http::Response`], for any framework on the `http`
    /// crate: hyper alone (`http_body_util::Full<Bytes>`), poem, salvo,
    /// warp, or axum's own `Body` (what [`axum`](crate::axum) answers). The
    /// body is any type made from the bytes; the status, `Content-Type`,
    /// `Content-Language` and `Retry-After` are set.
    ///
    /// ```
    /// # use error_catalog::{CatalogError, ErrorCatalog};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "ERR-{module:02}-{code:03}")]
    /// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
    /// pub struct DuplicateCvmNameError {
    ///     #[catalog(detail)]
    ///     pub name: String,
    /// }
    /// # fn main() {
    /// let error = DuplicateCvmNameError { name: "web-1".into() };
    /// let response: http::Response<Vec<u8>> = error_catalog::http::respond(&error).into_response();
    /// assert_eq!(response.status(), http::StatusCode::CONFLICT);
    /// assert_eq!(response.headers()[http::header::CONTENT_TYPE], "application/json");
    /// assert!(response.body().starts_with(br#"{"error_code":"ERR-01-004""#));
    /// # }
    /// ```
    #[must_use]
    pub fn into_response<B: From<Vec<u8>>>(self) -> http::Response<B> {
        let mut response = http::Response::new(B::from(self.body));
        // The derive accepts statuses from 100 to 999, all valid here.
        *response.status_mut() =
            http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(self.content_type));
        if let Some(language) = self.content_language {
            headers.insert(http::header::CONTENT_LANGUAGE, language);
        }
        for (name, value) in self.headers.iter() {
            // `ResponseHeaders` keeps only valid names and values.
            if let (Ok(name), Ok(value)) =
                (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(value))
            {
                headers.append(name, value);
            }
        }
        if let Some(seconds) = self.retry_after {
            headers.insert(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
        response
    }
}

impl<B: From<Vec<u8>>> From<ResponseParts> for http::Response<B> {
    fn from(parts: ResponseParts) -> Self {
        parts.into_response()
    }
}

/// A [`Failure`](crate::Failure) answered as [`respond_failure`] does, in
/// the current request's context.
#[cfg(feature = "registry")]
impl<B: From<Vec<u8>>> From<crate::Failure> for http::Response<B> {
    fn from(failure: crate::Failure) -> Self {
        respond_failure(&failure).into_response()
    }
}

/// The response to `error` in the body format of the current request's
/// application (the flat body outside of a request); logs server errors,
/// records the code on the current span (see [`telemetry`]).
///
/// Never fails: a detail past the application's [`DetailLimits`], whose
/// `Serialize` fails, or that JSON cannot write (a map with non-string
/// keys) is written as `{"field": ..., "value": null, "message": "value
/// omitted: ..."}`, with a `tracing` event, and the body keeps everything
/// else, in its format.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
/// pub struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     pub name: String,
/// }
/// # fn main() {
/// let answer = error_catalog::http::respond(&DuplicateCvmNameError { name: "web-1".into() });
/// assert_eq!((answer.status, answer.content_type), (409, "application/json"));
/// assert_eq!(
///     String::from_utf8(answer.body).unwrap(),
///     r#"{"error_code":"ERR-01-004","message":"A CVM with name 'web-1' already exists","details":[{"field":"name","value":"web-1","message":null}]}"#,
/// );
/// # }
/// ```
pub fn respond<E: CatalogError + ?Sized>(error: &E) -> ResponseParts {
    with_current(|context| respond_in(error, context))
}

/// The response to a request the framework rejected, when the current
/// request's application names a catalog error for its class (see
/// [`Rejections`]); `None` otherwise, or outside a request.
#[must_use]
pub fn respond_rejection(rejection: Rejection) -> Option<ResponseParts> {
    with_current(|context| {
        let context = context?;
        context.responses.rejections.answer(rejection, Some(context))
    })
}

/// The response to a [`Failure`](crate::Failure) (feature `registry`):
/// the first catalog error of its chain, else the application's
/// [`server_error`](ErrorResponses::with_server_error), else a plain 500
/// (`text/plain`, which [`Rejections::other`] may answer again). The log
/// event of a server error holds the failure's whole chain.
#[cfg(feature = "registry")]
#[must_use]
pub fn respond_failure(failure: &crate::Failure) -> ResponseParts {
    use crate::serve::failure::{Answered, answer, log_plain};

    with_current(|context| {
        let server_error = context.and_then(|context| context.responses.server_error.as_ref());
        let mut made = None;
        match answer(failure, server_error, &mut made) {
            Answered::Catalog(answer) => respond_in(&answer, context),
            Answered::Plain => {
                log_plain(failure, context.and_then(RequestContext::request_id), None);
                ResponseParts {
                    status: 500,
                    content_type: "text/plain; charset=utf-8",
                    content_language: None,
                    headers: ResponseHeaders::new(),
                    retry_after: None,
                    body: b"Internal Server Error".to_vec(),
                }
            }
        }
    })
}

pub(crate) fn respond_in<E: CatalogError + ?Sized>(error: &E, context: Option<&RequestContext>) -> ResponseParts {
    let status = error.status();
    let request_id = context.and_then(RequestContext::request_id);
    if status >= 500 {
        crate::serve::server::log_server_error(error, request_id, None);
    }
    telemetry::record(error.code_str(), status);
    let format: &dyn WireFormat = context.map_or(&Flat, |context| &*context.responses.format);
    let limits = context.map_or(DetailLimits::DEFAULT, |context| context.responses.detail_limits);
    #[cfg(feature = "fluent")]
    let (message, content_language) =
        match context.and_then(|context| Some((context.responses.translations.as_ref()?, context))) {
            Some((translations, context)) => translations.localize(error, context.accept_language()),
            None => (None, None),
        };
    #[cfg(not(feature = "fluent"))]
    let (message, content_language): (Option<std::string::String>, _) = (None, None);
    let options = ViewOptions {
        message: message.as_deref(),
        request_id,
        path: if format.wants_path() { context.and_then(RequestContext::path) } else { None },
        limits,
        screen: None,
    };
    let mut headers = ResponseHeaders::new();
    PublicError::with_options(error, options, |view| format.headers(view, &mut headers));
    let serialize = |screen: Option<&Screen<'_>>| {
        let mut out = Vec::new();
        PublicError::with_options(error, ViewOptions { screen, ..options }, |view| format.write_body(view, &mut out))
            .map(|()| out)
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
    let retry_after = error.retry_after().map(retry_after_seconds);
    ResponseParts {
        status,
        content_type: format.content_type(),
        headers,
        content_language,
        retry_after,
        body: body.unwrap_or_default(),
    }
}

/// A delay as `Retry-After` writes it: whole seconds, rounded up, so that a
/// client waits at least as long as the error says.
fn retry_after_seconds(delay: core::time::Duration) -> u64 {
    delay.as_secs().saturating_add(u64::from(delay.subsec_nanos() > 0))
}

/// Whether an error answer's `Content-Type` says JSON (`application/json`,
/// `application/problem+json`, any `+json`) or the application's format (S3's
/// `application/xml`): a catalog body, or a body the application wrote on
/// purpose, which the integrations leave as it is.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn is_json(content_type: Option<&[u8]>, responses: &ErrorResponses) -> bool {
    let Some(content_type) = content_type else { return false };
    let essence = content_type.split(|&byte| byte == b';').next().unwrap_or_default();
    let essence = essence.trim_ascii();
    let format = responses.format.content_type().as_bytes();
    let format = format.split(|&byte| byte == b';').next().unwrap_or_default().trim_ascii();
    essence.eq_ignore_ascii_case(b"application/json")
        || essence.eq_ignore_ascii_case(format)
        || (essence.len() >= 5 && essence[essence.len() - 5..].eq_ignore_ascii_case(b"+json"))
}
