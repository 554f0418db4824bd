//! Google's JSON errors: the error model of AIP-193 as Google's HTTP APIs
//! answer it (AIP-193, "HTTP/1.1+JSON representation"):
//!
//! ```json
//! {"error": {
//!   "code": 404,
//!   "message": "Book 'moby-dick' was not found on shelf 'fiction'.",
//!   "status": "NOT_FOUND",
//!   "details": [
//!     {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "BOOK_NOT_FOUND",
//!      "domain": "library.example.com", "metadata": {"errorCode": "BOOK_NOT_FOUND", "shelf": "fiction", "book": "moby-dick"}},
//!     {"@type": "type.googleapis.com/google.rpc.RequestInfo", "requestId": "rid-1"},
//!     {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "BOOK_NOT_FOUND", "url": "https://..."}]}
//!   ]}}
//! ```
//!
//! `code` is the HTTP status and `status` the gRPC code's name, the one the
//! `tonic` feature sends ([`GrpcCode::of`](crate::GrpcCode::of)); the
//! `ErrorInfo` is the one of the gRPC status too: `reason` is
//! [`Entry::reason`](crate::Entry::reason), `domain` the catalog's
//! `domain = "..."`, `metadata` the code under `errorCode` and each public
//! detail under its name in lowerCamelCase. AIP-193's metadata values are
//! strings: a string detail is itself, any other value its JSON text (`42`),
//! and a detail left out (past its limits) is not there. A `RequestInfo`
//! holds the request id, a `Help` the documentation URL and the code's
//! links. `google-api-core`'s `exceptions.from_http_response` reads it as
//! the exception class of the status with the `reason`, `domain` and
//! `metadata` of the `ErrorInfo` (`tests/wire_formats/run.sh`).
//!
//! ```
//! use error_catalog::{CatalogError, ErrorCatalog};
//!
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "{code:SCREAMING_SNAKE_CASE}", domain = "library.example.com")]
//! pub enum Catalog {}
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(code = "BOOK_NOT_FOUND", reason = "BOOK_NOT_FOUND", status = 404, message = "Book {book} was not found.")]
//! pub struct BookNotFound {
//!     #[catalog(detail)]
//!     pub book: String,
//! }
//!
//! # fn main() {
//! use error_catalog::body::PublicError;
//! use error_catalog::formats::WireFormat;
//! use error_catalog::formats::google::Google;
//!
//! let mut body = Vec::new();
//! PublicError::with(&BookNotFound { book: "moby-dick".into() }, |view| Google.write_body(view, &mut body)).unwrap();
//! let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
//! assert_eq!(body["error"]["status"], "NOT_FOUND");
//! assert_eq!(body["error"]["details"][0]["metadata"]["book"], "moby-dick");
//! # }
//! ```

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::vec::Vec;

use super::{PublicError, WireFormat, WriteError, value_text};
use crate::model::grpc_code::GrpcCode;
use crate::wire::public::{Collected, DocUrl};

/// The `@type` of an `ErrorInfo`.
pub const ERROR_INFO_TYPE: &str = "type.googleapis.com/google.rpc.ErrorInfo";
/// The `@type` of a `RequestInfo`.
pub const REQUEST_INFO_TYPE: &str = "type.googleapis.com/google.rpc.RequestInfo";
/// The `@type` of a `Help`.
pub const HELP_TYPE: &str = "type.googleapis.com/google.rpc.Help";
/// The `ErrorInfo` metadata key of the catalog code, as over gRPC.
pub const ERROR_CODE_KEY: &str = "errorCode";

/// Google's JSON error body (see the [module](self)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Google;

impl WireFormat for Google {
    fn content_type(&self) -> &'static str {
        "application/json; charset=UTF-8"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        // Each detail's text first: a value past its limits fails here, and
        // the answer is written again without it.
        let mut metadata = Vec::new();
        let mut result = Ok(());
        error.visit_details(&mut |detail| {
            if result.is_ok() && detail.omitted().is_none() {
                match value_text(&detail) {
                    Ok(text) => metadata.push((crate::wire::grpc::metadata_key(detail.field()), text)),
                    Err(failure) => result = Err(failure),
                }
            }
        });
        result?;
        serde_json::to_writer(out, &Outer(Status { error, metadata: &metadata }))?;
        Ok(())
    }

    /// Reads a Google JSON error: the code from the `ErrorInfo`'s
    /// `errorCode` metadata, else its `reason`, else the `status`; the
    /// other metadata as details (string values), the request id from a
    /// `RequestInfo`, the links from a `Help`.
    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        use crate::client::{MAX_ITEMS, ParseBodyError, RemoteDetail, RemoteError, RemoteLink, string_member};
        use serde_json::Value;
        use std::string::String;

        let mut body = answer.json_object()?;
        let Some(Value::Object(error)) = body.remove("error") else { return Err(ParseBodyError::Missing("error")) };
        let message = string_member(&error, "message")?.unwrap_or_default();
        let status_name = string_member(&error, "status")?;
        let status = match error.get("code") {
            None => answer.status(),
            Some(code) => {
                code.as_u64().and_then(|code| u16::try_from(code).ok()).ok_or(ParseBodyError::WrongType("code"))?
            }
        };
        let items: &[Value] = match error.get("details") {
            None => &[],
            Some(Value::Array(items)) if items.len() > MAX_ITEMS => {
                return Err(ParseBodyError::TooMany { key: "details", limit: MAX_ITEMS });
            }
            Some(Value::Array(items)) => items,
            Some(_) => return Err(ParseBodyError::WrongType("details")),
        };
        let (mut code, mut details, mut links, mut request_id) = (None, Vec::new(), Vec::new(), None);
        for item in items {
            let Value::Object(item) = item else { continue };
            match item.get("@type").and_then(Value::as_str) {
                Some(ERROR_INFO_TYPE) if code.is_none() => {
                    let reason = string_member(item, "reason")?;
                    let mut metadata_code = None;
                    if let Some(Value::Object(metadata)) = item.get("metadata") {
                        for (key, value) in metadata.iter().take(MAX_ITEMS) {
                            if key == ERROR_CODE_KEY {
                                metadata_code = value.as_str().map(String::from);
                            } else {
                                details.push(RemoteDetail { field: key.clone(), value: value.clone(), message: None });
                            }
                        }
                    }
                    code = metadata_code.or(reason);
                }
                Some(REQUEST_INFO_TYPE) => request_id = string_member(item, "requestId")?,
                Some(HELP_TYPE) => {
                    if let Some(Value::Array(items)) = item.get("links") {
                        for link in items.iter().take(MAX_ITEMS) {
                            let Value::Object(link) = link else { continue };
                            if let Some(url) = string_member(link, "url")? {
                                let label = string_member(link, "description")?.unwrap_or_default();
                                links.push(RemoteLink { url, label });
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let code = code.or(status_name).ok_or(ParseBodyError::Missing("ErrorInfo"))?;
        Ok(RemoteError::new(status, code, message).with_details(details).with_links(links).with_request_id(request_id))
    }
}

struct Outer<'a>(Status<'a>);

impl Serialize for Outer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("error", &self.0)?;
        map.end()
    }
}

struct Status<'a> {
    error: &'a PublicError<'a>,
    metadata: &'a [(std::string::String, std::string::String)],
}

impl Serialize for Status<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.error;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("code", &error.status())?;
        map.serialize_entry("message", &error.message())?;
        map.serialize_entry("status", GrpcCode::of(error.entry()).as_str())?;
        map.serialize_entry("details", &Details(self))?;
        map.end()
    }
}

struct Details<'a>(&'a Status<'a>);

impl Serialize for Details<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0.error;
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&ErrorInfo(self.0))?;
        if let Some(request_id) = error.request_id() {
            seq.serialize_element(&RequestInfo(request_id))?;
        }
        if error.doc_url().is_some() || !error.links().is_empty() {
            seq.serialize_element(&Help(error))?;
        }
        seq.end()
    }
}

struct ErrorInfo<'a>(&'a Status<'a>);

impl Serialize for ErrorInfo<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.0.error.entry();
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("@type", ERROR_INFO_TYPE)?;
        map.serialize_entry("reason", entry.reason())?;
        map.serialize_entry("domain", entry.catalog().domain())?;
        map.serialize_entry("metadata", &Metadata(self.0))?;
        map.end()
    }
}

struct Metadata<'a>(&'a Status<'a>);

impl Serialize for Metadata<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.metadata.len() + 1))?;
        map.serialize_entry(ERROR_CODE_KEY, self.0.error.code())?;
        for (key, value) in self.0.metadata {
            if key != ERROR_CODE_KEY {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

struct RequestInfo<'a>(&'a str);

impl Serialize for RequestInfo<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("@type", REQUEST_INFO_TYPE)?;
        map.serialize_entry("requestId", self.0)?;
        map.end()
    }
}

struct Help<'a>(&'a PublicError<'a>);

impl Serialize for Help<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("@type", HELP_TYPE)?;
        map.serialize_entry("links", &Links(error))?;
        map.end()
    }
}

struct Links<'a>(&'a PublicError<'a>);

impl Serialize for Links<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        // The code's documentation URL first, unless it is its first link.
        if let Some(url) = error.doc_url().filter(DocUrl::is_page) {
            seq.serialize_element(&Link { description: &Collected(error.code()), url: &url })?;
        }
        for link in error.links() {
            seq.serialize_element(&Link { description: &Collected(link.label()), url: &Collected(link.url()) })?;
        }
        seq.end()
    }
}

struct Link<'a, D, U> {
    description: &'a D,
    url: &'a U,
}

impl<D: Serialize, U: Serialize> Serialize for Link<'_, D, U> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("description", self.description)?;
        map.serialize_entry("url", self.url)?;
        map.end()
    }
}
