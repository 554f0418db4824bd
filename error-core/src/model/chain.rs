//! The first catalog error of a chain of errors, whatever wraps it.
//!
//! A catalog error travels inside other errors: as the source of a source,
//! inside a `Box<dyn Error>`, under `anyhow`'s or `eyre`'s context. Only its
//! concrete type can take it out again (`downcast_ref::<T>()`), so every
//! `#[derive(CatalogError)]` of a non-generic type registers, with the
//! `registry` feature, one function that tries its own type: [`CATCHERS`],
//! a linkme slice the linker fills from every crate of the program. The
//! search is then every registered function at every link of the chain,
//! the head first; with features `anyhow` and `eyre`, what their context
//! layers wrap last (a catalog error given *as* context is not a link of
//! the chain: only their `downcast_ref` reaches it).
//!
//! The search allocates nothing and costs, per link, one call per
//! registered type (a type-id comparison each): `BENCHMARKS.md` has the
//! numbers. A chain is searched for at most [`MAX_LINKS`] links, so that an
//! error that is its own source cannot hang it.
//!
//! A catalog error that is not `Send` and `Sync` cannot sit in anyhow's or
//! eyre's context; its function then tries plain chains only. The derive
//! chooses, at the concrete type, with autoref: features stay additive.

use alloc::borrow::Cow;
use alloc::string::ToString;
use alloc::vec::Vec;
use core::error::Error;
use core::fmt;

use crate::model::entry::{Detail, Entry};
use crate::model::error::{CatalogError, PublicMessage};

/// The most links of a chain that [`find_in_chain`] looks at.
pub const MAX_LINKS: usize = 128;

/// A catalog error of any catalog, as a trait object.
pub(crate) trait Erased: Error {
    fn entry(&self) -> &'static Entry;
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn visit_details<'a>(&'a self, visit: &mut dyn FnMut(Detail<'a>));
    fn as_error(&self) -> &(dyn Error + 'static);
}

impl<E: CatalogError + 'static> Erased for E {
    fn entry(&self) -> &'static Entry {
        CatalogError::entry(self)
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&PublicMessage(self), f)
    }

    fn visit_details<'a>(&'a self, visit: &mut dyn FnMut(Detail<'a>)) {
        CatalogError::visit_details(self, visit);
    }

    fn as_error(&self) -> &(dyn Error + 'static) {
        self
    }
}

/// A catalog error found in a chain: its public view (code, status,
/// message, details) and the error itself.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 3, code = 1, status = 404, message = "The CVM {id} was not found")]
/// pub struct CvmNotFoundError {
///     #[catalog(detail)]
///     pub id: u64,
/// }
///
/// # fn main() {
/// let error: Box<dyn std::error::Error> = Box::new(CvmNotFoundError { id: 7 });
/// let found = error_catalog::find_in_chain(&*error).unwrap();
/// assert_eq!((found.code_str(), found.status()), ("ERR-03-001", 404));
/// assert_eq!(found.message(), "The CVM 7 was not found");
/// assert_eq!(found.details()[0].field(), "id");
/// assert!(found.is::<CvmNotFoundError>());
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct Found<'a> {
    error: &'a dyn Erased,
}

impl<'a> Found<'a> {
    #[cfg_attr(not(any(feature = "http", feature = "tonic")), allow(dead_code))]
    pub(crate) fn new(error: &'a dyn Erased) -> Self {
        Self { error }
    }

    /// The static facts of the error's code.
    #[must_use]
    pub fn entry(&self) -> &'static Entry {
        self.error.entry()
    }

    /// The code as the catalog writes it (`ERR-01-004`).
    #[must_use]
    pub fn code_str(&self) -> &'static str {
        self.entry().code()
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.entry().status()
    }

    /// The exception class name clients see.
    #[must_use]
    pub fn class_name(&self) -> &'static str {
        self.entry().class_name()
    }

    /// The public message; borrowed, without allocating, when it is static.
    #[must_use]
    pub fn message(&self) -> Cow<'static, str> {
        match self.entry().message().static_text() {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.to_string()),
        }
    }

    /// Writes the public message (what `Display` of `Found` writes).
    ///
    /// # Errors
    /// Only those of the formatter.
    pub fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.write_message(f)
    }

    /// Calls `visit` with each field marked `#[catalog(detail)]`.
    pub fn visit_details(&self, visit: &mut dyn FnMut(Detail<'a>)) {
        self.error.visit_details(visit);
    }

    /// The fields marked `#[catalog(detail)]`.
    #[must_use]
    pub fn details(&self) -> Vec<Detail<'a>> {
        let mut details = Vec::with_capacity(self.entry().details().len());
        self.error.visit_details(&mut |detail| details.push(detail));
        details
    }

    /// The catalog error itself, to downcast or to log.
    #[must_use]
    pub fn error(&self) -> &'a (dyn Error + 'static) {
        self.error.as_error()
    }

    /// Whether the error is a `T`.
    #[must_use]
    pub fn is<T: Error + 'static>(&self) -> bool {
        self.error().is::<T>()
    }
}

/// The public message.
impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.write_message(f)
    }
}

impl fmt::Debug for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Found").field("code", &self.code_str()).field("error", &self.error).finish()
    }
}

/// Where a registered function looks: a link of a chain, or (features
/// `anyhow`, `eyre`) the whole of an `anyhow::Error` or `eyre::Report`,
/// whose `downcast_ref` also reaches the values given as context.
#[doc(hidden)]
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum ChainLink<'a> {
    Error(&'a (dyn Error + 'static)),
    #[cfg(feature = "anyhow")]
    Anyhow(&'a anyhow::Error),
    #[cfg(feature = "eyre")]
    Eyre(&'a eyre::Report),
}

/// The function of one catalog error type: `Some` when `link` is (or
/// wraps, as context) a value of that type.
#[doc(hidden)]
pub type Catcher = for<'a> fn(ChainLink<'a>) -> Option<Found<'a>>;

/// Every catalog error type linked into the program, one function each.
#[linkme::distributed_slice]
#[allow(unsafe_code)]
#[doc(hidden)]
pub static CATCHERS: [Catcher];

/// What the derive's function calls: `(&&CatchProbe::<T>::NEW).catch(link)`
/// finds [`CatchShared`] when `T` is `Send + Sync` (the method takes
/// `&&Self`), and [`CatchLocal`] otherwise (one autoderef later).
#[doc(hidden)]
pub struct CatchProbe<T>(core::marker::PhantomData<fn() -> T>);

impl<T> CatchProbe<T> {
    pub const NEW: Self = Self(core::marker::PhantomData);
}

#[doc(hidden)]
pub trait CatchShared {
    fn catch<'a>(&self, link: ChainLink<'a>) -> Option<Found<'a>>;
}

#[doc(hidden)]
pub trait CatchLocal {
    fn catch<'a>(&self, link: ChainLink<'a>) -> Option<Found<'a>>;
}

fn found<T: CatalogError + 'static>(error: &T) -> Found<'_> {
    Found { error }
}

impl<T: CatalogError + Send + Sync + 'static> CatchShared for &CatchProbe<T> {
    #[inline]
    fn catch<'a>(&self, link: ChainLink<'a>) -> Option<Found<'a>> {
        match link {
            ChainLink::Error(error) => error.downcast_ref::<T>().map(found),
            #[cfg(feature = "anyhow")]
            ChainLink::Anyhow(error) => error.downcast_ref::<T>().map(found),
            #[cfg(feature = "eyre")]
            ChainLink::Eyre(error) => error.downcast_ref::<T>().map(found),
        }
    }
}

impl<T: CatalogError + 'static> CatchLocal for CatchProbe<T> {
    #[inline]
    fn catch<'a>(&self, link: ChainLink<'a>) -> Option<Found<'a>> {
        #[allow(irrefutable_let_patterns)]
        if let ChainLink::Error(error) = link { error.downcast_ref::<T>().map(found) } else { None }
    }
}

fn catch(link: ChainLink<'_>) -> Option<Found<'_>> {
    CATCHERS.iter().find_map(|catcher| catcher(link))
}

/// The first catalog error of `error`'s chain: `error` itself, then its
/// sources in order, each tried as every catalog error type linked into
/// the program (feature `registry`). Allocates nothing.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 3, code = 2, status = 503, message = "The node is unavailable")]
/// pub struct NodeUnavailableError;
///
/// /// An error of the application's own, with a catalog error as its source.
/// #[derive(Debug, thiserror::Error)]
/// #[error("scheduling failed")]
/// struct ScheduleError(#[source] NodeUnavailableError);
///
/// # fn main() {
/// let error = ScheduleError(NodeUnavailableError);
/// assert_eq!(error_catalog::find_in_chain(&error).map(|found| found.code_str()), Some("ERR-03-002"));
/// assert!(error_catalog::find_in_chain(&std::fmt::Error).is_none());
/// # }
/// ```
#[must_use]
pub fn find_in_chain<'a>(error: &'a (dyn Error + 'static)) -> Option<Found<'a>> {
    let mut link = Some(error);
    for _ in 0..MAX_LINKS {
        let error = link?;
        if let Some(found) = catch(ChainLink::Error(error)) {
            return Some(found);
        }
        link = error.source();
    }
    None
}

/// [`find_in_chain`], then what the context layers of an `anyhow::Error`
/// wrap.
#[cfg(feature = "anyhow")]
pub(crate) fn find_in_anyhow(error: &anyhow::Error) -> Option<Found<'_>> {
    let head: &(dyn Error + Send + Sync + 'static) = error.as_ref();
    find_in_chain(head).or_else(|| catch(ChainLink::Anyhow(error)))
}

/// [`find_in_chain`], then what the context layers of an `eyre::Report`
/// wrap.
#[cfg(feature = "eyre")]
pub(crate) fn find_in_eyre(error: &eyre::Report) -> Option<Found<'_>> {
    let head: &(dyn Error + Send + Sync + 'static) = error.as_ref();
    find_in_chain(head).or_else(|| catch(ChainLink::Eyre(error)))
}
