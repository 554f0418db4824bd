//! The model: what a catalog is, independent of any wire or server.
//!
//! The code format ([`format`]) and the catalog declared by
//! `#[derive(ErrorCatalog)]` ([`catalog`]), the facts of one code
//! ([`entry`]), a code as a value ([`code`]), the trait every catalog error
//! implements ([`error`]), the reason phrases of HTTP ([`status`]), gRPC's
//! code table ([`grpc_code`]), the program's list of codes ([`registry`]) and
//! the translations of the public messages ([`fluent`]). Nothing here
//! imports a module of another layer.

pub(crate) mod catalog;
pub(crate) mod code;
pub(crate) mod entry;
pub(crate) mod error;
#[cfg(feature = "fluent")]
pub mod fluent;
pub(crate) mod format;
pub(crate) mod grpc_code;
#[cfg(feature = "registry")]
pub mod registry;
pub mod status;
