//! The catalog as documents: the published error code page in Markdown
//! (and MDX), a page per code (Markdown, MDX, and the HTML error index of
//! feature `html`), a serializable document with a versioned schema (JSON through
//! `serde_json`, or any serde format), a page of the user's own through a
//! template (feature `templates`), and client modules in TypeScript and
//! Python.
//!
//! Every renderer takes the catalog's declaration and its modules' entries,
//! as [`registry::modules_of`](crate::registry::modules_of) returns them:
//! the declared modules in order, then the codes without a module under
//! [`ModuleInfo::UNGROUPED`](crate::ModuleInfo::UNGROUPED).

mod document;
mod facts;
mod markdown;
mod pages;
pub mod python;
#[cfg(feature = "serde_json")]
mod read;
#[cfg(feature = "html")]
mod site;
#[cfg(feature = "templates")]
mod templates;
pub mod typescript;

pub use document::{Document, SCHEMA};
pub use markdown::markdown;
#[cfg(feature = "std")]
pub use pages::write_pages;
pub use pages::{Flavor, Page, page_path, pages};
#[cfg(feature = "serde_json")]
pub use read::{LoadError, Loaded, MAX_DOCUMENT_LEN};
#[cfg(feature = "html")]
pub use site::site;
#[cfg(feature = "templates")]
pub use templates::{TemplateError, template};
