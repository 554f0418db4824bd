//! The catalog of the fleet: its code format, its modules, and the errors
//! that cross from one service to another. Both services depend on this
//! crate; a client of the inventory recognises these types in what the
//! inventory answers (`RemoteError::is::<NodeNotFoundError>()`), over HTTP
//! and over gRPC alike.
//!
//! Each service adds the errors only it raises in its own crate, with
//! `extern_catalog = fleet_catalog::Catalog`: the compiler checks codes
//! within a crate, and `registry::assert_unique_codes()` across the three.

use error_catalog::{CatalogError, ErrorCatalog};

/// The fleet's catalog: module 1 belongs to the inventory service, module 2
/// to the deploy service.
#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400, api = "Fleet API", domain = "fleet.example.com")]
pub enum Catalog {
    /// Module 01: nodes and their capacity (the inventory service).
    #[module(1, name = "Inventory")]
    Inventory,
    /// Module 02: deployments (the deploy service).
    #[module(2, name = "Deployments")]
    Deployments,
}

/// Raised when no node has the requested id
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 404, message = "Node {node_id} does not exist")]
pub struct NodeNotFoundError {
    /// The node the request named.
    #[catalog(detail)]
    pub node_id: u32,
}

/// Raised when a node has fewer free vCPUs than requested
///
/// HTTP 409 (the request conflicts with the node's state), but not gRPC's
/// `ALREADY_EXISTS`, which the HTTP table gives 409 and which says that an
/// entity the call creates exists already: nothing exists here. The code
/// states `FAILED_PRECONDITION`, the node is not in the state the call
/// needs, and `google/rpc/code.proto` says a client should not retry it
/// until that state changes (ask for fewer vCPUs or another node).
/// `RESOURCE_EXHAUSTED` would name the lack too, but it is the code of
/// quotas and rate limits (HTTP 429), which gRPC clients retry with backoff,
/// and the same call on the same node keeps failing.
#[derive(Debug, CatalogError)]
#[catalog(
    module = 1,
    code = 2,
    status = 409,
    grpc = "FAILED_PRECONDITION",
    message = "Node {node_id} has {available_vcpu} free vCPUs, {requested_vcpu} requested"
)]
pub struct InsufficientCapacityError {
    /// The node asked.
    #[catalog(detail)]
    pub node_id: u32,
    /// What the request asked for.
    #[catalog(detail)]
    pub requested_vcpu: u32,
    /// What the node has free.
    #[catalog(detail)]
    pub available_vcpu: u32,
}
