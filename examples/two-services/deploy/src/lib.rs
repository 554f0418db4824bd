//! The second service: deployments. To deploy on a node it reserves vCPUs
//! from the inventory service, over HTTP or over gRPC (its [`Upstream`]),
//! reads the inventory's errors with `RemoteError` (the same reading for
//! both transports), recognises the shared types with `is::<T>()`, and
//! answers its own client (HTTP, `POST /v1/deployments`) in one of two ways
//! ([`answer`]):
//!
//! - **the same code, passed through**: a node that does not exist is the
//!   client's mistake, and the client can act on `ERR-01-001` itself;
//! - **a code of its own that wraps the cause**: a node without capacity is
//!   `ERR-02-001` (`PlacementFailedError`), a failure of the inventory it
//!   does not know (or cannot reach) is `ERR-02-002`
//!   (`InventoryUnavailableError`); each names the inventory's code in the
//!   detail `cause_code`, and keeps the inventory's whole error as its
//!   `source`, for the log, never for the body. Only a code the catalog
//!   knows is named: any other string the inventory sent stays in the
//!   source.
//!
//! The inventory is trusted no more than a client: its answer must come
//! within [`UPSTREAM_TIMEOUT`], its body is read up to
//! [`MAX_UPSTREAM_BODY`] and no further, and the journal of failed calls
//! keeps the last [`Journal::CAPACITY`], each at most [`MAX_WIRE_TEXT`]
//! bytes of what came over the wire.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use error_catalog::client::RemoteError;
use error_catalog::{CatalogError, Code, Failure, GrpcCode};
use fleet_catalog::{Catalog, InsufficientCapacityError, NodeNotFoundError};
use serde_json::Value;
use tonic::codegen::http;

/// The messages of `proto/inventory.proto` this client sends and reads, as
/// protoc would generate them here too.
pub mod wire {
    /// `fleet.inventory.v1.ReserveRequest`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct ReserveRequest {
        #[prost(uint32, tag = "1")]
        pub node_id: u32,
        #[prost(uint32, tag = "2")]
        pub vcpu: u32,
    }

    /// `fleet.inventory.v1.Reservation`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Reservation {
        #[prost(string, tag = "1")]
        pub reservation_id: String,
    }
}

/// Raised when the deployment cannot be placed on the requested node
#[derive(Debug, CatalogError)]
#[catalog(
    extern_catalog = fleet_catalog::Catalog,
    module = 2,
    code = 1,
    status = 409,
    message = "Cannot place the deployment on node {node_id}",
    suggestion = "Ask for fewer vCPUs or another node"
)]
pub struct PlacementFailedError {
    /// The node asked for.
    #[catalog(detail)]
    pub node_id: u32,
    /// The inventory's code for why.
    #[catalog(detail)]
    pub cause_code: String,
    /// The inventory's error, whole: for the log.
    #[catalog(source)]
    pub cause: RemoteError,
}

/// Raised when the inventory fails in a way the deploy service cannot pass on
///
/// A 502: the deploy service is a gateway to the inventory here. gRPC's
/// table has no 502, so the code states `UNAVAILABLE`: another try later may
/// succeed.
#[derive(Debug, CatalogError)]
#[catalog(
    extern_catalog = fleet_catalog::Catalog,
    module = 2,
    code = 2,
    status = 502,
    grpc = "UNAVAILABLE",
    message = "The inventory could not reserve capacity"
)]
pub struct InventoryUnavailableError {
    /// The inventory's code, when it answered with one.
    #[catalog(detail)]
    pub cause_code: Option<String>,
    /// What failed: for the log.
    #[catalog(source)]
    pub cause: Box<dyn std::error::Error + Send + Sync>,
}

/// How the inventory failed a call.
#[derive(Debug)]
pub enum UpstreamFailure {
    /// With an error of the catalog, read from its body or status.
    Remote(RemoteError),
    /// Without one: no answer, or an answer that is no catalog error.
    Transport(Box<dyn std::error::Error + Send + Sync>),
}

/// How the deploy service answered an error of the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// The inventory's code, passed through to the client.
    PassedThrough,
    /// A code of the deploy service, wrapping the inventory's.
    Wrapped,
}

/// The longest body of the inventory the deploy service reads, in bytes:
/// what `RemoteError::parse` reads.
pub const MAX_UPSTREAM_BODY: usize = error_catalog::client::DEFAULT_MAX_BODY_LEN;

/// How long the deploy service waits for the inventory's whole answer.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(5);

/// The most of an answer's wire text the journal keeps, in bytes.
pub const MAX_WIRE_TEXT: usize = 4096;

/// The code of the fleet's catalog that `remote` carries, written as the
/// catalog writes it; `None` for any string the catalog does not know,
/// which is then never passed on.
#[must_use]
pub fn known_code(remote: &RemoteError) -> Option<&'static str> {
    let code: Code<Catalog> = remote.typed_code()?;
    error_catalog::registry::lookup_code(code).map(error_catalog::Entry::code)
}

/// What the deploy service answers for a failed reservation on `node_id`.
#[must_use]
pub fn answer(node_id: u32, failure: UpstreamFailure) -> (Failure, Handling) {
    match failure {
        UpstreamFailure::Remote(remote) if remote.is::<NodeNotFoundError>() => {
            // The same error, rebuilt from its detail: the same code, status
            // and body as if the deploy service had raised it.
            let node_id = remote
                .detail("node_id")
                .and_then(Value::as_u64)
                .and_then(|id| u32::try_from(id).ok())
                .unwrap_or(node_id);
            (NodeNotFoundError { node_id }.into(), Handling::PassedThrough)
        }
        UpstreamFailure::Remote(remote) if remote.is::<InsufficientCapacityError>() => {
            let cause_code = InsufficientCapacityError::entries()[0].code().to_owned();
            (PlacementFailedError { node_id, cause_code, cause: remote }.into(), Handling::Wrapped)
        }
        UpstreamFailure::Remote(remote) => {
            let cause_code = known_code(&remote).map(str::to_owned);
            (InventoryUnavailableError { cause_code, cause: Box::new(remote) }.into(), Handling::Wrapped)
        }
        UpstreamFailure::Transport(cause) => {
            (InventoryUnavailableError { cause_code: None, cause }.into(), Handling::Wrapped)
        }
    }
}

/// Where the inventory is, and how to speak to it.
#[derive(Debug, Clone)]
pub enum Upstream {
    /// Its HTTP API at `base` (`http://127.0.0.1:8080`).
    Http {
        /// The base URL.
        base: String,
        /// The HTTP client.
        client: reqwest::Client,
    },
    /// Its gRPC API over `channel`.
    Grpc(tonic::transport::Channel),
}

/// What one call to the inventory answered, as the deploy service read it:
/// kept so that the example can show the middle of the exchange.
#[derive(Debug, Clone)]
pub struct UpstreamCall {
    /// `HTTP` or `gRPC`.
    pub transport: &'static str,
    /// The answer as it came: an HTTP status and body, or a gRPC status and
    /// its details, decoded.
    pub wire: String,
    /// The code read from it.
    pub code: String,
    /// The shared type it was recognised as, if any.
    pub recognised: Option<&'static str>,
    /// What the deploy service did with it.
    pub handling: Handling,
}

/// The last [`CAPACITY`](Self::CAPACITY) calls to the inventory that
/// failed, in order; a clone shares them.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    calls: Arc<Mutex<JournalCalls>>,
}

#[derive(Debug, Default)]
struct JournalCalls {
    recorded: usize,
    kept: VecDeque<UpstreamCall>,
}

impl Journal {
    /// How many calls the journal keeps: the oldest goes when one more comes.
    pub const CAPACITY: usize = 64;

    /// Records a failed call, its wire text cut to [`MAX_WIRE_TEXT`] bytes.
    pub fn record(&self, mut call: UpstreamCall) {
        call.wire = cut(call.wire, MAX_WIRE_TEXT);
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        if calls.kept.len() == Self::CAPACITY {
            calls.kept.pop_front();
        }
        calls.kept.push_back(call);
        calls.recorded += 1;
    }

    /// How many failed calls were recorded since the start, kept or not.
    #[must_use]
    pub fn recorded(&self) -> usize {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner).recorded
    }

    /// The `index`th failed call since the start (from 0), while it is kept.
    #[must_use]
    pub fn call(&self, index: usize) -> Option<UpstreamCall> {
        let calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        let first = calls.recorded - calls.kept.len();
        index.checked_sub(first).and_then(|at| calls.kept.get(at)).cloned()
    }

    /// The memory the kept calls' texts hold, in bytes (their strings'
    /// capacities): what the journal costs, whatever the upstream sent.
    #[must_use]
    pub fn held_bytes(&self) -> usize {
        let calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        calls.kept.iter().map(|call| call.wire.capacity() + call.code.capacity()).sum()
    }

    /// The calls kept, oldest first.
    #[must_use]
    pub fn kept(&self) -> Vec<UpstreamCall> {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner).kept.iter().cloned().collect()
    }
}

/// `text` cut to at most `max` bytes at a character boundary, with a marker
/// that says how long it was: a new string, so that the memory of a long
/// text is freed, not kept behind a short one (`truncate` keeps it).
fn cut(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes in all)", &text[..end], text.len())
}

/// Reads the body of `response`, refusing it past `limit` bytes: a
/// declared length over it is not read at all, and a body without one is
/// read chunk by chunk until it passes the limit.
///
/// # Errors
/// When the body is longer than `limit`, or reading it fails.
pub async fn read_bounded(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
    let too_large =
        |len: u64| format!("the inventory's answer has {len} bytes or more, more than the limit of {limit}");
    if let Some(len) = response.content_length().filter(|&len| len > limit as u64) {
        return Err(too_large(len).into());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Err(too_large((body.len() + chunk.len()) as u64).into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

impl Upstream {
    /// `HTTP` or `gRPC`.
    #[must_use]
    pub fn transport(&self) -> &'static str {
        match self {
            Self::Http { .. } => "HTTP",
            Self::Grpc(_) => "gRPC",
        }
    }

    /// Reserves `vcpu` vCPUs on `node_id`, under the client's request id.
    /// Returns the reservation id, or the failure and how it came over the
    /// wire.
    async fn reserve(
        &self,
        node_id: u32,
        vcpu: u32,
        request_id: Option<&str>,
    ) -> Result<String, (UpstreamFailure, String)> {
        let transport = |error: Box<dyn std::error::Error + Send + Sync>| {
            let wire = error.to_string();
            (UpstreamFailure::Transport(error), wire)
        };
        match self {
            Self::Http { base, client } => {
                let mut request = client
                    .post(format!("{base}/v1/reservations"))
                    .json(&serde_json::json!({ "node_id": node_id, "vcpu": vcpu }));
                if let Some(id) = request_id {
                    request = request.header("x-request-id", id);
                }
                let response = request.send().await.map_err(|error| transport(error.into()))?;
                let status = response.status().as_u16();
                let body = read_bounded(response, MAX_UPSTREAM_BODY).await.map_err(transport)?;
                if status == 201 {
                    let reply: Value = serde_json::from_slice(&body).map_err(|error| transport(error.into()))?;
                    return Ok(reply["reservation_id"].as_str().unwrap_or_default().to_owned());
                }
                let wire = format!("{status} {}", String::from_utf8_lossy(&body));
                match RemoteError::parse(status, &body) {
                    Ok(remote) => Err((UpstreamFailure::Remote(remote), wire)),
                    Err(error) => Err((UpstreamFailure::Transport(error.into()), wire)),
                }
            }
            Self::Grpc(channel) => {
                let mut grpc = tonic::client::Grpc::new(channel.clone());
                grpc.ready().await.map_err(|error| transport(error.into()))?;
                let mut request = tonic::Request::new(wire::ReserveRequest { node_id, vcpu });
                if let Some(id) = request_id.and_then(|id| id.parse().ok()) {
                    request.metadata_mut().insert("x-request-id", id);
                }
                let path = http::uri::PathAndQuery::from_static("/fleet.inventory.v1.Inventory/Reserve");
                let codec = tonic_prost::ProstCodec::<wire::ReserveRequest, wire::Reservation>::default();
                match grpc.unary(request, path, codec).await {
                    Ok(reply) => Ok(reply.into_inner().reservation_id),
                    Err(status) => {
                        let wire = describe_status(&status);
                        match RemoteError::from_status(&status) {
                            Ok(remote) => Err((UpstreamFailure::Remote(remote), wire)),
                            Err(_) => Err((UpstreamFailure::Transport(Box::new(status)), wire)),
                        }
                    }
                }
            }
        }
    }
}

/// A status with its details decoded, one per line: what the deploy service
/// received over gRPC.
#[must_use]
pub fn describe_status(status: &tonic::Status) -> String {
    use std::fmt::Write as _;
    use tonic_types::{ErrorDetail, StatusExt as _};

    let code = GrpcCode::from_number(status.code() as i32).unwrap_or(GrpcCode::Unknown);
    let mut text = format!("status {code} ({}), message {:?}", code.number(), status.message());
    for detail in status.get_error_details_vec() {
        match detail {
            ErrorDetail::ErrorInfo(info) => {
                let mut metadata: Vec<_> = info.metadata.into_iter().collect();
                metadata.sort();
                let metadata: Vec<String> =
                    metadata.into_iter().map(|(key, value)| format!("{key}: {value}")).collect();
                let _ = write!(
                    text,
                    "\n  ErrorInfo {{ reason: {:?}, domain: {:?}, metadata: {{ {} }} }}",
                    info.reason,
                    info.domain,
                    metadata.join(", ")
                );
            }
            ErrorDetail::RequestInfo(info) => {
                let _ = write!(text, "\n  RequestInfo {{ request_id: {:?} }}", info.request_id);
            }
            other => {
                let _ = write!(text, "\n  {other:?}");
            }
        }
    }
    text
}

/// The deploy service: its upstream and its journal.
#[derive(Debug, Clone)]
pub struct Deploy {
    /// How it reaches the inventory.
    pub upstream: Upstream,
    /// The failed calls to the inventory.
    pub journal: Journal,
    /// How long it waits for the inventory's answer.
    pub upstream_timeout: Duration,
}

impl Deploy {
    /// A deploy service that reaches the inventory by `upstream`, waits
    /// [`UPSTREAM_TIMEOUT`] for it, and records its failures in `journal`.
    #[must_use]
    pub fn new(upstream: Upstream, journal: Journal) -> Self {
        Self { upstream, journal, upstream_timeout: UPSTREAM_TIMEOUT }
    }
}

/// The inventory did not answer within the deploy service's timeout.
#[derive(Debug)]
pub struct UpstreamTimeout(pub Duration);

impl std::fmt::Display for UpstreamTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the inventory did not answer within {:?}", self.0)
    }
}

impl std::error::Error for UpstreamTimeout {}

/// The JSON body of `POST /v1/deployments`.
#[derive(Debug, serde::Deserialize)]
struct DeployBody {
    node_id: u32,
    vcpu: u32,
}

async fn deploy(
    State(service): State<Deploy>,
    headers: HeaderMap,
    Json(body): Json<DeployBody>,
) -> Result<(StatusCode, Json<Value>), Failure> {
    let request_id = headers.get("x-request-id").and_then(|id| id.to_str().ok());
    let reserve = service.upstream.reserve(body.node_id, body.vcpu, request_id);
    let reserved = if let Ok(reserved) = tokio::time::timeout(service.upstream_timeout, reserve).await {
        reserved
    } else {
        let timeout = UpstreamTimeout(service.upstream_timeout);
        let wire = timeout.to_string();
        Err((UpstreamFailure::Transport(Box::new(timeout)), wire))
    };
    match reserved {
        Ok(reservation_id) => Ok((
            StatusCode::CREATED,
            Json(
                serde_json::json!({ "deployment_id": format!("dep-{reservation_id}"), "reservation_id": reservation_id }),
            ),
        )),
        Err((failure, wire)) => {
            let (code, recognised) = match &failure {
                UpstreamFailure::Remote(remote) => (cut(remote.code().to_owned(), MAX_WIRE_TEXT), recognised(remote)),
                UpstreamFailure::Transport(_) => (String::new(), None),
            };
            let (error, handling) = answer(body.node_id, failure);
            let call = UpstreamCall { transport: service.upstream.transport(), wire, code, recognised, handling };
            service.journal.record(call);
            Err(error)
        }
    }
}

/// The shared type a remote error is, by `is::<T>()`.
fn recognised(remote: &RemoteError) -> Option<&'static str> {
    if remote.is::<NodeNotFoundError>() {
        Some("NodeNotFoundError")
    } else if remote.is::<InsufficientCapacityError>() {
        Some("InsufficientCapacityError")
    } else {
        None
    }
}

/// The HTTP API of the deploy service.
pub fn http_router(service: Deploy) -> axum::Router {
    axum::Router::new()
        .route("/v1/deployments", axum::routing::post(deploy))
        .with_state(service)
        .layer(error_catalog::axum::ErrorLayer::new(error_catalog::http::ErrorResponses::new()))
}

/// Serves the deploy service's HTTP API on `listener`.
///
/// # Errors
/// When the listener fails.
pub async fn serve(listener: tokio::net::TcpListener, service: Deploy) -> std::io::Result<()> {
    axum::serve(listener, http_router(service)).await
}
