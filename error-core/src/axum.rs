//! axum: every catalog error is an `IntoResponse` (the derive writes the
//! impl when this feature is on), answering its status, 465 to 468
//! included, with the application's body format.
//!
//! ```
//! # use error_catalog::{CatalogError, ErrorCatalog};
//! # #[derive(ErrorCatalog)]
//! # #[catalog(format = "ERR-{module:02}-{code:03}")]
//! # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
//! use error_catalog::http::{ErrorLayer, ErrorResponses};
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

use axum_core::body::Body;
use axum_core::response::Response;

use crate::error::CatalogError;

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
    let rendered = crate::http::render(error);
    let mut response = Response::new(Body::from(rendered.body));
    // The derive accepts statuses from 100 to 999, all valid here.
    *response.status_mut() =
        http::StatusCode::from_u16(rendered.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(rendered.content_type));
    response
}
