use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", http = false)]
pub enum Catalog {}

// The catalog's codes start at 1: a negative code needs a negative `start`.
#[derive(Debug, CatalogError)]
#[catalog(code = -32601, message = "Method not found")]
pub struct MethodNotFound;

fn main() {}
