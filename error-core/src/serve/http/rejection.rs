//! The requests a framework answers before the application sees them (an
//! unknown route, a wrong method, a body or parameter its extractors
//! refuse), and the catalog errors an application names for them, once per
//! class.

use std::fmt;
use std::sync::Arc;

use super::{RequestContext, ResponseParts, respond_in};
use crate::model::error::CatalogError;

/// Why a framework refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectionKind {
    /// No route has this path (404).
    NotFound,
    /// A route has this path, but not this method (405).
    MethodNotAllowed,
    /// The body is not JSON.
    JsonSyntax,
    /// The body is JSON of the wrong shape: a missing field, a wrong type.
    JsonData,
    /// The request does not say its body is JSON (a missing body included).
    JsonContentType,
    /// The body is longer than the application accepts.
    BodyTooLarge,
    /// The body could not be read.
    Body,
    /// A path parameter does not parse (invalid UTF-8 included).
    Path,
    /// The query string does not parse.
    Query,
    /// Any other error answer of the framework, or of a handler, that is not
    /// JSON: an empty or text body with a 4xx or 5xx status.
    Other,
}

impl RejectionKind {
    /// The class of [`Rejections`] that answers it first.
    const fn class(self) -> Class {
        match self {
            Self::NotFound => Class::NotFound,
            Self::MethodNotAllowed => Class::MethodNotAllowed,
            Self::JsonSyntax | Self::JsonData | Self::JsonContentType | Self::Body => Class::Json,
            Self::BodyTooLarge => Class::BodyTooLarge,
            Self::Path => Class::Path,
            Self::Query => Class::Query,
            Self::Other => Class::Other,
        }
    }
}

/// A request a framework refused: why, and the status the framework would
/// have answered. What the framework said in words stays out: it may quote
/// the request back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejection {
    kind: RejectionKind,
    status: u16,
}

impl Rejection {
    /// A rejection of `kind` that the framework answers with `status`.
    #[must_use]
    pub const fn new(kind: RejectionKind, status: u16) -> Self {
        Self { kind, status }
    }

    /// Why the request was refused.
    #[must_use]
    pub const fn kind(&self) -> RejectionKind {
        self.kind
    }

    /// The status the framework answers without a catalog error.
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.status
    }

    /// The rejection of an error answer that is not JSON, by its status:
    /// 404 [`NotFound`](RejectionKind::NotFound), 405
    /// [`MethodNotAllowed`](RejectionKind::MethodNotAllowed), 413
    /// [`BodyTooLarge`](RejectionKind::BodyTooLarge), any other
    /// [`Other`](RejectionKind::Other).
    #[must_use]
    pub const fn of_status(status: u16) -> Self {
        let kind = match status {
            404 => RejectionKind::NotFound,
            405 => RejectionKind::MethodNotAllowed,
            413 => RejectionKind::BodyTooLarge,
            _ => RejectionKind::Other,
        };
        Self { kind, status }
    }
}

#[derive(Clone, Copy)]
enum Class {
    NotFound,
    MethodNotAllowed,
    Json,
    BodyTooLarge,
    Path,
    Query,
    Other,
}

type Answer = Arc<dyn Fn(&Rejection, Option<&RequestContext>) -> ResponseParts + Send + Sync>;

/// The catalog error of each class of rejection, named once per
/// application; from then on the framework's own answers are catalog
/// bodies, in the application's format, with the request's id.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(1, name = "Requests")] Requests }
/// use error_catalog::http::{ErrorResponses, Rejection, Rejections};
///
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 1, status = 404, message = "No such resource")]
/// pub struct RouteNotFoundError;
///
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 2, status = 400, message = "The request contains invalid parameters")]
/// pub struct InvalidRequestError {
///     #[catalog(detail)]
///     pub part: &'static str,
/// }
///
/// impl InvalidRequestError {
///     fn from_rejection(rejection: &Rejection) -> Self {
///         use error_catalog::http::RejectionKind::{Path, Query};
///         let part = match rejection.kind() { Path => "path", Query => "query", _ => "body" };
///         Self { part }
///     }
/// }
///
/// # fn main() {
/// let responses = ErrorResponses::new().with_rejections(
///     Rejections::new()
///         .json(InvalidRequestError::from_rejection)
///         .path(InvalidRequestError::from_rejection)
///         .query(InvalidRequestError::from_rejection)
///         .not_found(|_: &Rejection| RouteNotFoundError),
/// );
/// assert!(!responses.rejections().is_empty());
/// # }
/// ```
///
/// A class without an error of its own falls back: a body too large to the
/// JSON error, then every class to [`other`](Self::other); a rejection of a
/// class without any error keeps the framework's answer. The statuses are
/// the catalog's: an application that maps a 413 to a 400 error answers 400.
#[derive(Clone, Default)]
pub struct Rejections {
    not_found: Option<Answer>,
    method_not_allowed: Option<Answer>,
    json: Option<Answer>,
    body_too_large: Option<Answer>,
    path: Option<Answer>,
    query: Option<Answer>,
    other: Option<Answer>,
}

fn answer<E, F>(error: F) -> Answer
where
    E: CatalogError,
    F: Fn(&Rejection) -> E + Send + Sync + 'static,
{
    Arc::new(move |rejection, context| respond_in(&error(rejection), context))
}

impl Rejections {
    /// No catalog error for any rejection: the framework's answers stay.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The error of a path that no route has (404).
    #[must_use]
    pub fn not_found<E: CatalogError, F: Fn(&Rejection) -> E + Send + Sync + 'static>(mut self, error: F) -> Self {
        self.not_found = Some(answer(error));
        self
    }

    /// The error of a method that the path's route does not have (405).
    #[must_use]
    pub fn method_not_allowed<E: CatalogError, F: Fn(&Rejection) -> E + Send + Sync + 'static>(
        mut self,
        error: F,
    ) -> Self {
        self.method_not_allowed = Some(answer(error));
        self
    }

    /// The error of a JSON body that the JSON extractor refuses: not JSON,
    /// the wrong shape, missing (or not said to be JSON), unreadable, and
    /// too large unless [`body_too_large`](Self::body_too_large) says.
    #[must_use]
    pub fn json<E: CatalogError, F: Fn(&Rejection) -> E + Send + Sync + 'static>(mut self, error: F) -> Self {
        self.json = Some(answer(error));
        self
    }

    /// The error of a body longer than the application accepts.
    #[must_use]
    pub fn body_too_large<E: CatalogError, F: Fn(&Rejection) -> E + Send + Sync + 'static>(mut self, error: F) -> Self {
        self.body_too_large = Some(answer(error));
        self
    }

    /// The error of path parameters that do not parse.
    #[must_use]
    pub fn path<E: CatalogError, F: Fn(&Rejection) -> E + Send + Sync + 'static>(mut self, error: F) -> Self {
        self.path = Some(answer(error));
        self
    }

    /// The error of a query string that does not parse.
    #[must_use]
    pub fn query<E: CatalogError, F: Fn(&Rejection) -> E + Send + Sync + 'static>(mut self, error: F) -> Self {
        self.query = Some(answer(error));
        self
    }

    /// The error of every other error answer that is not JSON, and of the
    /// classes that name none.
    #[must_use]
    pub fn other<E: CatalogError, F: Fn(&Rejection) -> E + Send + Sync + 'static>(mut self, error: F) -> Self {
        self.other = Some(answer(error));
        self
    }

    /// Whether no class has an error: the integrations then leave every
    /// answer as it is, at no cost.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        [
            &self.not_found,
            &self.method_not_allowed,
            &self.json,
            &self.body_too_large,
            &self.path,
            &self.query,
            &self.other,
        ]
        .iter()
        .all(|answer| answer.is_none())
    }

    fn of(&self, class: Class) -> Option<&Answer> {
        match class {
            Class::NotFound => self.not_found.as_ref(),
            Class::MethodNotAllowed => self.method_not_allowed.as_ref(),
            Class::Json => self.json.as_ref(),
            Class::BodyTooLarge => self.body_too_large.as_ref().or(self.json.as_ref()),
            Class::Path => self.path.as_ref(),
            Class::Query => self.query.as_ref(),
            Class::Other => None,
        }
        .or(self.other.as_ref())
    }

    /// The response of the catalog error named for `rejection`'s class.
    pub(crate) fn answer(&self, rejection: Rejection, context: Option<&RequestContext>) -> Option<ResponseParts> {
        self.of(rejection.kind.class()).map(|answer| answer(&rejection, context))
    }
}

impl fmt::Debug for Rejections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let named = |answer: &Option<Answer>| answer.is_some();
        f.debug_struct("Rejections")
            .field("not_found", &named(&self.not_found))
            .field("method_not_allowed", &named(&self.method_not_allowed))
            .field("json", &named(&self.json))
            .field("body_too_large", &named(&self.body_too_large))
            .field("path", &named(&self.path))
            .field("query", &named(&self.query))
            .field("other", &named(&self.other))
            .finish()
    }
}
