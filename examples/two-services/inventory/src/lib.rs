//! The first service: the inventory of nodes. It reserves vCPUs on a node
//! and answers the same errors over HTTP (`POST /v1/reservations`, axum)
//! and over gRPC (`fleet.inventory.v1.Inventory/Reserve`, tonic): the types
//! of the shared `fleet-catalog` crate, and one of its own.
//!
//! The nodes: node 1 has 8 free vCPUs, node 2 is being drained, no other
//! exists.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use error_catalog::CatalogError;
use fleet_catalog::{Catalog, InsufficientCapacityError, NodeNotFoundError};
use tonic::codegen::http;

/// The messages of `proto/inventory.proto`, as protoc would generate them.
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

/// Raised when a node is being drained for maintenance
///
/// Only the inventory raises it, so it lives here, not in the shared crate:
/// its code is in the shared catalog, and a client that does not know the
/// type still reads the code.
#[derive(Debug, CatalogError)]
#[catalog(
    extern_catalog = fleet_catalog::Catalog,
    module = 1,
    code = 3,
    status = 503,
    message = "Node {node_id} is being drained"
)]
pub struct NodeDrainingError {
    /// The node.
    #[catalog(detail)]
    pub node_id: u32,
    /// The maintenance ticket: internal, never in an answer.
    pub ticket: String,
}

/// Any error of the fleet's catalog.
pub type AnyError = Box<dyn CatalogError<Catalog = Catalog> + Send + Sync>;

/// The nodes and their free vCPUs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inventory;

impl Inventory {
    /// Reserves `vcpu` vCPUs on node `node_id`.
    ///
    /// # Errors
    /// [`NodeNotFoundError`], [`InsufficientCapacityError`] or
    /// [`NodeDrainingError`].
    pub fn reserve(self, node_id: u32, vcpu: u32) -> Result<wire::Reservation, AnyError> {
        const FREE_VCPU: u32 = 8;
        match node_id {
            1 if vcpu <= FREE_VCPU => Ok(wire::Reservation { reservation_id: format!("rsv-{node_id}-{vcpu}") }),
            1 => Err(Box::new(InsufficientCapacityError { node_id, requested_vcpu: vcpu, available_vcpu: FREE_VCPU })),
            2 => Err(Box::new(NodeDrainingError { node_id, ticket: "OPS-4411".into() })),
            _ => Err(Box::new(NodeNotFoundError { node_id })),
        }
    }
}

/// The JSON body of `POST /v1/reservations`.
#[derive(Debug, serde::Deserialize)]
struct ReserveBody {
    node_id: u32,
    vcpu: u32,
}

async fn reserve(
    State(inventory): State<Inventory>,
    Json(body): Json<ReserveBody>,
) -> Result<(StatusCode, Json<serde_json::Value>), AnyError> {
    let reservation = inventory.reserve(body.node_id, body.vcpu)?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "reservation_id": reservation.reservation_id }))))
}

/// The HTTP API; catalog errors answer with their bodies, request ids from
/// `X-Request-ID`.
pub fn http_router() -> axum::Router {
    axum::Router::new()
        .route("/v1/reservations", axum::routing::post(reserve))
        .with_state(Inventory)
        .layer(error_catalog::axum::ErrorLayer::new(error_catalog::http::ErrorResponses::new()))
}

/// Serves the HTTP API on `listener`.
///
/// # Errors
/// When the listener fails.
pub async fn serve_http(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, http_router()).await
}

/// Serves the gRPC API on `listener`; catalog errors answer with their
/// statuses, request ids from the `x-request-id` metadata.
///
/// # Errors
/// When the server fails.
pub async fn serve_grpc(listener: tokio::net::TcpListener) -> Result<(), tonic::transport::Error> {
    tonic::transport::Server::builder()
        .layer(error_catalog::tonic::ErrorLayer::new())
        .add_service(InventoryGrpc)
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener))
        .await
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// The gRPC service, routed by path as tonic's generated servers do.
#[derive(Debug, Clone, Copy)]
pub struct InventoryGrpc;

impl tonic::server::NamedService for InventoryGrpc {
    const NAME: &'static str = "fleet.inventory.v1.Inventory";
}

impl tonic::codegen::Service<http::Request<tonic::body::Body>> for InventoryGrpc {
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        if request.uri().path() != "/fleet.inventory.v1.Inventory/Reserve" {
            return Box::pin(async { Ok(tonic::Status::unimplemented("no such method").into_http()) });
        }
        let codec = tonic_prost::ProstCodec::<wire::Reservation, wire::ReserveRequest>::default();
        let mut grpc = tonic::server::Grpc::new(codec);
        Box::pin(async move { Ok(grpc.unary(Reserve, request).await) })
    }
}

/// The `Reserve` method.
#[derive(Debug, Clone, Copy)]
struct Reserve;

impl tonic::server::UnaryService<wire::ReserveRequest> for Reserve {
    type Response = wire::Reservation;
    type Future = BoxFuture<Result<tonic::Response<wire::Reservation>, tonic::Status>>;

    fn call(&mut self, request: tonic::Request<wire::ReserveRequest>) -> Self::Future {
        let wire::ReserveRequest { node_id, vcpu } = request.into_inner();
        // The status of the error, with the call's request id (the layer's).
        let reply = Inventory
            .reserve(node_id, vcpu)
            .map(tonic::Response::new)
            .map_err(|error| error_catalog::tonic::status(&*error));
        Box::pin(async move { reply })
    }
}
