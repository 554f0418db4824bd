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

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::model::error::CatalogError;
use crate::wire::public::ViewOptions;

pub use super::bounded::DetailLimits;
#[cfg(feature = "http")]
pub(crate) use super::bounded::check_detail;
pub use super::public::{DocUrl, PublicDetail, PublicDetails, PublicError, PublicText, PublicValue};

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
/// let body = error_catalog::body::Body::new(&error).with_request_id(Some("rid-1"));
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"error_code":"ERR-01-004","message":"A CVM with name 'web' already exists","request_id":"rid-1","details":[{"field":"name","value":"web","message":null}]}"#
/// );
/// # }
/// ```
pub struct Body<'a, E: ?Sized> {
    error: &'a E,
    options: ViewOptions<'a>,
}

/// The setters [`Body`] and [`Problem`] share, over their `ViewOptions`;
/// `$member` names where the message goes.
macro_rules! view_setters {
    ($member:literal) => {
        #[doc = concat!("Writes `message` as ", $member, " instead of the catalog's public message: its")]
        /// translation (feature `fluent`), made from the same placeholders.
        #[must_use]
        pub fn with_message(mut self, message: Option<&'a str>) -> Self {
            self.options.message = message;
            self
        }

        /// Sets the request id the body reports.
        #[must_use]
        pub fn with_request_id(mut self, request_id: Option<&'a str>) -> Self {
            self.options.request_id = request_id;
            self
        }

        /// Sets the limits of each detail's value (default [`DetailLimits::DEFAULT`]).
        #[must_use]
        pub fn with_detail_limits(mut self, limits: DetailLimits) -> Self {
            self.options.limits = limits;
            self
        }
    };
}

impl<'a, E: CatalogError + ?Sized> Body<'a, E> {
    /// The body of `error`, without a request id.
    pub fn new(error: &'a E) -> Self {
        Self { error, options: ViewOptions::default() }
    }

    view_setters!("the message");
}

impl<E: CatalogError + ?Sized> Serialize for Body<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PublicError::with_options(self.error, self.options, |view| serialize_flat(view, serializer))
    }
}

/// The flat body of `view`: what [`Body`] and the `Flat` format write.
pub(crate) fn serialize_flat<S: Serializer>(view: &PublicError<'_>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    map.serialize_entry("error_code", view.code())?;
    map.serialize_entry("message", &view.message())?;
    optional_members(&mut map, view)?;
    map.end()
}

/// The members both formats have when there is something to say:
/// `request_id`, `details`, `suggestions` and `links`.
fn optional_members<M: SerializeMap>(map: &mut M, view: &PublicError<'_>) -> Result<(), M::Error> {
    if let Some(request_id) = view.request_id() {
        map.serialize_entry("request_id", request_id)?;
    }
    if view.has_details() {
        map.serialize_entry("details", &view.details())?;
    }
    if !view.suggestions().is_empty() {
        map.serialize_entry("suggestions", view.suggestions())?;
    }
    if !view.links().is_empty() {
        map.serialize_entry("links", view.links())?;
    }
    Ok(())
}

/// The body of RFC 9457 (`application/problem+json`), for applications that
/// choose it: `type` is the documentation URL of the code, `title` the class
/// name, `status`, `detail` the public message, `instance` the request's
/// path when known, and the extension members `error_code`, `request_id`,
/// `details`, `suggestions` and `links`.
#[cfg(feature = "problem-json")]
pub struct Problem<'a, E: ?Sized> {
    error: &'a E,
    type_base: &'a str,
    options: ViewOptions<'a>,
}

#[cfg(feature = "problem-json")]
impl<'a, E: CatalogError + ?Sized> Problem<'a, E> {
    /// The problem document of `error`; its `type` is the code's
    /// documentation URL ([`Entry::doc_url`](crate::Entry::doc_url): the
    /// catalog's `link_template`, else the code's first link), and only for
    /// a code with none, `type_base` followed by the code
    /// (`https://docs.example.com/errors/` gives
    /// `https://docs.example.com/errors/ERR-01-004`).
    pub fn new(error: &'a E, type_base: &'a str) -> Self {
        Self { error, type_base, options: ViewOptions::default() }
    }

    view_setters!("`detail`");

    /// Sets `instance`, the URI of this occurrence (the request's path).
    #[must_use]
    pub fn with_instance(mut self, instance: Option<&'a str>) -> Self {
        self.options.path = instance;
        self
    }
}

#[cfg(feature = "problem-json")]
impl<E: CatalogError + ?Sized> Serialize for Problem<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PublicError::with_options(self.error, self.options, |view| serialize_problem(view, self.type_base, serializer))
    }
}

/// The problem document of `view`, its `type` the code's documentation URL
/// (else `type_base` and the code):
/// what [`Problem`] and the `Problem` format write.
#[cfg(feature = "problem-json")]
pub(crate) fn serialize_problem<S: Serializer>(
    view: &PublicError<'_>,
    type_base: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use crate::wire::public::Collected;

    let mut map = serializer.serialize_map(None)?;
    // The code's documentation URL; `type_base` only for a code with none.
    match view.doc_url() {
        Some(url) => map.serialize_entry("type", &url)?,
        None => map.serialize_entry("type", &Collected(format_args!("{}{}", type_base, view.code())))?,
    }
    map.serialize_entry("title", view.class_name())?;
    map.serialize_entry("status", &view.status())?;
    map.serialize_entry("detail", &view.message())?;
    if let Some(instance) = view.path() {
        map.serialize_entry("instance", instance)?;
    }
    map.serialize_entry("error_code", view.code())?;
    optional_members(&mut map, view)?;
    map.end()
}
