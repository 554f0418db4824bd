//! What a server answers for a [`Failure`]: the first catalog error of its
//! chain; with none, the application's server error; with none configured,
//! a plain 500 (which an `ErrorLayer` with `Rejections::other` answers
//! again as that catalog error). Whichever answers, the log event of a
//! server error holds the failure's whole chain (the head's `Display`, then
//! its sources), not only the catalog error's: the code says what the
//! client was told, the chain what happened.

use alloc::boxed::Box;
use core::error::Error;
use core::fmt;
use std::sync::Arc;

use crate::model::catalog::{CatalogInfo, ErrorCatalog};
use crate::model::chain::{Erased, Found};
use crate::model::entry::{Detail, Entry};
use crate::model::error::CatalogError;
use crate::model::failure::Failure;

/// The catalog error an application answers when a failure's chain holds
/// none: made anew for each answer.
#[derive(Clone)]
pub(crate) struct ServerError(Arc<dyn Fn() -> Box<dyn Erased> + Send + Sync>);

impl ServerError {
    // Set by the layers of HTTP and gRPC; JSON-RPC and GraphQL have none.
    #[cfg(any(feature = "http", feature = "tonic"))]
    pub(crate) fn new<E, F>(make: F) -> Self
    where
        E: CatalogError + 'static,
        F: Fn() -> E + Send + Sync + 'static,
    {
        Self(Arc::new(move || Box::new(make())))
    }

    pub(crate) fn make(&self) -> Box<dyn Erased> {
        (self.0)()
    }
}

impl fmt::Debug for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerError")
    }
}

/// How a failure is answered.
pub(crate) enum Answered<'a> {
    /// By a catalog error: one of the chain, or the server error.
    Catalog(Answer<'a>),
    /// By nothing of the catalog's: a plain 500, its chain logged.
    Plain,
}

/// The answer of a failure: the first catalog error of its chain, else the
/// server error that `server_error` makes (kept in `made`).
pub(crate) fn answer<'a>(
    failure: &'a Failure,
    server_error: Option<&ServerError>,
    made: &'a mut Option<Box<dyn Erased>>,
) -> Answered<'a> {
    let chain = failure.as_error();
    if let Some(found) = failure.find() {
        return Answered::Catalog(Answer { catalog: found, chain, backtrace: failure.backtrace() });
    }
    match server_error {
        Some(server_error) => {
            let made = made.insert(server_error.make());
            Answered::Catalog(Answer { catalog: Found::new(&**made), chain, backtrace: failure.backtrace() })
        }
        None => Answered::Plain,
    }
}

/// A catalog error answering for a chain: the code, status, message and
/// details of `catalog`, the `Display` and sources of `chain` (what the log
/// of a server error writes).
pub(crate) struct Answer<'a> {
    catalog: Found<'a>,
    chain: &'a (dyn Error + 'static),
    /// The failure's backtrace, for the log event of a server error.
    backtrace: Option<&'a std::backtrace::Backtrace>,
}

impl fmt::Display for Answer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.chain, f)
    }
}

impl fmt::Debug for Answer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.chain, f)
    }
}

impl Error for Answer<'_> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.chain.source()
    }
}

/// The catalog of an [`Answer`], which answers for errors of any catalog:
/// only its entry's own catalog is ever read.
pub(crate) struct AnyCatalog;

impl ErrorCatalog for AnyCatalog {
    const INFO: &'static CatalogInfo = &CatalogInfo::STAND_IN;
}

impl CatalogError for Answer<'_> {
    type Catalog = AnyCatalog;

    fn entry(&self) -> &'static Entry {
        self.catalog.entry()
    }

    fn entries() -> &'static [&'static Entry] {
        &[]
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.catalog.write_message(f)
    }

    fn visit_details<'b>(&'b self, visit: &mut dyn FnMut(Detail<'b>)) {
        self.catalog.visit_details(&mut |detail| visit(detail));
    }

    fn __backtrace(&self) -> Option<&std::backtrace::Backtrace> {
        self.backtrace
    }
}

/// The log event of a failure answered with a plain 500: its whole chain.
pub(crate) fn log_plain(failure: &Failure, request_id: Option<&str>, grpc: Option<crate::model::grpc_code::GrpcCode>) {
    crate::serve::server::log_chain(failure.as_error(), failure.backtrace(), request_id, grpc);
}
