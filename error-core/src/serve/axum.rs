//! axum: every catalog error is an `IntoResponse` (the derive writes the
//! impl when this feature is on), answering its status, 465 to 468
//! included, with the application's body format.
//!
//! ```
//! # use error_catalog::{CatalogError, ErrorCatalog};
//! # #[derive(ErrorCatalog)]
//! # #[catalog(format = "ERR-{module:02}-{code:03}")]
//! # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
//! use error_catalog::axum::ErrorLayer;
//! use error_catalog::http::ErrorResponses;
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 3, code = 1, status = 404, message = "The requested CVM was not found")]
//! pub struct CvmNotFoundError;
//!
//! async fn get_cvm() -> Result<String, CvmNotFoundError> {
//!     Err(CvmNotFoundError)
//! }
//!
//! # fn main() {
//! let app: axum::Router = axum::Router::new()
//!     .route("/api/v1/cvms/{id}", axum::routing::get(get_cvm))
//!     // Request ids from `X-Request-ID` reach the bodies.
//!     .layer(ErrorLayer::new(ErrorResponses::new()));
//! # let _ = app;
//! # }
//! ```
//!
//! # Where the layer goes
//!
//! `Router::layer` wraps each route, and axum boxes each route's service
//! and future once more per layer, and clones the route's service per
//! request: that costs a request more than `ErrorLayer` itself (a layer
//! that does nothing costs 11 % of an in-memory 200 that way). Around the
//! whole router (`ErrorLayer::new(..).layer(router)`, or last in a
//! `tower::ServiceBuilder`), the layer costs a successful request the
//! request id's lookup and copy and a status test: about 5 % of an
//! in-memory 200, 0.3 % of one over loopback HTTP (BENCHMARKS.md).
//!
//! # The framework's own answers
//!
//! With [`Rejections`](crate::http::Rejections) in its
//! [`ErrorResponses`], the layer turns every error answer (4xx, 5xx) that
//! is not JSON into the catalog error named for its class: the router's
//! 404 and 405 (which keeps its `Allow` header), and any empty or text
//! answer of a handler or another layer. The extractors [`Json`], [`Path`]
//! and [`Query`] tell the class of what they refuse (bad JSON, wrong types,
//! a missing body, one over the limit, a bad path parameter or query), which
//! axum's own extractors answer as text.

use std::boxed::Box;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum_core::extract::{FromRequest, FromRequestParts, Request};
use axum_core::response::{IntoResponse, Response};

use crate::model::error::CatalogError;
use crate::serve::http::{ErrorResponses, Rejection, RejectionKind, RequestContext, ResponseParts};

/// A boxed catalog error is a response too, for handlers that return any
/// error of a catalog.
impl<C: crate::ErrorCatalog> IntoResponse for Box<dyn CatalogError<Catalog = C> + Send + Sync> {
    fn into_response(self) -> Response {
        into_response(&*self)
    }
}

impl<C: crate::ErrorCatalog> IntoResponse for Box<dyn CatalogError<Catalog = C> + Send> {
    fn into_response(self) -> Response {
        into_response(&*self)
    }
}

/// A failure answers the first catalog error of its chain (see
/// [`respond_failure`](crate::http::respond_failure)).
#[cfg(feature = "registry")]
impl IntoResponse for crate::Failure {
    fn into_response(self) -> Response {
        response_of(crate::http::respond_failure(&self))
    }
}

/// The response of a catalog error; what the derived `IntoResponse` calls.
pub fn into_response<E: CatalogError + ?Sized>(error: &E) -> Response {
    response_of(crate::serve::http::respond(error))
}

fn response_of(answer: ResponseParts) -> Response {
    answer.into_response()
}

/// A tower layer that gives every request's error responses the
/// application's [`ErrorResponses`], the request's id (tower-http's
/// `RequestId` extension first, with feature `tower-http`, then the
/// request id header), its path and its language; and, with
/// [`Rejections`](crate::http::Rejections), answers the framework's own
/// rejections with catalog errors.
///
/// For axum: `ErrorLayer::new(ErrorResponses::new()).layer(router)`, or
/// `router.layer(ErrorLayer::new(..))` (see the [module](self) on the
/// difference).
#[derive(Debug, Clone)]
pub struct ErrorLayer {
    responses: Arc<ErrorResponses>,
}

impl ErrorLayer {
    /// The layer of an application's error responses.
    #[must_use]
    pub fn new(responses: ErrorResponses) -> Self {
        Self { responses: Arc::new(responses) }
    }
}

impl<S> tower_layer::Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorService { inner, responses: Arc::clone(&self.responses) }
    }
}

/// The service of [`ErrorLayer`].
#[derive(Debug, Clone)]
pub struct ErrorService<S> {
    inner: S,
    responses: Arc<ErrorResponses>,
}

impl<S, B> tower_service::Service<http::Request<B>> for ErrorService<S>
where
    S: tower_service::Service<http::Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ErrorFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    #[inline]
    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        #[cfg(feature = "tower-http")]
        let request_id = request
            .extensions()
            .get::<tower_http::request_id::RequestId>()
            .map(tower_http::request_id::RequestId::header_value);
        #[cfg(not(feature = "tower-http"))]
        let request_id = None;
        let request_id =
            request_id.or_else(|| request_id_header(request.headers(), self.responses.request_id_header()));
        let context = self.responses.capture(request_id, &request);
        ErrorFuture { context, future: self.inner.call(request) }
    }
}

/// The most headers a request may have for [`request_id_header`] to look
/// at each in turn rather than hash the name.
const SCANNED_HEADERS: usize = 8;

/// The first value of header `name`, as `HeaderMap::get` finds it. A
/// request of a few headers (curl and most HTTP libraries send three or
/// four) is read in order: comparing names costs a few instructions each,
/// where hashing a custom name such as `x-request-id` and probing cost
/// about 180, 2 % of a whole in-memory request (BENCHMARKS.md). Larger
/// maps are looked up as usual, so the cost stays bounded by the map's.
#[inline]
fn request_id_header<'h>(headers: &'h http::HeaderMap, name: &http::HeaderName) -> Option<&'h http::HeaderValue> {
    if headers.len() <= SCANNED_HEADERS {
        headers.iter().find_map(|(key, value)| (key == name).then_some(value))
    } else {
        headers.get(name)
    }
}

pin_project_lite::pin_project! {
    /// The future of [`ErrorService`]: the inner service's, polled with the
    /// request's context, its error answers that are not JSON answered again
    /// as catalog errors.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless polled"]
    pub struct ErrorFuture<F> {
        context: RequestContext,
        #[pin]
        future: F,
    }
}

impl<F, E> Future for ErrorFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let future = this.future;
        let mut polled = crate::serve::http::enter(this.context, || future.poll(cx));
        // In place: a success is returned as it came, never moved again.
        if let Poll::Ready(Ok(response)) = &mut polled
            && response.status().as_u16() >= 400
        {
            *response = answer_again(core::mem::take(response), this.context);
        }
        polled
    }
}

/// An error answer that is not JSON, as the catalog error of its class.
fn answer_again(response: Response, context: &RequestContext) -> Response {
    let rejections = context.responses().rejections();
    if rejections.is_empty()
        || crate::serve::http::is_json(
            response.headers().get(http::header::CONTENT_TYPE).map(http::HeaderValue::as_bytes),
            context.responses(),
        )
    {
        return response;
    }
    let rejection = Rejection::of_status(response.status().as_u16());
    let Some(answer) = rejections.answer(rejection, Some(context)) else { return response };
    let mut answered = response_of(answer);
    if let Some(allow) = response.headers().get(http::header::ALLOW) {
        answered.headers_mut().insert(http::header::ALLOW, allow.clone());
    }
    answered
}

/// What [`Json`], [`Path`] and [`Query`] answer when they refuse a
/// request: the catalog error that the application names for the class
/// (see [`Rejections`](crate::http::Rejections)), else axum's own answer.
#[derive(Debug)]
pub struct Rejected {
    rejection: Rejection,
    original: Response,
}

impl Rejected {
    fn new(kind: RejectionKind, original: impl IntoResponse) -> Self {
        let original = original.into_response();
        Self { rejection: Rejection::new(kind, original.status().as_u16()), original }
    }

    /// Why the request was refused.
    #[must_use]
    pub fn rejection(&self) -> Rejection {
        self.rejection
    }
}

impl IntoResponse for Rejected {
    fn into_response(self) -> Response {
        match crate::serve::http::respond_rejection(self.rejection) {
            Some(answer) => response_of(answer),
            None => self.original,
        }
    }
}

/// axum's `Json`, whose rejection is a catalog error: as an extractor, the
/// body as JSON (refused as [`Rejected`]); as a response, `T` as JSON.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    axum::Json<T>: FromRequest<S, Rejection = axum::extract::rejection::JsonRejection>,
    S: Send + Sync,
{
    type Rejection = Rejected;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection;

        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => {
                let kind = match &rejection {
                    JsonRejection::JsonDataError(_) => RejectionKind::JsonData,
                    JsonRejection::JsonSyntaxError(_) => RejectionKind::JsonSyntax,
                    JsonRejection::MissingJsonContentType(_) => RejectionKind::JsonContentType,
                    JsonRejection::BytesRejection(bytes) if bytes.status() == http::StatusCode::PAYLOAD_TOO_LARGE => {
                        RejectionKind::BodyTooLarge
                    }
                    _ => RejectionKind::Body,
                };
                Err(Rejected::new(kind, rejection))
            }
        }
    }
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// axum's `Path`, whose rejection (a parameter that does not parse, or is
/// not UTF-8) is a catalog error.
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    axum::extract::Path<T>: FromRequestParts<S, Rejection = axum::extract::rejection::PathRejection>,
    S: Send + Sync,
{
    type Rejection = Rejected;

    async fn from_request_parts(parts: &mut http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(rejection) => Err(Rejected::new(RejectionKind::Path, rejection)),
        }
    }
}

/// axum's `Query`, whose rejection is a catalog error.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    axum::extract::Query<T>: FromRequestParts<S, Rejection = axum::extract::rejection::QueryRejection>,
    S: Send + Sync,
{
    type Rejection = Rejected;

    async fn from_request_parts(parts: &mut http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => Err(Rejected::new(RejectionKind::Query, rejection)),
        }
    }
}
