//! Kubernetes API errors: a `Status` object (`meta/v1`, the API
//! conventions' "Response Status Kind"):
//!
//! ```json
//! {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
//!  "message": "pods \"web-0\" not found", "reason": "NotFound",
//!  "details": {"name": "web-0", "kind": "pods"}, "code": 404}
//! ```
//!
//! `reason` is the catalog code (a Kubernetes catalog's codes are the
//! `StatusReason`s, `format = "{code:PascalCase}"`), `message` the public
//! message, `code` the HTTP status. A public detail named `name`, `group`,
//! `kind` or `uid` whose value is a string is that member of `details`;
//! every other detail is one of its `causes`, `{"field": ..., "message":
//! value}` (a string as it is, any other value its JSON, as
//! [`value_text`](super::value_text) writes it); a detail left out
//! (past its limits) is not there.
//!
//! ```
//! use error_catalog::{CatalogError, ErrorCatalog};
//!
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "{code:PascalCase}")]
//! pub enum Catalog {}
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(code = "NotFound", status = 404, message = "{kind} \"{name}\" not found")]
//! pub struct NotFound {
//!     #[catalog(detail)]
//!     pub kind: String,
//!     #[catalog(detail)]
//!     pub name: String,
//! }
//!
//! # fn main() {
//! use error_catalog::body::PublicError;
//! use error_catalog::formats::WireFormat;
//! use error_catalog::formats::kubernetes::Kubernetes;
//!
//! let mut body = Vec::new();
//! let error = NotFound { kind: "pods".into(), name: "web-0".into() };
//! PublicError::with(&error, |view| Kubernetes.write_body(view, &mut body)).unwrap();
//! assert_eq!(
//!     String::from_utf8(body).unwrap(),
//!     r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web-0\" not found","reason":"NotFound","details":{"kind":"pods","name":"web-0"},"code":404}"#
//! );
//! # }
//! ```

use std::string::String;
use std::vec::Vec;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq};

use super::{PublicError, WireFormat, WriteError};

/// The members of `details` a detail of the same name fills.
const MEMBERS: [&str; 4] = ["name", "group", "kind", "uid"];

/// The Kubernetes `Status` (see the [module](self)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kubernetes;

impl WireFormat for Kubernetes {
    fn content_type(&self) -> &'static str {
        "application/json"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        let (mut members, mut causes) = (Vec::new(), Vec::new());
        let mut result = Ok(());
        error.visit_details(&mut |detail| {
            if result.is_err() || detail.omitted().is_some() {
                return;
            }
            // A string value is the text itself (as `value_text` writes it).
            match serde_json::to_string(&detail.value()) {
                Ok(json) => match serde_json::from_str::<String>(&json) {
                    Ok(text) if MEMBERS.contains(&detail.field()) => members.push((detail.field(), text)),
                    Ok(text) => causes.push((detail.field(), text)),
                    Err(_) => causes.push((detail.field(), json)),
                },
                Err(failure) => result = Err(WriteError::from(failure)),
            }
        });
        result?;
        serde_json::to_writer(out, &Status { error, members: &members, causes: &causes })?;
        Ok(())
    }

    /// Reads a `Status`: `reason` is the code (else the `code` status's
    /// number), `message` the message, the `details` members and each
    /// cause (`field`, else its `reason`) a detail, its value a string.
    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        use crate::client::{MAX_ITEMS, ParseBodyError, RemoteDetail, RemoteError, string_member};
        use serde_json::Value;
        use std::string::ToString as _;

        let body = answer.json_object()?;
        if body.get("kind").and_then(Value::as_str) != Some("Status") {
            return Err(ParseBodyError::Missing("kind"));
        }
        let message = string_member(&body, "message")?.unwrap_or_default();
        let status = match body.get("code") {
            None => answer.status(),
            Some(code) => {
                code.as_u64().and_then(|code| u16::try_from(code).ok()).ok_or(ParseBodyError::WrongType("code"))?
            }
        };
        let code =
            string_member(&body, "reason")?.filter(|reason| !reason.is_empty()).unwrap_or_else(|| status.to_string());
        let mut details = Vec::new();
        if let Some(Value::Object(members)) = body.get("details") {
            for member in MEMBERS {
                if let Some(value) = string_member(members, member)? {
                    details.push(RemoteDetail { field: member.into(), value: Value::String(value), message: None });
                }
            }
            if let Some(Value::Array(causes)) = members.get("causes") {
                for cause in causes.iter().take(MAX_ITEMS) {
                    let Value::Object(cause) = cause else { continue };
                    let field = string_member(cause, "field")?.or(string_member(cause, "reason")?).unwrap_or_default();
                    let value = string_member(cause, "message")?.map_or(Value::Null, Value::String);
                    details.push(RemoteDetail { field, value, message: None });
                }
            }
        }
        Ok(RemoteError::new(status, code, message).with_details(details))
    }
}

struct Status<'a> {
    error: &'a PublicError<'a>,
    members: &'a [(&'static str, String)],
    causes: &'a [(&'static str, String)],
}

impl Serialize for Status<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("kind", "Status")?;
        map.serialize_entry("apiVersion", "v1")?;
        map.serialize_entry("metadata", &Empty)?;
        map.serialize_entry("status", "Failure")?;
        map.serialize_entry("message", &self.error.message())?;
        map.serialize_entry("reason", self.error.code())?;
        if !self.members.is_empty() || !self.causes.is_empty() {
            map.serialize_entry("details", &Details(self))?;
        }
        map.serialize_entry("code", &self.error.status())?;
        map.end()
    }
}

struct Empty;

impl Serialize for Empty {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

struct Details<'a>(&'a Status<'a>);

impl Serialize for Details<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (field, value) in self.0.members {
            map.serialize_entry(field, value)?;
        }
        if !self.0.causes.is_empty() {
            map.serialize_entry("causes", &Causes(self.0.causes))?;
        }
        map.end()
    }
}

struct Causes<'a>(&'a [(&'static str, String)]);

impl Serialize for Causes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for (field, message) in self.0 {
            seq.serialize_element(&Cause { field, message })?;
        }
        seq.end()
    }
}

struct Cause<'a> {
    field: &'a str,
    message: &'a str,
}

impl Serialize for Cause<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("field", self.field)?;
        map.serialize_entry("message", self.message)?;
        map.end()
    }
}
