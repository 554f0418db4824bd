//! The wire: what a catalog error looks like outside the program, written
//! and read back.
//!
//! The JSON bodies ([`body`]), the formats an application answers in
//! ([`formats`]), the bound on a detail's value ([`bounded`]),
//! the contract of a gRPC status's details ([`grpc`]) and of a JSON-RPC
//! error object's data ([`jsonrpc`]), the details as one object for the
//! error objects of JSON-RPC and GraphQL ([`detail_map`]), and the reader of
//! any of them ([`client`]). The wire uses the model and nothing above it.

pub mod body;
pub(crate) mod bounded;
#[cfg(feature = "client")]
mod budget;
#[cfg(feature = "client")]
pub mod client;
#[cfg(any(feature = "jsonrpsee", feature = "async-graphql"))]
pub(crate) mod detail_map;
#[cfg(any(feature = "http", feature = "client", feature = "utoipa"))]
pub mod formats;
#[cfg(any(feature = "http", feature = "client", feature = "utoipa"))]
pub(crate) mod grpc;
#[cfg(feature = "client")]
pub(crate) mod jsonrpc;
pub(crate) mod public;
