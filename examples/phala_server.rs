//! A small Phala-Cloud-shaped HTTP server whose errors are the catalog
//! types of the `phala` example, answered by `error-catalog`'s axum
//! integration.
//!
//! ```text
//! cargo run --example phala_server --features axum                 # port 8080
//! cargo run --example phala_server --features axum -- 3000         # port 3000
//! PORT=3000 cargo run --example phala_server --features axum       # the same
//! cargo run --example phala_server --features axum,problem-json -- --problem-json
//! ERROR_FORMAT=problem cargo run --example phala_server --features axum,problem-json
//! ```
//!
//! It listens on 127.0.0.1 only; the port is the first argument that is not
//! an option, else the `PORT` environment variable, else 8080 (`0` picks a
//! free port; the first line printed says which). `--problem-json`, or
//! `ERROR_FORMAT=problem`, answers RFC 9457 documents (`application/problem+json`,
//! `type` = `https://docs.phala.network/errors/` followed by the code)
//! instead of the flat body; it needs the `problem-json` feature.
//!
//! The state is in memory: the CVMs provisioned since the start. Identifiers
//! and hashes are derived from the name and the order of creation, so a
//! fresh server answers the same bytes every time:
//!
//! ```text
//! # 201: the first CVM, id app_7af3c38d22c8e76cb0adba1df86b2ef534812cd4
//! curl -i -X POST http://127.0.0.1:8080/api/v1/cvms/provision \
//!      -H 'Content-Type: application/json' -d '{"name": "web-1"}'
//! # 409 ERR-01-004 DuplicateCvmNameError, details: name
//! curl -i -X POST http://127.0.0.1:8080/api/v1/cvms/provision \
//!      -H 'Content-Type: application/json' -H 'X-Request-ID: rid-123' -d '{"name": "web-1"}'
//! # 409 ERR-02-002 ResourceNotAvailableError, details: region (the server's one region is us-west-1)
//! curl -i -X POST http://127.0.0.1:8080/api/v1/cvms/provision \
//!      -H 'Content-Type: application/json' -d '{"name": "web-2", "region": "eu-west-1"}'
//! # 200: the CVM; by id, app id or name
//! curl -i http://127.0.0.1:8080/api/v1/cvms/web-1
//! # 404 ERR-03-001 CvmNotFoundError, details: identifier
//! curl -i -H 'X-Request-ID: rid-123' http://127.0.0.1:8080/api/v1/cvms/app_missing
//! # 465 ERR-01-005 HashRegistrationRequired, details: compose_hash, app_id, device_id, kms_info
//! curl -i -X PATCH -H 'X-Request-ID: rid-123' http://127.0.0.1:8080/api/v1/cvms/web-1/envs \
//!      -H 'Content-Type: application/json' -d '{"encrypted_env": "00"}'
//! ```
//!
//! Every error answer is a catalog body. A request whose JSON, path or
//! query does not parse answers 400 `ERR-02-008` (`InvalidRequestError`,
//! `field` the part at fault: `body`, `path` or `query`); a path no route
//! has, a method a route does not have and a body over 16 KiB answer the
//! codes of the HTTP layer (`HTTP-404`, `HTTP-405`, `HTTP-408`, `HTTP-413`, see
//! `phala_server/transport.rs`):
//!
//! ```text
//! # 404 HTTP-404 RouteNotFoundError
//! curl -i http://127.0.0.1:8080/api/v1/nowhere
//! # 400 ERR-02-008, field: body
//! curl -i -X POST http://127.0.0.1:8080/api/v1/cvms/provision -H 'Content-Type: application/json' -d '{"name": 7}'
//! ```
//!
//! Each request has an id: the client's `X-Request-ID`, or a UUID made by
//! tower-http's `SetRequestIdLayer`; the response repeats it in its
//! `X-Request-ID` header and an error body as `request_id`.
//!
//! The messages are in English and German (`phala_server/locales`,
//! Fluent): `Accept-Language` chooses, `Content-Language` says which:
//!
//! ```text
//! # 404 ERR-03-001, "Die angeforderte CVM wurde nicht gefunden", Content-Language: de
//! curl -i -H 'Accept-Language: de-CH, en;q=0.5' http://127.0.0.1:8080/api/v1/cvms/app_missing
//! ```
//!
//! A slow client cannot hold a connection: the request's head must arrive
//! within [`HEADER_TIMEOUT`] (hyper's `header_read_timeout`, through
//! hyper-util's server builder, since `axum::serve` sets none), else the
//! connection is closed; the whole request, its body included, within
//! [`REQUEST_TIMEOUT`] (tower's `TimeoutLayer`), else it answers 408
//! `HTTP-408` and closes the connection.
//!
//! With the `utoipa` feature (`--features axum,utoipa`), `GET /openapi.json`
//! answers the OpenAPI document of the three routes: each error they can
//! answer, grouped by status, with the body of [`ErrorExamples`] as the
//! example of its code, the body these routes answer to the requests
//! above. It describes the flat body, so a server started with
//! `--problem-json` does not serve it.

use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use error_catalog::Failure;
use error_catalog::axum::{ErrorLayer, Json, Path, Query};
use error_catalog::fluent::Translations;
use error_catalog::http::ErrorResponses;
#[cfg(feature = "utoipa")]
use error_catalog::utoipa::{ErrorExamples, Errors};
use serde::{Deserialize, Serialize};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

// The catalog's error types, shared with `cargo run --example phala`; its
// `main` and printers are not used here.
#[path = "phala.rs"]
#[allow(dead_code)]
pub mod phala;

// The derives name `crate::Catalog`. (Unused when a test includes this file
// as a module: the test's crate root imports it for itself.)
#[allow(unused_imports)]
use phala::Catalog;

// The catalog of the HTTP layer's own answers: unknown route, wrong method,
// body over the limit; and the catalog error of each class of rejection.
#[path = "phala_server/transport.rs"]
pub mod transport;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./examples/phala_server/locales",
        fallback_language: "en",
        // Without the isolation marks around placeables: the messages are
        // left-to-right, and a client shows them as they are.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The translations of the public messages: English, the catalog's own
/// language, and German.
pub fn translations() -> Translations {
    Translations::new(&*LOCALES, fluent_templates::langid!("en"))
}

use phala::cvm::CvmNotFoundError;
use phala::inventory::{InvalidRequestError, ResourceNotAvailableError};
use phala::preflight::{DuplicateCvmNameError, HashRegistrationRequiredError, KmsInfo};

/// The RFC 9457 `type` of each code is this followed by the code.
pub const PROBLEM_TYPE_BASE: &str = "https://docs.phala.network/errors/";

/// How long a client may take to send a request's head (its line and
/// headers) before the connection is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a request may take, its body read and its answer made, before
/// it answers 408 `HTTP-408`.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The one region this server provisions in.
pub const REGION: &str = "us-west-1";

/// A provisioned CVM, as the API answers it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Cvm {
    /// `app_` followed by the app id.
    pub id: String,
    /// Unique in the workspace.
    pub name: String,
    /// 40 hex digits, derived from the name and the order of creation.
    pub app_id: String,
    /// The hash of the CVM's compose file.
    pub compose_hash: String,
    /// The device the CVM runs on.
    pub device_id: String,
    /// Always `provisioned` here.
    pub status: &'static str,
}

impl Cvm {
    fn new(name: &str, sequence: usize) -> Self {
        let app_id = hex_digest(&["app", name, &sequence.to_string()], 40);
        Self {
            id: format!("app_{app_id}"),
            name: name.to_owned(),
            compose_hash: format!("0x{}", hex_digest(&["compose", &app_id], 64)),
            device_id: hex_digest(&["device", &app_id], 64),
            app_id,
            status: "provisioned",
        }
    }
}

/// The CVMs of the workspace, by id.
#[derive(Debug, Default)]
pub struct AppState {
    cvms: Mutex<HashMap<String, Cvm>>,
}

impl AppState {
    fn cvms(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cvm>> {
        // A handler that panicked left the map consistent: every change is
        // one `insert`.
        self.cvms.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The CVM an identifier names: its id, its app id or its name.
    fn find(&self, identifier: &str) -> Option<Cvm> {
        let cvms = self.cvms();
        cvms.get(identifier)
            .or_else(|| cvms.values().find(|cvm| cvm.app_id == identifier || cvm.name == identifier))
            .cloned()
    }
}

/// `POST /api/v1/cvms/provision`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ProvisionRequest {
    /// The CVM's name.
    pub name: String,
    /// Where to run it: [`REGION`], the default, is the only one with nodes.
    #[serde(default)]
    pub region: Option<String>,
}

/// `GET /api/v1/cvms?limit=N`.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// At most this many CVMs, 100 when absent.
    pub limit: Option<u32>,
}

/// The application: the routes, the catalog errors answered in the format
/// of `responses` (the framework's rejections, in the messages' languages,
/// included), each request with an id.
pub fn app(responses: ErrorResponses) -> axum::Router {
    app_with_timeout(responses, REQUEST_TIMEOUT)
}

/// As [`app`], each request answered within `request_timeout`.
pub fn app_with_timeout(responses: ErrorResponses, request_timeout: Duration) -> axum::Router {
    let responses = responses.with_rejections(transport::rejections()).with_translations(translations());
    let router = axum::Router::new()
        .route("/api/v1/cvms", get(list_cvms))
        .route("/api/v1/cvms/provision", post(provision))
        .route("/api/v1/cvms/{id}", get(get_cvm))
        .route("/api/v1/cvms/{id}/envs", patch(update_envs));
    #[cfg(feature = "utoipa")]
    let router = if responses.format().content_type() == "application/json" {
        router.route("/openapi.json", get(openapi_document))
    } else {
        router
    };
    router
        .with_state(Arc::new(AppState::default()))
        .layer(DefaultBodyLimit::max(transport::MAX_BODY))
        // A request not answered in time (a body that trickles in) is a
        // catalog error too.
        .layer(
            tower::ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(|_: tower::BoxError| async {
                    axum::response::IntoResponse::into_response(transport::RequestTimeoutError)
                }))
                .layer(tower::timeout::TimeoutLayer::new(request_timeout)),
        )
        // Outermost first: an id for each request (the client's, or a new
        // UUID), read by the error layer, repeated in the response.
        .layer(
            tower::ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(ErrorLayer::new(responses)),
        )
}

async fn list_cvms(State(state): State<Arc<AppState>>, Query(query): Query<ListQuery>) -> Json<Vec<Cvm>> {
    let mut cvms: Vec<Cvm> = state.cvms().values().cloned().collect();
    cvms.sort_by(|a, b| a.name.cmp(&b.name));
    cvms.truncate(query.limit.unwrap_or(100) as usize);
    Json(cvms)
}

/// The OpenAPI document of the routes and their errors.
#[cfg(feature = "utoipa")]
#[derive(utoipa::OpenApi)]
#[openapi(info(title = "Phala Cloud API (example server)", version = "0.1.0"), paths(provision, get_cvm, update_envs))]
pub struct ApiDoc;

#[cfg(feature = "utoipa")]
async fn openapi_document() -> Json<utoipa::openapi::OpenApi> {
    Json(<ApiDoc as utoipa::OpenApi>::openapi())
}

// The errors the routes answer to the requests of the header, in a fresh
// server: the document's example of each code, and what the OpenAPI test
// compares with the server's answers.

#[cfg(feature = "utoipa")]
impl ErrorExamples for InvalidRequestError {
    fn examples() -> Vec<Self> {
        vec![Self { field: "name".into() }]
    }
}

#[cfg(feature = "utoipa")]
impl ErrorExamples for DuplicateCvmNameError {
    fn examples() -> Vec<Self> {
        vec![Self { name: "web-1".into() }]
    }
}

#[cfg(feature = "utoipa")]
impl ErrorExamples for ResourceNotAvailableError {
    fn examples() -> Vec<Self> {
        vec![Self::new(Some("eu-west-1".into()), 0)]
    }
}

#[cfg(feature = "utoipa")]
impl ErrorExamples for CvmNotFoundError {
    fn examples() -> Vec<Self> {
        vec![Self { identifier: "app_missing".into() }]
    }
}

#[cfg(feature = "utoipa")]
impl ErrorExamples for HashRegistrationRequiredError {
    fn examples() -> Vec<Self> {
        // The first CVM, `web-1`.
        let cvm = Cvm::new("web-1", 0);
        vec![Self {
            compose_hash: cvm.compose_hash,
            app_id: cvm.app_id,
            device_id: cvm.device_id,
            kms_info: KmsInfo::base_prod(),
        }]
    }
}

#[cfg_attr(feature = "utoipa", utoipa::path(
    post,
    path = "/api/v1/cvms/provision",
    request_body = ProvisionRequest,
    responses(
        (status = 201, description = "The CVM, provisioned", body = Cvm),
        Errors<(InvalidRequestError, DuplicateCvmNameError, ResourceNotAvailableError)>,
    ),
))]
async fn provision(
    State(state): State<Arc<AppState>>,
    Json(request): Json<ProvisionRequest>,
) -> Result<(StatusCode, Json<Cvm>), Failure> {
    let name = request.name.trim();
    if name.is_empty() {
        Err(InvalidRequestError { field: "name".into() })?;
    }
    let mut cvms = state.cvms();
    if cvms.values().any(|cvm| cvm.name == name) {
        Err(DuplicateCvmNameError { name: name.to_owned() })?;
    }
    if let Some(region) = request.region.filter(|region| region != REGION) {
        Err(ResourceNotAvailableError::new(Some(region), 0))?;
    }
    let cvm = Cvm::new(name, cvms.len());
    cvms.insert(cvm.id.clone(), cvm.clone());
    Ok((StatusCode::CREATED, Json(cvm)))
}

#[cfg_attr(feature = "utoipa", utoipa::path(
    get,
    path = "/api/v1/cvms/{id}",
    params(("id" = String, Path, description = "The CVM's id, app id or name")),
    responses((status = 200, description = "The CVM", body = Cvm), CvmNotFoundError),
))]
async fn get_cvm(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<Cvm>, CvmNotFoundError> {
    state.find(&id).map(Json).ok_or(CvmNotFoundError { identifier: id })
}

/// Changing the environment of a CVM whose KMS is on-chain changes its
/// compose hash, which must be registered first: 465, with what the client
/// needs to register it.
#[cfg_attr(feature = "utoipa", utoipa::path(
    patch,
    path = "/api/v1/cvms/{id}/envs",
    params(("id" = String, Path, description = "The CVM's id, app id or name")),
    responses(Errors<(CvmNotFoundError, HashRegistrationRequiredError)>),
))]
async fn update_envs(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<StatusCode, Failure> {
    let cvm = state.find(&id).ok_or(CvmNotFoundError { identifier: id })?;
    Err(HashRegistrationRequiredError {
        compose_hash: cvm.compose_hash,
        app_id: cvm.app_id,
        device_id: cvm.device_id,
        kms_info: KmsInfo::base_prod(),
    })?
}

/// `len` hex digits of FNV-1a hashes of `parts`: stable across runs and
/// platforms, unlike `std`'s hasher.
fn hex_digest(parts: &[&str], len: usize) -> String {
    let mut digest = String::with_capacity(len + 16);
    let mut block: u64 = 0;
    while digest.len() < len {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let bytes = block.to_le_bytes().into_iter().chain(parts.iter().flat_map(|part| part.bytes().chain([0])));
        for byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        digest.push_str(&format!("{hash:016x}"));
        block += 1;
    }
    digest.truncate(len);
    digest
}

const USAGE: &str = "usage: phala_server [PORT] [--problem-json]  (environment: PORT, ERROR_FORMAT=problem)";

/// The port and the body format, from the arguments and the environment.
fn options() -> Result<(u16, ErrorResponses), String> {
    let mut port = None;
    let mut problem = std::env::var("ERROR_FORMAT").is_ok_and(|format| format == "problem");
    for argument in std::env::args().skip(1) {
        match argument.as_str() {
            "--problem-json" => problem = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other if port.is_none() => port = Some(other.to_owned()),
            other => return Err(format!("unexpected argument {other}\n{USAGE}")),
        }
    }
    let port = match port.or_else(|| std::env::var("PORT").ok()) {
        Some(port) => port.parse().map_err(|_| format!("invalid port {port}"))?,
        None => 8080,
    };
    let responses = ErrorResponses::new();
    if problem {
        #[cfg(feature = "problem-json")]
        return Ok((port, responses.with_problem_json(PROBLEM_TYPE_BASE)));
        #[cfg(not(feature = "problem-json"))]
        return Err("problem+json bodies need the `problem-json` feature: --features axum,problem-json".into());
    }
    Ok((port, responses))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let (port, responses) = options().unwrap_or_else(|message| {
        eprintln!("{message}");
        std::process::exit(2);
    });
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    tokio::select! {
        served = serve(listener, app(responses), HEADER_TIMEOUT) => served,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

/// Serves `app` on `listener`, HTTP/1.1 and HTTP/2, closing a connection
/// whose request head has not arrived within `header_timeout`.
///
/// # Errors
/// When the listener fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    header_timeout: Duration,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(header_timeout);
    let builder = Arc::new(builder);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // A connection that failed before it was accepted (reset, or
            // too many open files for a moment): the next one may succeed.
            Err(error) if is_connection_error(&error) => continue,
            Err(error) => return Err(error),
        };
        let (builder, service) = (builder.clone(), TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            // A connection closed by its client or its timeout ends here.
            let _ = builder.serve_connection_with_upgrades(TokioIo::new(stream), service).await;
        });
    }
}

fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(error.kind(), ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset)
        || error.raw_os_error() == Some(24)
}
