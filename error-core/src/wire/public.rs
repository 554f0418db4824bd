//! What a body may say of an error: its public members only.
//!
//! [`PublicError`] is the one view every body format writes from, the
//! built-in ones and an application's own: the code, the class name, the
//! status, the public message (translated when the application has
//! translations), the details marked `#[catalog(detail)]` (each within its
//! [`DetailLimits`]), the request id and path, and the documentation links.
//! A format cannot reach `Debug`, the other fields or the sources: the view
//! does not hold the error, only what it may show.

use core::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::model::entry::{Detail, Entry, Link};
use crate::model::error::{CatalogError, PublicMessage};
use crate::wire::bounded::{BoundedValue, DetailLimits, Omitted};

/// Decides, for one detail, whether a marker takes its place, and why.
pub(crate) type Screen<'s> = dyn Fn(&Detail<'_>) -> Option<Omitted> + 's;

/// The public members of one error, as a body may write them.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}", link_template = "https://docs.example.com/errors/{code}")]
/// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
/// pub struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     pub name: String,
///     pub owner_email: String, // not in the view
/// }
///
/// # fn main() {
/// use error_catalog::body::PublicError;
///
/// let error = DuplicateCvmNameError { name: "web".into(), owner_email: "ops@example.com".into() };
/// PublicError::with(&error, |view| {
///     assert_eq!((view.code(), view.number(), view.status()), ("ERR-01-004", 4, 409));
///     assert_eq!(view.message().to_string(), "A CVM with name 'web' already exists");
///     assert_eq!(view.doc_url().unwrap().to_string(), "https://docs.example.com/errors/ERR-01-004");
///     let mut fields = Vec::new();
///     view.visit_details(&mut |detail| fields.push(detail.field()));
///     assert_eq!(fields, ["name"]);
/// });
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct PublicError<'a> {
    source: &'a dyn Source,
    message: Option<&'a str>,
    request_id: Option<&'a str>,
    path: Option<&'a str>,
    limits: DetailLimits,
    screen: Option<&'a Screen<'a>>,
}

/// What the view reads from the error, without its type.
trait Source {
    fn entry(&self) -> &'static Entry;
    fn visit(&self, visit: &mut dyn FnMut(Detail<'_>));
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

struct Of<'a, E: ?Sized>(&'a E);

impl<E: CatalogError + ?Sized> Source for Of<'_, E> {
    fn entry(&self) -> &'static Entry {
        self.0.entry()
    }

    fn visit(&self, visit: &mut dyn FnMut(Detail<'_>)) {
        self.0.visit_details(&mut |detail| visit(detail));
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&PublicMessage(self.0), f)
    }
}

impl fmt::Debug for PublicError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicError")
            .field("code", &self.code())
            .field("request_id", &self.request_id)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The options of a view: what the request adds to the error.
#[derive(Clone, Copy, Default)]
pub(crate) struct ViewOptions<'a> {
    pub(crate) message: Option<&'a str>,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) path: Option<&'a str>,
    pub(crate) limits: DetailLimits,
    pub(crate) screen: Option<&'a Screen<'a>>,
}

impl<'a> PublicError<'a> {
    /// Calls `f` with the view of `error`, outside of any request: the
    /// catalog's message, no request id, the default [`DetailLimits`].
    pub fn with<E: CatalogError + ?Sized, R>(error: &E, f: impl FnOnce(&PublicError<'_>) -> R) -> R {
        Self::with_options(error, ViewOptions::default(), f)
    }

    pub(crate) fn with_options<E: CatalogError + ?Sized, R>(
        error: &E,
        options: ViewOptions<'_>,
        f: impl FnOnce(&PublicError<'_>) -> R,
    ) -> R {
        let source = Of(error);
        f(&PublicError {
            source: &source,
            message: options.message,
            request_id: options.request_id,
            path: options.path,
            limits: options.limits,
            screen: options.screen,
        })
    }

    /// The static facts of the code: its severity, retryability, gRPC code,
    /// `ErrorInfo` reason, catalog (all public).
    #[must_use]
    pub fn entry(&self) -> &'static Entry {
        self.source.entry()
    }

    /// The code as the catalog writes it (`ERR-01-004`).
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.entry().code()
    }

    /// The code's number, for a format that wants an integer (see
    /// [`Entry::number`]).
    #[must_use]
    pub fn number(&self) -> i64 {
        self.entry().number()
    }

    /// The exception class name (`DuplicateCvmNameError`).
    #[must_use]
    pub fn class_name(&self) -> &'static str {
        self.entry().class_name()
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.entry().status()
    }

    /// The public message, in the request's language: `Display` and
    /// `Serialize` (as a string), without allocating.
    #[must_use]
    pub fn message(&self) -> PublicText<'_> {
        PublicText(*self)
    }

    /// The request's id, when it carried one a body may repeat.
    #[must_use]
    pub fn request_id(&self) -> Option<&'a str> {
        self.request_id
    }

    /// The request's path, when a body may repeat it (at most
    /// 1024 bytes) and the format asked for it.
    #[must_use]
    pub fn path(&self) -> Option<&'a str> {
        self.path
    }

    /// The documentation URL of the code, [`Entry::doc_url`]: the
    /// catalog's page of the code (`link_template`), else the code's first
    /// link. `Display` and `Serialize`.
    #[must_use]
    pub fn doc_url(&self) -> Option<DocUrl> {
        self.entry().doc_url()
    }

    /// The code's suggestions.
    #[must_use]
    pub fn suggestions(&self) -> &'static [&'static str] {
        self.entry().suggestions()
    }

    /// The code's documentation links.
    #[must_use]
    pub fn links(&self) -> &'static [Link] {
        self.entry().links()
    }

    /// Whether the error has details.
    #[must_use]
    pub fn has_details(&self) -> bool {
        !self.entry().details().is_empty()
    }

    /// Calls `visit` with each public detail, in declaration order.
    pub fn visit_details(&self, visit: &mut dyn FnMut(PublicDetail<'_>)) {
        let (limits, screen) = (self.limits, self.screen);
        self.source.visit(&mut |detail| {
            let omitted = screen.and_then(|screen| screen(&detail));
            visit(PublicDetail { detail, limits, omitted });
        });
    }

    /// The details as the flat body writes them: an array of
    /// `{"field", "value", "message"}`.
    #[must_use]
    pub fn details(&self) -> PublicDetails<'a> {
        PublicDetails { view: *self, shape: DetailShape::Array }
    }

    /// The details as one object, `{"field": value, ...}`; a value left out
    /// is `null`.
    #[must_use]
    pub fn details_object(&self) -> PublicDetails<'a> {
        PublicDetails { view: *self, shape: DetailShape::Object }
    }
}

/// The public message of a [`PublicError`].
#[derive(Clone, Copy)]
pub struct PublicText<'a>(PublicError<'a>);

impl PublicText<'_> {
    /// The message, when it is one string already (a static message, or a
    /// translation): no formatting needed.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        self.0.message.or_else(|| self.0.entry().message().static_text())
    }
}

impl fmt::Display for PublicText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(text) => f.write_str(text),
            None => self.0.source.write_message(f),
        }
    }
}

impl Serialize for PublicText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_str() {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(self),
        }
    }
}

/// The documentation URL of a code: [`Entry::doc_url`]'s, the one every
/// output writes. `Display` and `Serialize`.
pub type DocUrl = crate::model::entry::DocUrl<'static>;

/// One public detail: its field, and its value within its limits.
#[derive(Clone, Copy)]
pub struct PublicDetail<'a> {
    detail: Detail<'a>,
    limits: DetailLimits,
    omitted: Option<Omitted>,
}

impl PublicDetail<'_> {
    /// The field name.
    #[must_use]
    pub fn field(&self) -> &'static str {
        self.detail.field()
    }

    /// The value, serialized within the application's [`DetailLimits`]:
    /// past them serializing fails, and the response is written again with
    /// the value left out. `null` when it was left out.
    #[must_use]
    pub fn value(&self) -> PublicValue<'_> {
        PublicValue(self)
    }

    /// Why the value was left out, as a message for the client (`value
    /// omitted: nested deeper than 32 levels`); `None` when it is there.
    #[must_use]
    pub fn omitted(&self) -> Option<impl fmt::Display + Serialize + use<>> {
        self.omitted.map(|omitted| Collected(Marker(omitted, self.limits)))
    }
}

/// The value of a [`PublicDetail`].
pub struct PublicValue<'a>(&'a PublicDetail<'a>);

impl Serialize for PublicValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.omitted {
            None => BoundedValue { value: self.0.detail.value(), limits: self.0.limits }.serialize(serializer),
            Some(_) => serializer.serialize_unit(),
        }
    }
}

#[derive(Clone, Copy)]
enum DetailShape {
    Array,
    Object,
}

/// The details of a [`PublicError`], serializable.
#[derive(Clone, Copy)]
pub struct PublicDetails<'a> {
    view: PublicError<'a>,
    shape: DetailShape,
}

impl Serialize for PublicDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = self.view.entry().details().len();
        match self.shape {
            DetailShape::Array => {
                let mut seq = serializer.serialize_seq(Some(len))?;
                let mut result = Ok(());
                self.view.visit_details(&mut |detail| {
                    if result.is_ok() {
                        result = seq.serialize_element(&DetailObject(&detail));
                    }
                });
                result?;
                seq.end()
            }
            DetailShape::Object => {
                let mut map = serializer.serialize_map(Some(len))?;
                let mut result = Ok(());
                self.view.visit_details(&mut |detail| {
                    if result.is_ok() {
                        result = map.serialize_entry(detail.field(), &detail.value());
                    }
                });
                result?;
                map.end()
            }
        }
    }
}

/// `{"field", "value", "message"}`.
struct DetailObject<'a>(&'a PublicDetail<'a>);

impl Serialize for DetailObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("field", self.0.field())?;
        map.serialize_entry("value", &self.0.value())?;
        match self.0.omitted() {
            None => map.serialize_entry("message", &Option::<&str>::None)?,
            Some(marker) => map.serialize_entry("message", &marker)?,
        }
        map.end()
    }
}

/// Serializes a `Display` value as a string without allocating.
pub(crate) struct Collected<T>(pub(crate) T);

impl<T: fmt::Display> Serialize for Collected<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<T: fmt::Display> fmt::Display for Collected<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
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
