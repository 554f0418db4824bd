//! The public error body: what a client reads.
//!
//! ```json
//! {"error_code": "ERR-01-005", "message": "Compose hash registration required on-chain",
//!  "request_id": "rid-1", "details": [{"field": "compose_hash", "value": "0xab", "message": null}],
//!  "suggestions": ["Register the compose hash on-chain"],
//!  "links": [{"url": "https://docs.example.com", "label": "Docs"}]}
//! ```
//!
//! `error_code` and `message` are always there; `request_id`, `details`,
//! `suggestions` and `links` only when they have something. The body never
//! has a `detail`, `code` or `type` key: clients that accept several formats
//! (the Phala SDKs among them) take such a body for another format and lose
//! the code.
//!
//! Only the public message and the fields marked `#[catalog(detail)]` reach
//! it: not `Debug`, not the other fields, not the source error.
//!
//! # Bounded details
//!
//! A detail's value is written within [`DetailLimits`]: by default at most
//! 32 levels of nesting and about 64 KiB of JSON. Past a limit, or when the
//! value's own `Serialize` fails, serializing the body fails with the
//! serializer's error, before any deeper recursion: a value nested
//! thousands deep cannot overflow the stack. `http::respond` (the
//! responses of the framework integrations) then writes the body again with
//! a marker in place of that detail's value, and logs it:
//!
//! ```json
//! {"field": "history", "value": null, "message": "value omitted: nested deeper than 32 levels"}
//! ```

use core::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::model::entry::Detail;
use crate::model::error::{CatalogError, PublicMessage};

pub(crate) use super::bounded::BoundedValue;
pub use super::bounded::DetailLimits;
pub(crate) use super::bounded::Omitted;
#[cfg(feature = "http")]
pub(crate) use super::bounded::check_detail;

/// The body of a catalog error, serializable with any serde serializer.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
/// pub struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     pub name: String,
///     pub owner_email: String, // never in the body
/// }
///
/// # fn main() {
/// let error = DuplicateCvmNameError { name: "web".into(), owner_email: "ops@example.com".into() };
/// let body = error_catalog::body::Body::new(&error).request_id(Some("rid-1"));
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"error_code":"ERR-01-004","message":"A CVM with name 'web' already exists","request_id":"rid-1","details":[{"field":"name","value":"web","message":null}]}"#
/// );
/// # }
/// ```
pub struct Body<'a, E: ?Sized> {
    error: &'a E,
    message: Option<&'a str>,
    request_id: Option<&'a str>,
    details: DetailOptions<'a>,
}

impl<'a, E: CatalogError + ?Sized> Body<'a, E> {
    /// The body of `error`, without a request id.
    pub fn new(error: &'a E) -> Self {
        Self { error, message: None, request_id: None, details: DetailOptions::default() }
    }

    /// Writes `message` instead of the catalog's public message: its
    /// translation (feature `fluent`), made from the same placeholders.
    #[must_use]
    pub fn message(mut self, message: Option<&'a str>) -> Self {
        self.message = message;
        self
    }

    /// Sets the request id the body reports.
    #[must_use]
    pub fn request_id(mut self, request_id: Option<&'a str>) -> Self {
        self.request_id = request_id;
        self
    }

    /// Sets the limits of each detail's value (default [`DetailLimits::DEFAULT`]).
    #[must_use]
    pub fn detail_limits(mut self, limits: DetailLimits) -> Self {
        self.details.limits = limits;
        self
    }

    /// Writes a marker instead of each detail for which `screen` names a
    /// reason: how `http::respond` writes a body again after a failure.
    #[cfg(feature = "http")]
    #[must_use]
    pub(crate) fn screen(mut self, screen: Option<&'a Screen<'a>>) -> Self {
        self.details.screen = screen;
        self
    }
}

impl<E: CatalogError + ?Sized> Serialize for Body<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.error.entry();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("error_code", entry.code())?;
        map.serialize_entry("message", &Message(self.error, self.message))?;
        optional_members(&mut map, self.error, self.request_id, self.details)?;
        map.end()
    }
}

/// Decides, for one detail, whether a marker takes its place, and why.
pub(crate) type Screen<'s> = dyn Fn(&Detail<'_>) -> Option<Omitted> + 's;

/// How a body writes its details.
#[derive(Clone, Copy, Default)]
struct DetailOptions<'a> {
    limits: DetailLimits,
    screen: Option<&'a Screen<'a>>,
}

/// The members both formats have when there is something to say:
/// `request_id`, `details`, `suggestions` and `links`.
fn optional_members<M: SerializeMap, E: CatalogError + ?Sized>(
    map: &mut M,
    error: &E,
    request_id: Option<&str>,
    details: DetailOptions<'_>,
) -> Result<(), M::Error> {
    let entry = error.entry();
    if let Some(request_id) = request_id {
        map.serialize_entry("request_id", request_id)?;
    }
    if !entry.details().is_empty() {
        map.serialize_entry("details", &Details(error, details))?;
    }
    if !entry.suggestions().is_empty() {
        map.serialize_entry("suggestions", entry.suggestions())?;
    }
    if !entry.links().is_empty() {
        map.serialize_entry("links", entry.links())?;
    }
    Ok(())
}

/// The public message: a translation or a static one as the string it is,
/// a template written straight into the serializer; none allocates.
struct Message<'a, E: ?Sized>(&'a E, Option<&'a str>);

impl<E: CatalogError + ?Sized> Serialize for Message<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.1.or_else(|| self.0.entry().message().static_text()) {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(&PublicMessage(self.0)),
        }
    }
}

/// Serializes a `Display` value as a string without allocating.
struct Collected<T>(T);

impl<T: core::fmt::Display> Serialize for Collected<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// The `details` array: `{field, value, message}` per detail field.
struct Details<'a, E: ?Sized>(&'a E, DetailOptions<'a>);

impl<E: CatalogError + ?Sized> Serialize for Details<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Self(error, options) = *self;
        let mut seq = serializer.serialize_seq(Some(error.entry().details().len()))?;
        let mut result = Ok(());
        error.visit_details(&mut |detail| {
            if result.is_ok() {
                let omitted = options.screen.and_then(|screen| screen(&detail));
                result = seq.serialize_element(&DetailObject { detail, limits: options.limits, omitted });
            }
        });
        result?;
        seq.end()
    }
}

struct DetailObject<'a> {
    detail: Detail<'a>,
    limits: DetailLimits,
    omitted: Option<Omitted>,
}

impl Serialize for DetailObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("field", self.detail.field())?;
        match self.omitted {
            None => {
                map.serialize_entry("value", &BoundedValue { value: self.detail.value(), limits: self.limits })?;
                map.serialize_entry("message", &Option::<&str>::None)?;
            }
            Some(omitted) => {
                map.serialize_entry("value", &())?;
                map.serialize_entry("message", &Collected(Marker(omitted, self.limits)))?;
            }
        }
        map.end()
    }
}

/// The public text of a marker: it says which limit, never the
/// serializer's error, which may quote the value.
struct Marker(Omitted, DetailLimits);

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Omitted::TooDeep => write!(f, "value omitted: nested deeper than {} levels", self.1.max_depth()),
            Omitted::TooLarge => write!(f, "value omitted: larger than {} bytes", self.1.max_bytes()),
            Omitted::Unserializable => f.write_str("value omitted: it could not be serialized"),
        }
    }
}

/// The body of RFC 9457 (`application/problem+json`), for applications that
/// choose it: `type` is the documentation URL of the code, `title` the class
/// name, `status`, `detail` the public message, `instance` the request's
/// path when known, and the extension members `error_code`, `request_id`,
/// `details`, `suggestions` and `links`.
#[cfg(feature = "problem-json")]
pub struct Problem<'a, E: ?Sized> {
    error: &'a E,
    message: Option<&'a str>,
    type_base: &'a str,
    instance: Option<&'a str>,
    request_id: Option<&'a str>,
    details: DetailOptions<'a>,
}

#[cfg(feature = "problem-json")]
impl<'a, E: CatalogError + ?Sized> Problem<'a, E> {
    /// The problem document of `error`; its `type` is `type_base` followed by
    /// the code (`https://docs.example.com/errors/` gives
    /// `https://docs.example.com/errors/ERR-01-004`).
    pub fn new(error: &'a E, type_base: &'a str) -> Self {
        Self { error, message: None, type_base, instance: None, request_id: None, details: DetailOptions::default() }
    }

    /// Writes `message` as `detail` instead of the catalog's public message,
    /// as [`Body::message`].
    #[must_use]
    pub fn message(mut self, message: Option<&'a str>) -> Self {
        self.message = message;
        self
    }

    /// Sets `instance`, the URI of this occurrence (the request's path).
    #[must_use]
    pub fn instance(mut self, instance: Option<&'a str>) -> Self {
        self.instance = instance;
        self
    }

    /// Sets the `request_id` extension member.
    #[must_use]
    pub fn request_id(mut self, request_id: Option<&'a str>) -> Self {
        self.request_id = request_id;
        self
    }

    /// Sets the limits of each detail's value (default [`DetailLimits::DEFAULT`]).
    #[must_use]
    pub fn detail_limits(mut self, limits: DetailLimits) -> Self {
        self.details.limits = limits;
        self
    }

    /// As [`Body::screen`].
    #[cfg(feature = "http")]
    #[must_use]
    pub(crate) fn screen(mut self, screen: Option<&'a Screen<'a>>) -> Self {
        self.details.screen = screen;
        self
    }
}

#[cfg(feature = "problem-json")]
impl<E: CatalogError + ?Sized> Serialize for Problem<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.error.entry();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", &Collected(format_args!("{}{}", self.type_base, entry.code())))?;
        map.serialize_entry("title", entry.class_name())?;
        map.serialize_entry("status", &entry.status())?;
        map.serialize_entry("detail", &Message(self.error, self.message))?;
        if let Some(instance) = self.instance {
            map.serialize_entry("instance", instance)?;
        }
        map.serialize_entry("error_code", entry.code())?;
        optional_members(&mut map, self.error, self.request_id, self.details)?;
        map.end()
    }
}
