use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", http = false)]
pub enum Catalog {}

// A flat code has no module: `E0308` is `code = 308` alone.
#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 308, message = "mismatched types")]
pub struct MismatchedTypes;

fn main() {}
