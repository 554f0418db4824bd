//! `Failure`: the error a handler returns when it mixes error types, into
//! which `?` converts any error, and which answers the first catalog error
//! of its chain.
//!
//! # Why one blanket conversion
//!
//! `?` needs `From<E> for Failure` for every error a handler meets: a
//! catalog error, a std error, a `Box<dyn Error>`, an `anyhow::Error`, an
//! `eyre::Report`. Rust accepts only impls that cannot overlap:
//!
//! - `impl<E: Error> From<E> for Failure` beside `impl From<anyhow::Error>
//!   for Failure` is refused (E0119): anyhow may implement `Error` for its
//!   `Error` one day, and coherence must allow for what another crate may
//!   add without a major version;
//! - a second blanket impl per feature (`anyhow`, `eyre`) would overlap the
//!   first for every type that meets both bounds.
//!
//! So there is one impl, over `E: Into<Box<dyn Error + Send + Sync>> +
//! 'static`. Every `Error + Send + Sync` meets it (std's blanket `From<E:
//! Error>` for the box), and so do `Box<dyn Error + Send + Sync>`,
//! `String` and `&'static str`, and `anyhow::Error` and `eyre::Report`
//! (both implement `From<Self>` for the box). It cannot overlap core's
//! `From<T> for T`: `Failure` is local and implements neither `Error` nor
//! that `Into`, which only this crate could add. Features then change no
//! impl, only what the one impl does: with `anyhow` (or `eyre`) on, it
//! keeps an `anyhow::Error` whole, taken out of `E` by its type id (an
//! `Any` downcast of an `Option<E>` on the stack: no allocation, no
//! `unsafe`), so that its context layers and backtrace stay searchable;
//! with the feature off, the same value becomes the box anyhow makes of it,
//! whose chain is still searched. Turning a feature on compiles every
//! program that compiled without it: features stay additive.

use alloc::boxed::Box;

use core::error::Error;
use core::fmt;
use std::backtrace::Backtrace;

use crate::model::chain::{Found, find_in_chain};

/// An error of any type on its way to a response: a handler returns
/// `Result<_, Failure>`, and `?` converts any error into it (a std error,
/// a boxed one, and with features `anyhow` and `eyre` an `anyhow::Error`
/// or an `eyre::Report`, whose context layers stay searchable).
///
/// Through axum (`IntoResponse`), actix-web (`ResponseError`) and tonic
/// (`From<Failure> for Status`) it answers the first catalog error of its
/// chain ([`find`](Self::find)): that error's status, body and log event.
/// With none in the chain it answers the application's server error (see
/// `http::ErrorResponses::server_error`) and logs the whole chain.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
/// use error_catalog::Failure;
///
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 3, code = 1, status = 404, message = "The requested CVM was not found")]
/// pub struct CvmNotFoundError;
///
/// fn lookup(id: &str) -> Result<u64, Failure> {
///     let id: u64 = id.parse()?; // a std error
///     if id == 7 { Err(CvmNotFoundError)? } // a catalog error
///     Ok(id)
/// }
///
/// # fn main() {
/// let failure = lookup("7").unwrap_err();
/// assert_eq!(failure.find().map(|found| found.code_str()), Some("ERR-03-001"));
/// assert!(lookup("x").unwrap_err().find().is_none()); // not a catalog error
/// # }
/// ```
pub struct Failure {
    inner: Inner,
}

enum Inner {
    /// Any error, with the backtrace of its conversion (captured as
    /// `RUST_BACKTRACE` and `RUST_LIB_BACKTRACE` say).
    Boxed(Box<dyn Error + Send + Sync>, Box<Backtrace>),
    #[cfg(feature = "anyhow")]
    Anyhow(anyhow::Error),
    #[cfg(feature = "eyre")]
    Eyre(eyre::Report),
}

/// Moves a `T` out of `slot` when `E` is `T`.
#[cfg(any(feature = "anyhow", feature = "eyre"))]
fn take<E: 'static, T: 'static>(slot: &mut Option<E>) -> Option<T> {
    (slot as &mut dyn core::any::Any).downcast_mut::<Option<T>>().and_then(Option::take)
}

impl<E> From<E> for Failure
where
    E: Into<Box<dyn Error + Send + Sync>> + 'static,
{
    fn from(error: E) -> Self {
        #[cfg_attr(not(any(feature = "anyhow", feature = "eyre")), allow(unused_mut))]
        let mut slot = Some(error);
        #[cfg(feature = "anyhow")]
        if let Some(error) = take::<E, anyhow::Error>(&mut slot) {
            return Self { inner: Inner::Anyhow(error) };
        }
        #[cfg(feature = "eyre")]
        if let Some(error) = take::<E, eyre::Report>(&mut slot) {
            return Self { inner: Inner::Eyre(error) };
        }
        // A `Box<dyn Error + Send + Sync>` converts into itself: no allocation.
        let boxed = match slot {
            Some(error) => error.into(),
            // Only a downcast that returned takes `slot`.
            None => Box::new(fmt::Error),
        };
        Self { inner: Inner::Boxed(boxed, Box::new(Backtrace::capture())) }
    }
}

impl Failure {
    /// The failure of `error`: what `?` does.
    pub fn new<E: Into<Box<dyn Error + Send + Sync>> + 'static>(error: E) -> Self {
        Self::from(error)
    }

    /// The first catalog error of the chain: the error itself, then its
    /// sources, then (an `anyhow::Error`, an `eyre::Report`) what their
    /// context layers wrap. Allocates nothing. See
    /// [`find_in_chain`](crate::find_in_chain).
    #[must_use]
    pub fn find(&self) -> Option<Found<'_>> {
        match &self.inner {
            Inner::Boxed(error, _) => find_in_chain(&**error),
            #[cfg(feature = "anyhow")]
            Inner::Anyhow(error) => crate::model::chain::find_in_anyhow(error),
            #[cfg(feature = "eyre")]
            Inner::Eyre(error) => crate::model::chain::find_in_eyre(error),
        }
    }

    /// The head of the chain: the error converted, or the outermost
    /// context of an `anyhow::Error` or `eyre::Report`.
    #[must_use]
    pub fn as_error(&self) -> &(dyn Error + Send + Sync + 'static) {
        match &self.inner {
            Inner::Boxed(error, _) => &**error,
            #[cfg(feature = "anyhow")]
            Inner::Anyhow(error) => error.as_ref(),
            #[cfg(feature = "eyre")]
            Inner::Eyre(error) => error.as_ref(),
        }
    }

    /// The backtrace of the error, when one was captured: anyhow's, or the
    /// one taken where a plain error became a `Failure` (both as
    /// `RUST_BACKTRACE` and `RUST_LIB_BACKTRACE` say). eyre keeps its own
    /// in its handler, which `Debug` of the failure prints.
    #[must_use]
    pub fn backtrace(&self) -> Option<&Backtrace> {
        let backtrace = match &self.inner {
            Inner::Boxed(_, backtrace) => &**backtrace,
            #[cfg(feature = "anyhow")]
            Inner::Anyhow(error) => error.backtrace(),
            #[cfg(feature = "eyre")]
            Inner::Eyre(_) => return None,
        };
        (backtrace.status() == std::backtrace::BacktraceStatus::Captured).then_some(backtrace)
    }

    /// Whether the chain holds a `T`, or (anyhow, eyre) a context of type `T`.
    #[must_use]
    pub fn downcast_ref<T: Error + Send + Sync + 'static>(&self) -> Option<&T> {
        match &self.inner {
            Inner::Boxed(..) => {}
            #[cfg(feature = "anyhow")]
            Inner::Anyhow(error) => return error.downcast_ref::<T>(),
            #[cfg(feature = "eyre")]
            Inner::Eyre(error) => return error.downcast_ref::<T>(),
        }
        let mut link: Option<&(dyn Error + 'static)> = Some(self.as_error());
        for _ in 0..crate::model::chain::MAX_LINKS {
            let error = link?;
            if let Some(found) = error.downcast_ref::<T>() {
                return Some(found);
            }
            link = error.source();
        }
        None
    }
}

/// The head's `Display`: internal text, for logs, never for a body.
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Boxed(error, _) => fmt::Display::fmt(error, f),
            #[cfg(feature = "anyhow")]
            Inner::Anyhow(error) => fmt::Display::fmt(error, f),
            #[cfg(feature = "eyre")]
            Inner::Eyre(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Boxed(error, _) => fmt::Debug::fmt(error, f),
            #[cfg(feature = "anyhow")]
            Inner::Anyhow(error) => fmt::Debug::fmt(error, f),
            #[cfg(feature = "eyre")]
            Inner::Eyre(error) => fmt::Debug::fmt(error, f),
        }
    }
}
