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

use std::boxed::Box;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum_core::body::Body;
use axum_core::response::Response;

use crate::error::CatalogError;
use crate::http::{ErrorResponses, RequestContext};

/// A boxed catalog error is a response too, for handlers that return any
/// error of a catalog.
impl<C: crate::ErrorCatalog> axum_core::response::IntoResponse for Box<dyn CatalogError<Catalog = C> + Send + Sync> {
    fn into_response(self) -> Response {
        into_response(&*self)
    }
}

impl<C: crate::ErrorCatalog> axum_core::response::IntoResponse for Box<dyn CatalogError<Catalog = C> + Send> {
    fn into_response(self) -> Response {
        into_response(&*self)
    }
}

/// The response of a catalog error; what the derived `IntoResponse` calls.
pub fn into_response<E: CatalogError + ?Sized>(error: &E) -> Response {
    let answer = crate::http::respond(error);
    let mut response = Response::new(Body::from(answer.body));
    // The derive accepts statuses from 100 to 999, all valid here.
    *response.status_mut() =
        http::StatusCode::from_u16(answer.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(answer.content_type));
    response
}

/// A tower layer that gives every request's error responses the
/// application's [`ErrorResponses`] and the request's id. For axum:
/// `Router::new().route(...).layer(ErrorLayer::new(ErrorResponses::new()))`.
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
    S: tower_service::Service<http::Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = tokio::task::futures::TaskLocalFuture<RequestContext, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let request_id =
            request.headers().get(self.responses.request_id_header_name()).map(http::HeaderValue::as_bytes);
        let context = self.responses.context(request_id, request.uri().path());
        crate::http::scope(context, self.inner.call(request))
    }
}
