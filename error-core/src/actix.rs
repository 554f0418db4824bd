//! actix-web: every catalog error is a `ResponseError` (the derive writes
//! the impl when this feature is on) whose `status_code` and body come from
//! the same entry, so they always agree.
//!
//! The application chooses its body format with `app_data` and gives error
//! responses their request with the [`scope`] middleware:
//!
//! ```
//! use actix_web::{App, middleware::from_fn, web::Data};
//! use error_catalog::http::ErrorResponses;
//!
//! let app = App::new()
//!     .app_data(Data::new(ErrorResponses::new()))
//!     .wrap(from_fn(error_catalog::actix::scope));
//! # let _ = app;
//! ```

use std::boxed::Box;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};

use crate::error::CatalogError;
use crate::http::ErrorResponses;

/// A boxed catalog error is a `ResponseError` too, for handlers that return
/// any error of a catalog.
impl<C: crate::ErrorCatalog> actix_web::ResponseError for Box<dyn CatalogError<Catalog = C> + Send + Sync> {
    fn status_code(&self) -> StatusCode {
        status_code(&**self)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        error_response(&**self)
    }
}

/// The status of a catalog error; what the derived `status_code` returns.
pub fn status_code<E: CatalogError + ?Sized>(error: &E) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response of a catalog error; what the derived `error_response` returns.
pub fn error_response<E: CatalogError + ?Sized>(error: &E) -> HttpResponse<BoxBody> {
    let answer = crate::http::respond(error);
    HttpResponse::build(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .insert_header((actix_web::http::header::CONTENT_TYPE, answer.content_type))
        .body(answer.body)
}

/// Middleware (`App::wrap(from_fn(scope))`) that gives the error responses
/// of each request the application's [`ErrorResponses`] (from `app_data`,
/// the flat body when there is none) and the request's id.
///
/// # Errors
/// Those of the wrapped service.
pub async fn scope(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let responses = request
        .app_data::<web::Data<ErrorResponses>>()
        .map_or_else(|| std::sync::Arc::new(ErrorResponses::new()), |data| data.clone().into_inner());
    let request_id = request
        .headers()
        .get(responses.request_id_header_name().as_str())
        .map(actix_web::http::header::HeaderValue::as_bytes);
    let context = responses.context(request_id, request.path());
    crate::http::scope(context, next.call(request)).await
}
