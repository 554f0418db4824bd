//! S3 REST errors, as Amazon S3 and every S3-compatible store answer them
//! (the "Error responses" page of the Amazon S3 API reference):
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>cat.jpg</Key><Resource>/photos/cat.jpg</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>
//! ```
//!
//! `application/xml`; `Code` is the catalog code (an S3 catalog's codes are
//! S3's, `format = "{code:PascalCase}"`), `Message` the public message in
//! the request's language, then one element per public detail, named as
//! the field in `PascalCase` (`bucket_name` is `BucketName`, as S3 names
//! them), its text the value (a string as it is, any other value its
//! JSON), then `Resource` (the request's path) and `RequestId`, which the
//! `x-amz-request-id` header repeats. A detail left out (past its limits)
//! has no element.
//!
//! Every text is escaped for XML 1.0: the five markup characters as their
//! entities, carriage return and everything outside printable ASCII as a
//! character reference, and a character XML 1.0 cannot carry at all (the
//! C0 controls but tab and line feed, U+FFFE, U+FFFF) as U+FFFD. The body
//! is ASCII whatever the message holds, and no message can close an
//! element or open one. Written by hand rather than with an XML crate: the
//! document is one flat element, and its escaper is the whole of the work.
//!
//! ```
//! use error_catalog::{CatalogError, ErrorCatalog};
//!
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "{code:PascalCase}")]
//! pub enum Catalog {}
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(code = "NoSuchKey", status = 404, message = "The specified key does not exist.")]
//! pub struct NoSuchKey {
//!     #[catalog(detail)]
//!     pub key: String,
//! }
//!
//! # fn main() {
//! use error_catalog::body::PublicError;
//! use error_catalog::formats::WireFormat;
//! use error_catalog::formats::s3::S3;
//!
//! let mut body = Vec::new();
//! PublicError::with(&NoSuchKey { key: "a<b>&c".into() }, |view| S3.write_body(view, &mut body)).unwrap();
//! assert_eq!(
//!     String::from_utf8(body).unwrap(),
//!     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>\
//!      <Message>The specified key does not exist.</Message><Key>a&lt;b&gt;&amp;c</Key></Error>"
//! );
//! # }
//! ```

use core::fmt::{self, Write as _};
use std::string::String;
use std::vec::Vec;

use super::{PublicError, ResponseHeaders, WireFormat, WriteError, value_text};

/// The header S3 sends the request id in.
pub const REQUEST_ID_HEADER: &str = "x-amz-request-id";

/// The elements of the envelope itself, which no detail may take.
const RESERVED: [&str; 5] = ["Code", "Message", "Resource", "RequestId", "HostId"];

/// S3's XML error body (see the [module](self)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct S3;

impl WireFormat for S3 {
    fn content_type(&self) -> &'static str {
        "application/xml"
    }

    fn write_body(&self, error: &PublicError<'_>, out: &mut Vec<u8>) -> Result<(), WriteError> {
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
        element(out, "Code", error.code())?;
        element(out, "Message", error.message())?;
        let mut result = Ok(());
        let mut name = String::new();
        error.visit_details(&mut |detail| {
            if result.is_err() || detail.omitted().is_some() {
                return;
            }
            name.clear();
            pascal_case(detail.field(), &mut name);
            if name.is_empty() || RESERVED.contains(&name.as_str()) {
                return;
            }
            result = value_text(&detail).and_then(|text| element(out, &name, text));
        });
        result?;
        if let Some(path) = error.path() {
            element(out, "Resource", path)?;
        }
        if let Some(request_id) = error.request_id() {
            element(out, "RequestId", request_id)?;
        }
        out.extend_from_slice(b"</Error>");
        Ok(())
    }

    fn headers(&self, error: &PublicError<'_>, headers: &mut ResponseHeaders) {
        if let Some(request_id) = error.request_id() {
            headers.insert(REQUEST_ID_HEADER, request_id);
        }
    }

    fn wants_path(&self) -> bool {
        true
    }

    /// Reads an S3 error body: `Code` is the code, `Message` the message,
    /// `RequestId` (else the `x-amz-request-id` header) the request id, and
    /// every other element but `Resource` and `HostId` a detail named in
    /// snake case, its value the element's text as a string.
    #[cfg(feature = "client")]
    fn read(
        &self,
        answer: &crate::client::Answer<'_>,
    ) -> Result<crate::client::RemoteError, crate::client::ParseBodyError> {
        use crate::client::{ParseBodyError, RemoteDetail, RemoteError};

        let mut code = None;
        let mut message = None;
        let mut request_id = None;
        let mut details = Vec::new();
        for (name, text) in read_elements(answer.body())? {
            match name {
                "Code" => code = Some(text),
                "Message" => message = Some(text),
                "RequestId" => request_id = Some(text),
                "Resource" | "HostId" => {}
                _ => details.push(RemoteDetail {
                    field: snake_case(name),
                    value: serde_json::Value::String(text),
                    message: None,
                }),
            }
        }
        let code = code.ok_or(ParseBodyError::Missing("Code"))?;
        let request_id = request_id.or_else(|| answer.header(REQUEST_ID_HEADER).map(String::from));
        Ok(RemoteError::new(answer.status(), code, message.unwrap_or_default())
            .with_details(details)
            .with_request_id(request_id))
    }
}

/// `<name>text</name>`, the text escaped.
fn element(out: &mut Vec<u8>, name: &str, text: impl fmt::Display) -> Result<(), WriteError> {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
    write!(XmlText(out), "{text}")?;
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
    Ok(())
}

/// Writes text escaped for XML 1.0 content (see the [module](self)).
pub struct XmlText<'a>(pub &'a mut Vec<u8>);

impl fmt::Write for XmlText<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            match c {
                '&' => self.0.extend_from_slice(b"&amp;"),
                '<' => self.0.extend_from_slice(b"&lt;"),
                '>' => self.0.extend_from_slice(b"&gt;"),
                '"' => self.0.extend_from_slice(b"&quot;"),
                '\'' => self.0.extend_from_slice(b"&apos;"),
                // `c` is ASCII here: the cast keeps it whole.
                '\t' | '\n' | ' '..='~' => self.0.push(c as u8),
                '\u{80}'..='\u{d7ff}' | '\r' | '\u{7f}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}' => {
                    write!(Hex(self.0), "&#x{:X};", u32::from(c))?;
                }
                _ => self.0.extend_from_slice(b"&#xFFFD;"),
            }
        }
        Ok(())
    }
}

struct Hex<'a>(&'a mut Vec<u8>);

impl fmt::Write for Hex<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

/// `bucket_name` is `BucketName`: ASCII letters and digits only, a word
/// starting at each other character.
fn pascal_case(field: &str, out: &mut String) {
    for word in field.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    // An XML name does not start with a digit.
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
}

/// `BucketName` is `bucket_name`.
#[cfg(feature = "client")]
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if index > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The child elements of a flat `<Error>` document, each `(name, text)`,
/// the text unescaped: at most [`MAX_ITEMS`](crate::client::MAX_ITEMS)
/// of them, in one pass over the body.
#[cfg(feature = "client")]
fn read_elements(body: &[u8]) -> Result<Vec<(&str, String)>, crate::client::ParseBodyError> {
    use crate::client::{MAX_ITEMS, ParseBodyError};

    let malformed = ParseBodyError::Malformed;
    let text = core::str::from_utf8(body).map_err(|_| malformed("not UTF-8"))?;
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    if let Some(declaration) = rest.strip_prefix("<?xml") {
        let end = declaration.find("?>").ok_or(malformed("an unclosed XML declaration"))?;
        rest = declaration[end + 2..].trim_start();
    }
    rest = rest.strip_prefix("<Error>").ok_or(malformed("not an <Error> document"))?;
    let mut elements = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("</Error>") {
            if !after.trim().is_empty() {
                return Err(malformed("content after </Error>"));
            }
            return Ok(elements);
        }
        if elements.len() == MAX_ITEMS {
            return Err(ParseBodyError::TooMany { key: "Error", limit: MAX_ITEMS });
        }
        let open = rest.strip_prefix('<').ok_or(malformed("text outside an element"))?;
        let end = open.find('>').ok_or(malformed("an unclosed tag"))?;
        let name = &open[..end];
        rest = &open[end + 1..];
        if let Some(name) = name.strip_suffix('/') {
            check_name(name)?;
            elements.push((name, String::new()));
            continue;
        }
        check_name(name)?;
        let close = rest.find('<').ok_or(malformed("an unclosed element"))?;
        let value = unescape(&rest[..close])?;
        rest = rest[close..]
            .strip_prefix("</")
            .and_then(|after| after.strip_prefix(name))
            .and_then(|after| after.strip_prefix('>'))
            .ok_or(malformed("an element that holds elements, or is not closed"))?;
        elements.push((name, value));
    }
}

#[cfg(feature = "client")]
fn check_name(name: &str) -> Result<(), crate::client::ParseBodyError> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if valid { Ok(()) } else { Err(crate::client::ParseBodyError::Malformed("an element name S3 does not write")) }
}

/// The text of an element, its entities and character references replaced.
#[cfg(feature = "client")]
fn unescape(text: &str) -> Result<String, crate::client::ParseBodyError> {
    let malformed = crate::client::ParseBodyError::Malformed("an unknown entity or a bad character reference");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').ok_or(malformed.clone())?;
        let entity = &after[..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = match entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => entity.strip_prefix('#').ok_or(malformed.clone())?.parse(),
                };
                number.ok().and_then(char::from_u32).ok_or(malformed.clone())?
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}
