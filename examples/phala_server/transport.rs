//! The answers of the server's HTTP layer that no code of the Phala catalog
//! covers: a path no route has, a method a route does not have, a body over
//! the limit. A catalog of their own, whose codes are the statuses, so that
//! every error answer of the server is a catalog body. Shared by the axum
//! server and the actix-web test of the same rejections.

use error_catalog::http::{Rejection, RejectionKind, Rejections};
use error_catalog::{CatalogError, ErrorCatalog};

use super::phala::inventory::InvalidRequestError;

/// The catalog of the HTTP layer.
#[derive(ErrorCatalog)]
#[catalog(format = "HTTP-{code:03}", default_status = 400, api = "Phala Cloud API, HTTP layer")]
pub enum Catalog {}

/// The longest request body the server reads, in bytes.
pub const MAX_BODY: usize = 16 * 1024;

/// Raised when no route has the request's path
#[derive(Debug, CatalogError)]
#[catalog(catalog = Catalog, code = 404, status = 404, message = "No route has this path")]
pub struct RouteNotFoundError;

/// Raised when the path's route does not accept the request's method
#[derive(Debug, CatalogError)]
#[catalog(catalog = Catalog, code = 405, status = 405, message = "This route does not accept this method")]
pub struct MethodNotAllowedError;

/// Raised when a request is not received and answered in time
#[derive(Debug, CatalogError)]
#[catalog(catalog = Catalog, code = 408, status = 408, message = "The request took too long")]
pub struct RequestTimeoutError;

/// Raised when a request body is longer than the server reads
#[derive(Debug, CatalogError)]
#[catalog(catalog = Catalog, code = 413, status = 413, message = "The request body is larger than {limit} bytes")]
pub struct PayloadTooLargeError {
    /// The limit, [`MAX_BODY`].
    #[catalog(detail)]
    pub limit: usize,
}

/// The part of the request at fault, for `InvalidRequestError`'s `field`:
/// `body`, `path` or `query`.
fn part(rejection: &Rejection) -> &'static str {
    match rejection.kind() {
        RejectionKind::Path => "path",
        RejectionKind::Query => "query",
        _ => "body",
    }
}

/// The catalog error of each class of rejection, named once: every error
/// answer of the server is then a catalog body.
pub fn rejections() -> Rejections {
    let invalid = |rejection: &Rejection| InvalidRequestError { field: part(rejection).into() };
    Rejections::new()
        .not_found(|_: &Rejection| RouteNotFoundError)
        .method_not_allowed(|_: &Rejection| MethodNotAllowedError)
        .json(invalid)
        .body_too_large(|_: &Rejection| PayloadTooLargeError { limit: MAX_BODY })
        .path(invalid)
        .query(invalid)
}
