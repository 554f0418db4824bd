//! GraphQL with async-graphql: every catalog error is an
//! `async_graphql::Error` whose `extensions` carry its code, as GraphQL
//! clients read it (`errors[0].extensions.code`, Apollo's convention).
//!
//! The derive implements async-graphql's `ErrorExtensions` for each catalog
//! error type when this feature is on, so a resolver answers
//! `Err(error.extend())`, or `result.extend()?` with
//! `async_graphql::ResultExt`. (A bare `?` takes async-graphql's own
//! conversion of any `Display` type instead: the message without
//! extensions.) The error holds:
//!
//! - `message`: the public message, the one an HTTP body carries;
//! - `extensions.code`: the catalog code (`ERR-01-004`);
//! - `extensions.details`: each detail field → its value (within
//!   [`DetailLimits::DEFAULT`](crate::body::DetailLimits::DEFAULT), `null`
//!   past it), when the error has details.
//!
//! Nothing else: not `Debug`, not the other fields, not the sources, not
//! the internal `Display` of a `display = false` type. A server error
//! (HTTP status 5xx) logs those to `tracing`, as the HTTP integrations do.
//!
//! ```
//! # use error_catalog::{CatalogError, ErrorCatalog};
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "ERR-{module:02}-{code:03}")]
//! pub enum Catalog { #[module(1, name = "Preflight")] Preflight }
//!
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
//! pub struct DuplicateCvmNameError {
//!     #[catalog(detail)]
//!     pub name: String,
//!     pub owner_email: String, // never in the error
//! }
//!
//! # fn main() {
//! use async_graphql::ErrorExtensions as _;
//!
//! let error = DuplicateCvmNameError { name: "web".into(), owner_email: "ops@example.com".into() };
//! let graphql = error.extend();
//! assert_eq!(graphql.message, "A CVM with name 'web' already exists");
//! assert_eq!(
//!     serde_json::to_value(&graphql).unwrap(),
//!     serde_json::json!({"message": "A CVM with name 'web' already exists",
//!                        "extensions": {"code": "ERR-01-004", "details": {"name": "web"}}})
//! );
//! # }
//! ```

use async_graphql::{Error, ErrorExtensionValues, Value};

use crate::model::error::CatalogError;
use crate::wire::detail_map::detail_map;

/// The GraphQL error of `error`: what the derived
/// `ErrorExtensions::extend` returns. Never fails (see the
/// [module documentation](self)).
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 3, code = 1, status = 404, message = "The requested CVM was not found")]
/// pub struct CvmNotFoundError;
///
/// # fn main() {
/// let error = error_catalog::async_graphql::error(&CvmNotFoundError);
/// assert_eq!(error.message, "The requested CVM was not found");
/// let extensions = error.extensions.unwrap();
/// assert_eq!(extensions.get("code"), Some(&async_graphql::Value::from("ERR-03-001")));
/// assert_eq!(extensions.get("details"), None);
/// # }
/// ```
pub fn error<E: CatalogError + ?Sized>(error: &E) -> Error {
    let entry = error.entry();
    if entry.status() >= 500 {
        crate::serve::server::log_server_error(error, None, None);
    }
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", entry.code());
    if !entry.details().is_empty() {
        let details = Value::from_json(serde_json::Value::Object(detail_map(error))).unwrap_or(Value::Null);
        extensions.set("details", details);
    }
    Error { message: error.message().into_owned(), source: None, extensions: Some(extensions) }
}

/// A failure is the GraphQL error of the first catalog error of its chain;
/// with none, the message `Internal error` and no extensions. The log
/// event of a server error holds the failure's whole chain.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(3, name = "CVM Operations")] Ops }
/// use async_graphql::ErrorExtensions as _;
/// use error_catalog::Failure;
///
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 3, code = 1, status = 404, message = "The requested CVM was not found")]
/// pub struct CvmNotFoundError;
///
/// fn find(id: &str) -> Result<String, Failure> {
///     let _: u32 = id.parse().map_err(|_| CvmNotFoundError)?;
///     let _: std::fs::File = std::fs::File::open("/no/such/file")?; // not a catalog error
///     Ok(id.into())
/// }
///
/// # fn main() {
/// let error = find("web").unwrap_err().extend();
/// assert_eq!(error.extensions.unwrap().get("code"), Some(&async_graphql::Value::from("ERR-03-001")));
/// let error = find("7").unwrap_err().extend();
/// assert_eq!((error.message.as_str(), error.extensions), ("Internal error", None));
/// # }
/// ```
#[cfg(feature = "registry")]
impl async_graphql::ErrorExtensions for crate::Failure {
    fn extend(&self) -> Error {
        use crate::serve::failure::{Answered, answer, log_plain};

        let mut made = None;
        match answer(self, None, &mut made) {
            Answered::Catalog(answer) => error(&answer),
            Answered::Plain => {
                log_plain(self, None, None);
                Error::new("Internal error")
            }
        }
    }
}
