//! The contract of a catalog error carried by a JSON-RPC 2.0 error object,
//! shared by the writer ([`jsonrpsee`](crate::jsonrpsee)) and the reader
//! ([`RemoteError::parse_jsonrpc`](crate::client::RemoteError::parse_jsonrpc)):
//!
//! ```json
//! {"code": 4, "message": "A CVM with name 'web' already exists",
//!  "data": {"error_code": "ERR-01-004", "status": 409, "details": {"name": "web"}}}
//! ```
//!
//! `code` is the entry's number when it is a JSON-RPC integer (an `i32`)
//! and the catalog's codes are numbers, else [`SERVER_ERROR_CODE`];
//! `message` the public message; `data` the catalog code, the HTTP status
//! when the catalog has statuses, and the details (field → value, each
//! within [`DetailLimits::DEFAULT`](crate::body::DetailLimits::DEFAULT), `null` past it), when there are any.

#[cfg(feature = "jsonrpsee")]
use serde_json::{Map, Value};
#[cfg(feature = "jsonrpsee")]
use std::string::ToString;

#[cfg(feature = "jsonrpsee")]
use crate::model::entry::Entry;
#[cfg(feature = "jsonrpsee")]
use crate::model::error::CatalogError;
#[cfg(feature = "jsonrpsee")]
use crate::model::format::Shape;

/// The integer code of an error whose code is not a JSON-RPC integer (a
/// text code, or a number outside `i32`): `-32000`, the first of the
/// "server error" codes that JSON-RPC 2.0 leaves to implementations.
#[cfg(feature = "jsonrpsee")]
pub const SERVER_ERROR_CODE: i32 = -32000;

/// The member of `data` that holds the catalog code.
pub(crate) const ERROR_CODE_KEY: &str = "error_code";
/// The member of `data` that holds the HTTP status.
pub(crate) const STATUS_KEY: &str = "status";
/// The member of `data` that holds the details.
pub(crate) const DETAILS_KEY: &str = "details";

/// The integer `code` of an entry's error object.
#[cfg(feature = "jsonrpsee")]
pub(crate) fn code(entry: &Entry) -> i32 {
    match entry.catalog().format().shape() {
        Shape::Text => SERVER_ERROR_CODE,
        Shape::Numbered | Shape::Flat => i32::try_from(entry.number()).unwrap_or(SERVER_ERROR_CODE),
    }
}

/// The `data` of an error's object: only its public members. Never fails:
/// a detail that cannot be written within its limits is `null`, and of two
/// details of the same name the first is kept.
#[cfg(feature = "jsonrpsee")]
pub(crate) fn data<E: CatalogError + ?Sized>(error: &E) -> Value {
    let entry = error.entry();
    let mut data = Map::new();
    data.insert(ERROR_CODE_KEY.to_string(), Value::String(entry.code().to_string()));
    if let Some(status) = entry.http_status() {
        data.insert(STATUS_KEY.to_string(), Value::from(status));
    }
    if !entry.details().is_empty() {
        data.insert(DETAILS_KEY.to_string(), Value::Object(crate::wire::detail_map::detail_map(error)));
    }
    data.into()
}
