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
//! assert_eq!(error.class_name(), "InstanceTypeNotFoundError");
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
//! | `code = 4`, `code = -32601`, `code = 0x8007_0005` or `code = "card_declined"` | struct, variant | the code: a number (any `i64` the format can write), or the whole code as text (see [the catalog](#the-catalog)); required |
//! | `module = 1` or `module = "0A"` | struct, enum, variant | the module of a numbered code; a group of a text code (by number or id), whose id must be the code's `{module}` part when the format has one; in a flat catalog, a range group the code must fall in (a flat code is listed under the range that holds it without it); on an enum, the default of its variants |
//! | `status = 409` or `status = none` | struct, enum, variant | HTTP status, 100 to 999; `none` for a code no HTTP answer carries (it then has no status, answers 500 if sent, and needs a `message`); default: the catalog's `default_status` |
//! | `name = "..."` | struct, variant | the class name clients see; default: the type or variant name, without `r#` |
//! | `alias = "..."` | struct, variant | another class name of the same code; repeatable |
//! | `message = "..."` | struct, variant | the public message; `{field}` or `{0}` inserts a field, which must be a `detail`; `{{` and `}}` are braces |
//! | `description = "..."` | struct, variant | default: the first paragraph of the doc comment |
//! | `suggestion = "..."` | struct, variant | what the client can do; repeatable |
//! | `link(url = "...", label = "...")` | struct, variant | documentation; repeatable |
//! | `severity = "warning"` | struct, enum, variant | `error`, `warning`, `info` or `success` ([`Severity`]) |
//! | `retryable = true` | struct, enum, variant | whether the same request may succeed if sent again |
//! | `retry_after = 30` | struct, enum, variant | a fixed delay, 1 to 86400 seconds, after which the same request may succeed: HTTP's `Retry-After`, gRPC's `RetryInfo`; makes the code `retryable`; on an enum, the default of its variants |
//! | `retry_after` | field | the field holds the delay (a `Duration`, whole seconds as `u64`/`u32`/`u16`, or an `Option` of one): [`CatalogError::retry_after`]; makes the code `retryable` |
//! | `grpc = "FAILED_PRECONDITION"` | struct, enum, variant | the gRPC status code; default: the HTTP status's, by [`GrpcCode::of`] |
//! | `reason = "..."` | struct, variant | the `ErrorInfo` reason of gRPC (AIP-193: `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most 63); default: the class name in upper snake case |
//! | `catalog = path` | struct, enum | the catalog to use; default: `crate::Catalog` |
//! | `extern_catalog = path` | struct, enum | a catalog declared in another crate (see below) |
//! | `crate = path` | struct, enum | where `error_catalog` is, for a renamed dependency |
//! | `display = false` | struct, enum | do not implement `Display` and `Error` (see below) |
//! | `detail` or `detail = "name"` | field | the field is public: it goes into the body's `details` and may be shown in the message |
//! | `source` | field | returned by `Error::source` (a field named `source` is one too) |
//!
//! A field the message shows is public, so it must be a `detail`: the
//! derive refuses `message = "Token {token} rejected"` on a private `token`.
//!
//! The catalog's own `domain = "api.example.com"` names the service in the
//! `ErrorInfo` of its gRPC statuses (feature `tonic`, see the `tonic` module).
//!
//! An error without `message` says the reason phrase of its status (`Not
//! Found` for 404, `Conflict` for 409), or `Request failed` for a status that
//! has none (465, for instance): never anything from its fields.
//!
//! # The catalog
//!
//! `#[derive(ErrorCatalog)]` on an enum, whose variants are the modules:
//!
//! | key | meaning |
//! |---|---|
//! | `format = "..."` | how codes are written (below); required |
//! | `default_status = 400` | the status of an error that gives none; default 400 |
//! | `http = false` | a catalog outside HTTP: errors have no status and must have a `message` |
//! | `start = 0` | numbers start at 0 (gRPC's `OK`, SQLSTATE's `00000`, SMTP's `X.0.0`); default 1; a flat catalog may start anywhere, below 0 when its format is an unpadded `{code}` (`start = -32768`, JSON-RPC) |
//! | `api`, `title`, `description` | the text of the published page |
//! | `domain = "..."` | the service that owns the codes, for gRPC's `ErrorInfo` |
//! | `link_template = "https://.../{code}.html"` | each code's documentation page |
//! | `link_check = false` | with feature `link-check`, this catalog's codes make no symbols (see [where the checks happen](#where-the-checks-happen)) |
//! | `crate = path` | where `error_catalog` is |
//!
//! A variant is a module: `#[module(1, name = "...", retired(3, 4),
//! reserved(9))]`; in a catalog of text codes `#[module("0A", name = "...")]`
//! (an id of letters and digits, SQLSTATE's classes); in a catalog of flat
//! codes `#[module(range(-32099, -32000), name = "...",
//! reserved(range(-32099, -32050)))]` (the codes of a range, some of them
//! kept free: a code in a reserved range does not build). On the enum, `#[retired(code = "E0001", successor =
//! "E0005", note = "merged into E0005")]` retires a code of any shape; a
//! retired code stays on the page and is never used again.
//!
//! The format's placeholders: `{code:03}` a number padded to 3 digits (1
//! to 19), `{code}` a number without padding (any `i64` in a flat format,
//! with a `-` when negative; at most 4 digits as a part of a longer code),
//! `{code:X8}` eight upper-case hexadecimal digits (`x8`: lower case; 1 to
//! 15), `{class:A2}` two characters of
//! `0-9A-Z`, `{code:snake_case}` a word in a case (`SCREAMING_SNAKE_CASE`,
//! `PascalCase`, `camelCase`, `kebab-case`). They decide the [`Shape`]:
//!
//! | format | shape | an error says | a code |
//! |---|---|---|---|
//! | `"ERR-{module:02}-{code:03}"` | numbered | `module = 1, code = 4` | `ERR-01-004` |
//! | `"E{code:04}"` | flat | `code = 308` | `E0308` |
//! | `"{code}"`, `start = -32768` | flat | `code = -32601` | `-32601` |
//! | `"0x{code:X8}"`, `start = 0` | flat | `code = 0x8007_0005` | `0x80070005` |
//! | `"{module:A2}{code:A3}"` | text | `module = "0A", code = "0A000"` | `0A000` |
//! | `"{class:A2}{subclass:A3}"` | text | `code = "22P02"` | `22P02` |
//! | `"{class}.{subject}.{detail}"` | text | `code = "5.7.1"` | `5.7.1` |
//! | `"{code:snake_case}"` | text | `code = "card_declined"` | `card_declined` |
//!
//! In a catalog of text codes, modules are groups for the documents, and an
//! error may have none.
//!
//! # Where the checks happen
//!
//! Within a crate, the compiler checks every code: a duplicate is a
//! conflict between two trait impls (E0119) whose labels point at both
//! attributes (a text code is compared through a 128-bit hash of its
//! text); a module the catalog does not declare fails a trait bound with
//! "error module 9 is not declared in catalog `Catalog`"; a code the
//! catalog's format cannot write or read back, a number below the catalog's
//! `start`, a code retired or reserved in the catalog, and a status in a
//! catalog outside HTTP fail constant evaluation with a message that says
//! so, at the attribute. The checks cost nothing at run time.
//!
//! Across crates the compiler cannot help: Rust's orphan rule keeps a crate
//! from implementing the uniqueness trait for another crate's catalog. An
//! error that uses a catalog of another crate says `extern_catalog = path`
//! (the per-crate check is then skipped), and one test of the workspace
//! calls `registry::assert_unique_codes()` (feature `registry`), which
//! names both types and their crates when two of them share a code.
//!
//! With feature `link-check` the linker refuses such a program instead:
//! each code is an exported symbol named after its catalog (crate, version,
//! enum, declaration) and its key, so two crates defining the same code of
//! one catalog make `rust-lld: error: duplicate symbol:
//! error_catalog$shared$1.0.0$Catalog$70878b10$m1c4`, followed by the file
//! and line of both definitions. It is opt-in: the symbols need
//! `#[unsafe(export_name)]`, which `#![forbid(unsafe_code)]` refuses (such a
//! crate's catalog says `link_check = false`). Only the crates the
//! program links are checked; tried on `x86_64-unknown-linux-gnu`.
//!
//! # Features
//!
//! | feature | what it adds |
//! |---|---|
//! | `std` (default) | `std::error::Error`, the stability lock ([`stability`]) and the test helpers ([`testing`]) |
//! | `registry` | every catalog error of the program in one list ([`registry`]): lookup by code, the catalog page and JSON, the uniqueness test across crates |
//! | `http` | the response to an error for any framework on the `http` crate ([`http`]); turned on by `axum` and `actix-web` |
//! | `axum` | every catalog error is an axum response; [`axum::ErrorLayer`](crate::axum) |
//! | `actix-web` | every catalog error is an actix-web `ResponseError` ([`actix_web`]) |
//! | `tower-http` | `axum::ErrorLayer` reads tower-http's `RequestId` |
//! | `metrics` | one counter per answered error |
//! | `fluent` | public messages translated with Fluent ([`fluent`]) |
//! | `problem-json` | RFC 9457 bodies ([`body::Problem`]) |
//! | `client` | any error body or gRPC status read back ([`client`]) |
//! | `templates` | a catalog page of your own layout through minijinja (`render::template`) |
//! | `html` | the static HTML error index, a page per code and a searchable index (`render::site`) |
//! | `serde_json` | the JSON document read back for every renderer (`render::Loaded`) |
//! | `cli` | the `error-catalog` binary: `explain`, `list`, `render`, `diff` over the JSON document |
//! | `utoipa` | OpenAPI responses with an example per code ([`utoipa`]) |
//! | `tonic` | every catalog error is a `tonic::Status` with AIP-193 details ([`tonic`]) |
//! | `anyhow`, `eyre` | [`Failure`] keeps an `anyhow::Error` or an `eyre::Report` whole: their context layers searched, their backtrace logged |
//! | `link-check` | a code defined by two crates of one program fails its link (see above) |
//! | `tracing-error` | the log event of a server error carries the spans around it (`SpanTrace`, with tracing-error's `ErrorLayer`) |
//! | `miette` | every catalog error is a `miette::Diagnostic`: code, documentation URL, help and severity ([`miette`]) |
//! | `jsonrpsee` | every catalog error is a jsonrpsee `ErrorObjectOwned` ([`jsonrpsee`]); `RemoteError` reads one back |
//! | `async-graphql` | every catalog error is an `async_graphql::Error` with its code in `extensions` ([`async_graphql`]) |
//!
//! Without default features the crate is `no_std` with `alloc`.
//!
//! # Map of the modules
//!
//! The source is grouped in layers, each importing only those before it
//! (a test, `tests/layers.rs`, holds the rule). The public modules keep
//! short paths at the root, named as their feature:
//!
//! | layer (`error-core/src/`) | what it holds | public paths |
//! |---|---|---|
//! | `model/` | the code format, the catalog, a code's entry, [`Code`], the [`CatalogError`] trait, HTTP's reason phrases, gRPC's code table, the registry, the translations | the root's types, [`status`], [`registry`], [`fluent`] |
//! | `wire/` | the JSON bodies and the bound of a detail's value, the gRPC wire contract, the reader of any of them | [`body`], [`client`] |
//! | `serve/` | the HTTP answer, the request id and server-error log shared by HTTP and gRPC, one module per framework | [`http`], [`axum`], [`actix_web`], [`tonic`], [`utoipa`], [`jsonrpsee`], [`async_graphql`] |
//! | `render/` | the catalog as documents: Markdown and MDX, the JSON document, templates, TypeScript and Python | [`render`] |
//! | `check/` | the stability lock and the test helpers | [`stability`], [`testing`] |
//!
//! The derives' output calls only `__private`, which is not public API.
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
//!
//! # A field whose `Display` fails
//!
//! The derived `Display` keeps std's contract: it passes on the
//! `fmt::Error` of a field, so `to_string()` panics, as std's does for any
//! `Display` that fails. Everything of this crate that writes a message
//! writes into its own buffer instead, and never panics: `message()` is the
//! text written until the field failed, and the bodies, the translations
//! and the log event say that text.
//!
//! ```
//! # use error_catalog::{ErrorCatalog, CatalogError};
//! # #[derive(ErrorCatalog)]
//! # #[catalog(format = "ERR-{module:02}-{code:03}")]
//! # enum Catalog { #[module(1, name = "Hosts")] Hosts }
//! #[derive(Debug)]
//! struct Host;
//!
//! impl serde::Serialize for Host {
//!     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
//!         serializer.collect_str(self)
//!     }
//! }
//!
//! impl std::fmt::Display for Host {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         f.write_str("web")?;
//!         Err(std::fmt::Error)
//!     }
//! }
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 1, code = 1, status = 503, message = "Host {host} is down")]
//! struct HostDownError {
//!     #[catalog(detail)]
//!     host: Host,
//! }
//!
//! # fn main() {
//! let error = HostDownError { host: Host };
//! assert_eq!(error.message(), "Host web"); // what was written, no panic
//! assert!(std::panic::catch_unwind(|| error.to_string()).is_err()); // std's contract
//! # }
//! ```
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

// The layers, lowest first: each imports only the ones above it in this
// list. Their public modules are re-exported below, at the crate's root.
#[cfg(feature = "std")]
mod check;
mod model;
pub mod render;
mod serve;
mod wire;

#[doc(hidden)]
pub mod __private;

#[cfg(feature = "std")]
pub use check::stability;
#[cfg(feature = "std")]
pub use check::testing;
#[cfg(feature = "fluent")]
pub use model::fluent;
#[cfg(feature = "registry")]
pub use model::registry;
pub use model::status;
#[cfg(feature = "actix-web")]
pub use serve::actix_web;
#[cfg(feature = "async-graphql")]
pub use serve::async_graphql;
#[cfg(feature = "axum")]
pub use serve::axum;
#[cfg(feature = "http")]
pub use serve::http;
#[cfg(feature = "jsonrpsee")]
pub use serve::jsonrpsee;
#[cfg(feature = "miette")]
pub use serve::miette;
#[cfg(feature = "tonic")]
pub use serve::tonic;
#[cfg(feature = "utoipa")]
pub use serve::utoipa;
pub use wire::body;
#[cfg(feature = "client")]
pub use wire::client;
#[cfg(any(feature = "http", feature = "client", feature = "utoipa"))]
pub use wire::formats;

pub use model::catalog::{CatalogInfo, ErrorCatalog, ModuleInfo, PageInfo, RetiredCode};
#[cfg(feature = "registry")]
pub use model::chain::{Found, MAX_LINKS, find_in_chain};
pub use model::code::Code;
pub use model::entry::{Detail, DetailValue, DocUrl, Entry, Link, MessageTemplate, Piece, Severity};
pub use model::error::{CatalogError, PublicMessage};
#[cfg(feature = "registry")]
pub use model::failure::Failure;
pub use model::format::{Case, CodeFormat, CodeText, MAX_CODE_LEN, ParseCodeError, Segment, Shape};
pub use model::grpc_code::GrpcCode;

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
