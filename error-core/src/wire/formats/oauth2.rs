//! OAuth 2.0 token errors (RFC 6749 §5.2; RFC 8628 §3.5 adds the device
//! flow's `authorization_pending`, `slow_down` and `expired_token`):
//!
//! ```json
//! {"error": "invalid_grant", "error_description": "The authorization code is invalid or expired.",
//!  "error_uri": "https://docs.example.com/oauth/errors#invalid_grant"}
//! ```
//!
//! `application/json;charset=UTF-8` with `Cache-Control: no-store` and
//! `Pragma: no-cache` (§5.1); `error` is the catalog code (an OAuth catalog's
//! codes are RFC 6749's, `format = "{code:snake_case}"`), `error_description`
//! the public message, `error_uri` the code's documentation URL when it has
//! one ([`Entry::doc_url`](crate::Entry::doc_url)). §5.2 limits both to printable ASCII
//! (`%x20-21 / %x23-5B / %x5D-7E` for the description): a character outside
//! it is written as `?`, a message is cut to 1024 bytes. A 401 answer
//! (`invalid_client`) carries `WWW-Authenticate: Basic realm="..."`, the
//! scheme a client authenticates with at a token endpoint (§2.3.1).
//! Nothing else reaches the body: the details of a token error are not in
//! the standard, so they are not written.
//!
//! [`Bearer`] is the resource server's side (RFC 6750 §3): no body member
//! but the same, and the error in `WWW-Authenticate: Bearer realm="...",
//! error="invalid_token", error_description="..."`.
//!
//! ```
//! use error_catalog::{CatalogError, ErrorCatalog};
//!
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "{code:snake_case}")]
//! pub enum Catalog {}
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(code = "invalid_client", status = 401, message = "Client authentication failed.")]
//! pub struct InvalidClient;
//!
//! # fn main() {
//! use error_catalog::body::PublicError;
//! use error_catalog::formats::{ResponseHeaders, WireFormat};
//! use error_catalog::formats::oauth2::OAuth2;
//!
//! let format = OAuth2::new("token");
//! let (mut body, mut headers) = (Vec::new(), ResponseHeaders::new());
//! PublicError::with(&InvalidClient, |view| {
//!     format.headers(view, &mut headers);
//!     format.write_body(view, &mut body)
//! })
//! .unwrap();
//! assert_eq!(body, br#"{"error":"invalid_client","error_description":"Client authentication failed."}"#);
//! assert_eq!(headers.get("www-authenticate"), Some(r#"Basic realm="token""#));
//! # }
//! ```

use alloc::borrow::Cow;
use core::fmt::{self, Write as _};
use std::string::String;
use std::vec::Vec;

use serde::Serialize;
use serde::ser::SerializeMap;

use super::{PublicError, ResponseHeaders, WireFormat, WriteError};
use crate::wire::public::Collected;

/// The longest `error_description` written, in bytes.
pub const MAX_DESCRIPTION_LEN: usize = 1024;

/// OAuth 2.0 token errors (see the [module](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth2 {
    realm: Cow<'static, str>,
}

impl OAuth2 {
    /// Token errors whose 401 answers name `realm` in `WWW-Authenticate`
    /// (a character a quoted string cannot hold is written as `?`).
    pub fn new(realm: impl Into<Cow<'static, str>>) -> Self {
        Self { realm: realm.into() }
    }

    /// The realm of `WWW-Authenticate`.
    #[must_use]
    pub fn realm(&self) -> &str {
        &self.realm
    }
}

impl WireFormat for OAuth2 {
    fn content_type(&self) -> &'static str {
        "application/json;charset=UTF-8"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        let mut description = String::new();
        write!(Restricted(&mut description, MAX_DESCRIPTION_LEN), "{}", error.message()).ok();
        let body = Body { error: error.code(), description: &description, uri: error.doc_url().map(Collected) };
        serde_json::to_writer(out, &body)?;
        Ok(())
    }

    fn headers(&self, error: &PublicError<'_>, headers: &mut ResponseHeaders) {
        headers.insert("cache-control", "no-store");
        headers.insert("pragma", "no-cache");
        if error.status() == 401 {
            headers.insert("www-authenticate", format_args!("Basic realm=\"{}\"", Quoted(&self.realm)));
        }
    }

    /// Reads a token error: `error` is the code, `error_description` the
    /// message, `error_uri` a link.
    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        read_token_error(answer)
    }
}

#[cfg(feature = "client")]
fn read_token_error(
    answer: &crate::client::Answer<'_>,
) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
    use crate::client::{ParseBodyError, RemoteError, RemoteLink, string_member};

    let body = answer.json_object()?;
    let code = string_member(&body, "error")?.ok_or(ParseBodyError::Missing("error"))?;
    let message = string_member(&body, "error_description")?.unwrap_or_default();
    let links =
        string_member(&body, "error_uri")?.map(|url| RemoteLink { url, label: code.clone() }).into_iter().collect();
    Ok(RemoteError::new(answer.status(), code, message).with_links(links))
}

struct Body<'a, U> {
    error: &'a str,
    description: &'a str,
    uri: Option<U>,
}

impl<U: Serialize> Serialize for Body<'_, U> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("error", self.error)?;
        map.serialize_entry("error_description", self.description)?;
        if let Some(uri) = &self.uri {
            map.serialize_entry("error_uri", uri)?;
        }
        map.end()
    }
}

/// The resource server's errors of RFC 6750 §3: the body is the token
/// error's, and `WWW-Authenticate: Bearer realm="...", error="...",
/// error_description="..."` says it to a client that reads headers only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bearer {
    realm: Cow<'static, str>,
}

impl Bearer {
    /// Bearer errors of `realm`.
    pub fn new(realm: impl Into<Cow<'static, str>>) -> Self {
        Self { realm: realm.into() }
    }
}

impl WireFormat for Bearer {
    fn content_type(&self) -> &'static str {
        "application/json;charset=UTF-8"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        OAuth2::new("").write_body(error, out)
    }

    fn headers(&self, error: &PublicError<'_>, headers: &mut ResponseHeaders) {
        let mut description = String::new();
        // What is left of the header's bound once the rest is written.
        let room = super::MAX_HEADER_LEN.saturating_sub(64 + self.realm.len() + error.code().len());
        write!(Restricted(&mut description, room.min(MAX_DESCRIPTION_LEN)), "{}", error.message()).ok();
        headers.insert(
            "www-authenticate",
            format_args!(
                "Bearer realm=\"{}\", error=\"{}\", error_description=\"{}\"",
                Quoted(&self.realm),
                Quoted(error.code()),
                description
            ),
        );
    }

    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        read_token_error(answer)
    }
}

/// Writes what RFC 6749 §5.2 allows in `error_description` (`%x20-21 /
/// %x23-5B / %x5D-7E`), any other character as `?`, and stops, without
/// failing, at `limit` bytes.
struct Restricted<'a>(&'a mut String, usize);

impl fmt::Write for Restricted<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            if self.0.len() >= self.1 {
                return Ok(());
            }
            self.0.push(if matches!(c, ' '..='~') && c != '"' && c != '\\' { c } else { '?' });
        }
        Ok(())
    }
}

/// A quoted string's content: `"` and `\` and anything outside visible
/// ASCII as `?`.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            f.write_char(if matches!(c, ' '..='~') && c != '"' && c != '\\' { c } else { '?' })?;
        }
        Ok(())
    }
}
