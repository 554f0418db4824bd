//! Feature `link-check`: duplicates across crates refused when the program
//! links.
//!
//! Each code of a catalog becomes a symbol, `#[used]` and exported under a
//! name that identifies the catalog and the code; two crates defining the
//! same code of the same catalog then define the same symbol, and the
//! linker refuses the program that links both (`duplicate symbol`).
//!
//! Only the catalog's derive knows who the catalog is (its crate, version
//! and declaration), and only the error's derive knows the code, so the
//! catalog hands its identity over as a macro: `#[derive(ErrorCatalog)]`
//! writes a `#[macro_export]` `macro_rules!` under a name unique to the
//! declaration, re-exported beside the enum under the enum's own name (a
//! macro lives in its own namespace), and the error's derive calls it at
//! the path it names the catalog by: `crate::Catalog!(link_check, "key")`,
//! `shared::Catalog!(...)` from another crate. A catalog that says
//! `link_check = false` expands the call to nothing.

use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

/// The characters a symbol keeps as they are; every other byte is `$XX`.
fn plain(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-')
}

/// `text` in characters every target's linker takes: letters, digits,
/// `_`, `.` and `-` as they are, any other byte as `$` and two hex digits.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if plain(byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "${byte:02X}");
        }
    }
    out
}

/// Where the catalog is declared, as unique in its crate as the compiler
/// lets a derive know: the file, line and column of its name, and the
/// declaration's text (for builds that give no file).
fn place(ident: &Ident, declaration: &str) -> u64 {
    let at = if proc_macro::is_available() {
        let span = ident.span().unwrap();
        format!("{}:{}:{}:{declaration}", span.file(), span.line(), span.column())
    } else {
        declaration.to_owned()
    };
    // The high half of the hash the uniqueness check of text codes uses.
    (crate::attr::fnv1a_128(at.as_bytes()) >> 64) as u64
}

/// What `#[derive(ErrorCatalog)]` adds: the catalog's macro. `checked`:
/// whether the catalog takes part (`link_check = false` says not, and a
/// catalog whose declaration failed writes no symbol).
pub fn catalog_macro(ident: &Ident, declaration: &str, checked: bool) -> TokenStream {
    let place = place(ident, declaration);
    let unique = format_ident!("__error_catalog_{}_{:016x}", ident, place, span = Span::call_site());
    let body = if checked {
        let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
        let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
        let prefix = format!(
            "error_catalog${}${}${}${:08x}$",
            escape(&package),
            escape(&version),
            escape(&ident.to_string()),
            place >> 32
        );
        let prefix = Literal::string(&prefix);
        quote! {
            const _: () = {
                #[allow(unsafe_code)]
                #[unsafe(export_name = ::core::concat!(#prefix, $key))]
                #[used]
                static __ERROR_CATALOG_CODE: u8 = 0;
            };
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #[doc(hidden)]
        // A catalog declared in a function has its macro there too: the
        // errors of that function reach it by the enum's name.
        #[allow(non_local_definitions)]
        #[macro_export]
        macro_rules! #unique {
            (link_check, $key:literal) => { #body };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        pub use #unique as #ident;
    }
}

/// The key of a code in its catalog, as the derive's own uniqueness check
/// reads it: `m1c4` (module 1, code 4), `c-32601` (a flat code), `t` and
/// the text (a text code).
pub fn key(module: Option<i64>, number: Option<i64>, text: Option<&str>) -> String {
    match (text, module, number) {
        (Some(text), ..) => format!("t{}", escape(text)),
        (None, Some(module), Some(number)) => format!("m{module}c{number}"),
        (None, _, number) => format!("c{}", number.unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, key};

    #[test]
    fn symbols_keep_plain_characters_and_escape_the_others() {
        assert_eq!(escape("ERR-01-004"), "ERR-01-004");
        assert_eq!(escape("0.1.0+build"), "0.1.0$2Bbuild");
        assert_eq!(escape("a$b é"), "a$24b$20$C3$A9");
    }

    #[test]
    fn keys_name_the_code_as_the_uniqueness_check_does() {
        assert_eq!(key(Some(1), Some(4), None), "m1c4");
        assert_eq!(key(None, Some(-32601), None), "c-32601");
        assert_eq!(key(None, None, Some("card_declined")), "tcard_declined");
    }
}
