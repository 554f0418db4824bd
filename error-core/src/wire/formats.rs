//! Body formats: how an error answer looks on the wire, chosen once per
//! application, and how a client reads it back.
//!
//! A format implements [`WireFormat`]: from a [`PublicError`] (the public
//! members of one error, and nothing else) it writes the body and may add
//! headers; given a response, it reads a [`RemoteError`](crate::client::RemoteError)
//! back (feature `client`). The application sets it once,
//! `ErrorResponses::new().with_format(..)`, and every answer of axum,
//! actix-web and `http::respond` is written in it. Whatever a format does,
//! the guarantees of the built-in bodies hold: it sees only public members;
//! each detail's value is bounded, and a detail past its bounds, or whose
//! `Serialize` fails, fails the write, which is done again with that detail
//! left out (so a format that returns an error never costs the answer); the
//! message is in the request's language; a server error is logged before any
//! format runs.
//!
//! Built in: [`Flat`] (the default), [`Problem`] (RFC 9457, feature
//! `problem-json`), and the formats of published standards, each written
//! from its specification: [`s3::S3`] (S3 REST errors, XML),
//! [`google::Google`] (Google's JSON errors, AIP-193), [`oauth2::OAuth2`]
//! (OAuth 2.0 token errors), [`oauth2::Bearer`] (RFC 6750) and
//! [`kubernetes::Kubernetes`] (the Kubernetes `Status`).

use core::fmt;
use std::string::String;
use std::vec::Vec;

pub use crate::wire::public::PublicError;

pub mod google;
pub mod kubernetes;
pub mod oauth2;
pub mod s3;

/// A body format: what an application's error answers look like.
///
/// See the crate's README for a whole envelope of an application's own,
/// written and read back.
pub trait WireFormat: Send + Sync + fmt::Debug + 'static {
    /// The `Content-Type` of every answer.
    fn content_type(&self) -> &'static str;

    /// Writes the body of `error` into `out`.
    ///
    /// # Errors
    /// A [`WriteError`] when a value cannot be written: the answer is then
    /// written again with each detail at fault left out (and, if that fails
    /// too, every detail).
    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError>;

    /// Adds the headers of the answer to `error` (`WWW-Authenticate`, a
    /// request id header); none by default.
    fn headers(&self, error: &PublicError<'_>, headers: &mut ResponseHeaders) {
        let _ = (error, headers);
    }

    /// Whether the body can repeat the request's path ([`PublicError::path`]);
    /// when not, the path is not even taken from the request.
    fn wants_path(&self) -> bool {
        false
    }

    /// Reads an answer written in this format back.
    ///
    /// # Errors
    /// A [`ParseBodyError`](crate::client::ParseBodyError) when it is not such
    /// an answer; by default [`ParseBodyError::NoReader`](crate::client::ParseBodyError::NoReader).
    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        let _ = answer;
        Err(crate::client::ParseBodyError::NoReader)
    }
}

/// A detail's value as text, for a format whose members are strings (XML
/// elements, gRPC metadata): a string as it is, any other value its JSON;
/// within the detail's limits.
///
/// # Errors
/// A [`WriteError`] when the value is past its limits or cannot be
/// serialized: return it, and the answer is written again without it.
pub fn value_text(detail: &crate::wire::public::PublicDetail<'_>) -> Result<String, WriteError> {
    let json = serde_json::to_string(&detail.value())?;
    Ok(serde_json::from_str::<String>(&json).unwrap_or(json))
}

/// Why a format could not write a body.
#[derive(Debug)]
pub struct WriteError(WriteErrorKind);

#[derive(Debug)]
enum WriteErrorKind {
    Json(serde_json::Error),
    Fmt,
    Other(&'static str),
}

impl WriteError {
    /// A failure of the format's own, described by `reason`.
    #[must_use]
    pub const fn new(reason: &'static str) -> Self {
        Self(WriteErrorKind::Other(reason))
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            WriteErrorKind::Json(error) => write!(f, "the body could not be written: {error}"),
            WriteErrorKind::Fmt => f.write_str("the body could not be written: a value's `Display` failed"),
            WriteErrorKind::Other(reason) => write!(f, "the body could not be written: {reason}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<serde_json::Error> for WriteError {
    fn from(error: serde_json::Error) -> Self {
        Self(WriteErrorKind::Json(error))
    }
}

impl From<fmt::Error> for WriteError {
    fn from(_: fmt::Error) -> Self {
        Self(WriteErrorKind::Fmt)
    }
}

/// The headers a format adds to an answer.
///
/// A value is kept only when it is at most [`MAX_HEADER_LEN`] bytes of
/// visible ASCII, spaces and tabs, and a name only when it is a lowercase
/// token: nothing a format writes can split the response or forge another
/// header.
///
/// ```
/// use error_catalog::formats::ResponseHeaders;
///
/// let mut headers = ResponseHeaders::new();
/// assert!(headers.insert("x-amz-request-id", "4442587FB7D0A2F9"));
/// assert!(!headers.insert("x-request-id", "rid\r\nSet-Cookie: a=b")); // would split the response
/// assert!(!headers.insert("X-Upper", "a")); // names are lowercase tokens
/// assert_eq!(headers.iter().collect::<Vec<_>>(), [("x-amz-request-id", "4442587FB7D0A2F9")]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseHeaders(Vec<(&'static str, String)>);

/// The longest header value a format may add, in bytes.
pub const MAX_HEADER_LEN: usize = 4096;

impl ResponseHeaders {
    /// No headers.
    #[must_use]
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// Adds `name: value`; returns whether it was kept.
    pub fn insert(&mut self, name: &'static str, value: impl fmt::Display) -> bool {
        let mut text = String::new();
        let fits = fmt::write(&mut Capped(&mut text), format_args!("{value}")).is_ok();
        let valid_name = !name.is_empty()
            && name
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || b"!#$%&'*+-.^_`|~".contains(&byte));
        let valid_value = text.bytes().all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte));
        let kept = fits && valid_name && valid_value;
        if kept {
            self.0.push((name, text));
        }
        kept
    }

    /// The value of `name`, if a format added it.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(have, _)| *have == name).map(|(_, value)| value.as_str())
    }

    /// Every header, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(name, value)| (*name, value.as_str()))
    }

    /// Whether there is none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A string that refuses to grow past [`MAX_HEADER_LEN`].
struct Capped<'a>(&'a mut String);

impl fmt::Write for Capped<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.0.len() + text.len() > MAX_HEADER_LEN {
            return Err(fmt::Error);
        }
        self.0.push_str(text);
        Ok(())
    }
}

/// The flat JSON body ([`crate::body::Body`]), `application/json`: the
/// default.
///
/// ```json
/// {"error_code": "ERR-01-004", "message": "A CVM with name 'web' already exists", "request_id": "rid-1",
///  "details": [{"field": "name", "value": "web", "message": null}]}
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flat;

impl WireFormat for Flat {
    fn content_type(&self) -> &'static str {
        "application/json"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        let mut serializer = serde_json::Serializer::new(out);
        crate::wire::body::serialize_flat(error, &mut serializer)?;
        Ok(())
    }

    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        crate::client::RemoteError::parse_with_limit(answer.status(), answer.body(), usize::MAX)
    }
}

/// RFC 9457, `application/problem+json` ([`crate::body::Problem`]); `type`
/// is `type_base` followed by the code (feature `problem-json`).
#[cfg(feature = "problem-json")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    type_base: alloc::borrow::Cow<'static, str>,
}

#[cfg(feature = "problem-json")]
impl Problem {
    /// Problem documents whose `type` is `type_base` followed by the code.
    pub fn new(type_base: impl Into<alloc::borrow::Cow<'static, str>>) -> Self {
        Self { type_base: type_base.into() }
    }

    /// The documentation URL the codes are appended to.
    #[must_use]
    pub fn type_base(&self) -> &str {
        &self.type_base
    }
}

#[cfg(feature = "problem-json")]
impl WireFormat for Problem {
    fn content_type(&self) -> &'static str {
        "application/problem+json"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        let mut serializer = serde_json::Serializer::new(out);
        crate::wire::body::serialize_problem(error, &self.type_base, &mut serializer)?;
        Ok(())
    }

    fn wants_path(&self) -> bool {
        true
    }

    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        crate::client::RemoteError::parse_with_limit(answer.status(), answer.body(), usize::MAX)
    }
}
