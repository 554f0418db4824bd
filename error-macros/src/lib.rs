//! The derives of `error-catalog`. Use them through `error-catalog`, which
//! re-exports them and holds everything the generated code refers to.
//!
//! `lib.rs` only parses and delegates. Each derive has its own directory,
//! in the steps of serde's and thiserror's derives: `ast` reads the input
//! into a model that keeps its syntax, `valid` checks what needs more than
//! one key, `expand` writes the code and `fallback` what stands in for it
//! when the input is wrong. `attr` reads attribute values for both,
//! `message` and `braces` read templates, `bounds` infers where clauses,
//! `out` writes generated code as text.

mod attr;
mod bounds;
mod braces;
mod catalog;
mod error;
mod link;
mod message;
mod out;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `CatalogError`, `Display` and `Error` for a struct or an enum
/// from its `#[catalog(...)]` attributes. Documented in `error-catalog`.
#[proc_macro_derive(CatalogError, attributes(catalog))]
pub fn derive_catalog_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    error::derive(&input).into()
}

/// Implements `ErrorCatalog` for an enum whose variants are the catalog's
/// modules. Documented in `error-catalog`.
#[proc_macro_derive(ErrorCatalog, attributes(catalog, module, retired))]
pub fn derive_error_catalog(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    catalog::derive(&input).into()
}
