//! The model: what a catalog is, independent of any wire or server.
//!
//! The code format ([`format`]) and the catalog declared by
//! `#[derive(ErrorCatalog)]` ([`catalog`]), the facts of one code
//! ([`entry`]), a code as a value ([`code`]), the trait every catalog error
//! implements ([`error`]), the reason phrases of HTTP ([`status`]), gRPC's
//! code table ([`grpc_code`]), the program's list of codes ([`registry`]), the search of a chain of
//! errors for a catalog error (`chain`, `failure`) and
//! the translations of the public messages ([`fluent`]). Nothing here
//! imports a module of another layer.

pub(crate) mod catalog;
#[cfg(feature = "registry")]
pub(crate) mod chain;
pub(crate) mod code;
pub(crate) mod entry;
pub(crate) mod error;
#[cfg(feature = "registry")]
pub(crate) mod failure;
#[cfg(feature = "fluent")]
pub mod fluent;
pub(crate) mod format;
pub(crate) mod grpc_code;
#[cfg(feature = "registry")]
pub mod registry;
pub mod status;
