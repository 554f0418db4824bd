//! Stable public error codes, checked by the compiler.
//!
//! A public API promises codes such as `ERR-01-004`, each with a class name,
//! an HTTP status, a public message and a description. `error-catalog` makes
//! that catalog a property of the types: declare the catalog once with
//! [`derive(ErrorCatalog)`](macro@ErrorCatalog), annotate each error with
//! [`derive(CatalogError)`](macro@CatalogError), and the compiler rejects a
//! code used twice anywhere in the crate, a module the catalog does not
//! declare, a number too wide for the format, or a message naming no field.
//!
//! ```
//! use error_catalog::{ErrorCatalog, CatalogError};
//!
//! // Once per crate: the code format, the default status and the modules.
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
//! pub enum Catalog {
//!     #[module(1, name = "CVM API / Preflight")]
//!     Preflight,
//!     #[module(2, name = "Inventory")]
//!     Inventory,
//! }
//!
//! /// Raised when a CVM name already exists in the workspace
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 1, code = 4, status = 409,
//!           message = "A CVM with name '{name}' already exists")]
//! pub struct DuplicateCvmNameError {
//!     #[catalog(detail)]
//!     pub name: String,
//! }
//!
//! // Enums: one code per variant, the module given once.
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 2, status = 404)]
//! pub enum InventoryError {
//!     /// Raised when a requested instance type is not found.
//!     #[catalog(code = 1, name = "InstanceTypeNotFoundError",
//!               message = "The requested instance type does not exist")]
//!     InstanceTypeNotFound { instance_type: String },
//! }
//!
//! # fn main() {
//! let error = DuplicateCvmNameError { name: "web-1".into() };
//! assert_eq!(error.code_str(), "ERR-01-004");
//! assert_eq!(error.status(), 409);
//! assert_eq!(error.to_string(), "A CVM with name 'web-1' already exists");
//!
//! let error = InventoryError::InstanceTypeNotFound { instance_type: "tdx.huge".into() };
//! assert_eq!(error.code_str(), "ERR-02-001");
//! assert_eq!(error.name(), "InstanceTypeNotFoundError");
//! assert_eq!(error.catalog_description(), "Raised when a requested instance type is not found.");
//! # }
//! ```
//!
//! # The attributes
//!
//! On an error struct, or on an enum and its variants:
//!
//! | key | where | meaning |
//! |---|---|---|
//! | `module = 1` | struct, enum, variant | the catalog module; on an enum, the default of its variants |
//! | `code = 4` | struct, variant | the code number within the module; required |
//! | `status = 409` | struct, enum, variant | HTTP status, 100 to 999; default: the catalog's `default_status` |
//! | `name = "..."` | struct, variant | the class name clients see; default: the type or variant name |
//! | `message = "..."` | struct, variant | the public message; `{field}` or `{0}` inserts a field, `{{` and `}}` are braces |
//! | `description = "..."` | struct, variant | default: the first paragraph of the doc comment |
//! | `suggestion = "..."` | struct, variant | what the client can do; repeatable |
//! | `link(url = "...", label = "...")` | struct, variant | documentation; repeatable |
//! | `catalog = path` | struct, enum | the catalog to use; default: `crate::Catalog` |
//! | `extern_catalog = path` | struct, enum | a catalog declared in another crate (see below) |
//! | `crate = path` | struct, enum | where `error_catalog` is, for a renamed dependency |
//! | `display = false` | struct, enum | do not implement `Display` and `Error` (see below) |
//! | `detail` or `detail = "name"` | field | the field goes into the public body's `details` |
//! | `source` | field | returned by `Error::source` (a field named `source` is one too) |
//!
//! An error without `message` says the reason phrase of its status (`Not
//! Found` for 404, `Conflict` for 409), or `Request failed` for a status that
//! has none (465, for instance): never anything from its fields.
//!
//! # Where the checks happen
//!
//! Within a crate, the compiler checks every code: a duplicate is a
//! conflict between two trait impls (E0119) whose labels point at both
//! attributes; a module the catalog does not declare fails a trait bound
//! with "error module 9 is not declared in catalog `Catalog`"; a code wider
//! than the format, or retired or reserved in the catalog, fails constant
//! evaluation with a message that says so. The checks cost nothing at run
//! time.
//!
//! Across crates the compiler cannot help: Rust's orphan rule keeps a crate
//! from implementing the uniqueness trait for another crate's catalog. An
//! error that uses a catalog of another crate says `extern_catalog = path`
//! (the per-crate check is then skipped), and one test of the workspace
//! calls `registry::assert_unique_codes()` (feature `registry`), which
//! names both types and their crates when two of them share a code.
//!
//! # Beside `thiserror`
//!
//! The derive implements `Display` (the public message) and `Error`. A type
//! that derives `thiserror::Error` for its internal message says
//! `#[catalog(display = false)]`; its public message stays the catalog's:
//!
//! ```
//! # use error_catalog::{ErrorCatalog, CatalogError};
//! # #[derive(ErrorCatalog)]
//! # #[catalog(format = "ERR-{module:02}-{code:03}")]
//! # enum Catalog { #[module(3, name = "CVM Operations")] Ops }
//! #[derive(Debug, thiserror::Error, CatalogError)]
//! #[error("database lookup of CVM {id} failed")]
//! #[catalog(module = 3, code = 1, status = 404, display = false,
//!           message = "The requested CVM was not found")]
//! struct CvmNotFoundError {
//!     id: u64,
//! }
//!
//! # fn main() {
//! let error = CvmNotFoundError { id: 7 };
//! assert_eq!(error.to_string(), "database lookup of CVM 7 failed"); // for logs
//! assert_eq!(error.message(), "The requested CVM was not found"); // for clients
//! # }
//! ```
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
pub mod body;
mod catalog;
#[cfg(feature = "client")]
pub mod client;
mod code;
mod entry;
mod error;
#[cfg(feature = "fluent")]
pub mod fluent;
mod format;
mod grpc;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "registry")]
pub mod registry;
pub mod render;
#[cfg(feature = "std")]
pub mod stability;
pub mod status;
#[cfg(feature = "std")]
pub mod testing;

#[doc(hidden)]
pub mod __private;

pub use catalog::{CatalogInfo, ErrorCatalog, ModuleInfo, PageInfo, RetiredCode};
pub use code::Code;
pub use entry::{Detail, DetailValue, Entry, Link, MessageTemplate, Piece, Severity};
pub use error::{CatalogError, PublicMessage};
pub use format::{Case, CodeFormat, CodeText, MAX_CODE_LEN, ParseCodeError, Segment, Shape};
pub use grpc::GrpcCode;

/// Implements [`trait@CatalogError`], `Display` and `Error` from
/// `#[catalog(...)]` attributes. See the [crate documentation](crate).
pub use error_catalog_macros::CatalogError;
/// Declares a crate's catalog: `#[derive(ErrorCatalog)]` on an enum whose variants
/// are the modules. See [`trait@ErrorCatalog`].
pub use error_catalog_macros::ErrorCatalog;

/// The README's examples, compiled and run as doctests.
// This package's README, not the repository's: a packaged crate holds only
// its own folder. tests/newcomer/run.sh checks that both quick starts agree.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
