//! JSON-RPC 2.0 with jsonrpsee: every catalog error is a jsonrpsee
//! `ErrorObjectOwned` (the derive writes `From<E> for ErrorObjectOwned`
//! when this feature is on), so a method of a jsonrpsee server returns
//! `Result<T, E>` with a catalog error `E`, and
//! [`RemoteError::from_error_object`](crate::client::RemoteError::from_error_object)
//! reads the error a jsonrpsee client reports back.
//!
//! The error object of an error holds:
//!
//! - `code`: the entry's [`number`](crate::Entry::number) (`-32601` in a
//!   catalog of JSON-RPC codes, 4 in `ERR-01-004`), or
//!   [`SERVER_ERROR_CODE`] when the catalog's codes are text or the number
//!   is not an `i32`;
//! - `message`: the public message, the one an HTTP body carries;
//! - `data`: `error_code`, the catalog code; `status`, the HTTP status, when
//!   the catalog has statuses; `details`, each detail field → its value
//!   (within [`DetailLimits::DEFAULT`](crate::body::DetailLimits::DEFAULT),
//!   `null` past it), when the error has details.
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
//!     pub owner_email: String, // never in the object
//! }
//!
//! # fn main() {
//! let error = DuplicateCvmNameError { name: "web".into(), owner_email: "ops@example.com".into() };
//! let object = jsonrpsee_types::ErrorObjectOwned::from(error);
//! assert_eq!(object.code(), 4);
//! assert_eq!(object.message(), "A CVM with name 'web' already exists");
//! assert_eq!(
//!     object.data().unwrap().get(),
//!     r#"{"details":{"name":"web"},"error_code":"ERR-01-004","status":409}"#
//! );
//! # }
//! ```

use jsonrpsee_types::ErrorObjectOwned;

use crate::model::error::CatalogError;
use crate::wire::jsonrpc;

pub use crate::wire::jsonrpc::SERVER_ERROR_CODE;

/// The error object of `error`: what the derived
/// `From<E> for ErrorObjectOwned` returns. Never fails (see the
/// [module documentation](self)).
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "{code}", start = -32768, http = false)]
/// # pub enum Catalog { #[module(range(-32768, -32000), name = "JSON-RPC")] Rpc }
/// #[derive(Debug, CatalogError)]
/// #[catalog(code = -32601, message = "Method not found")]
/// pub struct MethodNotFound;
///
/// # fn main() {
/// let object = error_catalog::jsonrpsee::error_object(&MethodNotFound);
/// assert_eq!((object.code(), object.message()), (-32601, "Method not found"));
/// assert_eq!(object.data().unwrap().get(), r#"{"error_code":"-32601"}"#);
/// # }
/// ```
pub fn error_object<E: CatalogError + ?Sized>(error: &E) -> ErrorObjectOwned {
    let entry = error.entry();
    if entry.status() >= 500 {
        crate::serve::server::log_server_error(error, None, None);
    }
    ErrorObjectOwned::owned(jsonrpc::code(entry), error.message(), Some(jsonrpc::data(error)))
}

/// A failure is the error object of the first catalog error of its chain;
/// with none, `-32603` (JSON-RPC's internal error) with the message
/// `Internal error` and no data. The log event of a server error holds the
/// failure's whole chain. So a method returns `Result<T, Failure>`, and `?`
/// takes any error.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "{code}", start = -32768, http = false)]
/// # pub enum Catalog { #[module(range(-32768, -32000), name = "JSON-RPC")] Rpc }
/// use error_catalog::Failure;
/// use jsonrpsee_types::ErrorObjectOwned;
///
/// #[derive(Debug, CatalogError)]
/// #[catalog(code = -32602, message = "Invalid params")]
/// pub struct InvalidParams;
///
/// fn open(uri: &str) -> Result<String, Failure> {
///     let _: u32 = uri.parse().map_err(|_| InvalidParams)?;
///     let _: std::fs::File = std::fs::File::open("/no/such/file")?; // not a catalog error
///     Ok(uri.into())
/// }
///
/// # fn main() {
/// let object = ErrorObjectOwned::from(open("x").unwrap_err());
/// assert_eq!((object.code(), object.message()), (-32602, "Invalid params"));
/// let object = ErrorObjectOwned::from(open("7").unwrap_err());
/// assert_eq!((object.code(), object.message()), (-32603, "Internal error"));
/// assert!(object.data().is_none());
/// # }
/// ```
#[cfg(feature = "registry")]
impl From<crate::Failure> for ErrorObjectOwned {
    fn from(failure: crate::Failure) -> Self {
        use crate::serve::failure::{Answered, answer, log_plain};

        let mut made = None;
        match answer(&failure, None, &mut made) {
            Answered::Catalog(answer) => error_object(&answer),
            Answered::Plain => {
                log_plain(&failure, None, None);
                ErrorObjectOwned::owned(INTERNAL_ERROR_CODE, "Internal error", None::<()>)
            }
        }
    }
}

/// JSON-RPC 2.0's internal error.
#[cfg(feature = "registry")]
const INTERNAL_ERROR_CODE: i32 = -32603;
