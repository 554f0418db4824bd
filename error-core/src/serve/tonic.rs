//! gRPC with tonic: every catalog error is a `tonic::Status` (the derive
//! writes `From<E> for Status` when this feature is on), in the error model
//! of Google's AIP-193, and
//! [`RemoteError::from_status`](crate::client::RemoteError::from_status)
//! reads such a status back.
//!
//! The status of an error holds:
//!
//! - its code: what the error states with `#[catalog(grpc = "...")]`, else
//!   its HTTP status by the table of `google/rpc/code.proto`, else a default
//!   (see [`GrpcCode::of`] and [`GrpcCode::fallback_for_http`]);
//! - `message`: the public message, the one an HTTP body carries;
//! - exactly one `ErrorInfo`: `reason` is [`Entry::reason`](crate::Entry::reason)
//!   (`DUPLICATE_CVM_NAME_ERROR`), `domain` the catalog's `domain = "..."`
//!   (empty when the catalog has none: AIP-193 wants one, so a catalog
//!   served over gRPC should say it), and `metadata` the code under
//!   `errorCode` and each detail field under its name in lowerCamelCase
//!   (`node_id` is `nodeId`), its value as JSON text (`42`, `"web"`);
//! - a `RequestInfo` with the request id, when the call carried an
//!   acceptable one (see [`ErrorLayer`]);
//! - a `Help` with the code's documentation URL
//!   ([`Entry::doc_url`](crate::Entry::doc_url): the catalog's page of the
//!   code, labelled `Documentation`, or the code's first link) and its links;
//! - a `RetryInfo` when the error is retryable (`retryable = true`, or a
//!   `retry_after` delay), its `retry_delay` the delay when the error gives
//!   one ([`CatalogError::retry_after`]).
//!
//! Nothing else: not `Debug`, not the other fields, not the sources, not
//! the internal `Display` of a `display = false` type. A server error
//! (HTTP status 5xx) logs those to `tracing`, as the HTTP integrations do.
//!
//! ```
//! # use error_catalog::{CatalogError, ErrorCatalog};
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "ERR-{module:02}-{code:03}", domain = "api.example.com")]
//! pub enum Catalog { #[module(1, name = "Preflight")] Preflight }
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
//! pub struct DuplicateCvmNameError {
//!     #[catalog(detail)]
//!     pub name: String,
//! }
//!
//! # fn main() {
//! use tonic_types::StatusExt as _;
//!
//! let status = tonic::Status::from(DuplicateCvmNameError { name: "web".into() });
//! assert_eq!(status.code(), tonic::Code::AlreadyExists);
//! assert_eq!(status.message(), "A CVM with name 'web' already exists");
//! let info = status.get_details_error_info().unwrap();
//! assert_eq!((info.reason.as_str(), info.domain.as_str()), ("DUPLICATE_CVM_NAME_ERROR", "api.example.com"));
//! assert_eq!(info.metadata["errorCode"], "ERR-01-004");
//! assert_eq!(info.metadata["name"], r#""web""#);
//! # }
//! ```
//!
//! # Bounded
//!
//! A status travels in the trailers of the HTTP/2 response, and clients
//! refuse trailers past a size (hyper's default, tonic's, is 16 KiB): a
//! larger status would reach the client as a transport error without its
//! code. So a status carries at most [`MAX_MESSAGE_LEN`] bytes of message
//! (a longer one is cut at a character boundary and ends with `…`) and
//! [`MAX_DETAILS_LEN`] bytes of detail values; a detail that does not fit,
//! nests deeper than 32 levels, or cannot be serialized is `null` in the
//! metadata. Two details whose names give the same key (`node_id` and
//! `nodeId`), or a detail whose key is `errorCode`, keep the first value:
//! the code always.

use std::collections::HashMap;
use std::string::{String, ToString};
use std::task::{Context, Poll};
use std::vec::Vec;

use tonic_types::{ErrorDetails, HelpLink, StatusExt as _};

use crate::model::error::CatalogError;
use crate::model::grpc_code::GrpcCode;
use crate::wire::body::DetailLimits;
use crate::wire::bounded::BoundedValue;
use crate::wire::grpc::metadata_key;

pub use crate::serve::server::MAX_REQUEST_ID_LEN;
pub use crate::wire::grpc::{ERROR_CODE_KEY, MAX_DETAILS_LEN, MAX_MESSAGE_LEN};

/// The status of `error`, with the request id of the current call when an
/// [`ErrorLayer`] serves it: what the derived `From<E> for Status` returns.
/// Never fails (see the [module documentation](self)).
pub fn status<E: CatalogError + ?Sized>(error: &E) -> ::tonic::Status {
    let request_id = CALL.try_with(|call| call.request_id.clone()).ok().flatten();
    status_with_request_id(error, request_id.as_deref())
}

/// The status of `error` for a request whose id is `request_id`: kept when
/// it is 1 to [`MAX_REQUEST_ID_LEN`] bytes of visible ASCII, left out
/// otherwise, as in the HTTP bodies.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 3, code = 1, status = 404, message = "The requested CVM was not found")]
/// pub struct CvmNotFoundError;
///
/// # fn main() {
/// use tonic_types::StatusExt as _;
///
/// let status = error_catalog::tonic::status_with_request_id(&CvmNotFoundError, Some("rid-1"));
/// assert_eq!(status.get_details_request_info().unwrap().request_id, "rid-1");
/// let status = error_catalog::tonic::status_with_request_id(&CvmNotFoundError, Some("rid 1\n"));
/// assert!(status.get_details_request_info().is_none());
/// # }
/// ```
pub fn status_with_request_id<E: CatalogError + ?Sized>(error: &E, request_id: Option<&str>) -> ::tonic::Status {
    let entry = error.entry();
    let code = GrpcCode::of(entry);
    if entry.status() >= 500 {
        crate::serve::server::log_server_error(error, request_id, Some(code));
    }
    let mut details = ErrorDetails::with_error_info(entry.reason(), entry.catalog().domain(), metadata(error));
    if let Some(request_id) = request_id.and_then(|id| crate::serve::server::accepted_request_id(id.as_bytes())) {
        details.set_request_info(request_id, "");
    }
    // The code's documentation URL first, when it is the catalog's page (a
    // code's own first link is one of its links already).
    let page = entry.doc_url().filter(crate::DocUrl::is_page);
    if page.is_some() || !entry.links().is_empty() {
        let page = page.map(|url| HelpLink::new("Documentation", url.to_string()));
        let links = entry.links().iter().map(|link| HelpLink::new(link.label(), link.url()));
        details.set_help(page.into_iter().chain(links).collect::<Vec<_>>());
    }
    let delay = error.retry_after();
    if delay.is_some() || entry.retryable() == Some(true) {
        details.set_retry_info(delay);
    }
    ::tonic::Status::with_error_details(::tonic::Code::from_i32(code.number()), message(error), details)
}

/// A failure is the status of the first catalog error of its chain; with
/// none, of the [`ErrorLayer`]'s
/// [`server_error`](ErrorLayer::with_server_error), else `INTERNAL` with the
/// message `Internal error`. The log event of a server error holds the
/// failure's whole chain.
#[cfg(feature = "registry")]
impl From<crate::Failure> for ::tonic::Status {
    fn from(failure: crate::Failure) -> Self {
        use crate::serve::failure::{Answered, answer, log_plain};

        let (request_id, server_error) =
            CALL.try_with(|call| (call.request_id.clone(), call.server_error.clone())).unwrap_or_default();
        let mut made = None;
        match answer(&failure, server_error.as_ref(), &mut made) {
            Answered::Catalog(answer) => status_with_request_id(&answer, request_id.as_deref()),
            Answered::Plain => {
                log_plain(&failure, request_id.as_deref(), Some(GrpcCode::Internal));
                ::tonic::Status::internal("Internal error")
            }
        }
    }
}

/// The public message, cut to [`MAX_MESSAGE_LEN`] bytes.
fn message<E: CatalogError + ?Sized>(error: &E) -> String {
    let message = error.message();
    if message.len() <= MAX_MESSAGE_LEN {
        return message.into_owned();
    }
    let ellipsis = '…';
    let mut end = MAX_MESSAGE_LEN - ellipsis.len_utf8();
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    let mut cut = String::with_capacity(end + ellipsis.len_utf8());
    cut.push_str(&message[..end]);
    cut.push(ellipsis);
    cut
}

/// `errorCode` and the details, each value as JSON text within what is left
/// of [`MAX_DETAILS_LEN`].
fn metadata<E: CatalogError + ?Sized>(error: &E) -> HashMap<String, String> {
    let mut metadata = HashMap::with_capacity(error.entry().details().len() + 1);
    metadata.insert(ERROR_CODE_KEY.to_string(), error.code_str().to_string());
    let mut left = MAX_DETAILS_LEN;
    error.visit_details(&mut |detail| {
        let key = metadata_key(detail.field());
        if metadata.contains_key(&key) {
            return;
        }
        let limits = DetailLimits::DEFAULT.with_max_bytes(left);
        let value = match serde_json::to_string(&BoundedValue { value: detail.value(), limits }) {
            // The budget counts string lengths without their escapes: the
            // text itself must fit too.
            Ok(text) if text.len() <= left => {
                left -= text.len();
                text
            }
            _ => "null".to_string(),
        };
        metadata.insert(key, value);
    });
    metadata
}

/// What the statuses of one call know of it: its request id. Set by
/// [`ErrorLayer`].
#[derive(Debug, Clone)]
pub struct CallContext {
    request_id: Option<String>,
    #[cfg(feature = "registry")]
    server_error: Option<crate::serve::failure::ServerError>,
}

tokio::task_local! {
    static CALL: CallContext;
}

/// A tower layer for a tonic server that gives the statuses of each call
/// the call's request id, read from its `x-request-id` metadata (or
/// another key): `Server::builder().layer(ErrorLayer::new())`.
///
/// ```
/// use error_catalog::tonic::ErrorLayer;
///
/// let layer = ErrorLayer::new().with_request_id_key(http::HeaderName::from_static("x-correlation-id"));
/// # let _ = layer;
/// ```
#[derive(Debug, Clone)]
pub struct ErrorLayer {
    key: http::HeaderName,
    #[cfg(feature = "registry")]
    server_error: Option<crate::serve::failure::ServerError>,
}

impl Default for ErrorLayer {
    fn default() -> Self {
        Self::new()
    }
}

impl ErrorLayer {
    /// Request ids from `x-request-id`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            key: http::HeaderName::from_static("x-request-id"),
            #[cfg(feature = "registry")]
            server_error: None,
        }
    }

    /// The catalog error that answers a [`Failure`](crate::Failure) whose
    /// chain holds none (feature `registry`); without one, `INTERNAL`.
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

    /// Reads the request id from the metadata `key` instead.
    #[must_use]
    pub fn with_request_id_key(mut self, key: http::HeaderName) -> Self {
        self.key = key;
        self
    }
}

impl<S> tower_layer::Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorService {
            inner,
            key: self.key.clone(),
            #[cfg(feature = "registry")]
            server_error: self.server_error.clone(),
        }
    }
}

/// The service of [`ErrorLayer`].
#[derive(Debug, Clone)]
pub struct ErrorService<S> {
    inner: S,
    key: http::HeaderName,
    #[cfg(feature = "registry")]
    server_error: Option<crate::serve::failure::ServerError>,
}

impl<S, B> tower_service::Service<http::Request<B>> for ErrorService<S>
where
    S: tower_service::Service<http::Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = tokio::task::futures::TaskLocalFuture<CallContext, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let request_id = request
            .headers()
            .get(&self.key)
            .and_then(|value| crate::serve::server::accepted_request_id(value.as_bytes()))
            .map(String::from);
        let call = CallContext {
            request_id,
            #[cfg(feature = "registry")]
            server_error: self.server_error.clone(),
        };
        CALL.scope(call, self.inner.call(request))
    }
}
