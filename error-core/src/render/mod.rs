//! The catalog as documents: the published error code page in Markdown
//! (and MDX), a serializable document with a versioned schema (JSON through
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
pub mod python;
#[cfg(feature = "templates")]
mod templates;
pub mod typescript;

pub use document::{Document, SCHEMA};
pub use markdown::markdown;
#[cfg(feature = "templates")]
pub use templates::{TemplateError, template};
