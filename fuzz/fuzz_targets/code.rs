//! Any string parsed as a code of a catalog: a typed error or a code that
//! writes back as the same string.
#![no_main]

use error_catalog::{Code, ErrorCatalog};
use libfuzzer_sys::fuzz_target;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "One")]
    One,
}

fuzz_target!(|text: &str| {
    if let Ok(code) = text.parse::<Code<Catalog>>() {
        assert_eq!(code.to_string(), text);
    }
});
