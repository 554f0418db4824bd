//! The built-in formats of published standards, each served at its API's
//! own routes with a catalog of that API's real codes:
//!
//! ```text
//! cargo run --example wire_formats --features axum -- PORT FORMAT
//! ```
//!
//! FORMAT is one of `oauth2`, `google`, `kubernetes`, `s3`:
//!
//! - `s3`: `GET /{bucket}/{key}` of an S3-compatible store, answering in
//!   S3's XML errors ([`error_catalog::formats::s3`]) with the request id
//!   in `x-amz-request-id`. Bucket `photos` holds `cat.jpg`; another key is
//!   `NoSuchKey`, another bucket `NoSuchBucket`, bucket `private` is
//!   `AccessDenied`, a `versionId` other than `null` is `InvalidArgument`.
//! - `google`: `GET /v1/shelves/{shelf}/books/{book}` of Google's library
//!   example, answering in Google's JSON errors
//!   ([`error_catalog::formats::google`]). Shelf `fiction` holds
//!   `moby-dick`; another book is `BOOK_NOT_FOUND`, another shelf
//!   `SHELF_NOT_FOUND`, `?key=invalid` is `API_KEY_INVALID` and
//!   `?quota=exhausted` `RATE_LIMIT_EXCEEDED`.
//!
//! - `oauth2`: the token endpoint `POST /token` of an OAuth 2.0
//!   authorization server (form-encoded, RFC 6749 §4.1.3 and RFC 8628
//!   §3.4), answering in token errors ([`error_catalog::formats::oauth2`]).
//!   Client `app` authenticates with HTTP Basic and secret `s3cret`, else
//!   `invalid_client` (401, `WWW-Authenticate`); code `good-code` gets a
//!   token, another code is `invalid_grant`; device code `pending` is
//!   `authorization_pending` once then a token, `slow` is `slow_down`,
//!   another `expired_token`; another grant type `unsupported_grant_type`.
//!
//! - `kubernetes`: `GET /api/v1/namespaces/{ns}/pods/{name}` of a
//!   Kubernetes API server, answering in `Status` objects
//!   ([`error_catalog::formats::kubernetes`]). Namespace `default` holds pod
//!   `web-0`; another pod is `NotFound`, namespace `kube-system` `Forbidden`.
//!
//! Any other route answers 404 in the format. PORT 0 picks a free port;
//! the first line printed is `listening on http://127.0.0.1:PORT`.
//! tests/wire_formats/run.sh points each standard's own client at it.

use std::collections::HashMap;
use std::net::Ipv4Addr;

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderName, Uri};
use axum::routing::get;
use error_catalog::Failure;
use error_catalog::axum::ErrorLayer;
use error_catalog::http::ErrorResponses;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

/// The codes of S3's "Error responses" page (Amazon S3 API reference,
/// "List of error codes"), with its statuses and messages.
pub mod s3 {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(
        format = "{code:PascalCase}",
        title = "Amazon S3 error codes",
        api = "the Amazon S3 REST API",
        link_template = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#{code}"
    )]
    pub enum Catalog {}

    /// The key does not exist in the bucket.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, code = "NoSuchKey", status = 404, message = "The specified key does not exist.")]
    pub struct NoSuchKey {
        #[catalog(detail)]
        pub key: String,
    }

    /// The bucket does not exist.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, code = "NoSuchBucket", status = 404, message = "The specified bucket does not exist.")]
    pub struct NoSuchBucket {
        #[catalog(detail)]
        pub bucket_name: String,
    }

    /// An argument of the request is not valid.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, code = "InvalidArgument", status = 400, message = "Invalid version id specified")]
    pub struct InvalidArgument {
        #[catalog(detail)]
        pub argument_name: String,
        #[catalog(detail)]
        pub argument_value: String,
    }

    /// The other codes of the page this example answers with or may.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog)]
    pub enum S3Error {
        /// Access denied.
        #[catalog(code = "AccessDenied", status = 403, message = "Access Denied")]
        AccessDenied,
        /// The bucket name is taken.
        #[catalog(
            code = "BucketAlreadyExists",
            status = 409,
            message = "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again."
        )]
        BucketAlreadyExists,
        /// The bucket is not empty.
        #[catalog(code = "BucketNotEmpty", status = 409, message = "The bucket you tried to delete is not empty.")]
        BucketNotEmpty,
        /// The bucket name is not valid.
        #[catalog(code = "InvalidBucketName", status = 400, message = "The specified bucket is not valid.")]
        InvalidBucketName,
        /// The range cannot be satisfied.
        #[catalog(code = "InvalidRange", status = 416, message = "The requested range cannot be satisfied.")]
        InvalidRange,
        /// The access key id does not exist.
        #[catalog(
            code = "InvalidAccessKeyId",
            status = 403,
            message = "The AWS access key ID that you provided does not exist in our records."
        )]
        InvalidAccessKeyId,
        /// The signature does not match.
        #[catalog(
            code = "SignatureDoesNotMatch",
            status = 403,
            message = "The request signature that the server calculated does not match the signature that you provided."
        )]
        SignatureDoesNotMatch,
        /// A precondition failed.
        #[catalog(
            code = "PreconditionFailed",
            status = 412,
            message = "At least one of the preconditions that you specified did not hold."
        )]
        PreconditionFailed,
        /// The method is not allowed on the resource.
        #[catalog(
            code = "MethodNotAllowed",
            status = 405,
            message = "The specified method is not allowed against this resource."
        )]
        MethodNotAllowed,
        /// The upload does not exist.
        #[catalog(
            code = "NoSuchUpload",
            status = 404,
            message = "The specified multipart upload does not exist. The upload ID might not be valid, or the multipart upload might have been aborted or completed."
        )]
        NoSuchUpload,
        /// The request is too fast.
        #[catalog(code = "SlowDown", status = 503, retryable = true, message = "Please reduce your request rate.")]
        SlowDown,
        /// An internal error.
        #[catalog(
            code = "InternalError",
            status = 500,
            retryable = true,
            message = "An internal error occurred. Try again."
        )]
        InternalError,
        /// Not implemented.
        #[catalog(
            code = "NotImplemented",
            status = 501,
            message = "A header that you provided implies functionality that is not implemented."
        )]
        NotImplemented,
    }
}

/// Google's errors: the reasons of `google/api/error_reason.proto` that
/// any Google API answers with (domain `googleapis.com`), and the library
/// example's own not-found errors.
pub mod google {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(
        format = "{code:SCREAMING_SNAKE_CASE}",
        title = "Google API error reasons",
        api = "the library example API",
        domain = "googleapis.com",
        link_template = "https://cloud.google.com/apis/design/errors#{code}"
    )]
    pub enum Catalog {}

    /// The shelf does not exist.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, code = "SHELF_NOT_FOUND", reason = "SHELF_NOT_FOUND", status = 404, message = "Shelf '{shelf}' was not found.")]
    pub struct ShelfNotFound {
        #[catalog(detail)]
        pub shelf: String,
    }

    /// The book does not exist on the shelf.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = Catalog,
        code = "BOOK_NOT_FOUND",
        reason = "BOOK_NOT_FOUND",
        status = 404,
        message = "Book '{book}' was not found on shelf '{shelf}'."
    )]
    pub struct BookNotFound {
        #[catalog(detail)]
        pub shelf: String,
        #[catalog(detail)]
        pub book: String,
    }

    /// The API key is not valid.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = Catalog,
        code = "API_KEY_INVALID",
        reason = "API_KEY_INVALID",
        status = 400,
        grpc = "INVALID_ARGUMENT",
        message = "API key not valid. Please pass a valid API key."
    )]
    pub struct ApiKeyInvalid {
        #[catalog(detail)]
        pub service: String,
    }

    /// A rate limit was exceeded.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = Catalog,
        code = "RATE_LIMIT_EXCEEDED",
        reason = "RATE_LIMIT_EXCEEDED",
        status = 429,
        retryable = true,
        message = "Quota exceeded for quota metric '{quota_metric}' of service '{service}'."
    )]
    pub struct RateLimitExceeded {
        #[catalog(detail)]
        pub service: String,
        #[catalog(detail)]
        pub quota_metric: String,
    }

    /// The other reasons of `error_reason.proto`.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog)]
    pub enum GoogleError {
        /// The API is not enabled for the project.
        #[catalog(
            code = "SERVICE_DISABLED",
            reason = "SERVICE_DISABLED",
            status = 403,
            message = "The API is disabled for the consumer project."
        )]
        ServiceDisabled,
        /// Billing is disabled.
        #[catalog(
            code = "BILLING_DISABLED",
            reason = "BILLING_DISABLED",
            status = 403,
            message = "Billing is disabled for the consumer project."
        )]
        BillingDisabled,
        /// The access token expired.
        #[catalog(
            code = "ACCESS_TOKEN_EXPIRED",
            reason = "ACCESS_TOKEN_EXPIRED",
            status = 401,
            message = "The access token has expired."
        )]
        AccessTokenExpired,
        /// The token lacks a scope.
        #[catalog(
            code = "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
            reason = "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
            status = 403,
            message = "Request had insufficient authentication scopes."
        )]
        AccessTokenScopeInsufficient,
        /// No credentials.
        #[catalog(
            code = "CREDENTIALS_MISSING",
            reason = "CREDENTIALS_MISSING",
            status = 401,
            message = "The request does not have valid authentication credentials."
        )]
        CredentialsMissing,
        /// A resource quota was exceeded.
        #[catalog(
            code = "RESOURCE_QUOTA_EXCEEDED",
            reason = "RESOURCE_QUOTA_EXCEEDED",
            status = 429,
            message = "A resource quota was exceeded."
        )]
        ResourceQuotaExceeded,
        /// No such route.
        #[catalog(
            code = "NOT_FOUND",
            reason = "NOT_FOUND",
            status = 404,
            message = "The requested URL was not found on this server."
        )]
        NotFound,
    }
}

/// The S3 store: bucket `photos` with `cat.jpg`.
fn s3_app() -> Router {
    async fn get_object(
        Path((bucket, key)): Path<(String, String)>,
        Query(query): Query<HashMap<String, String>>,
    ) -> Result<&'static str, Failure> {
        match bucket.as_str() {
            "photos" => {}
            "private" => return Err(s3::S3Error::AccessDenied.into()),
            _ => return Err(s3::NoSuchBucket { bucket_name: bucket }.into()),
        }
        if let Some(version) = query.get("versionId").filter(|version| *version != "null") {
            let argument_value = version.clone();
            return Err(s3::InvalidArgument { argument_name: "versionId".into(), argument_value }.into());
        }
        if key == "cat.jpg" { Ok("meow") } else { Err(s3::NoSuchKey { key }.into()) }
    }
    async fn fallback(uri: Uri) -> s3::NoSuchKey {
        s3::NoSuchKey { key: uri.path().trim_start_matches('/').to_owned() }
    }
    let header = HeaderName::from_static(error_catalog::formats::s3::REQUEST_ID_HEADER);
    let responses =
        ErrorResponses::new().with_format(error_catalog::formats::s3::S3).with_request_id_header(header.clone());
    Router::new().route("/{bucket}/{*key}", get(get_object)).fallback(fallback).layer(
        // The format writes `x-amz-request-id` itself: no propagation layer.
        tower::ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(header, MakeRequestUuid))
            .layer(ErrorLayer::new(responses)),
    )
}

/// The library: shelf `fiction` with `moby-dick`.
fn google_app() -> Router {
    async fn get_book(
        Path((shelf, book)): Path<(String, String)>,
        Query(query): Query<HashMap<String, String>>,
    ) -> Result<&'static str, Failure> {
        const SERVICE: &str = "library-example.googleapis.com";
        if query.get("key").is_some_and(|key| key == "invalid") {
            return Err(google::ApiKeyInvalid { service: SERVICE.into() }.into());
        }
        if query.get("quota").is_some_and(|quota| quota == "exhausted") {
            let quota_metric = format!("{SERVICE}/read_requests");
            return Err(google::RateLimitExceeded { service: SERVICE.into(), quota_metric }.into());
        }
        if shelf != "fiction" {
            return Err(google::ShelfNotFound { shelf }.into());
        }
        if book == "moby-dick" {
            Ok(r#"{"name": "shelves/fiction/books/moby-dick", "title": "Moby-Dick"}"#)
        } else {
            Err(google::BookNotFound { shelf, book }.into())
        }
    }
    async fn fallback() -> google::GoogleError {
        google::GoogleError::NotFound
    }
    let responses = ErrorResponses::new().with_format(error_catalog::formats::google::Google);
    Router::new().route("/v1/shelves/{shelf}/books/{book}", get(get_book)).fallback(fallback).layer(
        tower::ServiceBuilder::new()
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(ErrorLayer::new(responses)),
    )
}

/// The codes of RFC 6749 §5.2 and RFC 8628 §3.5, with their statuses.
pub mod oauth2 {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(
        format = "{code:snake_case}",
        default_status = 400,
        title = "OAuth 2.0 token errors",
        api = "the token endpoint",
        link_template = "https://auth.example.com/docs/errors#{code}"
    )]
    pub enum Catalog {}

    /// The errors of a token request.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog)]
    pub enum TokenError {
        /// A parameter is missing or repeated, or the request is malformed.
        #[catalog(code = "invalid_request", message = "The request is missing a required parameter.")]
        InvalidRequest,
        /// The client could not be authenticated.
        #[catalog(code = "invalid_client", status = 401, message = "Client authentication failed.")]
        InvalidClient,
        /// The grant is invalid, expired or revoked.
        #[catalog(code = "invalid_grant", message = "The authorization code is invalid or expired.")]
        InvalidGrant,
        /// The client may not use this grant type.
        #[catalog(code = "unauthorized_client", message = "The client is not authorized to use this grant type.")]
        UnauthorizedClient,
        /// The grant type is not supported.
        #[catalog(code = "unsupported_grant_type", message = "The grant type is not supported.")]
        UnsupportedGrantType,
        /// The scope is invalid.
        #[catalog(code = "invalid_scope", message = "The requested scope is invalid.")]
        InvalidScope,
        /// The user has not yet approved the device (RFC 8628).
        #[catalog(code = "authorization_pending", message = "The authorization request is still pending.")]
        AuthorizationPending,
        /// Poll more slowly (RFC 8628).
        #[catalog(code = "slow_down", message = "Polling too fast: slow down.")]
        SlowDown,
        /// The device code expired (RFC 8628).
        #[catalog(code = "expired_token", message = "The device code has expired.")]
        ExpiredToken,
        /// The user denied the device (RFC 8628).
        #[catalog(code = "access_denied", message = "The authorization request was denied.")]
        AccessDenied,
    }
}

/// The token endpoint: client `app`, secret `s3cret`.
fn oauth2_app() -> Router {
    use std::sync::{Arc, Mutex};

    use axum::extract::State;
    use axum::http::HeaderMap;
    use oauth2::TokenError;

    /// `Basic base64("app:s3cret")`.
    const CLIENT: &str = "Basic YXBwOnMzY3JldA==";
    const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
    const TOKEN: &str = r#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600}"#;

    async fn token(
        State(polled): State<Arc<Mutex<bool>>>,
        headers: HeaderMap,
        body: String,
    ) -> Result<([(&'static str, &'static str); 2], &'static str), TokenError> {
        let form: HashMap<String, String> = url_form(&body);
        if headers.get("authorization").is_none_or(|value| value != CLIENT) {
            return Err(TokenError::InvalidClient);
        }
        let answer = match form.get("grant_type").map(String::as_str) {
            None => Err(TokenError::InvalidRequest),
            Some("authorization_code") => match form.get("code").map(String::as_str) {
                None => Err(TokenError::InvalidRequest),
                Some("good-code") => Ok(TOKEN),
                Some(_) => Err(TokenError::InvalidGrant),
            },
            Some(DEVICE_GRANT) => match form.get("device_code").map(String::as_str) {
                None => Err(TokenError::InvalidRequest),
                Some("pending") => {
                    let mut polled = polled.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    if std::mem::replace(&mut *polled, true) {
                        Ok(TOKEN)
                    } else {
                        Err(TokenError::AuthorizationPending)
                    }
                }
                Some("slow") => Err(TokenError::SlowDown),
                Some("denied") => Err(TokenError::AccessDenied),
                Some(_) => Err(TokenError::ExpiredToken),
            },
            Some(_) => Err(TokenError::UnsupportedGrantType),
        }?;
        Ok(([("content-type", "application/json;charset=UTF-8"), ("cache-control", "no-store")], answer))
    }
    async fn fallback() -> TokenError {
        TokenError::InvalidRequest
    }
    let responses = ErrorResponses::new().with_format(error_catalog::formats::oauth2::OAuth2::new("token"));
    Router::new()
        .route("/token", axum::routing::post(token))
        .fallback(fallback)
        .with_state(Arc::new(Mutex::new(false)))
        .layer(ErrorLayer::new(responses))
}

/// `application/x-www-form-urlencoded`: `+` a space, `%XX` a byte; a pair
/// that does not decode is dropped.
fn url_form(body: &str) -> HashMap<String, String> {
    fn decode(text: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut at = 0;
        while at < bytes.len() {
            match bytes[at] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = text.get(at + 1..at + 3)?;
                    out.push(u8::from_str_radix(hex, 16).ok()?);
                    at += 2;
                }
                byte => out.push(byte),
            }
            at += 1;
        }
        String::from_utf8(out).ok()
    }
    body.split('&')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(name)?, decode(value)?))
        })
        .collect()
}

/// The `StatusReason`s of `k8s.io/apimachinery/pkg/apis/meta/v1` with the
/// statuses its `errors` package gives them.
pub mod kubernetes {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(
        format = "{code:PascalCase}",
        title = "Kubernetes status reasons",
        api = "the Kubernetes API",
        link_template = "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/#{code}"
    )]
    pub enum Catalog {}

    /// The object does not exist.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, code = "NotFound", status = 404, message = "{kind} \"{name}\" not found")]
    pub struct NotFound {
        #[catalog(detail)]
        pub name: String,
        #[catalog(detail)]
        pub kind: String,
    }

    /// The user may not do this.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = Catalog,
        code = "Forbidden",
        status = 403,
        message = "{kind} \"{name}\" is forbidden: User \"system:anonymous\" cannot get resource \"{kind}\" in API group \"\" in the namespace \"{namespace}\""
    )]
    pub struct Forbidden {
        #[catalog(detail)]
        pub name: String,
        #[catalog(detail)]
        pub kind: String,
        #[catalog(detail)]
        pub namespace: String,
    }

    /// The other reasons.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog)]
    pub enum StatusReason {
        /// Authentication is required.
        #[catalog(code = "Unauthorized", status = 401, message = "Unauthorized")]
        Unauthorized,
        /// The object exists already.
        #[catalog(code = "AlreadyExists", status = 409, message = "the object already exists")]
        AlreadyExists,
        /// A write conflicted with another.
        #[catalog(
            code = "Conflict",
            status = 409,
            message = "the object has been modified; please apply your changes to the latest version and try again"
        )]
        Conflict,
        /// The object is not valid.
        #[catalog(code = "Invalid", status = 422, message = "the object is invalid")]
        Invalid,
        /// The resource version is too old.
        #[catalog(code = "Expired", status = 410, message = "the resource version is too old")]
        Expired,
        /// The request is malformed.
        #[catalog(code = "BadRequest", status = 400, message = "the server rejected our request for an unknown reason")]
        BadRequest,
        /// The verb is not supported.
        #[catalog(
            code = "MethodNotAllowed",
            status = 405,
            message = "the server does not allow this method on the requested resource"
        )]
        MethodNotAllowed,
        /// Too many requests.
        #[catalog(
            code = "TooManyRequests",
            status = 429,
            retryable = true,
            message = "the server has received too many requests and has asked us to try again later"
        )]
        TooManyRequests,
        /// An internal error.
        #[catalog(
            code = "InternalError",
            status = 500,
            message = "an error on the server has prevented the request from succeeding"
        )]
        InternalError,
        /// The server is unavailable.
        #[catalog(
            code = "ServiceUnavailable",
            status = 503,
            retryable = true,
            message = "the server is currently unable to handle the request"
        )]
        ServiceUnavailable,
        /// The request timed out.
        #[catalog(
            code = "Timeout",
            status = 504,
            retryable = true,
            message = "the server was unable to return a response in the time allotted, but may still be processing the request"
        )]
        Timeout,
    }
}

/// The API server: pod `web-0` in namespace `default`.
fn kubernetes_app() -> Router {
    async fn get_pod(Path((namespace, name)): Path<(String, String)>) -> Result<&'static str, Failure> {
        let kind = "pods".to_owned();
        if namespace == "kube-system" {
            return Err(kubernetes::Forbidden { name, kind, namespace }.into());
        }
        if namespace == "default" && name == "web-0" {
            Ok(r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"default"}}"#)
        } else {
            Err(kubernetes::NotFound { name, kind }.into())
        }
    }
    async fn fallback(uri: Uri) -> kubernetes::NotFound {
        kubernetes::NotFound { name: uri.path().to_owned(), kind: "resource".into() }
    }
    let responses = ErrorResponses::new().with_format(error_catalog::formats::kubernetes::Kubernetes);
    Router::new()
        .route("/api/v1/namespaces/{ns}/pods/{name}", get(get_pod))
        .fallback(fallback)
        .layer(ErrorLayer::new(responses))
}

/// The app of FORMAT.
///
/// # Errors
/// The usage, for an unknown format.
pub fn app(format: &str) -> Result<Router, String> {
    match format {
        "s3" => Ok(s3_app()),
        "google" => Ok(google_app()),
        "oauth2" => Ok(oauth2_app()),
        "kubernetes" => Ok(kubernetes_app()),
        _ => Err(format!("unknown format {format:?}: one of oauth2, google, kubernetes, s3")),
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let usage = "usage: wire_formats PORT FORMAT (FORMAT: oauth2, google, kubernetes, s3)";
    let mut args = std::env::args().skip(1);
    let port = args.next().and_then(|port| port.parse::<u16>().ok());
    let app = args.next().ok_or_else(|| usage.to_owned()).and_then(|format| app(&format));
    let (Some(port), Ok(app)) = (port, app) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    tokio::select! {
        served = axum::serve(listener, app) => served,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
