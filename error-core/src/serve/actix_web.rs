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
//!     .wrap(from_fn(error_catalog::actix_web::scope));
//! # let _ = app;
//! ```
//!
//! # The framework's own answers
//!
//! With [`Rejections`](crate::http::Rejections) in the [`ErrorResponses`],
//! the extractors' error handlers [`json_error`], [`path_error`] and
//! [`query_error`] answer the catalog error of each class, the default
//! service [`not_found`] answers an unknown route, and [`scope`] turns every
//! other error answer that is not JSON (a 405, an empty or text body) into
//! the catalog error of its status's class:
//!
//! ```
//! use actix_web::{App, middleware::from_fn, web};
//! use error_catalog::actix_web as catalog;
//!
//! let app = App::new()
//!     .app_data(web::JsonConfig::default().error_handler(catalog::json_error))
//!     .app_data(web::PathConfig::default().error_handler(catalog::path_error))
//!     .app_data(web::QueryConfig::default().error_handler(catalog::query_error))
//!     .default_service(web::to(catalog::not_found))
//!     .wrap(from_fn(catalog::scope));
//! # let _ = app;
//! ```

use std::boxed::Box;
use std::fmt;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::model::error::CatalogError;
use crate::serve::http::{ErrorResponses, Rejection, RejectionKind, ResponseParts};

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

/// A failure answers the first catalog error of its chain (see
/// [`respond_failure`](crate::http::respond_failure)).
#[cfg(feature = "registry")]
impl actix_web::ResponseError for crate::Failure {
    fn status_code(&self) -> StatusCode {
        let status = self.find().map_or(500, |found| found.status());
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        response_of(crate::http::respond_failure(self))
    }
}

/// The status of a catalog error; what the derived `status_code` returns.
pub fn status_code<E: CatalogError + ?Sized>(error: &E) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response of a catalog error; what the derived `error_response` returns.
pub fn error_response<E: CatalogError + ?Sized>(error: &E) -> HttpResponse<BoxBody> {
    response_of(crate::serve::http::respond(error))
}

fn response_of(answer: ResponseParts) -> HttpResponse<BoxBody> {
    let mut response =
        HttpResponse::build(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    response.insert_header((header::CONTENT_TYPE, answer.content_type));
    // actix-web has its own `HeaderValue` type: the bytes are copied.
    if let Some(language) = answer.content_language.and_then(|value| HeaderValue::from_bytes(value.as_bytes()).ok()) {
        response.insert_header((header::CONTENT_LANGUAGE, language));
    }
    for (name, value) in answer.headers.iter() {
        // `ResponseHeaders` keeps only valid names and values.
        if let (Ok(name), Ok(value)) = (header::HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            response.append_header((name, value));
        }
    }
    if let Some(seconds) = answer.retry_after {
        response.insert_header((header::RETRY_AFTER, HeaderValue::from(seconds)));
    }
    response.body(answer.body)
}

/// Middleware (`App::wrap(from_fn(scope))`) that gives the error responses
/// of each request the application's [`ErrorResponses`] (from `app_data`,
/// the flat body when there is none), the request's id, path and language;
/// with [`Rejections`](crate::http::Rejections), it answers every error
/// answer that is not JSON with the catalog error of its class (see the
/// [module](self)).
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
    let request_id = request.headers().get(responses.request_id_header().as_str()).map(HeaderValue::as_bytes);
    let accept_language = request.headers().get(header::ACCEPT_LANGUAGE).map(HeaderValue::as_bytes);
    let context = responses.context(request_id, request.path()).with_accept_language(accept_language);
    let response = crate::serve::http::scope(context.clone(), next.call(request)).await?;

    let status = response.status().as_u16();
    let content_type = response.headers().get(header::CONTENT_TYPE).map(HeaderValue::as_bytes);
    if status < 400 || responses.rejections().is_empty() || crate::serve::http::is_json(content_type, &responses) {
        return Ok(response.map_into_left_body());
    }
    let Some(answer) = responses.rejections().answer(Rejection::of_status(status), Some(&context)) else {
        return Ok(response.map_into_left_body());
    };
    let (request, original) = response.into_parts();
    let mut answered = response_of(answer);
    if let Some(allow) = original.headers().get(header::ALLOW) {
        answered.headers_mut().insert(header::ALLOW, allow.clone());
    }
    Ok(ServiceResponse::new(request, answered).map_into_right_body())
}

/// A rejection answered with the catalog error of its class, or with the
/// framework's own error when the application names none.
struct Rejected<E> {
    answer: Option<ResponseParts>,
    original: E,
}

impl<E: fmt::Display> fmt::Display for Rejected<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.original, f)
    }
}

impl<E: fmt::Debug> fmt::Debug for Rejected<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.original, f)
    }
}

impl<E: actix_web::ResponseError> actix_web::ResponseError for Rejected<E> {
    fn status_code(&self) -> StatusCode {
        match &self.answer {
            Some(answer) => StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            None => self.original.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        match &self.answer {
            Some(answer) => response_of(answer.clone()),
            None => self.original.error_response(),
        }
    }
}

fn rejected<E: actix_web::ResponseError + 'static>(kind: RejectionKind, original: E) -> actix_web::Error {
    let rejection = Rejection::new(kind, original.status_code().as_u16());
    Rejected { answer: crate::serve::http::respond_rejection(rejection), original }.into()
}

/// The error handler of `web::JsonConfig`: the catalog error that the
/// application names for the JSON class (a body over the limit: for
/// [`body_too_large`](crate::http::Rejections::body_too_large) first).
#[must_use]
pub fn json_error(error: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let kind = match &error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => RejectionKind::BodyTooLarge,
        JsonPayloadError::ContentType => RejectionKind::JsonContentType,
        JsonPayloadError::Deserialize(json) if json.is_data() => RejectionKind::JsonData,
        JsonPayloadError::Deserialize(_) => RejectionKind::JsonSyntax,
        _ => RejectionKind::Body,
    };
    rejected(kind, error)
}

/// The error handler of `web::PathConfig`: the catalog error of the path
/// class.
#[must_use]
pub fn path_error(error: PathError, _: &HttpRequest) -> actix_web::Error {
    rejected(RejectionKind::Path, error)
}

/// The error handler of `web::QueryConfig`: the catalog error of the
/// query class.
#[must_use]
pub fn query_error(error: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    rejected(RejectionKind::Query, error)
}

/// A default service (`App::default_service(web::to(not_found))`): the
/// catalog error that the application names for an unknown route, else an
/// empty 404.
pub fn not_found() -> core::future::Ready<HttpResponse<BoxBody>> {
    core::future::ready(match crate::serve::http::respond_rejection(Rejection::new(RejectionKind::NotFound, 404)) {
        Some(answer) => response_of(answer),
        None => HttpResponse::NotFound().finish(),
    })
}
