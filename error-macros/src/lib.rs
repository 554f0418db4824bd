//! The derives of `error-catalog`. Use them through `error-catalog`, which
//! re-exports them and holds everything the generated code refers to.
//!
//! `lib.rs` only parses and delegates: `ast` reads the attributes, `valid`
//! checks what needs more than one of them, `expand` writes the code and
//! `fallback` writes what stands in for it when the input is wrong.

mod ast;
mod braces;
mod diagnostic;
mod expand;
mod fallback;
mod format;
mod template;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `CatalogError`, `Display` and `Error` for a struct or an enum
/// from its `#[catalog(...)]` attributes. Documented in `error-catalog`.
#[proc_macro_derive(CatalogError, attributes(catalog))]
pub fn derive_catalog_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive_error(&input).into()
}

/// Implements `ErrorCatalog` for an enum whose variants are the catalog's
/// modules. Documented in `error-catalog`.
#[proc_macro_derive(ErrorCatalog, attributes(catalog, module))]
pub fn derive_catalog(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive_catalog(&input).into()
}
