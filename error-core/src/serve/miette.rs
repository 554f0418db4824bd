//! miette (feature `miette`): every catalog error is a
//! [`miette::Diagnostic`], so a command-line program that reports errors
//! with miette shows the catalog's facts beside the message:
//!
//! | `Diagnostic` | from the catalog |
//! |---|---|
//! | `code()` | the code, `ERR-01-004` |
//! | `url()` | the code's documentation page: the catalog's `link_template`, else the code's first `link(url = ...)`; none without either |
//! | `help()` | the code's suggestions, one per line; none without any |
//! | `severity()` | `error` → `Error`, `warning` → `Warning`, `info` and `success` → `Advice`; miette's default (`Error`) when the code states none |
//!
//! `CatalogError::code` and `Diagnostic::code` share their name: with both
//! traits imported, call `Diagnostic::code(&error)`.
//!
//! The derive writes the impl (only the four methods above; labels and
//! source code are a parser's, which a catalog error is not). Nothing is
//! allocated but the small box each method returns: the code, the URL and
//! the suggestions are written from the entry's static text when miette
//! displays them.
//!
//! ```
//! # use error_catalog::{CatalogError, ErrorCatalog};
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "ERR-{module:02}-{code:03}", link_template = "https://docs.example.com/errors/{code}")]
//! pub enum Catalog {
//!     #[module(1, name = "CVM API / Preflight")]
//!     Preflight,
//! }
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 1, code = 4, status = 409, severity = "warning",
//!           message = "A CVM with name '{name}' already exists",
//!           suggestion = "Choose another name", suggestion = "Or delete the existing CVM")]
//! pub struct DuplicateCvmNameError {
//!     #[catalog(detail)]
//!     pub name: String,
//! }
//!
//! # fn main() {
//! use miette::Diagnostic;
//!
//! let error = DuplicateCvmNameError { name: "web-1".into() };
//! // `CatalogError` has a `code()` too: with both traits in scope, say which.
//! assert_eq!(Diagnostic::code(&error).unwrap().to_string(), "ERR-01-004");
//! assert_eq!(error.url().unwrap().to_string(), "https://docs.example.com/errors/ERR-01-004");
//! assert_eq!(error.help().unwrap().to_string(), "Choose another name\nOr delete the existing CVM");
//! assert_eq!(error.severity(), Some(miette::Severity::Warning));
//! # }
//! ```

use alloc::boxed::Box;
use core::fmt;

use crate::model::entry::Severity;
use crate::model::error::CatalogError;

/// What `Diagnostic::code` returns: the code.
#[doc(hidden)]
pub fn code<'a, E: CatalogError + ?Sized>(error: &'a E) -> Option<Box<dyn fmt::Display + 'a>> {
    Some(Box::new(error.entry().code()))
}

/// What `Diagnostic::url` returns: the code's documentation URL,
/// [`Entry::doc_url`](crate::Entry::doc_url).
#[doc(hidden)]
pub fn url<'a, E: CatalogError + ?Sized>(error: &'a E) -> Option<Box<dyn fmt::Display + 'a>> {
    error.entry().doc_url().map(|url| Box::new(url) as Box<dyn fmt::Display>)
}

/// What `Diagnostic::help` returns: the suggestions, one per line.
#[doc(hidden)]
pub fn help<'a, E: CatalogError + ?Sized>(error: &'a E) -> Option<Box<dyn fmt::Display + 'a>> {
    let suggestions = error.entry().suggestions();
    if suggestions.is_empty() {
        return None;
    }
    Some(Box::new(Lines(suggestions)))
}

/// What `Diagnostic::severity` returns: miette's nearest level.
#[doc(hidden)]
#[must_use]
pub fn severity<E: CatalogError + ?Sized>(error: &E) -> Option<miette::Severity> {
    error.entry().severity().map(|severity| match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info | Severity::Success => miette::Severity::Advice,
    })
}

/// Lines joined by `\n`.
struct Lines(&'static [&'static str]);

impl fmt::Display for Lines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, line) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            f.write_str(line)?;
        }
        Ok(())
    }
}
