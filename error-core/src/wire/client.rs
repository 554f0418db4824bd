//! The client side: any error body back into a typed remote error.
//!
//! [`RemoteError::parse`] reads the flat body and RFC 9457 problem
//! documents alike, keeps codes it does not know (a newer server may send
//! them), and never panics, whatever the bytes: what it cannot read is a
//! [`ParseBodyError`]. It reads at most [`DEFAULT_MAX_BODY_LEN`] bytes (1 MiB)
//! unless told otherwise, and JSON nested at most 127 levels deep.
//!
//! ```
//! use error_catalog::client::RemoteError;
//!
//! let body = br#"{"error_code": "ERR-01-004", "message": "A CVM with name 'web' already exists",
//!                 "details": [{"field": "name", "value": "web", "message": null}]}"#;
//! let error = RemoteError::parse(409, body)?;
//! assert_eq!(error.code(), "ERR-01-004");
//! assert_eq!(error.status(), 409);
//! assert_eq!(error.details()[0].field, "name");
//! assert_eq!(error.details()[0].value, serde_json::json!("web"));
//! # Ok::<(), error_catalog::client::ParseBodyError>(())
//! ```

use std::fmt;
use std::string::{String, ToString};
use std::vec::Vec;

use serde_json::{Map, Value};

use crate::model::error::CatalogError;
use crate::model::grpc_code::GrpcCode;
use crate::wire::budget::{self, Budget};

/// An error a server answered with, as its body (or its gRPC status) says.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteError {
    status: u16,
    grpc_code: Option<GrpcCode>,
    jsonrpc_code: Option<i32>,
    code: String,
    message: String,
    request_id: Option<String>,
    details: Vec<RemoteDetail>,
    suggestions: Vec<String>,
    links: Vec<RemoteLink>,
    retry_after: Option<core::time::Duration>,
}

/// A `details` item: a field of the error, its value, and an optional message.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteDetail {
    /// The field's name.
    pub field: String,
    /// Its value, any JSON.
    pub value: Value,
    /// A message about this field, when the server gave one.
    pub message: Option<String>,
}

/// A `links` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteLink {
    /// Where it points.
    pub url: String,
    /// Its text.
    pub label: String,
}

/// Why a body is not an error body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseBodyError {
    /// The body is not JSON.
    NotJson,
    /// The body is JSON but not an object.
    NotAnObject,
    /// A required key is missing: `error_code`, or `message` (`detail` in a
    /// problem document).
    Missing(&'static str),
    /// A key has a value of the wrong type.
    WrongType(&'static str),
    /// The body is longer than the parser's limit
    /// ([`DEFAULT_MAX_BODY_LEN`] unless [`RemoteError::parse_with_limit`]
    /// says otherwise); it was not read.
    TooLarge {
        /// The body's length, in bytes.
        len: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The details of a gRPC status are not a `google.rpc.Status` message.
    NotStatusDetails,
    /// Reading the body would take more memory than its budget,
    /// [`decode_budget`] of its length; it was not read further.
    OverBudget {
        /// The budget, in bytes.
        budget: usize,
    },
    /// A list of the body (`details`, `suggestions`, `links`; a gRPC
    /// status's details, or the items of one) has more items than
    /// [`MAX_ITEMS`] ([`MAX_STATUS_DETAILS`] for a status's details).
    TooMany {
        /// The list.
        key: &'static str,
        /// The most items it may have.
        limit: usize,
    },
    /// The format has no reader ([`WireFormat::read`](crate::formats::WireFormat::read)
    /// was not written).
    NoReader,
    /// The body is not in the format's own syntax (XML for
    /// [`S3`](crate::formats::s3::S3)).
    Malformed(&'static str),
}

/// The most items of each list a reader keeps: `details`, `suggestions` and
/// `links` of a body; the items of each detail of a gRPC status (the
/// metadata of an `ErrorInfo`, the links of a `Help`, ...).
pub const MAX_ITEMS: usize = 256;

/// The most details (`Any` messages) of a gRPC status a reader decodes.
pub const MAX_STATUS_DETAILS: usize = 16;

/// The memory a reader may take to decode `len` bytes: four times their
/// length, and 256 KiB for the small bodies whose fixed costs dominate.
/// Charged while it decodes: a body that would cost more is
/// [`ParseBodyError::OverBudget`] before it costs it.
///
/// ```
/// assert_eq!(error_catalog::client::decode_budget(1024), 4 * 1024 + 256 * 1024);
/// ```
#[must_use]
pub const fn decode_budget(len: usize) -> usize {
    len.saturating_mul(4).saturating_add(256 * 1024)
}

/// The longest body [`RemoteError::parse`] reads: 1 MiB. Reading JSON
/// costs several times its length in memory, so a parser that reads
/// whatever it is given can be made to hold gigabytes.
pub const DEFAULT_MAX_BODY_LEN: usize = 1024 * 1024;

impl fmt::Display for ParseBodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson => f.write_str("the error body is not JSON"),
            Self::NotAnObject => f.write_str("the error body is not a JSON object"),
            Self::Missing(key) => write!(f, "the error body has no `{key}`"),
            Self::WrongType(key) => write!(f, "the error body's `{key}` has the wrong type"),
            Self::TooLarge { len, limit } => {
                write!(f, "the error body has {len} bytes, more than the limit of {limit}")
            }
            Self::NotStatusDetails => f.write_str("the status details are not a google.rpc.Status"),
            Self::OverBudget { budget } => {
                write!(f, "the error body would take more than {budget} bytes of memory to read")
            }
            Self::TooMany { key, limit } => write!(f, "the error body's `{key}` has more than {limit} items"),
            Self::NoReader => f.write_str("the body format has no reader"),
            Self::Malformed(what) => write!(f, "the error body is malformed: {what}"),
        }
    }
}

impl std::error::Error for ParseBodyError {}

impl RemoteError {
    /// Reads the body of a response with `status`: the flat body
    /// (`error_code`, `message`, ...), the same wrapped in `detail`
    /// (`{"detail": {"error_code": ...}}`), or an RFC 9457 problem document
    /// (`detail`, with the `error_code` extension member).
    ///
    /// Reads at most [`DEFAULT_MAX_BODY_LEN`] bytes (see
    /// [`parse_with_limit`](Self::parse_with_limit)), and JSON nested at
    /// most 127 levels deep (`serde_json`'s recursion limit, which keeps the
    /// parser off the end of the stack); a deeper body is
    /// [`ParseBodyError::NotJson`].
    ///
    /// # Errors
    /// A [`ParseBodyError`] when the bytes are not such a body.
    pub fn parse(status: u16, body: &[u8]) -> Result<Self, ParseBodyError> {
        Self::parse_with_limit(status, body, DEFAULT_MAX_BODY_LEN)
    }

    /// As [`parse`](Self::parse), for a body of at most `max_len` bytes.
    ///
    /// ```
    /// use error_catalog::client::{ParseBodyError, RemoteError};
    ///
    /// let body = br#"{"error_code": "ERR-01-004", "message": "taken"}"#;
    /// assert!(RemoteError::parse_with_limit(409, body, 64).is_ok());
    /// assert_eq!(
    ///     RemoteError::parse_with_limit(409, body, 16),
    ///     Err(ParseBodyError::TooLarge { len: body.len(), limit: 16 })
    /// );
    /// ```
    ///
    /// # Errors
    /// [`ParseBodyError::TooLarge`] for a longer body, and those of
    /// [`parse`](Self::parse).
    pub fn parse_with_limit(status: u16, body: &[u8], max_len: usize) -> Result<Self, ParseBodyError> {
        if body.len() > max_len {
            return Err(ParseBodyError::TooLarge { len: body.len(), limit: max_len });
        }
        let budget = Budget::new(decode_budget(body.len()));
        let value = budget::from_slice(body, &budget)
            .map_err(|_| over_budget_or(&budget, body.len(), ParseBodyError::NotJson))?;
        let Value::Object(object) = value else {
            return Err(ParseBodyError::NotAnObject);
        };
        Self::from_object(status, object)
    }

    /// The error an object of an error body says, the body read.
    fn from_object(status: u16, mut object: Map<String, Value>) -> Result<Self, ParseBodyError> {
        // FastAPI-style services wrap the body in `detail`:
        // `{"detail": {"error_code": ..., "message": ...}}`.
        let nested = matches!(object.get("detail"),
            Some(Value::Object(inner)) if !object.contains_key("error_code") && inner.contains_key("error_code"));
        if nested && let Some(Value::Object(inner)) = object.remove("detail") {
            object = inner;
        }
        let code = required_string(&object, "error_code")?;
        let message = match optional_string(&object, "message")? {
            Some(message) => message,
            None => optional_string(&object, "detail")?.ok_or(ParseBodyError::Missing("message"))?,
        };
        Ok(Self {
            request_id: optional_string(&object, "request_id")?,
            details: array(&object, "details", |item| {
                let Value::Object(item) = item else { return Err(ParseBodyError::WrongType("details")) };
                RemoteDetail::from_object(item)
            })?,
            suggestions: array(&object, "suggestions", |item| match item {
                Value::String(text) => Ok(text.clone()),
                _ => Err(ParseBodyError::WrongType("suggestions")),
            })?,
            links: array(&object, "links", |item| {
                let Value::Object(item) = item else { return Err(ParseBodyError::WrongType("links")) };
                RemoteLink::from_object(item)
            })?,
            ..Self::new(status, code, message)
        })
    }

    /// Reads `answer` in `format`, the body format of the server's
    /// application: the reader side of [`WireFormat`](crate::formats::WireFormat).
    /// Reads at most [`DEFAULT_MAX_BODY_LEN`] bytes.
    ///
    /// ```
    /// use error_catalog::client::{Answer, RemoteError};
    /// use error_catalog::formats::Flat;
    ///
    /// let body = br#"{"error_code": "ERR-01-004", "message": "taken"}"#;
    /// let error = RemoteError::read(&Flat, &Answer::new(409, body))?;
    /// assert_eq!((error.code(), error.message()), ("ERR-01-004", "taken"));
    /// # Ok::<(), error_catalog::client::ParseBodyError>(())
    /// ```
    ///
    /// # Errors
    /// [`ParseBodyError::TooLarge`] for a longer body, and those of the
    /// format's reader.
    pub fn read(format: &dyn crate::formats::WireFormat, answer: &Answer<'_>) -> Result<Self, ParseBodyError> {
        if answer.body.len() > DEFAULT_MAX_BODY_LEN {
            return Err(ParseBodyError::TooLarge { len: answer.body.len(), limit: DEFAULT_MAX_BODY_LEN });
        }
        format.read(answer)
    }

    /// What every reader starts from: the status, the code and the message;
    /// a format's reader adds the rest with the `with_*` methods.
    #[must_use]
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            status,
            grpc_code: None,
            jsonrpc_code: None,
            code: code.into(),
            message: message.into(),
            request_id: None,
            details: Vec::new(),
            suggestions: Vec::new(),
            links: Vec::new(),
            retry_after: None,
        }
    }

    /// Sets the request id.
    #[must_use]
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    /// Sets the details.
    #[must_use]
    pub fn with_details(mut self, details: Vec<RemoteDetail>) -> Self {
        self.details = details;
        self
    }

    /// Sets the links.
    #[must_use]
    pub fn with_links(mut self, links: Vec<RemoteLink>) -> Self {
        self.links = links;
        self
    }

    /// Sets the suggestions.
    #[must_use]
    pub fn with_suggestions(mut self, suggestions: Vec<String>) -> Self {
        self.suggestions = suggestions;
        self
    }

    /// Reads a gRPC status as the `tonic` feature writes it (see
    /// [`crate::tonic`]): the code from the `errorCode` metadata of its
    /// `ErrorInfo`, the message from `Status.message`, each other metadata
    /// key as a detail (its value read as JSON text, or kept as a string
    /// when it is not JSON), the request id from `RequestInfo`, the links
    /// from `Help`. The status is the HTTP status that `google/rpc/code.proto`
    /// gives the gRPC code ([`GrpcCode::http_status`]); the gRPC code is
    /// [`grpc_code`](Self::grpc_code). A code this program does not know is
    /// kept, as in [`parse`](Self::parse).
    ///
    /// Reads at most [`DEFAULT_MAX_BODY_LEN`] bytes of message and details
    /// (see [`from_status_with_limit`](Self::from_status_with_limit)), and
    /// detail values nested at most 127 levels deep.
    ///
    /// ```
    /// # use error_catalog::{CatalogError, ErrorCatalog};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "ERR-{module:02}-{code:03}")]
    /// # pub enum Catalog { #[module(1, name = "Preflight")] Preflight }
    /// use error_catalog::client::RemoteError;
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
    /// pub struct DuplicateCvmNameError {
    ///     #[catalog(detail)]
    ///     pub name: String,
    /// }
    ///
    /// # fn main() -> Result<(), error_catalog::client::ParseBodyError> {
    /// let status = tonic::Status::from(DuplicateCvmNameError { name: "web".into() });
    /// let error = RemoteError::from_status(&status)?;
    /// assert!(error.is::<DuplicateCvmNameError>());
    /// assert_eq!((error.code(), error.status()), ("ERR-01-004", 409));
    /// assert_eq!(error.detail("name"), Some(&serde_json::json!("web")));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ParseBodyError::NotStatusDetails`] when the details do not decode,
    /// [`ParseBodyError::Missing`]`("errorCode")` when no `ErrorInfo` gives
    /// a code (a status of a server without a catalog), and
    /// [`ParseBodyError::TooLarge`].
    #[cfg(feature = "tonic")]
    pub fn from_status(status: &::tonic::Status) -> Result<Self, ParseBodyError> {
        Self::from_status_with_limit(status, DEFAULT_MAX_BODY_LEN)
    }

    /// As [`from_status`](Self::from_status), for a status whose message
    /// and details have at most `max_len` bytes together.
    ///
    /// # Errors
    /// Those of [`from_status`](Self::from_status).
    #[cfg(feature = "tonic")]
    pub fn from_status_with_limit(status: &::tonic::Status, max_len: usize) -> Result<Self, ParseBodyError> {
        use tonic_types::{ErrorDetail, StatusExt as _};

        let len = status.message().len().saturating_add(status.details().len());
        if len > max_len {
            return Err(ParseBodyError::TooLarge { len, limit: max_len });
        }
        // What decoding would hold, counted on the wire before it happens:
        // a status of a million empty details is refused, not decoded.
        crate::wire::grpc::check_status_items(status.details())?;
        let budget = Budget::new(decode_budget(len));
        let details = status.check_error_details_vec().map_err(|_| ParseBodyError::NotStatusDetails)?;
        // AIP-193 allows one `ErrorInfo`; a status with several is read by
        // its first.
        let info = details.iter().find_map(|detail| match detail {
            ErrorDetail::ErrorInfo(info) => Some(info),
            _ => None,
        });
        let code = info
            .and_then(|info| info.metadata.get(crate::wire::grpc::ERROR_CODE_KEY))
            .ok_or(ParseBodyError::Missing(crate::wire::grpc::ERROR_CODE_KEY))?;
        let grpc_code = GrpcCode::from_number(status.code() as i32).unwrap_or(GrpcCode::Unknown);
        let mut error = Self::new(grpc_code.http_status(), code.clone(), status.message());
        error.grpc_code = Some(grpc_code);
        if let Some(info) = info {
            let mut fields: Vec<(&String, &String)> =
                info.metadata.iter().filter(|(key, _)| *key != crate::wire::grpc::ERROR_CODE_KEY).collect();
            // A map has no order: the details come sorted by key.
            fields.sort_unstable();
            let mut read = Vec::with_capacity(fields.len());
            for (key, text) in fields {
                let value = match budget::from_slice(text.as_bytes(), &budget) {
                    Ok(value) => value,
                    Err(_) if budget.is_spent() => {
                        return Err(ParseBodyError::OverBudget { budget: decode_budget(len) });
                    }
                    Err(_) => Value::String(text.clone()),
                };
                read.push(RemoteDetail { field: key.clone(), value, message: None });
            }
            error.details = read;
        }
        for detail in &details {
            match detail {
                ErrorDetail::RequestInfo(info) if error.request_id.is_none() && !info.request_id.is_empty() => {
                    error.request_id = Some(info.request_id.clone());
                }
                ErrorDetail::RetryInfo(info) if error.retry_after.is_none() => {
                    error.retry_after = info.retry_delay;
                }
                ErrorDetail::Help(help) => error.links.extend(
                    help.links.iter().map(|link| RemoteLink { url: link.url.clone(), label: link.description.clone() }),
                ),
                _ => {}
            }
        }
        Ok(error)
    }

    /// Reads a JSON-RPC 2.0 error: a whole response
    /// (`{"jsonrpc": "2.0", "error": {...}, "id": 1}`) or its error object
    /// (`{"code": -32601, "message": "...", "data": ...}`), as the
    /// [`jsonrpsee`](crate::jsonrpsee) feature writes it or any server
    /// does. The code is `data.error_code` when the data holds one (see
    /// [`jsonrpsee`](crate::jsonrpsee)), else the integer `code` as text
    /// (`-32601`, a code of a catalog of JSON-RPC codes); the status is
    /// `data.status`, else 500 (JSON-RPC has no statuses); the details are
    /// the members of `data.details`, or, when the data is not a catalog's,
    /// the whole data as one detail named `data`. The integer code is
    /// [`jsonrpc_code`](Self::jsonrpc_code).
    ///
    /// Reads at most [`DEFAULT_MAX_BODY_LEN`] bytes, within
    /// [`decode_budget`] of them, as [`parse`](Self::parse) does.
    ///
    /// ```
    /// use error_catalog::client::RemoteError;
    ///
    /// let response = br#"{"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "Method not found"}}"#;
    /// let error = RemoteError::parse_jsonrpc(response)?;
    /// assert_eq!((error.code(), error.jsonrpc_code(), error.message()), ("-32601", Some(-32601), "Method not found"));
    ///
    /// let object = br#"{"code": 4, "message": "A CVM with name 'web' already exists",
    ///     "data": {"error_code": "ERR-01-004", "status": 409, "details": {"name": "web"}}}"#;
    /// let error = RemoteError::parse_jsonrpc(object)?;
    /// assert_eq!((error.code(), error.status()), ("ERR-01-004", 409));
    /// assert_eq!(error.detail("name"), Some(&serde_json::json!("web")));
    /// # Ok::<(), error_catalog::client::ParseBodyError>(())
    /// ```
    ///
    /// # Errors
    /// A [`ParseBodyError`] when the bytes are not a JSON-RPC error:
    /// [`Missing`](ParseBodyError::Missing)`("code")` or `("message")`,
    /// [`WrongType`](ParseBodyError::WrongType) for a code that is not an
    /// `i32`, and those of [`parse`](Self::parse).
    pub fn parse_jsonrpc(body: &[u8]) -> Result<Self, ParseBodyError> {
        if body.len() > DEFAULT_MAX_BODY_LEN {
            return Err(ParseBodyError::TooLarge { len: body.len(), limit: DEFAULT_MAX_BODY_LEN });
        }
        let budget = Budget::new(decode_budget(body.len()));
        let value = budget::from_slice(body, &budget)
            .map_err(|_| over_budget_or(&budget, body.len(), ParseBodyError::NotJson))?;
        let Value::Object(mut object) = value else {
            return Err(ParseBodyError::NotAnObject);
        };
        if let Some(Value::Object(error)) = object.remove("error") {
            object = error;
        }
        let code = match object.get("code") {
            None | Some(Value::Null) => return Err(ParseBodyError::Missing("code")),
            Some(code) => {
                code.as_i64().and_then(|code| i32::try_from(code).ok()).ok_or(ParseBodyError::WrongType("code"))?
            }
        };
        let message = required_string(&object, "message")?;
        Self::from_jsonrpc_parts(code, message, object.remove("data"))
    }

    /// Reads the error object a jsonrpsee client reports
    /// (`jsonrpsee::core::client::Error::Call`), as
    /// [`parse_jsonrpc`](Self::parse_jsonrpc) reads one.
    ///
    /// ```
    /// # use error_catalog::{CatalogError, ErrorCatalog};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "ERR-{module:02}-{code:03}")]
    /// # pub enum Catalog { #[module(1, name = "Preflight")] Preflight }
    /// use error_catalog::client::RemoteError;
    /// use jsonrpsee_types::ErrorObjectOwned;
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
    /// pub struct DuplicateCvmNameError {
    ///     #[catalog(detail)]
    ///     pub name: String,
    /// }
    ///
    /// # fn main() -> Result<(), error_catalog::client::ParseBodyError> {
    /// let object = ErrorObjectOwned::from(DuplicateCvmNameError { name: "web".into() });
    /// let error = RemoteError::from_error_object(&object)?;
    /// assert!(error.is::<DuplicateCvmNameError>());
    /// assert_eq!((error.code(), error.status(), error.jsonrpc_code()), ("ERR-01-004", 409, Some(4)));
    /// assert_eq!(error.detail("name"), Some(&serde_json::json!("web")));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// Those of [`parse_jsonrpc`](Self::parse_jsonrpc) for its `data`.
    #[cfg(feature = "jsonrpsee")]
    pub fn from_error_object(error: &jsonrpsee_types::ErrorObject<'_>) -> Result<Self, ParseBodyError> {
        let data = error.data().map(|data| data.get().as_bytes()).unwrap_or_default();
        let len = error.message().len().saturating_add(data.len());
        if len > DEFAULT_MAX_BODY_LEN {
            return Err(ParseBodyError::TooLarge { len, limit: DEFAULT_MAX_BODY_LEN });
        }
        let data = if data.is_empty() {
            None
        } else {
            let budget = Budget::new(decode_budget(data.len()));
            Some(
                budget::from_slice(data, &budget)
                    .map_err(|_| over_budget_or(&budget, data.len(), ParseBodyError::NotJson))?,
            )
        };
        Self::from_jsonrpc_parts(error.code(), error.message().into(), data)
    }

    /// An error from the three members of a JSON-RPC error object.
    fn from_jsonrpc_parts(code: i32, message: String, data: Option<Value>) -> Result<Self, ParseBodyError> {
        use crate::wire::jsonrpc::{DETAILS_KEY, ERROR_CODE_KEY, STATUS_KEY};

        let catalog = match data {
            Some(Value::Object(data)) if matches!(data.get(ERROR_CODE_KEY), Some(Value::String(_))) => Ok(data),
            other => Err(other),
        };
        let mut error = match catalog {
            Ok(mut data) => {
                let status = data.get(STATUS_KEY).and_then(Value::as_u64).and_then(|status| u16::try_from(status).ok());
                let mut error = Self::new(
                    status.filter(|status| (100..=999).contains(status)).unwrap_or(500),
                    required_string(&data, ERROR_CODE_KEY)?,
                    message,
                );
                match data.remove(DETAILS_KEY) {
                    None | Some(Value::Null) => {}
                    Some(Value::Object(details)) if details.len() > MAX_ITEMS => {
                        return Err(ParseBodyError::TooMany { key: DETAILS_KEY, limit: MAX_ITEMS });
                    }
                    Some(Value::Object(details)) => {
                        error.details = details
                            .into_iter()
                            .map(|(field, value)| RemoteDetail { field, value, message: None })
                            .collect();
                    }
                    Some(_) => return Err(ParseBodyError::WrongType(DETAILS_KEY)),
                }
                error
            }
            Err(other) => {
                let mut error = Self::new(500, code.to_string(), message);
                if let Some(value) = other.filter(|value| !value.is_null()) {
                    error.details.push(RemoteDetail { field: "data".into(), value, message: None });
                }
                error
            }
        };
        error.jsonrpc_code = Some(code);
        Ok(error)
    }

    /// The integer code of a JSON-RPC error, for an error read from one.
    #[must_use]
    pub fn jsonrpc_code(&self) -> Option<i32> {
        self.jsonrpc_code
    }

    /// The HTTP status of the response; for an error read from a gRPC
    /// status, the HTTP status of its gRPC code.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The gRPC status code, for an error read from a gRPC status.
    #[must_use]
    pub fn grpc_code(&self) -> Option<GrpcCode> {
        self.grpc_code
    }

    /// The code, as the server wrote it; kept even when this program does
    /// not know it.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The public message.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The request id, when the server reported one.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The fields the server sent with the error.
    #[must_use]
    pub fn details(&self) -> &[RemoteDetail] {
        &self.details
    }

    /// The value of the detail named `field`. A gRPC status names details
    /// in lowerCamelCase (`nodeId`): for an error read from one, `node_id`
    /// finds `nodeId` too, so that the same code reads both transports.
    #[must_use]
    pub fn detail(&self, field: &str) -> Option<&Value> {
        let find = |name: &str| self.details.iter().find(|detail| detail.field == name);
        let found = find(field).or_else(|| self.grpc_code.and_then(|_| find(&crate::wire::grpc::metadata_key(field))));
        found.map(|detail| &detail.value)
    }

    /// What the client can do about it.
    #[must_use]
    pub fn suggestions(&self) -> &[String] {
        &self.suggestions
    }

    /// Links to documentation.
    #[must_use]
    pub fn links(&self) -> &[RemoteLink] {
        &self.links
    }

    /// How long to wait before sending the request again, when the server
    /// said: the `retry_delay` of a gRPC status's `RetryInfo`, or the
    /// `Retry-After` header given to
    /// [`with_retry_after_header`](Self::with_retry_after_header).
    #[must_use]
    pub fn retry_after(&self) -> Option<core::time::Duration> {
        self.retry_after
    }

    /// The delay of an HTTP response's `Retry-After` header, when it is in
    /// seconds (`Retry-After: 30`, as the HTTP integrations write it; an
    /// HTTP date, or anything else, is left unread).
    ///
    /// ```
    /// use error_catalog::client::RemoteError;
    ///
    /// let body = br#"{"error_code": "ERR-05-002", "message": "Too many requests"}"#;
    /// let error = RemoteError::parse(429, body).unwrap().with_retry_after_header(b"2");
    /// assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(2)));
    /// ```
    #[must_use]
    pub fn with_retry_after_header(mut self, value: &[u8]) -> Self {
        let value = value.trim_ascii();
        // At most 19 digits: within `u64`, read in bounded time.
        if (1..=19).contains(&value.len())
            && value.iter().all(u8::is_ascii_digit)
            && let Some(seconds) = core::str::from_utf8(value).ok().and_then(|text| text.parse().ok())
        {
            self.retry_after = Some(core::time::Duration::from_secs(seconds));
        }
        self
    }

    /// Whether this is an error of local type `T` (for an enum, any of its
    /// variants): the code matches one of `T`'s.
    #[must_use]
    pub fn is<T: CatalogError>(&self) -> bool {
        T::entries().iter().any(|entry| entry.code() == self.code)
    }

    /// The code typed by catalog `C`, if it is written in `C`'s format.
    #[must_use]
    pub fn typed_code<C: crate::ErrorCatalog>(&self) -> Option<crate::Code<C>> {
        self.code.parse().ok()
    }

    /// The local entry of this code, when this program registers it.
    #[cfg(feature = "registry")]
    #[must_use]
    pub fn entry(&self) -> Option<&'static crate::model::entry::Entry> {
        crate::model::registry::lookup(&self.code)
    }
}

/// One answer of a server, as a format's reader sees it: the status, the
/// headers the caller passes on, and the body.
///
/// ```
/// use error_catalog::client::{Answer, RemoteError};
/// use error_catalog::formats::s3::S3;
///
/// let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>\
///              <Message>The specified key does not exist.</Message><Key>cat.jpg</Key></Error>";
/// let answer = Answer::new(404, body).with_header("x-amz-request-id", b"4442587FB7D0A2F9");
/// let error = RemoteError::read(&S3, &answer)?;
/// assert_eq!((error.code(), error.request_id()), ("NoSuchKey", Some("4442587FB7D0A2F9")));
/// assert_eq!(error.detail("key"), Some(&serde_json::json!("cat.jpg")));
/// # Ok::<(), error_catalog::client::ParseBodyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Answer<'a> {
    status: u16,
    body: &'a [u8],
    headers: Vec<(&'a str, &'a [u8])>,
}

impl<'a> Answer<'a> {
    /// An answer with `status` and `body`, without headers.
    #[must_use]
    pub fn new(status: u16, body: &'a [u8]) -> Self {
        Self { status, body, headers: Vec::new() }
    }

    /// Adds a header of the answer (`x-amz-request-id`, `WWW-Authenticate`).
    #[must_use]
    pub fn with_header(mut self, name: &'a str, value: &'a [u8]) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body.
    #[must_use]
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The first value of header `name` (in any case), as text.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&'a str> {
        let (_, value) = self.headers.iter().find(|(have, _)| have.eq_ignore_ascii_case(name))?;
        core::str::from_utf8(value).ok()
    }

    /// The body as JSON, read within [`decode_budget`] of its length and
    /// nested at most 127 levels deep.
    ///
    /// # Errors
    /// [`ParseBodyError::NotJson`], [`ParseBodyError::OverBudget`].
    pub fn json(&self) -> Result<Value, ParseBodyError> {
        let budget = Budget::new(decode_budget(self.body.len()));
        budget::from_slice(self.body, &budget)
            .map_err(|_| over_budget_or(&budget, self.body.len(), ParseBodyError::NotJson))
    }

    /// The body as a JSON object.
    ///
    /// # Errors
    /// Those of [`json`](Self::json), and [`ParseBodyError::NotAnObject`].
    pub fn json_object(&self) -> Result<Map<String, Value>, ParseBodyError> {
        match self.json()? {
            Value::Object(object) => Ok(object),
            _ => Err(ParseBodyError::NotAnObject),
        }
    }
}

/// A string member of a JSON object, if it is there: for a format's reader.
///
/// # Errors
/// [`ParseBodyError::WrongType`] when it is not a string.
pub fn string_member(object: &Map<String, Value>, key: &'static str) -> Result<Option<String>, ParseBodyError> {
    optional_string(object, key)
}

/// `CODE (STATUS): message`, with the control characters of the server's
/// text escaped (`\n`, `\u{1b}`, the C1 controls), the line and paragraph
/// separators (U+2028, U+2029), and every format character (Unicode
/// category Cf: the marks and isolates that reorder text, U+200E, U+200F,
/// U+061C, U+202A to U+202E, U+2066 to U+2069, the zero widths): what a
/// server sends cannot start a line of a log, reorder it or colour a
/// terminal.
impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", Escaped(&self.code), self.status, Escaped(&self.message))
    }
}

/// Server text, written with its control characters escaped.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(needs_escape) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(f, "{}", c.escape_default())?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// The C0 and C1 controls (Cc), and every character of Unicode's
/// categories Cf (format: the bidi marks, embeddings and isolates, zero
/// widths, the byte order mark, tags) and Zl, Zp (the line and paragraph
/// separators): each can start a line, reorder or hide text.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{890}'..='\u{891}'
                | '\u{8e2}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0001}'
                | '\u{e0020}'..='\u{e007f}'
        )
}

impl std::error::Error for RemoteError {}

/// [`ParseBodyError::OverBudget`] when `budget` ran out, else `otherwise`.
fn over_budget_or(budget: &Budget, len: usize, otherwise: ParseBodyError) -> ParseBodyError {
    if budget.is_spent() { ParseBodyError::OverBudget { budget: decode_budget(len) } } else { otherwise }
}

impl RemoteDetail {
    /// A `details` item of a body.
    fn from_object(item: &Map<String, Value>) -> Result<Self, ParseBodyError> {
        Ok(Self {
            field: required_string(item, "field").map_err(|_| ParseBodyError::WrongType("details"))?,
            value: item.get("value").cloned().unwrap_or(Value::Null),
            message: optional_string(item, "message").map_err(|_| ParseBodyError::WrongType("details"))?,
        })
    }
}

impl RemoteLink {
    /// A `links` item of a body.
    fn from_object(item: &Map<String, Value>) -> Result<Self, ParseBodyError> {
        Ok(Self {
            url: required_string(item, "url").map_err(|_| ParseBodyError::WrongType("links"))?,
            label: optional_string(item, "label").map_err(|_| ParseBodyError::WrongType("links"))?.unwrap_or_default(),
        })
    }
}

/// The flat body, with the status as a member `status` (the member of RFC
/// 9457 too) when it is known: what [`Deserialize`](serde::Deserialize)
/// reads back. The gRPC code is not written.
impl serde::Serialize for RemoteError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;

        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("error_code", &self.code)?;
        map.serialize_entry("message", &self.message)?;
        if self.status != 0 {
            map.serialize_entry("status", &self.status)?;
        }
        if let Some(request_id) = &self.request_id {
            map.serialize_entry("request_id", request_id)?;
        }
        if !self.details.is_empty() {
            map.serialize_entry("details", &self.details)?;
        }
        if !self.suggestions.is_empty() {
            map.serialize_entry("suggestions", &self.suggestions)?;
        }
        if !self.links.is_empty() {
            map.serialize_entry("links", &self.links)?;
        }
        map.end()
    }
}

/// Any body [`parse`](RemoteError::parse) reads, from any serde format:
/// `response.json::<RemoteError>()` with reqwest. A body carries no HTTP
/// status but in a member `status` (problem+json, or what
/// [`Serialize`](serde::Serialize) wrote): without one the status is 0,
/// and [`parse`](RemoteError::parse) with the response's status is the
/// better call. The input is read whole before it is checked: for a body
/// of unknown size from an untrusted server, [`parse_with_limit`](RemoteError::parse_with_limit)
/// bounds what reading it may cost.
///
/// ```
/// use error_catalog::client::RemoteError;
///
/// let body = r#"{"error_code": "ERR-01-004", "message": "taken", "status": 409}"#;
/// let error: RemoteError = serde_json::from_str(body)?;
/// assert_eq!((error.code(), error.status()), ("ERR-01-004", 409));
/// assert_eq!(serde_json::from_str::<RemoteError>(&serde_json::to_string(&error)?)?, error);
/// assert!(serde_json::from_str::<RemoteError>(r#"{"message": "no code"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> serde::Deserialize<'de> for RemoteError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Value::Object(object) = Value::deserialize(deserializer)? else {
            return Err(serde::de::Error::custom(ParseBodyError::NotAnObject));
        };
        let status = object.get("status").and_then(Value::as_u64).and_then(|status| u16::try_from(status).ok());
        Self::from_object(status.unwrap_or(0), object).map_err(serde::de::Error::custom)
    }
}

/// `{"field": ..., "value": ..., "message": ...}`, as the body writes it.
impl serde::Serialize for RemoteDetail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;

        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("field", &self.field)?;
        map.serialize_entry("value", &self.value)?;
        map.serialize_entry("message", &self.message)?;
        map.end()
    }
}

/// A `details` item, as [`parse`](RemoteError::parse) reads it.
impl<'de> serde::Deserialize<'de> for RemoteDetail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Value::Object(item) = Value::deserialize(deserializer)? else {
            return Err(serde::de::Error::custom(ParseBodyError::WrongType("details")));
        };
        Self::from_object(&item).map_err(serde::de::Error::custom)
    }
}

/// `{"url": ..., "label": ...}`.
impl serde::Serialize for RemoteLink {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;

        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("url", &self.url)?;
        map.serialize_entry("label", &self.label)?;
        map.end()
    }
}

/// A `links` item, as [`parse`](RemoteError::parse) reads it.
impl<'de> serde::Deserialize<'de> for RemoteLink {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Value::Object(item) = Value::deserialize(deserializer)? else {
            return Err(serde::de::Error::custom(ParseBodyError::WrongType("links")));
        };
        Self::from_object(&item).map_err(serde::de::Error::custom)
    }
}

fn required_string(object: &Map<String, Value>, key: &'static str) -> Result<String, ParseBodyError> {
    optional_string(object, key)?.ok_or(ParseBodyError::Missing(key))
}

fn optional_string(object: &Map<String, Value>, key: &'static str) -> Result<Option<String>, ParseBodyError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(ParseBodyError::WrongType(key)),
    }
}

fn array<T>(
    object: &Map<String, Value>,
    key: &'static str,
    item: impl Fn(&Value) -> Result<T, ParseBodyError>,
) -> Result<Vec<T>, ParseBodyError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) if items.len() > MAX_ITEMS => Err(ParseBodyError::TooMany { key, limit: MAX_ITEMS }),
        Some(Value::Array(items)) => items.iter().map(item).collect(),
        Some(_) => Err(ParseBodyError::WrongType(key)),
    }
}
