//! The trait every catalog error implements.

use alloc::borrow::Cow;
use alloc::string::ToString;
use alloc::vec::Vec;
use core::fmt;

use crate::model::catalog::ErrorCatalog;
use crate::model::code::Code;
use crate::model::entry::{Detail, Entry};

/// An error with a stable public code, implemented by
/// `#[derive(CatalogError)]`.
///
/// The code, status, class name and description are constants of the type
/// (or of the enum variant); only the message may depend on the value.
///
/// ```
/// use error_catalog::{ErrorCatalog, CatalogError};
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "ERR-{module:02}-{code:03}")]
/// enum Catalog {
///     #[module(1, name = "CVM API / Preflight")]
///     Preflight,
/// }
///
/// /// Raised when a CVM name already exists in the workspace
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409,
///           message = "A CVM with name '{name}' already exists")]
/// struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     name: String,
/// }
///
/// # fn main() {
/// let error = DuplicateCvmNameError { name: "web".into() };
/// assert_eq!(error.code_str(), "ERR-01-004");
/// assert_eq!(error.status(), 409);
/// assert_eq!(error.class_name(), "DuplicateCvmNameError");
/// assert_eq!(error.message(), "A CVM with name 'web' already exists");
/// assert_eq!(error.to_string(), "A CVM with name 'web' already exists");
/// assert_eq!(error.catalog_description(), "Raised when a CVM name already exists in the workspace");
/// assert_eq!(error.details()[0].field(), "name");
/// # }
/// ```
pub trait CatalogError: core::error::Error {
    /// The catalog the code belongs to.
    type Catalog: ErrorCatalog;

    /// The static facts of this error's code.
    fn entry(&self) -> &'static Entry;

    /// The entries of every code of the type: one for a struct, one per
    /// variant for an enum, in declaration order.
    fn entries() -> &'static [&'static Entry]
    where
        Self: Sized;

    /// Writes the public message, filling the template's placeholders from
    /// the fields. Never allocates for a static message.
    ///
    /// The type's `Display` is the public message unless the type says
    /// `#[catalog(display = false)]`, in which case the derive writes this
    /// method instead.
    ///
    /// # Errors
    /// Only those of the formatter.
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }

    /// Calls `visit` with each field marked `#[catalog(detail)]`, in
    /// declaration order. The derive writes it for types that have details.
    fn visit_details<'a>(&'a self, visit: &mut dyn FnMut(Detail<'a>)) {
        let _ = visit;
    }

    /// The backtrace the log event of a server error carries: that of the
    /// `Failure` a catalog error was found in. Not part of the API.
    #[doc(hidden)]
    #[cfg(feature = "std")]
    fn __backtrace(&self) -> Option<&std::backtrace::Backtrace> {
        None
    }

    /// The code, typed by its catalog.
    fn code(&self) -> Code<Self::Catalog> {
        Code::of_entry(self.entry())
    }

    /// The code as the catalog writes it (`ERR-01-004`).
    fn code_str(&self) -> &'static str {
        self.entry().code()
    }

    /// The HTTP status.
    fn status(&self) -> u16 {
        self.entry().status()
    }

    /// The exception class name clients see.
    fn class_name(&self) -> &'static str {
        self.entry().class_name()
    }

    /// What the error means, for the catalog document: the entry's
    /// [`description`](Entry::description). (Not `description`, which
    /// would clash with the deprecated method of `std::error::Error`.)
    fn catalog_description(&self) -> &'static str {
        self.entry().description()
    }

    /// The public message. Borrowed, without allocating, when the message
    /// is static.
    ///
    /// Never panics: a field whose `Display` fails ends the message where
    /// it failed, so the message is the text written until then (see
    /// [`PublicMessage`]). The bodies say the same.
    fn message(&self) -> Cow<'static, str> {
        match self.entry().message().static_text() {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(PublicMessage(self).to_string()),
        }
    }

    /// How long a client should wait before it sends the same request
    /// again, when the error says: the value of the field marked
    /// `#[catalog(retry_after)]` (a `Duration`, an `Option<Duration>` or
    /// whole seconds), else the code's fixed `retry_after = N`
    /// ([`Entry::retry_after`]). HTTP answers it as `Retry-After` (in whole
    /// seconds, rounded up) and gRPC as the `RetryInfo` detail.
    ///
    /// ```
    /// # use error_catalog::{CatalogError, ErrorCatalog};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "ERR-{module:02}-{code:03}")]
    /// # pub enum Catalog { #[module(5, name = "Limits")] Limits }
    /// use std::time::Duration;
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 5, code = 2, status = 429, message = "Too many requests")]
    /// pub struct RateLimitedError {
    ///     #[catalog(retry_after)]
    ///     pub wait: Duration,
    /// }
    ///
    /// # fn main() {
    /// let error = RateLimitedError { wait: Duration::from_millis(1500) };
    /// assert_eq!(error.retry_after(), Some(Duration::from_millis(1500)));
    /// assert_eq!(error.entry().retryable(), Some(true));
    /// # }
    /// ```
    fn retry_after(&self) -> Option<core::time::Duration> {
        self.entry().retry_after()
    }

    /// The fields marked `#[catalog(detail)]`.
    fn details(&self) -> Vec<Detail<'_>> {
        let mut details = Vec::with_capacity(self.entry().details().len());
        self.visit_details(&mut |detail| details.push(detail));
        details
    }
}

/// Displays the public message of a catalog error, whatever its own
/// `Display` says (it differs when the type derives `thiserror::Error`).
///
/// It fails only when the formatter it writes to fails. A field named in
/// the message whose `Display` returns an error ends the message there: the
/// message is the text written until then, the failing field's own output
/// included, and nothing after it. `to_string()` therefore never panics, and
/// neither do the bodies, which write the message with it.
pub struct PublicMessage<'a, E: ?Sized>(pub &'a E);

impl<E: CatalogError + ?Sized> fmt::Display for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Watched::new(f);
        let written = fmt::write(&mut out, format_args!("{}", Template(self.0)));
        if written.is_err() && out.failed() { Err(fmt::Error) } else { Ok(()) }
    }
}

impl<E: CatalogError + ?Sized> fmt::Debug for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

/// The message as the derive writes it, failing when a field fails.
struct Template<'a, E: ?Sized>(&'a E);

impl<E: CatalogError + ?Sized> fmt::Display for Template<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
}

/// A writer that remembers whether it failed, to tell its own failure (which
/// must reach the caller) from a field's (which ends the message).
pub(crate) struct Watched<W> {
    out: W,
    failed: bool,
}

impl<W> Watched<W> {
    pub(crate) fn new(out: W) -> Self {
        Self { out, failed: false }
    }

    /// Whether writing to the output failed.
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }
}

impl<W: fmt::Write> fmt::Write for Watched<W> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let written = self.out.write_str(text);
        self.failed |= written.is_err();
        written
    }
}
